/**
 * The parents' instemming under the afspraken: per parent with gezag whether they agreed to this
 * version, to an older one ("gewijzigd na instemming") or not yet; for a parent with gezag the
 * button to agree, showing exactly what they sign, and once agreed the button to withdraw it (after
 * a confirmation that says what that means); and the history of agreements and withdrawals. Everything
 * shown is verified by the access layer on this device (PlanSession.instemming()); the UI signs
 * nothing itself.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { createInstemming, type Action, type ActionChange, type InstemmingStatus, type ParentInstemming } from '../../plan'
import { formatDateTime } from '../i18n'
import { tInstemming } from '../i18n/instemming'
import { tPlan } from '../i18n/plan'
import { errorCodeOf } from '../errorCode'
import { ConfirmDangerDialog } from '../components/ConfirmDangerDialog'
import { Dialog } from './Dialog'
import type { SectionsModel } from './model'
import './instemming.css'

interface View {
  status: InstemmingStatus
  mayAgree: boolean
  /** per parent who agreed to an older version: what changed since (when their copy verifies) */
  changes: Map<string, ActionChange[]>
  /** I am a parent with gezag but only a reader: say how to be able to agree */
  gezagReader: boolean
}

export function InstemmingPanel(props: { model: SectionsModel; session: PlanSession }) {
  const m = props.model
  const session = props.session
  const read = (): View => {
    const status = session.instemming()
    const changes = new Map<string, ActionChange[]>()
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
    }
  }
  const [view, setView] = createSignal<View>(read(), { equals: false })
  const refresh = () => setView(read())
  // the afspraken, the entries, and membership (who has gezag) all change what is shown
  onCleanup(m.actions.observe(refresh))
  onCleanup(createInstemming(m.doc).observe(refresh))
  onCleanup(session.onStatus(refresh))

  let heading!: HTMLHeadingElement
  const [confirming, setConfirming] = createSignal(false)
  const [withdrawing, setWithdrawing] = createSignal(false)
  const [withdrawError, setWithdrawError] = createSignal('')
  /** 'done' and 'withdrawn' say what I just did, shown only while it is still my state */
  const [message, setMessage] = createSignal<{ kind: 'done' | 'withdrawn' | 'error'; text: string } | null>(null)
  const name = (key: string) => (key === m.me ? tInstemming('inst.you', { name: m.nameOf(key) }) : m.nameOf(key))
  const mine = () => view().status.parents.find((p) => p.memberKey === m.me)
  const hasActions = () => m.actionList().length > 0
  // "saved" only while it is still true: after an edit the line above says what to do
  const shownMessage = () => {
    const msg = message()
    if (!msg) return ''
    if (msg.kind === 'done' && mine()?.state !== 'current') return ''
    if (msg.kind === 'withdrawn' && mine()?.state !== 'withdrawn') return ''
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
      <p
        class="notice"
        aria-live="polite"
        classList={{
          'notice--warning': view().status.overall === 'changed' || view().status.overall === 'withdrawn',
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
            </button>
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
                  {tInstemming(h.kind === 'withdrawal' ? 'inst.history.withdrawn' : 'inst.history.line', {
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
              session.agreeToActions(shownHash)
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
          hashNow={() => session.actionsHash()}
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

function ParentLine(props: { model: SectionsModel; parent: ParentInstemming; name: string; changes: ActionChange[] | undefined }) {
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
      <Show when={p().state === 'withdrawn'}>{tInstemming('inst.state.withdrawn', { name: props.name, date: formatDateTime(p().withdrawnAt!) })}</Show>
      <Show when={p().state === 'none'}>{tInstemming('inst.state.none', { name: props.name })}</Show>
    </li>
  )
}

/** What the parent signs: the afspraken as they are when the dialog opened, and a confirmation. */
function AgreeDialogBody(props: { model: SectionsModel; hashNow: () => string; onConfirm: (shownHash: string) => boolean; onCancel: () => void }) {
  const m = props.model
  // the version shown; if it changes while reading, the list below follows and so does the hash
  const [shown, setShown] = createSignal<{ hash: string; actions: Action[] }>({ hash: props.hashNow(), actions: m.actionList() })
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
      <ol class="sp-instemming__signed" aria-label={tPlan('actions.title')}>
        <For each={shown().actions}>{(a) => <SignedAction model={m} action={a} />}</For>
      </ol>
      <p>{tInstemming('inst.dialog.after')}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          onClick={() => {
            if (props.onConfirm(shown().hash)) return
            setShown({ hash: props.hashNow(), actions: m.actionList() })
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

type ChangedField = ActionChange['fields'][number]['field']

/** A field's value in words: names for members, titles for goals, labels for funders. */
function shownValue(m: SectionsModel, field: ChangedField, value: string): string {
  if (value === '') return tInstemming('inst.change.empty')
  if (field === 'whoKey') return m.nameOf(value)
  if (field === 'goalId') return m.goalTitle(value)
  if (field === 'fundedBy') return tPlan(`actions.fundedBy.${value as 'onderwijs'}`)
  return value
}

function changeLine(m: SectionsModel, c: ActionChange): string {
  if (c.kind === 'added') return tInstemming('inst.change.added', { what: c.what })
  if (c.kind === 'removed') return tInstemming('inst.change.removed', { what: c.what })
  // a member chosen as "who" changes both the words and the key: say it once
  const fields = c.fields.some((f) => f.field === 'who') ? c.fields.filter((f) => f.field !== 'whoKey') : c.fields
  const parts = fields.map((f) =>
    tInstemming('inst.change.field', {
      field: tInstemming(`inst.field.${f.field}`),
      before: shownValue(m, f.field, f.before),
      after: shownValue(m, f.field, f.after),
    }),
  )
  return tInstemming('inst.change.changed', { what: c.what, changes: parts.join('; ') })
}
