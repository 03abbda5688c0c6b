/**
 * Closing a plan (R19) as people see it: the banner of a closed plan with "Heropenen" for an
 * admin while that is still possible, "Plan afsluiten" for an admin with the reason and the
 * generated summary shown before confirming, and "Download als bestand (JSON)": the plan's
 * content to keep (docs/EXPORT-JSON.md). The session closes and reopens; this view only asks.
 */
import { For, Show, createSignal } from 'solid-js'
import type { ClosureInfo, PlanSession, Role } from '../../access/types'
import { closingSummary, type ClosingSummary } from '../../plan/closingSummary'
import { CLOSE_REASONS, CLOSE_TEXT_MAX, createClosureNote, type CloseReason } from '../../plan/closureNote'
import { planContentJsonText } from '../../plan/contentJson'
import { EVALUATION_RESULT_WORDS, MEETING_TYPE_WORDS } from '../../plan/documentText'
import { lang } from '../i18n'
import { tClosure, type ClosureKey } from '../i18n/closure'
import { formatDay } from '../i18n/consent'
import { formatPlanDate } from '../i18n/plan'
import { Dialog } from '../sections/Dialog'
import { TextField } from './Field'
import { FormFooter } from './FormFooter'

/** What the app offers as the reopen period (R19 allows up to 400 days). */
const REOPEN_DAYS = 90

const reasonWords = (reason: CloseReason, otherText: string) =>
  reason === 'other' && otherText ? otherText : tClosure(`closure.reason.${reason}` as ClosureKey)

/** The summary in words, for the dialog before closing and the banner after. */
export function SummaryView(props: { summary: ClosingSummary }) {
  const s = () => props.summary
  const goals = (list: { id: string; title: string }[]) => (
    <Show when={list.length} fallback={<p class="muted">{tClosure('closure.summary.none')}</p>}>
      <ul>
        <For each={list}>{(g) => <li>{g.title}</li>}</For>
      </ul>
    </Show>
  )
  return (
    <div class="closure__summary">
      <h3 class="sp-subtitle">{tClosure('closure.summary.reached')}</h3>
      {goals(s().reached)}
      <h3 class="sp-subtitle">{tClosure('closure.summary.open')}</h3>
      {goals(s().open)}
      <Show when={s().ended.length}>
        <h3 class="sp-subtitle">{tClosure('closure.summary.ended')}</h3>
        {goals(s().ended)}
      </Show>
      <p>
        {s().lastEvaluation
          ? tClosure('closure.summary.lastEvaluation', {
              date: formatPlanDate(s().lastEvaluation!.date),
              goal: s().lastEvaluation!.goalTitle,
              result: EVALUATION_RESULT_WORDS[lang()][s().lastEvaluation!.result],
            })
          : tClosure('closure.summary.noEvaluation')}
      </p>
      <p>
        {s().lastMeeting
          ? tClosure('closure.summary.lastMeeting', { date: formatPlanDate(s().lastMeeting!.date), type: MEETING_TYPE_WORDS[lang()][s().lastMeeting!.type] })
          : tClosure('closure.summary.noMeeting')}
      </p>
      <Show when={s().participants.length}>
        <p>{tClosure('closure.summary.participants', { names: s().participants.join(', ') })}</p>
      </Show>
    </div>
  )
}

