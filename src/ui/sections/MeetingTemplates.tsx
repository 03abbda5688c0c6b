/**
 * "Agenda per soort gesprek aanpassen": someone who edits the plan changes the agenda a new meeting
 * of a kind starts with (time boxes, order, items of their own, items left out), or goes back to
 * the usual one. Stored in the plan (src/plan/meetingTemplates.ts); meetings that exist keep theirs.
 */
import { For, Show, createSignal, onCleanup } from 'solid-js'
import { AGENDA_MINUTES_MAX, MEETING_TYPES, createMeetingTemplates, ownAgendaItem, type AgendaItem, type MeetingType } from '../../plan'
import { SHORT_TEXT_MAX } from '../../plan/limits'
import { SelectField, TextField } from '../components/Field'
import { FormError } from '../components/FormFooter'
import { agendaItemTitle, meetingTypeLabel, tMeeting } from '../i18n/meeting'
import { createFormErrors } from './formErrors'
import type { SectionsModel } from './model'

export function MeetingTemplates(props: { model: SectionsModel }) {
  const templates = createMeetingTemplates(props.model.doc)
  const [type, setType] = createSignal<MeetingType>('MDO')
  const [items, setItems] = createSignal<AgendaItem[]>(templates.get('MDO'))
  const [adapted, setAdapted] = createSignal(templates.adapted('MDO'))
  const [newTitle, setNewTitle] = createSignal('')
  const [status, setStatus] = createSignal('')
  const errors = createFormErrors()
  const load = (t: MeetingType) => {
    setType(t)
    setItems(templates.get(t))
    setAdapted(templates.adapted(t))
    setStatus('')
  }
  onCleanup(templates.observe(() => setAdapted(templates.adapted(type()))))
  const change = (index: number, next: AgendaItem | null) => {
    const list = [...items()]
    if (next === null) list.splice(index, 1)
    else list[index] = next
    setItems(list)
  }
  const up = (index: number) => {
    if (index === 0) return
    const list = [...items()]
    ;[list[index - 1], list[index]] = [list[index]!, list[index - 1]!]
    setItems(list)
  }
  const save = (e: SubmitEvent) => {
    e.preventDefault()
    errors.clear()
    try {
      templates.set(type(), items())
      setStatus(tMeeting('meeting.template.saved'))
    } catch (err) {
      errors.fromError(err, ['agenda', 'title', 'minutes'], e.currentTarget as HTMLFormElement)
    }
  }
  return (
    <details class="card sp-templates">
      <summary class="card__title">{tMeeting('meeting.template.title')}</summary>
      <p class="muted">{tMeeting('meeting.template.intro')}</p>
      <SelectField
        id="template-type"
        label={tMeeting('meeting.template.type')}
        options={MEETING_TYPES}
        value={type()}
        onChange={load}
        labelOf={meetingTypeLabel}
      />
      <Show when={adapted()}>
        <p class="field__hint">{tMeeting('meeting.template.adapted')}</p>
      </Show>
      <form autocomplete="off" class="form" onSubmit={save} novalidate>
        <ol class="sp-list sp-template-items">
          <For each={items()}>
            {(item, i) => (
              <li class="sp-item sp-item__head">
                <span>{agendaItemTitle(item)}</span>
                <span class="sp-template-item__controls">
                  <label class="visually-hidden" for={`template-min-${i()}`}>
                    {tMeeting('meeting.template.minutes', { item: agendaItemTitle(item) })}
                  </label>
                  <input
                    autocomplete="off"
                    id={`template-min-${i()}`}
                    class="input sp-minutes"
                    type="number"
                    min="0"
                    max={AGENDA_MINUTES_MAX}
                    value={item.minutes}
                    onChange={(e) =>
                      change(i(), { ...item, minutes: Math.max(0, Math.min(AGENDA_MINUTES_MAX, Math.round(Number(e.currentTarget.value) || 0))) })
                    }
                  />
                  <button type="button" class="button button--secondary button--small" disabled={i() === 0} onClick={() => up(i())}>
                    <span aria-hidden="true">↑</span>
                    <span class="visually-hidden">{tMeeting('meeting.template.up', { item: agendaItemTitle(item) })}</span>
                  </button>
                  <button type="button" class="button button--secondary button--small" disabled={items().length <= 1} onClick={() => change(i(), null)}>
                    <span aria-hidden="true">×</span>
                    <span class="visually-hidden">{tMeeting('meeting.template.remove', { item: agendaItemTitle(item) })}</span>
                  </button>
                </span>
              </li>
            )}
          </For>
        </ol>
        <div class="sp-guest-add">
          <TextField
            id="template-new"
            maxLength={SHORT_TEXT_MAX}
            label={tMeeting('meeting.template.newItem')}
            value={newTitle()}
            onInput={setNewTitle}
            error={errors.of('title')}
          />
          <button
            type="button"
            class="button button--secondary"
            disabled={newTitle().trim() === ''}
            onClick={() => {
              setItems([...items(), ownAgendaItem(newTitle().trim())])
              setNewTitle('')
            }}
          >
            {tMeeting('meeting.template.add')}
          </button>
        </div>
        <FormError message={errors.general()} />
        <div class="actions">
          <button type="submit" class="button">
            {tMeeting('meeting.template.save')}
          </button>
          <Show when={adapted()}>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                templates.reset(type())
                load(type())
              }}
            >
              {tMeeting('meeting.template.reset')}
            </button>
          </Show>
        </div>
        <p role="status" class="doc-status">
          {status()}
        </p>
      </form>
    </details>
  )
}
