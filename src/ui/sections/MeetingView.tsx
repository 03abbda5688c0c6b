import { For, Show, createMemo, createSignal, onMount } from 'solid-js'
import { attendeeMayWriteNotes, cleanNoteLine, meetingMap, meetingNotesName, type AgendaItem, type Attendee, type Party } from '../../plan'
import type { CollaborativeEditor } from '../components/quillEditor'
import { formatPlanDate, tPlan } from '../i18n/plan'
import { ActionForm, ActionItem } from './Actions'
import { CollabEditor } from '../components/CollabEditor'
import { Dialog } from './Dialog'
import { Field } from '../components/Field'
import { EvaluateButton, GoalForm } from './Goals'
import { meetingName } from './Meetings'
import { sameIds, type SectionsModel } from './model'
import { lineAt, type TextRange as Range } from './noteLine'
import { LineAdder } from './LineAdder'
import { NAME_MAX } from '../../plan/limits'
import { agendaItemTitle, tMeeting } from '../i18n/meeting'
import { ItemDecisions, LineToForm, MeetingRoles, NeedsFromMeeting, PreviousActions, QuietTimer, type SmallLineKind } from './MeetingParts'
import { ItemPreparations, QUESTION_OF_ITEM } from '../prep/ItemPreparations'
import type { PlanSession } from '../../access/types'
import './sections.css'
import './meeting.css'

type LineKind = 'goal' | 'action' | SmallLineKind
type LineDialog = { kind: LineKind; item: string; line: string }

const SMALL_LINE_KINDS: {
  kind: SmallLineKind
  make: 'meeting.makeFactor' | 'meeting.makeNeed' | 'meeting.makeObservation'
  title: 'meeting.factorFromLine' | 'meeting.needFromLine' | 'meeting.observationFromLine'
}[] = [
  { kind: 'factor', make: 'meeting.makeFactor', title: 'meeting.factorFromLine' },
  { kind: 'need', make: 'meeting.makeNeed', title: 'meeting.needFromLine' },
  { kind: 'observation', make: 'meeting.makeObservation', title: 'meeting.observationFromLine' },
]

/**
 * Meeting mode: one overleg with its own agenda (from its kind's template), each item with live
 * shared notes (remote cursors and names), a time box with a quiet timer and the decisions taken
 * there; who chairs and who writes; who is present; goals, afspraken, factors, needs and
 * observations made from a line of the notes; the afspraken of last time; evaluation of the open
 * goals; and the next date. "Wat gaat goed?" and "Zorgen" open with what the parents wrote when
 * they prepared. A parent or youth the chair marked present writes the notes too (P9).
 */
