/**
 * The parts of meeting mode beside the notes: who chairs and who writes, a quiet timer per item,
 * the afspraken of last time with their state, the needs that came from this meeting, the
 * decisions taken inside an item, and the small form that turns a line into a factor, a need or an
 * observation. MeetingView puts them together; each reads and writes only through the plan's
 * accessors in the model.
 */
import { For, Show, createEffect, createSignal, onCleanup } from 'solid-js'
import {
  FACTOR_DOMAINS,
  FACTOR_KINDS,
  NEED_HOLDERS,
  OBSERVATION_CONTEXTS,
  createNeedLines,
  previousActions,
  type FactorDomain,
  type FactorKind,
  type LineTarget,
  type NeedHolder,
  type ObservationContext,
} from '../../plan'
import { LINE_MAX } from '../../plan/limits'
import { SelectField, TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { tMeeting } from '../i18n/meeting'
import { formatPlanDate, todayIso, tPlan } from '../i18n/plan'
import { createFormErrors } from './formErrors'
import { DecisionList } from './DecisionList'
import { LineAdder } from './LineAdder'
import { MemberSelect } from './fields'
import type { SectionsModel } from './model'

/** Chair and note-taker, named members; only someone who edits the meeting changes them. */
export function MeetingRoles(props: { model: SectionsModel; meetingId: string }) {
  const m = props.model
  const mt = () => m.meeting(props.meetingId)
  return (
    <section class="card sp-meeting__roles" aria-labelledby="meeting-roles-title">
      <h3 id="meeting-roles-title" class="card__title">
        {tMeeting('meeting.roles')}
      </h3>
      <div class="sp-meeting__role-fields">
        <div class="field">
          <label class="field__label" for="meeting-chair">
            {tMeeting('meeting.chair')}
          </label>
          <MemberSelect
            model={m}
            id="meeting-chair"
            value={mt()?.chair ?? ''}
            disabled={!m.canEdit()}
            emptyLabel={tMeeting('meeting.nobody')}
            onChange={(key) => m.meetings.update(props.meetingId, { chair: key })}
          />
        </div>
        <div class="field">
          <label class="field__label" for="meeting-note-taker">
            {tMeeting('meeting.noteTaker')}
          </label>
          <MemberSelect
            model={m}
            id="meeting-note-taker"
            value={mt()?.noteTaker ?? ''}
            disabled={!m.canEdit()}
            emptyLabel={tMeeting('meeting.nobody')}
            onChange={(key) => m.meetings.update(props.meetingId, { noteTaker: key })}
          />
        </div>
      </div>
    </section>
  )
}

const MINUTE_MS = 60_000

/**
 * A quiet timer for an item's time box: a bar that fills, no sound. The time left is read by a
 * screen reader only when asked (it is text, not live); "time is up" is said once, politely.
 * The timer is this device's only: starting it says nothing to the others.
 */
export function QuietTimer(props: { minutes: number; item: string; slug: string }) {
  const [startedAt, setStartedAt] = createSignal<number | null>(null)
  const [now, setNow] = createSignal(Date.now())
  // ticks only while it runs: nine items of a meeting need no nine clocks
  createEffect(() => {
    if (startedAt() === null) return
    const timer = setInterval(() => setNow(Date.now()), 5_000)
    onCleanup(() => clearInterval(timer))
  })
  const total = () => props.minutes * MINUTE_MS
  const used = () => (startedAt() === null ? 0 : Math.min(total(), now() - startedAt()!))
  const up = () => startedAt() !== null && used() >= total()
  const left = () => Math.max(0, Math.ceil((total() - used()) / MINUTE_MS))
  return (
    <div class="sp-timer" classList={{ 'sp-timer--up': up() }}>
      <span class="sp-timer__box">{tMeeting('meeting.timeBox', { min: props.minutes })}</span>
      <Show when={startedAt() !== null}>
        <span class="sp-timer__bar" aria-hidden="true">
          <span class="sp-timer__fill" style={{ width: `${Math.round((used() / total()) * 100)}%` }} />
        </span>
        <span class="sp-timer__left">{tMeeting('meeting.timerLeft', { min: left() })}</span>
      </Show>
      <button
        type="button"
        class="button button--secondary button--small"
        id={`${props.slug}-timer`}
        onClick={() => {
          setNow(Date.now())
          setStartedAt(startedAt() === null ? Date.now() : null)
        }}
      >
        {startedAt() === null ? tMeeting('meeting.timerStart') : tMeeting('meeting.timerStop')}
      </button>
      {/* the text changes once, from nothing to "time is up", so it is said once; it stays until the timer stops */}
      <p class="visually-hidden" aria-live="polite">
        {up() ? tMeeting('meeting.timerUp', { item: props.item }) : ''}
      </p>
    </div>
  )
}

/** "Afspraken van de vorige keer": those of the meeting held last before this one, with their state. */
export function PreviousActions(props: { model: SectionsModel; meetingId: string }) {
  const m = props.model
  const previous = () => {
    m.actionList() // follows the afspraken (their state) and the meetings
    m.meetingList()
    return previousActions(m.doc, props.meetingId)
  }
  return (
    <Show when={previous().actions.length > 0} fallback={<p class="muted">{tMeeting('meeting.previousNone')}</p>}>
      <p class="field__label">{tMeeting('meeting.previousFrom', { date: formatPlanDate(previous().meeting?.date ?? '') })}</p>
      <ul class="sp-list sp-previous-actions">
        <For each={previous().actions}>
          {(a) => (
            <li class="sp-item sp-item__head">
              <span>{a.what}</span>
              <span class="sp-badge" classList={{ 'sp-badge--done': a.done }}>
                {a.done ? tMeeting('meeting.done') : tMeeting('meeting.notDone')}
              </span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}

/** The needs that came from this meeting's notes (each names the meeting; the needs section shows them too). */
export function NeedsFromMeeting(props: { model: SectionsModel; meetingId: string }) {
  const lines = createNeedLines(props.model.doc)
  const [list, setList] = createSignal(lines.list())
  onCleanup(lines.observe(setList))
  const here = () => list().filter((l) => l.meetingId === props.meetingId)
  return (
    <>
      <h5 class="field__label">{tMeeting('meeting.needsHere')}</h5>
      <Show when={here().length > 0} fallback={<p class="muted">{tMeeting('meeting.needsNone')}</p>}>
        <ul class="sp-list">
          <For each={here()}>
            {(l) => (
              <li>
                <strong>{tPlan(`needs.${l.holder}`)}</strong> {l.text}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  )
}

/**
 * Decisions taken inside one agenda item: listed there, added there by someone who edits the
 * meeting. The field opens on request, so nine items do not show nine empty forms.
 */
/**
 * The decisions taken in one agenda item. Its buttons name the item: a meeting shows one per
 * item beside the meeting's own "Besluit toevoegen", and a screen reader's list of buttons must tell them apart.
 */
export function ItemDecisions(props: { model: SectionsModel; meetingId: string; item: string; itemLabel: string; slug: string }) {
  const m = props.model
  const [adding, setAdding] = createSignal(false)
  const decisions = () => (m.meeting(props.meetingId)?.decisions ?? []).filter((d) => d.item === props.item)
  return (
    <>
      <Show when={decisions().length > 0}>
        <h5 class="field__label">{tMeeting('meeting.decisionsHere')}</h5>
        <DecisionList model={m} meetingId={props.meetingId} decisions={decisions()} removeLabel={(text) => tMeeting('meeting.decisionRemove', { text })} />
      </Show>
      <Show when={m.canEdit()}>
        <Show
          when={adding()}
          fallback={
            <button
              type="button"
              class="button button--secondary button--small"
              aria-label={tMeeting('meeting.decisionOpenAt', { item: props.itemLabel })}
              onClick={() => {
                setAdding(true)
                // the field replaces the button: focus goes on into it, not back to the page
                queueMicrotask(() => document.getElementById(`${props.slug}-decision`)?.focus())
              }}
            >
              {tMeeting('meeting.decisionOpen')}
            </button>
          }
        >
          <LineAdder
            id={`${props.slug}-decision`}
            maxLength={LINE_MAX}
            label={tMeeting('meeting.decisionNew')}
            field="decision"
            submitLabel={tMeeting('meeting.decisionSave')}
            submitAriaLabel={tMeeting('meeting.decisionSaveAt', { item: props.itemLabel })}
            add={(text) => {
              m.meetings.addDecision(props.meetingId, text, m.me, Date.now(), props.item)
              setAdding(false)
            }}
          />
        </Show>
      </Show>
    </>
  )
}

export type SmallLineKind = 'factor' | 'need' | 'observation'

/** The form for a line that becomes a factor, a need or an observation: the line, and the one choice each needs. */
export function LineToForm(props: { id: string; kind: SmallLineKind; line: string; onSave: (text: string, target: LineTarget) => void; onCancel: () => void }) {
  const [text, setText] = createSignal(props.line)
  const [domain, setDomain] = createSignal<FactorDomain>('kind')
  const [kind, setKind] = createSignal<FactorKind>('helpt')
  const [holder, setHolder] = createSignal<NeedHolder>('kind')
  const [context, setContext] = createSignal<ObservationContext>('school')
  const errors = createFormErrors()
  const target = (): LineTarget => {
    switch (props.kind) {
      case 'factor':
        return { kind: 'factor', factor: { domain: domain(), kind: kind(), date: todayIso() } }
      case 'need':
        return { kind: 'need', holder: holder() }
      case 'observation':
        return { kind: 'observation', observation: { date: todayIso(), context: context() } }
    }
  }
  const save = (e: SubmitEvent) => {
    e.preventDefault()
    errors.clear()
    try {
      props.onSave(text(), target())
    } catch (err) {
      errors.fromError(err, ['line', 'text'], e.currentTarget as HTMLFormElement)
    }
  }
  return (
    <form autocomplete="off" class="form" onSubmit={save} novalidate>
      <TextField id={`${props.id}-text`} maxLength={LINE_MAX} label={tMeeting('meeting.lineText')} value={text()} onInput={setText} error={errors.of('line')} />
      <Show when={props.kind === 'factor'}>
        <SelectField
          id={`${props.id}-domain`}
          label={tMeeting('meeting.factorDomain')}
          options={FACTOR_DOMAINS}
          value={domain()}
          onChange={setDomain}
          labelOf={(d) => tPlan(`factors.domain.${d}`)}
        />
        <SelectField
          id={`${props.id}-kind`}
          label={tMeeting('meeting.factorKind')}
          options={FACTOR_KINDS}
          value={kind()}
          onChange={setKind}
          labelOf={(k) => tPlan(`factors.kind.${k}`)}
        />
      </Show>
      <Show when={props.kind === 'need'}>
        <SelectField
          id={`${props.id}-holder`}
          label={tMeeting('meeting.needHolder')}
          options={NEED_HOLDERS}
          value={holder()}
          onChange={setHolder}
          labelOf={(h) => tPlan(`needs.${h}`)}
        />
      </Show>
      <Show when={props.kind === 'observation'}>
        <SelectField
          id={`${props.id}-context`}
          label={tMeeting('meeting.observationContext')}
          options={OBSERVATION_CONTEXTS}
          value={context()}
          onChange={setContext}
          labelOf={(c) => tPlan(`obs.context.${c}`)}
        />
      </Show>
      <FormFooter error={errors.general()} submitLabel={tPlan('common.save')} onCancel={props.onCancel} />
    </form>
  )
}
