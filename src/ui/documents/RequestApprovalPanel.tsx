/**
 * The parents' "klopt" on the request to the gemeente (P12): how it stands ("Ouders: klopt
 * (datum)", "gewijzigd na akkoord", "nog niet gelezen door ouders"), one line per person who may
 * say it, and for that person the button that signs exactly the version on the screen. Everything
 * shown is verified by the access layer on this device (PlanSession.requestApproval()); the UI
 * signs nothing itself.
 */
import { For, Show, createSignal } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { memberName, type ApproverStanding, type RequestApprovalStatus } from '../../plan'
import type * as Y from 'yjs'
import { errorCodeOf } from '../errorCode'
import { formatDateTime } from '../i18n'
import { formatPlanDate } from '../i18n/plan'
import { tRequest } from '../i18n/request'
import { isoDay } from '../../plan'

export function RequestApprovalPanel(props: {
  doc: Y.Doc
  session: PlanSession
  me: string
  /** the approval as judged with the request on the screen */
  status: RequestApprovalStatus
  /** the hash of the request on the screen: a "klopt" covers exactly that */
  shownHash: string
  mayApprove: boolean
}) {
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null)
  const name = (key: string) => {
    const n = memberName(props.doc, key) || key.slice(0, 8)
    return key === props.me ? tRequest('req.approval.you', { name: n }) : n
  }
  const day = (at: number) => formatPlanDate(isoDay(at))
  const mine = () => props.status.approvers.find((a) => a.memberKey === props.me)
  const overall = () => {
    const s = props.status
    if (s.overall === 'klopt') return tRequest('req.approval.klopt', { date: day(s.at!) })
    return tRequest(`req.approval.${s.overall}`)
  }
  const line = (a: ApproverStanding) =>
    a.state === 'unread'
      ? tRequest('req.approval.person.unread', { name: name(a.memberKey) })
      : tRequest(`req.approval.person.${a.state}`, { name: name(a.memberKey), date: formatDateTime(a.at!) })
  // "saved" only while it is still true: after a change the line above says what to do
  const shownMessage = () => {
    const msg = message()
    return !msg || (msg.ok && mine()?.state !== 'klopt') ? '' : msg.text
  }
  const approve = () => {
    try {
      props.session.approveRequest(props.shownHash)
      setMessage({ ok: true, text: tRequest('req.approval.done') })
    } catch (err) {
      const text = errorCodeOf(err) === 'request-changed' ? tRequest('req.approval.changedWhileReading') : tRequest('req.approval.failed')
      setMessage({ ok: false, text })
    }
  }

  return (
    <section class="doc-controls doc-approval card" aria-labelledby="request-approval-title" data-overall={props.status.overall}>
      <h3 id="request-approval-title" class="doc-controls__title">
        {tRequest('req.approval.title')}
      </h3>
      <p class="muted">{tRequest('req.approval.intro')}</p>
      <p
        class="notice"
        classList={{ 'notice--warning': props.status.overall === 'changed', 'doc-approval__ok': props.status.overall === 'klopt' }}
        aria-live="polite"
        data-testid="request-approval-overall"
      >
        {overall()}
      </p>
      <Show when={props.status.approvers.length > 0}>
        <ul class="doc-list" aria-label={tRequest('req.approval.people')}>
          <For each={props.status.approvers}>{(a) => <li>{line(a)}</li>}</For>
        </ul>
      </Show>
      <Show when={props.status.ignored.length > 0}>
        <p class="muted">{tRequest('req.approval.ignored', { n: props.status.ignored.length })}</p>
      </Show>
      <Show when={props.mayApprove && mine()?.state !== 'klopt'}>
        <p class="muted">{tRequest('req.approval.explain')}</p>
        <button type="button" class="button" onClick={approve}>
          {tRequest('req.approval.button')}
        </button>
      </Show>
      <p role="status" class="doc-status" classList={{ field__error: message()?.ok === false }}>
        {shownMessage()}
      </p>
    </section>
  )
}
