/**
 * The verslag of a meeting, compiled from the plan (src/plan/meetingReport.ts) and shown as it is
 * now, with who said "klopt" to which version, corrections, and "gewijzigd na akkoord". A parent
 * with gezag or a youth of 16+ says "klopt" or sends a correction, signed through the access layer.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { MEETING_TYPE_WORDS, createApprovals, type MeetingReport, type SignerApproval } from '../../plan'
import { LONG_TEXT_MAX } from '../../plan/limits'
import { TextField } from '../components/Field'
import { errorCodeOf } from '../errorCode'
import { formatDateTime } from '../i18n'
import { lang } from '../i18n/lang'
import { agendaItemTitle, tMeeting } from '../i18n/meeting'
import { formatPlanDate, tPlan } from '../i18n/plan'
import type { SectionsModel } from '../sections/model'
import './documents.css'

interface View {
  verslag: { report: MeetingReport; hash: string } | null
  signers: SignerApproval[]
  mayApprove: boolean
}

/** Nothing written, decided or agreed yet: the verslag says so rather than showing empty headings. */
function isEmpty(r: MeetingReport): boolean {
  return r.items.every((i) => i.notes === '' && i.decisions.length === 0) && r.decisions.length + r.actions.length + r.goals.length + r.evaluations.length === 0
}

