import { Show, createSignal } from 'solid-js'
import type { SectionsModel } from '../sections/model'
import { hrefFor } from '../router'
import { tDocs } from '../i18n/documents'
import { copyText } from '../components/copyText'
import { DecisionList } from '../sections/DecisionList'
import { LineAdder } from '../sections/LineAdder'
import { LINE_MAX } from '../../plan/limits'
import './documents.css'

/** The address of one meeting of a plan: opening it lands in meeting mode (members only: it carries no key). */
export function meetingLink(planId: string, meetingId: string): string {
  return `${location.origin}/${hrefFor({ name: 'plan', planId, meetingId })}`
}

/** "Link naar dit overleg": the IB puts it in the invitation. */
export function MeetingLink(props: { planId: string; meetingId: string }) {
  const [status, setStatus] = createSignal<{ ok: boolean } | null>(null)
  const link = () => meetingLink(props.planId, props.meetingId)
  return (
    <div class="doc-meeting-link">
      <label class="field__label" for="meeting-link">
        {tDocs('docs.meetingLink')}
      </label>
      <p class="field__hint" id="meeting-link-hint">
        {tDocs('docs.meetingLinkHint')}
      </p>
      <div class="doc-meeting-link__row">
        <input
          autocomplete="off"
          id="meeting-link"
          class="input input--mono"
          readonly
          value={link()}
          aria-describedby="meeting-link-hint"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="button button--secondary" onClick={async () => setStatus({ ok: await copyText(link()) })}>
          {tDocs('docs.meetingLinkCopy')}
        </button>
      </div>
      <p role="status" class="doc-status" classList={{ field__error: status()?.ok === false }}>
        {status() ? (status()!.ok ? tDocs('docs.meetingLinkCopied') : tDocs('docs.copyFailed')) : ''}
      </p>
    </div>
  )
}

/** The decisions and advice of one meeting: what the onderbouwing carries to the gemeente. */
export function MeetingDecisions(props: { model: SectionsModel; meetingId: string }) {
  const m = props.model
  const decisions = () => m.meeting(props.meetingId)?.decisions ?? []
  return (
    <section class="card doc-decisions" aria-labelledby="meeting-decisions-title">
      <h3 id="meeting-decisions-title" class="card__title">
        {tDocs('docs.decisionsTitle')}
      </h3>
      <Show when={decisions().length > 0} fallback={<p class="muted">{tDocs('docs.decisionsEmpty')}</p>}>
        <DecisionList
          model={m}
          meetingId={props.meetingId}
          decisions={decisions()}
          class="doc-decisions__list"
          removeLabel={(text) => tDocs('docs.decisionRemove', { text })}
        />
      </Show>
      <Show when={m.canEdit()}>
        <LineAdder
          id="meeting-decision"
          maxLength={LINE_MAX}
          label={tDocs('docs.decisionNew')}
          field="decision"
          submitLabel={tDocs('docs.decisionAdd')}
          // the model says an empty or too long decision on its field
          add={(text) => m.meetings.addDecision(props.meetingId, text, m.me)}
        />
      </Show>
    </section>
  )
}

/**
 * A meeting address whose meeting is not in the plan: said once this device is in sync (before
 * that, the meeting may simply not have arrived yet).
 */
export function MeetingMissing(props: { model: SectionsModel; planId: string; meetingId: string }) {
  const m = props.model
  return (
    <Show when={!m.meeting(props.meetingId) && m.status().state === 'synced'}>
      <div class="notice notice--warning" role="status">
        <p>{tDocs('docs.meetingNotFound')}</p>
        <p>
          <a href={hrefFor({ name: 'plan', planId: props.planId })}>{tDocs('docs.backToPlan')}</a>
        </p>
      </div>
    </Show>
  )
}