export function MeetingView(props: {
  model: SectionsModel
  meetingId: string
  onClose: () => void
  party?: () => Party | undefined
  /** for the parents' preparation (whose answers are the parents' is the signed log's word) */
  session?: PlanSession
}) {
  const m = props.model
  const id = props.meetingId
  let heading!: HTMLHeadingElement
  const meeting = () => m.meeting(id)
  const readOnly = () => !m.canEdit()
  // P9, the very rule every client applies: the notes of this item, as the plan holds it now
  const mayWriteNotes = (item: AgendaItem) => {
    meeting() // follows presence and agenda
    return m.canContribute() && attendeeMayWriteNotes(meetingNotesName(id, item.id), props.party?.(), (mid) => meetingMap(m.doc, mid), m.isMine)
  }
  const notesReadOnly = (item: AgendaItem) => readOnly() && !mayWriteNotes(item)
  // keyed by item id: a meeting re-reads as new objects on every change, and a remount would drop the editors
  const agendaIds = createMemo(() => meeting()?.agenda.map((i) => i.id) ?? [], [], { equals: sameIds })
  const editors = new Map<string, { editor: CollaborativeEditor; last: Range | null }>()
  const [lineDialog, setLineDialog] = createSignal<LineDialog | null>(null)
  const [message, setMessage] = createSignal<{ item: string; text: string; error: boolean } | null>(null)

  onMount(() => heading?.focus())

  const itemLabel = (item: AgendaItem) => agendaItemTitle(item, meeting()?.legacy ?? false)
  const labelOf = (itemId: string) => {
    const item = meeting()?.agenda.find((i) => i.id === itemId)
    return item ? itemLabel(item) : ''
  }

  const ready = (item: string, editor: CollaborativeEditor) => {
    const entry = { editor, last: null as Range | null }
    editors.set(item, entry)
    // the selection is gone once focus moves to a button: keep the last one the editor had
    editor.quill.on('selection-change', (range: Range | null) => {
      if (range) entry.last = range
    })
  }

  const fromLine = (kind: LineKind, item: string) => {
    const entry = editors.get(item)
    const range = entry?.last ?? null
    const line = entry && range ? cleanNoteLine(lineAt(entry.editor.quill.getText(), range)) : ''
    if (!line) {
      setMessage({ item, text: tPlan('meetings.noLine', { item: labelOf(item) }), error: true })
      return
    }
    setMessage(null)
    setLineDialog({ kind, item, line })
  }

  const isPresent = (memberKey: string) => meeting()?.attendees.some((a) => a.kind === 'member' && a.memberKey === memberKey) ?? false
  const guests = () => (meeting()?.attendees ?? []).filter((a): a is Extract<Attendee, { kind: 'guest' }> => a.kind === 'guest')

  const goalsHere = () => m.goalList().filter((g) => g.status === 'open' || g.evaluations.some((e) => e.meetingId === id) || g.meetingId === id)
  const actionsHere = () => m.actionList().filter((a) => a.meetingId === id)

  return (
    <Show when={meeting()}>
      {(mt) => (
        <section class="sp-meeting" aria-labelledby="meeting-title">
          <div class="sp-meeting__bar">
            <h2 id="meeting-title" tabindex="-1" ref={heading}>
              {meetingName(mt())}
            </h2>
            <button type="button" class="button button--secondary" onClick={() => props.onClose()}>
              {tPlan('meetings.back')}
            </button>
          </div>
          <Show when={readOnly()}>
            <Show
              when={mt().agenda.some(mayWriteNotes)}
              fallback={
                <p class="notice notice--info">{mt().selfMarked.some((k) => m.isMine(k)) ? tMeeting('meeting.selfHint') : tPlan('meetings.readOnly')}</p>
              }
            >
              <p class="notice notice--info">{tMeeting('meeting.mayWrite')}</p>
            </Show>
          </Show>

          <MeetingRoles model={m} meetingId={id} />

          <section class="card sp-meeting__present" aria-labelledby="meeting-present-title">
            <h3 id="meeting-present-title" class="card__title">
              {tPlan('meetings.present')}
            </h3>
            <div class="sp-attendance">
              <fieldset class="fieldset" disabled={readOnly() && !m.canContribute()}>
                <legend class="field__label">{tPlan('meetings.presentHint')}</legend>
                <For each={m.people()}>
                  {(p) => (
                    <div class="sp-check">
                      <input
                        type="checkbox"
                        id={`present-${p.memberKey}`}
                        checked={isPresent(p.memberKey)}
                        // a contributor marks only its own presence (P1), as a self-mark that opens no notes (P9)
                        disabled={readOnly() && !m.isMine(p.memberKey)}
                        onChange={(e) => {
                          const a: Attendee = { kind: 'member', memberKey: p.memberKey }
                          if (!e.currentTarget.checked) m.meetings.removeAttendee(id, a)
                          else if (readOnly()) m.meetings.markOwnPresence(id, p.memberKey)
                          else m.meetings.addAttendee(id, a)
                        }}
                      />
                      <label for={`present-${p.memberKey}`}>{p.memberKey === m.me ? tPlan('common.you', { name: p.name }) : p.name}</label>
                      <Show when={mt().selfMarked.includes(p.memberKey)}>
                        <span class="sp-badge">{tMeeting('meeting.selfMarked', { name: p.name })}</span>
                        <Show when={!readOnly()}>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            onClick={() => m.meetings.addAttendee(id, { kind: 'member', memberKey: p.memberKey })}
                          >
                            {tMeeting('meeting.confirm', { name: p.name })}
                          </button>
                        </Show>
                      </Show>
                    </div>
                  )}
                </For>
              </fieldset>
              <div>
                <h4 class="field__label sp-guests__title">{tPlan('meetings.guests')}</h4>
                <Show when={guests().length > 0} fallback={<p class="muted">{tPlan('meetings.noGuests')}</p>}>
                  <ul class="sp-list sp-guests">
                    <For each={guests()}>
                      {(g) => (
                        <li>
                          <span>{g.name}</span>
                          <Show when={!readOnly()}>
                            <button type="button" class="button button--secondary button--small" onClick={() => m.meetings.removeAttendee(id, g)}>
                              {tPlan('meetings.guestRemove', { name: g.name })}
                            </button>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Show when={!readOnly()}>
                  <LineAdder
                    id="meeting-guest"
                    maxLength={NAME_MAX}
                    label={tPlan('meetings.guestName')}
                    field="attendee"
                    submitLabel={tPlan('meetings.guestAdd')}
                    // the model says an empty or too long name on the field ('attendee')
                    add={(name) => m.meetings.addAttendee(id, { kind: 'guest', name })}
                  />
                </Show>
              </div>
            </div>
          </section>

          <h3 class="sp-subtitle">{tPlan('meetings.agenda')}</h3>
          <ol class="sp-agenda">
            <For each={agendaIds()}>
              {(itemId, i) => {
                const slug = `agenda-${i()}`
                // read anew on each change, the editor stays: the list is keyed by id
                const item = () => mt().agenda.find((x) => x.id === itemId) ?? { id: itemId, kind: 'eigen' as const, title: '', minutes: 0 }
                return (
                  <li class="sp-agenda__item" data-agenda={itemId} data-agenda-kind={item().kind}>
                    <section class="card" aria-labelledby={`${slug}-title`}>
                      <h4 id={`${slug}-title`} class="card__title">
                        {itemLabel(item())}
                      </h4>
                      <Show when={item().minutes > 0}>
                        <QuietTimer minutes={item().minutes} item={itemLabel(item())} slug={slug} />
                      </Show>
                      <Show when={item().kind === 'vorige afspraken'}>
                        <PreviousActions model={m} meetingId={id} />
                      </Show>
                      <Show when={props.session && QUESTION_OF_ITEM[item().kind]}>
                        {(question) => <ItemPreparations session={props.session!} meetingId={id} question={question()} slug={slug} />}
                      </Show>
                      <CollabEditor
                        id={`meeting-${slug}-notes`}
                        text={m.meetings.notes(id, itemId)}
                        awareness={m.awareness}
                        readOnly={notesReadOnly(item())}
                        label={tPlan('meetings.notes', { item: itemLabel(item()) })}
                        placeholder={tPlan('meetings.notesPlaceholder')}
                        size="large"
                        rich
                        onReady={(e) => ready(itemId, e)}
                      />
                      <Show when={!readOnly()}>
                        <div class="sp-line-actions">
                          <p class="field__hint" id={`${slug}-line-hint`}>
                            {tPlan('meetings.lineHint')}
                          </p>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            aria-haspopup="dialog"
                            aria-describedby={`${slug}-line-hint`}
                            onClick={() => fromLine('goal', itemId)}
                          >
                            {tPlan('meetings.makeGoal')}
                          </button>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            aria-haspopup="dialog"
                            aria-describedby={`${slug}-line-hint`}
                            onClick={() => fromLine('action', itemId)}
                          >
                            {tPlan('meetings.makeAction')}
                          </button>
                          <For each={SMALL_LINE_KINDS}>
                            {(k) => (
                              <button
                                type="button"
                                class="button button--secondary button--small"
                                aria-haspopup="dialog"
                                aria-describedby={`${slug}-line-hint`}
                                onClick={() => fromLine(k.kind, itemId)}
                              >
                                {tMeeting(k.make)}
                              </button>
                            )}
                          </For>
                        </div>
                      </Show>
                      <p class="sp-line-message" role="status" aria-live="polite" classList={{ field__error: message()?.item === itemId && message()?.error }}>
                        {message()?.item === itemId ? message()?.text : ''}
                      </p>

                      <ItemDecisions model={m} meetingId={id} item={itemId} itemLabel={itemLabel(item())} slug={slug} />

                      <Show when={item().kind === 'behoeften'}>
                        <NeedsFromMeeting model={m} meetingId={id} />
                      </Show>

                      <Show when={item().kind === 'doelen'}>
                        <h5 class="field__label">{tPlan('meetings.openGoals')}</h5>
                        <Show when={goalsHere().length > 0} fallback={<p class="muted">{tPlan('meetings.noOpenGoals')}</p>}>
                          <ul class="sp-list">
                            <For each={goalsHere()}>
                              {(g) => (
                                <li class="sp-item sp-item__head">
                                  <span>
                                    <strong>{m.goalTitle(g.id)}</strong>{' '}
                                    <Show when={g.evaluations.some((e) => e.meetingId === id)}>
                                      <span class="sp-badge">{tPlan('meetings.evaluatedHere')}</span>
                                    </Show>
                                  </span>
                                  <Show when={!readOnly()}>
                                    <EvaluateButton model={m} goalId={g.id} meetingId={id} />
                                  </Show>
                                </li>
                              )}
                            </For>
                          </ul>
                        </Show>
                      </Show>

                      <Show when={item().kind === 'afspraken'}>
                        <h5 class="field__label">{tPlan('meetings.actionsHere')}</h5>
                        <Show when={actionsHere().length > 0} fallback={<p class="muted">{tPlan('meetings.noActionsHere')}</p>}>
                          <ul class="sp-list sp-actions">
                            <For each={actionsHere()}>{(a) => <ActionItem model={m} id={a.id} />}</For>
                          </ul>
                        </Show>
                      </Show>

                      <Show when={item().kind === 'volgende datum'}>
                        <Field id="meeting-next" label={tPlan('meetings.nextDate')}>
                          <input
                            autocomplete="off"
                            id="meeting-next"
                            type="date"
                            class="input sp-date"
                            value={mt().nextDate}
                            disabled={readOnly()}
                            onChange={(e) => {
                              const v = e.currentTarget.value
                              if (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v)) m.meetings.update(id, { nextDate: v })
                            }}
                          />
                        </Field>
                        <Show when={mt().nextDate}>
                          <p>{tPlan('meetings.next', { date: formatPlanDate(mt().nextDate) })}</p>
                        </Show>
                      </Show>
                    </section>
                  </li>
                )
              }}
            </For>
          </ol>

          <Dialog id="line-goal" open={lineDialog()?.kind === 'goal'} onClose={() => setLineDialog(null)} title={tPlan('meetings.goalFromLine')}>
            <GoalForm
              model={m}
              id="line-goal"
              initialTitle={lineDialog()?.line ?? ''}
              submitLabel={tPlan('meetings.makeGoal')}
              onCancel={() => setLineDialog(null)}
              onSave={(g) => {
                const item = lineDialog()?.item ?? ''
                m.meetings.noteLineToGoal(id, g.title, { description: g.description, domain: g.domain, owner: g.owner, targetDate: g.targetDate }, m.me)
                setLineDialog(null)
                setMessage({ item, text: tPlan('meetings.madeGoal', { title: cleanNoteLine(g.title) }), error: false })
              }}
            />
          </Dialog>
          <Dialog id="line-action" open={lineDialog()?.kind === 'action'} onClose={() => setLineDialog(null)} title={tPlan('meetings.actionFromLine')}>
            <ActionForm
              model={m}
              id="line-action"
              initial={{ what: lineDialog()?.line ?? '' }}
              submitLabel={tPlan('meetings.makeAction')}
              onCancel={() => setLineDialog(null)}
              onSave={(f) => {
                const item = lineDialog()?.item ?? ''
                const { what, ...rest } = f
                m.meetings.noteLineToAction(id, what, rest, m.me)
                setLineDialog(null)
                setMessage({ item, text: tPlan('meetings.madeAction', { what: cleanNoteLine(what) }), error: false })
              }}
            />
          </Dialog>
          <For each={SMALL_LINE_KINDS}>
            {(k) => (
              <Dialog id={`line-${k.kind}`} open={lineDialog()?.kind === k.kind} onClose={() => setLineDialog(null)} title={tMeeting(k.title)}>
                <Show when={lineDialog()} keyed>
                  {(d) => (
                    <LineToForm
                      id={`line-${k.kind}`}
                      kind={k.kind}
                      line={d.line}
                      onCancel={() => setLineDialog(null)}
                      onSave={(text, target) => {
                        m.meetings.noteLineTo(id, text, target, m.me)
                        setLineDialog(null)
                        setMessage({ item: d.item, text: tMeeting('meeting.made', { text: cleanNoteLine(text) }), error: false })
                      }}
                    />
                  )}
                </Show>
              </Dialog>
            )}
          </For>
        </section>
      )}
    </Show>
  )
}