/** The banner of a closed plan; "Heropenen" for an admin until the date its close set. */
export function ClosedBanner(props: { session: PlanSession; closure: ClosureInfo; role: Role; onChange: () => void }) {
  const note = () => createClosureNote(props.session.doc).get()
  const [error, setError] = createSignal('')
  const reopen = () => {
    setError('')
    try {
      props.session.reopenPlan()
      props.onChange()
    } catch {
      setError(tClosure('closure.reopen.failed'))
    }
  }
  const mayReopen = () => Date.now() <= props.closure.reopenUntil
  return (
    <div class="notice notice--info closure__banner" role="status">
      <p>
        <strong>
          {tClosure('closure.banner', { date: formatDay(props.closure.closedAt), reason: reasonWords(props.closure.reason, note()?.otherText ?? '') })}
        </strong>
      </p>
      <p>{tClosure('closure.banner.readOnly')}</p>
      <Show when={props.closure.keepUntil}>{(until) => <p>{tClosure('closure.keptUntil', { date: formatDay(until()) })}</p>}</Show>
      <Show when={props.role === 'admin'}>
        <Show when={mayReopen()} fallback={<p class="muted">{tClosure('closure.reopen.over')}</p>}>
          <p class="muted">{tClosure('closure.reopen.until', { date: formatDay(props.closure.reopenUntil) })}</p>
          <button type="button" class="button button--secondary" onClick={reopen}>
            {tClosure('closure.reopen')}
          </button>
        </Show>
      </Show>
      <Show when={error()}>
        <p class="field__error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={note()}>{(n) => <SummaryView summary={n().summary} />}</Show>
    </div>
  )
}

/** "Plan afsluiten" for an admin: the reason, the summary as it is now, then one confirmation. */
export function CloseDialogButton(props: { session: PlanSession; onChange: () => void }) {
  const [open, setOpen] = createSignal(false)
  const [reason, setReason] = createSignal<CloseReason>('goals-reached')
  const [otherText, setOtherText] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const summary = () => closingSummary(props.session.doc, Date.now())
  const submit = async (e: Event) => {
    e.preventDefault()
    setError('')
    if (reason() === 'other' && !otherText().trim()) return setError(tClosure('closure.reason.otherMissing'))
    setBusy(true)
    try {
      await props.session.closePlan({ reason: reason(), otherText: otherText(), reopenDays: REOPEN_DAYS })
      setOpen(false)
      props.onChange()
    } catch {
      setError(tClosure('closure.failed'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" class="button button--secondary" onClick={() => setOpen(true)}>
        {tClosure('closure.close.button')}
      </button>
      <Dialog open={open()} onClose={() => setOpen(false)} id="close-plan" title={tClosure('closure.close.title')}>
        <form autocomplete="off" class="form" onSubmit={submit} novalidate>
          <p>{tClosure('closure.close.intro')}</p>
          <fieldset class="field">
            <legend class="field__label">{tClosure('closure.reason.label')}</legend>
            <For each={CLOSE_REASONS}>
              {(r) => (
                <label class="choice">
                  <input type="radio" name="close-reason" value={r} checked={reason() === r} onChange={() => setReason(r)} />{' '}
                  {tClosure(`closure.reason.${r}` as ClosureKey)}
                </label>
              )}
            </For>
          </fieldset>
          <Show when={reason() === 'other'}>
            <TextField
              id="close-other"
              maxLength={CLOSE_TEXT_MAX}
              multiline
              rows={2}
              label={tClosure('closure.reason.otherText')}
              value={otherText()}
              onInput={setOtherText}
            />
          </Show>
          <h3 class="sp-subtitle">{tClosure('closure.summary.title')}</h3>
          <SummaryView summary={summary()} />
          <p class="muted">{tClosure('closure.reopenNote', { days: String(REOPEN_DAYS) })}</p>
          <p>{tClosure('closure.keptUntil', { date: formatDay(props.session.closingRetentionEnd(REOPEN_DAYS)) })}</p>
          <FormFooter error={error()} busy={busy()} danger submitLabel={tClosure('closure.confirm')} busyLabel={tClosure('closure.busy')} />
        </form>
      </Dialog>
    </>
  )
}

/** Saves the plan's content as JSON where the browser saves downloads (docs/EXPORT-JSON.md). */
export function DownloadContentButton(props: {
  session: PlanSession
  childName: string /** another name where the plan's tools are on the same page */
  label?: string
}) {
  const save = () => {
    const text = planContentJsonText(props.session.doc, { now: Date.now(), planId: props.session.planId })
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `samenplan-${(props.childName || 'plan').replace(/[^\p{L}\p{N}-]+/gu, '-')}.json`
    a.hidden = true
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
  return (
    <button type="button" class="button button--secondary" onClick={save} title={tClosure('closure.download.hint')}>
      {props.label ?? tClosure('closure.download')}
    </button>
  )
}
