import { For, Show, createSignal, onMount } from 'solid-js'
import { AGENDA_ITEMS, cleanNoteLine, type AgendaItem, type Attendee } from '../../plan'
import type { CollaborativeEditor } from '../components/quillEditor'
import { formatPlanDate, tPlan } from '../i18n/plan'
import { ActionForm, ActionItem } from './Actions'
import { CollabEditor } from '../components/CollabEditor'
import { Dialog } from './Dialog'
import { Field, TextField } from '../components/Field'
import { FormError } from '../components/FormFooter'
import { EvaluateButton, GoalForm } from './Goals'
import { meetingName } from './Meetings'
import type { SectionsModel } from './model'
import { lineAt, type TextRange as Range } from './noteLine'
import { createFormErrors } from './formErrors'
import { NAME_MAX } from '../../plan/limits'
import './sections.css'

type LineDialog = { kind: 'goal' | 'action'; item: AgendaItem; line: string }

/**
 * Meeting mode: one overleg with its agenda in the standard order, each item with live shared
 * notes (remote cursors and names), who is present, goals made or afspraken agreed from a line of
 * the notes, evaluation of the open goals, and the next date.
 */
export function MeetingView(props: { model: SectionsModel; meetingId: string; onClose: () => void }) {
  const m = props.model
  const id = props.meetingId
  let heading!: HTMLHeadingElement
  const meeting = () => m.meeting(id)
  const readOnly = () => !m.canEdit()
  const editors = new Map<AgendaItem, { editor: CollaborativeEditor; last: Range | null }>()
  const [lineDialog, setLineDialog] = createSignal<LineDialog | null>(null)
  const [message, setMessage] = createSignal<{ item: AgendaItem; text: string; error: boolean } | null>(null)
  const [guest, setGuest] = createSignal('')
  const guestErrors = createFormErrors()

  onMount(() => heading?.focus())

  const itemLabel = (item: AgendaItem) => tPlan(`meetings.item.${item}`)

  const ready = (item: AgendaItem, editor: CollaborativeEditor) => {
    const entry = { editor, last: null as Range | null }
    editors.set(item, entry)
    // the selection is gone once focus moves to a button: keep the last one the editor had
    editor.quill.on('selection-change', (range: Range | null) => {
      if (range) entry.last = range
    })
  }

  const fromLine = (kind: 'goal' | 'action', item: AgendaItem) => {
    const entry = editors.get(item)
    const range = entry?.last ?? null
    const line = entry && range ? cleanNoteLine(lineAt(entry.editor.quill.getText(), range)) : ''
    if (!line) {
      setMessage({ item, text: tPlan('meetings.noLine', { item: itemLabel(item) }), error: true })
      return
    }
    setMessage(null)
    setLineDialog({ kind, item, line })
  }

  const isPresent = (memberKey: string) => meeting()?.attendees.some((a) => a.kind === 'member' && a.memberKey === memberKey) ?? false
  const guests = () => (meeting()?.attendees ?? []).filter((a): a is Extract<Attendee, { kind: 'guest' }> => a.kind === 'guest')
  const addGuest = (e: SubmitEvent) => {
    e.preventDefault()
    guestErrors.clear()
    try {
      // the model says an empty or too long name on the field ('attendee')
      m.meetings.addAttendee(id, { kind: 'guest', name: guest() })
      setGuest('')
    } catch (err) {
      guestErrors.fromError(err, ['attendee'], e.currentTarget as HTMLFormElement)
    }
  }

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
            <p class="notice notice--info">{tPlan('meetings.readOnly')}</p>
          </Show>

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
                        // a contributor marks only its own presence (P1)
                        disabled={readOnly() && !m.isMine(p.memberKey)}
                        onChange={(e) => {
                          const a: Attendee = { kind: 'member', memberKey: p.memberKey }
                          if (e.currentTarget.checked) m.meetings.addAttendee(id, a)
                          else m.meetings.removeAttendee(id, a)
                        }}
                      />
                      <label for={`present-${p.memberKey}`}>{p.memberKey === m.me ? tPlan('common.you', { name: p.name }) : p.name}</label>
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
                  <form autocomplete="off" class="sp-guest-add" onSubmit={addGuest} novalidate>
                    <TextField
                      id="meeting-guest"
                      maxLength={NAME_MAX}
                      label={tPlan('meetings.guestName')}
                      value={guest()}
                      onInput={setGuest}
                      error={guestErrors.of('attendee')}
                    />
                    <button type="submit" class="button button--secondary">
                      {tPlan('meetings.guestAdd')}
                    </button>
                    <FormError message={guestErrors.general()} />
                  </form>
                </Show>
              </div>
            </div>
          </section>

          <h3 class="sp-subtitle">{tPlan('meetings.agenda')}</h3>
          <ol class="sp-agenda">
            <For each={AGENDA_ITEMS}>
              {(item, i) => {
                const slug = `agenda-${i()}`
                return (
                  <li class="sp-agenda__item" data-agenda={item}>
                    <section class="card" aria-labelledby={`${slug}-title`}>
                      <h4 id={`${slug}-title`} class="card__title">
                        {itemLabel(item)}
                      </h4>
                      <CollabEditor
                        id={`meeting-${slug}-notes`}
                        text={m.meetings.notes(id, item)}
                        awareness={m.awareness}
                        readOnly={readOnly()}
                        label={tPlan('meetings.notes', { item: itemLabel(item) })}
                        placeholder={tPlan('meetings.notesPlaceholder')}
                        size="large"
                        rich
                        onReady={(e) => ready(item, e)}
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
                            onClick={() => fromLine('goal', item)}
                          >
                            {tPlan('meetings.makeGoal')}
                          </button>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            aria-haspopup="dialog"
                            aria-describedby={`${slug}-line-hint`}
                            onClick={() => fromLine('action', item)}
                          >
                            {tPlan('meetings.makeAction')}
                          </button>
                        </div>
                      </Show>
                      <p class="sp-line-message" role="status" aria-live="polite" classList={{ field__error: message()?.item === item && message()?.error }}>
                        {message()?.item === item ? message()?.text : ''}
                      </p>

                      <Show when={item === 'doelen'}>
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

                      <Show when={item === 'afspraken'}>
                        <h5 class="field__label">{tPlan('meetings.actionsHere')}</h5>
                        <Show when={actionsHere().length > 0} fallback={<p class="muted">{tPlan('meetings.noActionsHere')}</p>}>
                          <ul class="sp-list sp-actions">
                            <For each={actionsHere()}>{(a) => <ActionItem model={m} id={a.id} />}</For>
                          </ul>
                        </Show>
                      </Show>

                      <Show when={item === 'volgende datum'}>
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
                const item = lineDialog()?.item ?? 'doelen'
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
                const item = lineDialog()?.item ?? 'afspraken'
                const { what, ...rest } = f
                m.meetings.noteLineToAction(id, what, rest, m.me)
                setLineDialog(null)
                setMessage({ item, text: tPlan('meetings.madeAction', { what: cleanNoteLine(what) }), error: false })
              }}
            />
          </Dialog>
        </section>
      )}
    </Show>
  )
}
