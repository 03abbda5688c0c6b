/**
 * The instemming with the handelingsdeel (the tussendoelen, the afspraken, the hulp op school):
 * per signer (the parents with gezag, or from the child's 18th birthday the pupil) whether they
 * agreed to this version, to an older one ("gewijzigd na instemming", naming what changed) or not
 * yet, or recorded that they do not agree (with their reason, and where they can go); for the
 * signer the buttons to agree (showing exactly what they sign), to say they do not agree, and once
 * agreed to withdraw it; and the history. Everything shown is verified by the access layer on this
 * device (PlanSession.instemming()); the UI signs nothing itself.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { PlanSession } from '../../access/types'
import {
  createGoals,
  createHandelingsdeel,
  createInstemming,
  handelingsdeelHasContent,
  MEASURE_KINDS,
  REASON_MAX,
  type Action,
  type HandelingsdeelChange,
  type InstemmingStatus,
  type ParentInstemming,
} from '../../plan'
import { formatDateTime } from '../i18n'
import { tInstemming } from '../i18n/instemming'
import { tOpp } from '../i18n/opp'
import { formatPlanDate, tPlan } from '../i18n/plan'
import { tDue } from '../i18n/due'
import { TextField } from '../components/Field'
import { DisputeHelp } from './Vaststelling'
import { errorCodeOf } from '../errorCode'
import { ConfirmDangerDialog } from '../components/ConfirmDangerDialog'
import { Dialog } from './Dialog'
import type { SectionsModel } from './model'
import './instemming.css'

interface View {
  status: InstemmingStatus
  mayAgree: boolean
  /** per signer who agreed to an older version: what changed since (when their copy verifies) */
  changes: Map<string, HandelingsdeelChange[]>
  /** I am a parent with gezag but only a reader: say how to be able to agree */
  gezagReader: boolean
  /** the handelingsdeel holds something to agree to */
  hasContent: boolean
}

