/**
 * "Bewaren en wissen" (issue 11 §4): how long the plan is kept (the organisation's term, set by
 * an admin), a way to keep one's own copy first (the readable JSON, the print view, the file in
 * Settings), and erasing on request: a parent with gezag (or the youth from 16) asks, an admin
 * confirms. The session does the signing (src/access); this
 * view only shows what it says and offers what the person may do.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { Party, PlanSession, Role } from '../../access/types'
import { createChild, createRetention, RETENTION_KINDS, type RetentionKind } from '../../plan'
import { tErase } from '../i18n/erase'
import { formatPlanDate } from '../i18n/plan'
import { hrefFor } from '../router'
import { ConfirmDangerDialog } from '../components/ConfirmDangerDialog'
import { createConfirmedAction } from '../components/confirmedAction'
import { DownloadContentButton } from '../components/PlanClosure'

const dayOf = (ms: number) => formatPlanDate(new Date(ms).toISOString().slice(0, 10))

export function EraseBlock(props: { session: PlanSession; role: () => Role; party: () => Party | undefined }) {
  const retention = createRetention(props.session.doc)
  const child = createChild(props.session.doc)
  const [childName, setChildName] = createSignal(child.get().name)
  onCleanup(child.observe((d) => setChildName(d.name)))
  const [policy, setPolicy] = createSignal(retention.policy())
  onCleanup(retention.observe(() => setPolicy(retention.policy())))
  const [halves, setHalves] = createSignal(props.session.eraseHalves())
  // retention counts from the close (R19), whose record names the end (R22); a reopened plan has not ended
  const [end, setEnd] = createSignal(props.session.retentionEnd())
  onCleanup(retention.observe(() => setEnd(props.session.retentionEnd())))
  onCleanup(
    props.session.onStatus(() => {
      setHalves(props.session.eraseHalves())
      setEnd(props.session.retentionEnd())
    }),
  )

  const mayAsk = () => props.party() === 'gezag' || props.party() === 'youth16'
  const isAdmin = () => props.role() === 'admin'
  const asked = () => halves().some((h) => h.op === 'request')
  const keptLine = () => {
    const until = end()
    return until === null ? tErase('erase.keptAfterEnd', { years: policy().years }) : tErase('erase.keptUntil', { date: dayOf(until) })
  }

  const [kind, setKind] = createSignal<RetentionKind>(policy().kind)
  const [years, setYears] = createSignal(policy().years)
  const [policyError, setPolicyError] = createSignal('')
  const savePolicy = (e: Event) => {
    e.preventDefault()
    try {
      retention.set({ kind: kind(), years: years() })
      setPolicyError('')
    } catch {
      setPolicyError(tErase('erase.forbidden'))
    }
  }

  const erase = createConfirmedAction<'request' | 'confirm'>(
    (op) => {
      props.session.signErase(op)
      setHalves(props.session.eraseHalves())
    },
    () => tErase('erase.forbidden'),
  )

  return (
    <section class="sp-section sp-erase" id="sp-erase" aria-labelledby="sp-erase-title">
      <h2 id="sp-erase-title">{tErase('erase.title')}</h2>
      <p>{keptLine()}</p>

      <Show when={isAdmin()}>
        <form class="form" autocomplete="off" onSubmit={savePolicy}>
          <fieldset>
            <legend>{tErase('erase.policy.label')}</legend>
            <For each={RETENTION_KINDS}>
              {(k) => (
                <label>
                  <input type="radio" name="sp-retention-kind" value={k} checked={kind() === k} onChange={() => setKind(k)} autocomplete="off" />
                  {tErase(k === 'school' ? 'erase.policy.school' : 'erase.policy.care')}
                </label>
              )}
            </For>
            <label for="sp-retention-years">{tErase('erase.policy.years')}</label>
            <input
              id="sp-retention-years"
              type="number"
              min="1"
              max="30"
              step="1"
              value={years()}
              autocomplete="off"
              onInput={(e) => setYears(Number(e.currentTarget.value))}
            />
            <p class="muted">{tErase('erase.policy.hint')}</p>
          </fieldset>
          <Show when={policyError()}>
            <p class="form__error" role="alert">
              {policyError()}
            </p>
          </Show>
          <button type="submit">{tErase('erase.policy.save')}</button>
        </form>
      </Show>

      <Show when={mayAsk() || isAdmin()}>
        <h3>{tErase('erase.copy.title')}</h3>
        <p>{tErase('erase.copy.text')}</p>
        <p class="actions">
          <DownloadContentButton session={props.session} childName={childName()} label={tErase('erase.copy.json')} />
        </p>
        <p>
          <a href={hrefFor({ name: 'plan', planId: props.session.planId, view: 'afdrukken' })}>{tErase('erase.copy.print')}</a>
          {' · '}
          <a href={hrefFor({ name: 'settings' })}>{tErase('erase.copy.file')}</a>
        </p>
      </Show>

      <For each={halves()}>
        {(h) => <p role="status">{tErase(h.op === 'request' ? 'erase.waiting.request' : 'erase.waiting.confirm', { name: h.name, date: dayOf(h.at) })}</p>}
      </For>

      <Show when={mayAsk()}>
        <p>{tErase('erase.ask.text')}</p>
        <button type="button" class="danger" onClick={() => erase.ask('request')}>
          {tErase('erase.ask')}
        </button>
      </Show>
      <Show when={isAdmin() && asked()}>
        <p>{tErase('erase.confirm.text')}</p>
        <button type="button" class="danger" onClick={() => erase.ask('confirm')}>
          {tErase('erase.confirm')}
        </button>
      </Show>

      <ConfirmDangerDialog
        open={erase.target() !== null}
        id="sp-erase-confirm"
        title={tErase('erase.title')}
        lead={tErase('erase.sure')}
        consequences={[]}
        error={erase.error()}
        busy={erase.busy()}
        confirmLabel={tErase('erase.yes')}
        busyLabel={tErase('erase.yes')}
        cancelLabel={tErase('erase.cancel')}
        onConfirm={() => void erase.confirm()}
        onCancel={() => erase.cancel()}
      />
    </section>
  )
}

/** What a person reads once a plan is gone from this device (the plan view, the home screen). */
export function erasedText(note: { erasedAt: number; reason: 'erased' | 'retention'; requestedBy?: string }): string {
  if (note.reason === 'retention') return tErase('erase.doneRetention', { date: dayOf(note.erasedAt) })
  const who =
    note.requestedBy === 'gezag' ? tErase('erase.who.gezag') : note.requestedBy === 'youth16' ? tErase('erase.who.youth16') : tErase('erase.who.unknown')
  return tErase('erase.done', { date: dayOf(note.erasedAt), who })
}