export function VerslagView(props: { model: SectionsModel; session: PlanSession; meetingId: string }) {
  const m = props.model
  const session = props.session
  const read = (): View => ({
    verslag: session.verslag(props.meetingId),
    signers: session.verslagStatus(props.meetingId).signers,
    mayApprove: session.mayApprove() && m.canContribute(),
  })
  const [view, setView] = createSignal<View>(read(), { equals: false })
  const refresh = () => setView(read())
  // the notes, decisions, afspraken and goals, the entries, and membership change what is shown
  const onChange = () => refresh()
  m.doc.on('afterTransaction', onChange)
  onCleanup(() => m.doc.off('afterTransaction', onChange))
  onCleanup(createApprovals(m.doc).observe(refresh))
  onCleanup(session.onStatus(refresh))

  const [correction, setCorrection] = createSignal('')
  const [message, setMessage] = createSignal<{ text: string; error: boolean } | null>(null)
  const mine = () => view().signers.find((s) => s.memberKey === m.me)
  const name = (key: string) => m.nameOf(key)

  const sign = (verdict: 'klopt' | 'correctie', shownHash: string) => {
    try {
      session.signVerslag(props.meetingId, verdict, verdict === 'klopt' ? '' : correction(), shownHash)
      if (verdict === 'correctie') setCorrection('')
      setMessage({ text: verdict === 'klopt' ? tMeeting('verslag.kloptDone') : tMeeting('verslag.correctionDone'), error: false })
    } catch (err) {
      const changed = errorCodeOf(err) === 'document-changed'
      setMessage({ text: changed ? tMeeting('verslag.changedMeanwhile') : tMeeting('verslag.failed'), error: true })
    }
    refresh()
  }

  return (
    <Show when={view().verslag}>
      {(v) => {
        const r = () => v().report
        return (
          <section class="card doc-verslag" aria-labelledby="verslag-title">
            <h3 id="verslag-title" class="card__title">
              {tMeeting('verslag.title')}: {MEETING_TYPE_WORDS[lang()][r().type]}, {formatPlanDate(r().date)}
            </h3>
            <p class="muted">{tMeeting('verslag.intro')}</p>
            <dl class="doc-facts">
              <dt>{tMeeting('verslag.present')}</dt>
              <dd>
                {r()
                  .attendees.map((a) => (a.kind === 'member' ? name(a.memberKey) : a.name))
                  .join(', ') || tPlan('common.nobody')}
              </dd>
            </dl>
            <p>
              {tMeeting('verslag.roles', {
                chair: r().chair ? name(r().chair) : tMeeting('meeting.nobody'),
                noteTaker: r().noteTaker ? name(r().noteTaker) : tMeeting('meeting.nobody'),
              })}
            </p>
            <Show when={isEmpty(r())}>
              <p class="muted">{tMeeting('verslag.empty')}</p>
            </Show>
            <For each={r().items.filter((i) => i.notes !== '' || i.decisions.length > 0)}>
              {(item) => (
                <section class="doc-verslag__item">
                  <h4>{agendaItemTitle(item, m.meeting(props.meetingId)?.legacy ?? false)}</h4>
                  <Show when={item.notes} fallback={<p class="muted">{tMeeting('verslag.noNotes')}</p>}>
                    <p class="doc-verslag__notes">{item.notes}</p>
                  </Show>
                  <Show when={item.decisions.length > 0}>
                    <ul>
                      <For each={item.decisions}>{(d) => <li>{d}</li>}</For>
                    </ul>
                  </Show>
                </section>
              )}
            </For>
            <Show when={r().decisions.length > 0}>
              <h4>{tMeeting('verslag.decisions')}</h4>
              <ul>
                <For each={r().decisions}>{(d) => <li>{d}</li>}</For>
              </ul>
            </Show>
            <Show when={r().actions.length > 0}>
              <h4>{tMeeting('verslag.actions')}</h4>
              <ul>
                <For each={r().actions}>{(a) => <li>{[a.what, a.who || (a.whoKey ? name(a.whoKey) : ''), a.when].filter(Boolean).join(' — ')}</li>}</For>
              </ul>
            </Show>
            <Show when={r().goals.length > 0}>
              <h4>{tMeeting('verslag.goals')}</h4>
              <ul>
                <For each={r().goals}>{(g) => <li>{g.targetDate ? `${g.title} (${formatPlanDate(g.targetDate)})` : g.title}</li>}</For>
              </ul>
            </Show>
            <Show when={r().evaluations.length > 0}>
              <h4>{tMeeting('verslag.evaluations')}</h4>
              <ul>
                <For each={r().evaluations}>{(e) => <li>{[e.goalTitle, e.seen].filter(Boolean).join(': ')}</li>}</For>
              </ul>
            </Show>
            <Show when={r().nextDate}>
              <p>{tMeeting('verslag.next', { date: formatPlanDate(r().nextDate) })}</p>
            </Show>

            <h4 id="verslag-signers-title">{tMeeting('verslag.signers')}</h4>
            <Show when={view().signers.length > 0} fallback={<p class="muted">{tMeeting('verslag.noSigners')}</p>}>
              <ul class="sp-list" aria-labelledby="verslag-signers-title">
                <For each={view().signers}>
                  {(s) => (
                    <li class="doc-verslag__signer" data-verslag-state={s.state}>
                      <Show when={s.state === 'current'}>
                        {tMeeting('verslag.state.current', { name: name(s.memberKey), date: formatDateTime(s.latest!.signedAt) })}
                      </Show>
                      <Show when={s.state === 'changed'}>
                        <strong>{tMeeting('verslag.state.changed', { name: name(s.memberKey) })}</strong>
                      </Show>
                      <Show when={s.state === 'correction'}>
                        {tMeeting('verslag.state.correction', { name: name(s.memberKey), date: formatDateTime(s.latest!.signedAt) })}
                        <blockquote class="doc-verslag__correction">{s.latest!.remark}</blockquote>
                      </Show>
                      <Show when={s.state === 'none'}>{tMeeting('verslag.state.none', { name: name(s.memberKey) })}</Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>

            <Show when={view().mayApprove}>
              <div class="actions">
                <button type="button" class="button" disabled={mine()?.state === 'current'} onClick={() => sign('klopt', v().hash)}>
                  {tMeeting('verslag.klopt')}
                </button>
              </div>
              <form
                autocomplete="off"
                class="form doc-verslag__correction-form"
                novalidate
                onSubmit={(e) => {
                  e.preventDefault()
                  if (correction().trim() !== '') sign('correctie', v().hash)
                }}
              >
                <TextField
                  id="verslag-correction"
                  multiline
                  maxLength={LONG_TEXT_MAX}
                  label={tMeeting('verslag.correction')}
                  value={correction()}
                  onInput={setCorrection}
                />
                <button type="submit" class="button button--secondary" disabled={correction().trim() === ''}>
                  {tMeeting('verslag.correctionSend')}
                </button>
              </form>
            </Show>
            <p role="status" class="doc-status" classList={{ field__error: message()?.error === true }}>
              {message()?.text ?? ''}
            </p>
          </section>
        )
      }}
    </Show>
  )
}