export function InstemmingPanel(props: { model: SectionsModel; session: PlanSession }) {
  const m = props.model
  const session = props.session
  const read = (): View => {
    const status = session.instemming()
    const changes = new Map<string, HandelingsdeelChange[]>()
    for (const p of status.parents) {
      const c = p.state === 'outdated' ? session.changesSinceAgreement(p.memberKey) : null
      if (c) changes.set(p.memberKey, c)
    }
    // canContribute: not in a plan from a newer app, whose afspraken may hold fields this app cannot show
    return {
      status,
      mayAgree: session.mayAgree() && m.canContribute(),
      changes,
      gezagReader: session.role() === 'reader' && status.parents.some((p) => p.memberKey === m.me),
      hasContent: handelingsdeelHasContent(m.doc),
    }
  }
  const [view, setView] = createSignal<View>(read(), { equals: false })
  const refresh = () => setView(read())
  // the handelingsdeel, the entries, the date of birth and membership (who signs) all change what is shown
  onCleanup(m.actions.observe(refresh))
  onCleanup(m.goals.observe(refresh))
  onCleanup(createHandelingsdeel(m.doc).observe(refresh))
  onCleanup(m.child.observe(refresh))
  onCleanup(createInstemming(m.doc).observe(refresh))
  onCleanup(session.onStatus(refresh))
  const afwijkingen = m.perspective.text('afwijkingen')
  afwijkingen.observe(refresh)
  onCleanup(() => afwijkingen.unobserve(refresh))

  let heading!: HTMLHeadingElement
  const [confirming, setConfirming] = createSignal(false)
  const [withdrawing, setWithdrawing] = createSignal(false)
  const [withdrawError, setWithdrawError] = createSignal('')
  const [disagreeing, setDisagreeing] = createSignal(false)
  /** 'done', 'withdrawn' and 'disagreed' say what I just did, shown only while it is still my state */
  const [message, setMessage] = createSignal<{ kind: 'done' | 'withdrawn' | 'disagreed' | 'error'; text: string } | null>(null)
  const name = (key: string) => (key === m.me ? tInstemming('inst.you', { name: m.nameOf(key) }) : m.nameOf(key))
  const mine = () => view().status.parents.find((p) => p.memberKey === m.me)
  const hasActions = () => view().hasContent
  // "saved" only while it is still true: after an edit the line above says what to do
  const shownMessage = () => {
    const msg = message()
    if (!msg) return ''
    if (msg.kind === 'done' && mine()?.state !== 'current') return ''
    if (msg.kind === 'withdrawn' && mine()?.state !== 'withdrawn') return ''
    if (msg.kind === 'disagreed' && mine()?.state !== 'disagreed') return ''
    return msg.text
  }
  // the button that opened a dialog is gone after signing: keep the keyboard here, not on <body>
  const keepFocusHere = () =>
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) heading.focus()
    }, 0)
  const confirmWithdraw = () => {
    setWithdrawError('')
    try {
      session.withdrawInstemming()
      setMessage({ kind: 'withdrawn', text: tInstemming('inst.withdraw.done') })
      setWithdrawing(false)
      keepFocusHere()
    } catch {
      setWithdrawError(tInstemming('inst.withdraw.failed'))
    }
    refresh()
  }

  return (
    <section class="sp-instemming" aria-labelledby="instemming-title" data-overall={view().status.overall}>
      <h3 id="instemming-title" class="sp-subtitle" tabindex="-1" ref={heading}>
        {tInstemming('inst.title')}
      </h3>
      <p class="muted">{tInstemming('inst.intro')}</p>
      <Show when={view().status.signers === 'pupil'}>
        <p class="notice" data-testid="instemming-pupil">
          {view().status.parents.length > 0 ? tOpp('pupil.intro') : tOpp('pupil.none')}
        </p>
      </Show>
      <p
        class="notice"
        aria-live="polite"
        classList={{
          'notice--warning': view().status.overall === 'changed' || view().status.overall === 'withdrawn' || view().status.overall === 'disagreed',
          'sp-instemming__ok': view().status.overall === 'agreed',
        }}
        data-testid="instemming-overall"
      >
        {tInstemming(`inst.overall.${view().status.overall}`)}
      </p>
      <Show when={view().status.parents.length > 0}>
        <ul class="sp-list sp-instemming__parents" aria-label={tInstemming('inst.parents')}>
          <For each={view().status.parents}>
            {(p) => <ParentLine model={m} parent={p} name={name(p.memberKey)} changes={view().changes.get(p.memberKey)} />}
          </For>
        </ul>
      </Show>
      <Show when={view().status.parents.some((p) => p.state === 'disagreed')}>
        <DisputeHelp />
      </Show>

      <Show when={view().gezagReader}>
        <p class="muted">{tInstemming('inst.readerGezag')}</p>
      </Show>
      <Show when={view().mayAgree}>
        <Show when={hasActions()} fallback={<p class="muted">{tInstemming('inst.nothingToAgree')}</p>}>
          <Show
            when={mine()?.state !== 'current'}
            fallback={
              <>
                <p class="sp-instemming__mine">{tInstemming('inst.youAgreed', { date: formatDateTime(mine()!.agreedAt!) })}</p>
                <button
                  type="button"
                  class="button button--secondary"
                  aria-haspopup="dialog"
                  onClick={() => {
                    setMessage(null)
                    setWithdrawError('')
                    setWithdrawing(true)
                  }}
                >
                  {tInstemming('inst.withdraw')}
                </button>
              </>
            }
          >
            <button
              type="button"
              class="button"
              aria-haspopup="dialog"
              onClick={() => {
                setMessage(null)
                setConfirming(true)
              }}
            >
              {mine()?.state === 'outdated' ? tInstemming('inst.agreeAgain') : tInstemming('inst.agree')}
            </button>{' '}
            <Show when={mine()?.state !== 'disagreed'}>
              <button
                type="button"
                class="button button--secondary"
                aria-haspopup="dialog"
                onClick={() => {
                  setMessage(null)
                  setDisagreeing(true)
                }}
              >
                {tOpp('oneens.button')}
              </button>
            </Show>
          </Show>
        </Show>
      </Show>
      <p role="status" class="sp-instemming__message" classList={{ field__error: message()?.kind === 'error' }}>
        {shownMessage()}
      </p>

      <Show when={view().status.history.length > 0}>
        <details class="sp-instemming__history">
          <summary>{tInstemming('inst.history', { n: view().status.history.length })}</summary>
          <ul>
            <For each={view().status.history}>
              {(h) => (
                <li>
                  {h.kind === 'disagreement'
                    ? tOpp('oneens.history', { name: name(h.memberKey), date: formatDateTime(h.signedAt) })
                    : tInstemming(h.kind === 'withdrawal' ? 'inst.history.withdrawn' : 'inst.history.line', {
                        name: name(h.memberKey),
                        date: formatDateTime(h.signedAt),
                      })}{' '}
                  ({h.current ? tInstemming('inst.history.current') : tInstemming('inst.history.older')})
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
      <Show when={view().status.ignored.length > 0}>
        <p class="muted sp-instemming__ignored">{tInstemming('inst.ignored', { n: view().status.ignored.length })}</p>
      </Show>

      <Dialog id="instemming" open={confirming()} onClose={() => setConfirming(false)} title={tInstemming('inst.dialog.title')}>
        <AgreeDialogBody
          model={m}
          onCancel={() => setConfirming(false)}
          onConfirm={(shownHash) => {
            try {
              session.agreeToHandelingsdeel(shownHash)
              setMessage({ kind: 'done', text: tInstemming('inst.done') })
              setConfirming(false)
              keepFocusHere()
            } catch (err) {
              // changed while reading: the dialog shows the new version, nothing was signed
              if (errorCodeOf(err) === 'actions-changed') return false
              setMessage({ kind: 'error', text: tInstemming('inst.failed') })
              setConfirming(false)
            }
            refresh()
            return true
          }}
          hashNow={() => session.handelingsdeelHash()}
        />
      </Dialog>
      <Dialog id="instemming-disagree" open={disagreeing()} onClose={() => setDisagreeing(false)} title={tOpp('oneens.title')}>
        <DisagreeForm
          hashNow={() => session.handelingsdeelHash()}
          onCancel={() => setDisagreeing(false)}
          onConfirm={(reason, shownHash) => {
            session.disagreeWithHandelingsdeel(reason, shownHash)
            setMessage({ kind: 'disagreed', text: tOpp('oneens.done') })
            setDisagreeing(false)
            keepFocusHere()
            refresh()
          }}
        />
      </Dialog>
      <ConfirmDangerDialog
        open={withdrawing()}
        id="instemming-withdraw"
        title={tInstemming('inst.withdraw.title')}
        lead={tInstemming('inst.withdraw.lead')}
        consequences={[tInstemming('inst.withdraw.counts'), tInstemming('inst.withdraw.seen'), tInstemming('inst.withdraw.final')]}
        error={withdrawError()}
        busy={false}
        confirmLabel={tInstemming('inst.withdraw.confirm')}
        busyLabel={tInstemming('inst.withdraw.busy')}
        cancelLabel={tInstemming('inst.withdraw.cancel')}
        onConfirm={confirmWithdraw}
        onCancel={() => setWithdrawing(false)}
      />
    </section>
  )
}

function ParentLine(props: { model: SectionsModel; parent: ParentInstemming; name: string; changes: HandelingsdeelChange[] | undefined }) {
  const p = () => props.parent
  return (
    <li class="sp-instemming__parent" data-state={p().state} data-member={p().memberKey}>
      <Show when={p().state === 'current'}>{tInstemming('inst.state.current', { name: props.name, date: formatDateTime(p().agreedAt!) })}</Show>
      <Show when={p().state === 'outdated'}>
        <strong>{tInstemming('inst.state.outdated', { name: props.name })}</strong>
        <span class="sp-instemming__since">{tInstemming('inst.state.outdatedSince', { date: formatDateTime(p().latest!.signedAt) })}</span>
        <Show when={props.changes && props.changes.length > 0}>
          <details class="sp-instemming__changes">
            <summary>{tInstemming('inst.changes')}</summary>
            <ul>
              <For each={props.changes}>{(c) => <li>{changeLine(props.model, c)}</li>}</For>
            </ul>
          </details>
        </Show>
      </Show>
      <Show when={p().state === 'disagreed'}>
        <strong>{tOpp('oneens.state', { name: props.name, date: formatDateTime(p().disagreement!.signedAt), what: p().disagreement!.reason ?? '' })}</strong>
      </Show>
      <Show when={p().state === 'withdrawn'}>{tInstemming('inst.state.withdrawn', { name: props.name, date: formatDateTime(p().withdrawnAt!) })}</Show>
      <Show when={p().state === 'none'}>{tInstemming('inst.state.none', { name: props.name })}</Show>
    </li>
  )
}

/** What the parent signs: the afspraken as they are when the dialog opened, and a confirmation. */
function AgreeDialogBody(props: { model: SectionsModel; hashNow: () => string; onConfirm: (shownHash: string) => boolean; onCancel: () => void }) {
  const m = props.model
  // the version shown; if it changes while reading, the list below follows and so does the hash
  const read = () => ({
    hash: props.hashNow(),
    actions: m.actionList(),
    goals: createGoals(m.doc).list(),
    measures: createHandelingsdeel(m.doc).list(),
    afwijkingen: m.perspective.text('afwijkingen').toString(),
  })
  const [shown, setShown] = createSignal(read())
  const [changed, setChanged] = createSignal(false)
  return (
    <div class="sp-instemming__dialog">
      <p data-autofocus tabindex="-1">
        {tInstemming('inst.dialog.lead')}
      </p>
      <Show when={changed()}>
        <p class="notice notice--warning" role="alert">
          {tInstemming('inst.overall.changed')}
        </p>
      </Show>
      <Show when={shown().goals.length > 0}>
        <h3 class="sp-subtitle">{tPlan('goals.title')}</h3>
        <ul class="sp-instemming__signed" data-testid="signed-goals">
          <For each={shown().goals}>{(g) => <li>{m.goalTitle(g.id)}</li>}</For>
        </ul>
      </Show>
      <Show when={shown().actions.length > 0}>
        <h3 class="sp-subtitle">{tPlan('actions.title')}</h3>
        <ol class="sp-instemming__signed" aria-label={tPlan('actions.title')}>
          <For each={shown().actions}>{(a) => <SignedAction model={m} action={a} />}</For>
        </ol>
      </Show>
      <For each={MEASURE_KINDS}>
        {(kind) => (
          <Show when={shown().measures.some((x) => x.kind === kind)}>
            <h3 class="sp-subtitle">{tOpp(`hdeel.kind.${kind}`)}</h3>
            <ul class="sp-instemming__signed">
              <For each={shown().measures.filter((x) => x.kind === kind)}>
                {(x) => <li>{x.area ? tOpp('hdeel.areaLine', { area: x.area, what: x.text }) : x.text}</li>}
              </For>
            </ul>
          </Show>
        )}
      </For>
      <Show when={shown().afwijkingen.trim()}>
        <h3 class="sp-subtitle">{tPlan('opp.afwijkingen')}</h3>
        <p class="sp-instemming__text">{shown().afwijkingen}</p>
      </Show>
      <p>{tInstemming('inst.dialog.after')}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          onClick={() => {
            if (props.onConfirm(shown().hash)) return
            setShown(read())
            setChanged(true)
          }}
        >
          {tInstemming('inst.dialog.confirm')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {tInstemming('inst.dialog.cancel')}
        </button>
      </div>
    </div>
  )
}

function SignedAction(props: { model: SectionsModel; action: Action }) {
  const a = () => props.action
  const who = () => (a().whoKey ? props.model.nameOf(a().whoKey) : a().who)
  return (
    <li>
      <strong>{a().what}</strong>
      <ul class="sp-facts">
        <Show when={who()}>
          <li>{tInstemming('inst.fact.who', { who: who() })}</li>
        </Show>
        <Show when={a().when}>
          <li>{tInstemming('inst.fact.when', { when: a().when })}</li>
        </Show>
        <Show when={a().dueDate}>
          <li>{tDue('due.line', { date: formatPlanDate(a().dueDate) })}</li>
        </Show>
        <Show when={a().goalId}>
          <li>{tInstemming('inst.fact.goal', { goal: props.model.goalTitle(a().goalId) })}</li>
        </Show>
        <Show when={a().fundedBy}>
          <li>{tInstemming('inst.fact.funded', { funder: tPlan(`actions.fundedBy.${a().fundedBy as 'onderwijs'}`) })}</li>
        </Show>
      </ul>
    </li>
  )
}

/** A field's value in words: names for members, titles for goals, labels for funders and kinds. */
function shownValue(m: SectionsModel, field: string, value: string): string {
  if (value === '') return '—'
  if (field === 'whoKey' || field === 'owner') return m.nameOf(value)
  if (field === 'goalId') return m.goalTitle(value)
  if (field === 'dueDate') return formatPlanDate(value)
  if (field === 'fundedBy') return tPlan(`actions.fundedBy.${value as 'onderwijs'}`)
  if (field === 'kind' && (MEASURE_KINDS as readonly string[]).includes(value)) return tOpp(`hdeel.kind.${value as 'afwijking'}`)
  return value
}

const FIELD_WORDS: Record<string, () => string> = {
  what: () => tOpp('field.text'),
  who: () => tOpp('field.owner'),
  whoKey: () => tOpp('field.owner'),
  when: () => tOpp('field.when'),
  goalId: () => tOpp('field.goalId'),
  fundedBy: () => tOpp('field.fundedBy'),
  dueDate: () => tDue('due.field'),
  title: () => tOpp('field.title'),
  description: () => tOpp('field.description'),
  domain: () => tOpp('field.domain'),
  owner: () => tOpp('field.owner'),
  targetDate: () => tOpp('field.targetDate'),
  kind: () => tOpp('field.kind'),
  area: () => tOpp('field.area'),
  text: () => tOpp('field.text'),
}

/** One change in words: which goal, afspraak or part, and for a changed one which fields, before and after. */
function changeLine(m: SectionsModel, c: HandelingsdeelChange): string {
  if (c.part === 'scope') return tOpp('change.scope')
  if (c.part === 'afwijkingen') return tOpp('change.afwijkingen')
  if (c.part === 'dateOfBirth') return tOpp('change.dateOfBirth')
  const head = tOpp(`change.${c.part}.${c.kind}`, { what: c.label })
  if (c.kind !== 'changed') return head
  // a member chosen as "who" changes both the words and the key: say it once
  const fields = c.fields.some((f) => f.field === 'who') ? c.fields.filter((f) => f.field !== 'whoKey') : c.fields
  const parts = fields.map((f) =>
    tOpp('change.field', { field: FIELD_WORDS[f.field]?.() ?? f.field, before: shownValue(m, f.field, f.before), after: shownValue(m, f.field, f.after) }),
  )
  return `${head}: ${parts.join('; ')}`
}

/** "Ik ben het niet eens": the reason in her words, then signed over the version shown. */
function DisagreeForm(props: { hashNow: () => string; onConfirm: (reason: string, shownHash: string) => void; onCancel: () => void }) {
  const [reason, setReason] = createSignal('')
  const [error, setError] = createSignal('')
  const shownHash = props.hashNow()
  return (
    <form
      autocomplete="off"
      class="form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault()
        setError('')
        if (!reason().trim()) return setError(tPlan('common.required'))
        try {
          props.onConfirm(reason(), shownHash)
        } catch {
          setError(tOpp('oneens.failed'))
        }
      }}
    >
      <p data-autofocus tabindex="-1">
        {tOpp('oneens.lead')}
      </p>
      <TextField
        id="disagree-reason"
        label={tOpp('oneens.reason')}
        value={reason()}
        onInput={setReason}
        multiline
        rows={4}
        maxLength={REASON_MAX}
        error={error() || undefined}
      />
      <p>{tOpp('oneens.after')}</p>
      <DisputeHelp />
      <div class="actions">
        <button type="submit" class="button">
          {tOpp('oneens.confirm')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {tInstemming('inst.dialog.cancel')}
        </button>
      </div>
    </form>
  )
}
