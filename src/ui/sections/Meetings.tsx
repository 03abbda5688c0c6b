import { For, Show, createSignal } from 'solid-js'
import { MEETING_TYPES, MEETING_TYPE_WORDS, type Meeting, type MeetingType } from '../../plan'
import { lang } from '../i18n/lang'
import { meetingTypeLabel } from '../i18n/meeting'
import { formatPlanDate, todayIso, tPlan } from '../i18n/plan'
import { tMeetingPrep } from '../i18n/meetingPrep'
import { MeetingTemplates } from './MeetingTemplates'
import { TextField } from '../components/Field'
import { FormFooter } from '../components/FormFooter'
import { RadioGroup } from './fields'
import type { SectionsModel } from './model'
import { createPaging } from './paging'
import { ShowMore } from './ShowMore'
import './sections.css'

export function meetingName(m: Pick<Meeting, 'type' | 'date'>): string {
  return tPlan('meetings.name', { type: MEETING_TYPE_WORDS[lang()][m.type], date: formatPlanDate(m.date) })
}

/** "Overleg starten" and the meetings so far, newest first; one still ahead links to its preparation. */
export function MeetingsSection(props: { model: SectionsModel; onOpen: (meetingId: string) => void; planId?: string }) {
  const m = props.model
  const [type, setType] = createSignal<MeetingType>('MDO')
  const [date, setDate] = createSignal(todayIso())
  const [error, setError] = createSignal<string | null>(null)
  const paging = createPaging(m.meetingIds) // newest first: the first page is the recent ones
  m.revealer.register('meetings', paging.reveal)
  let list: HTMLUListElement | undefined
  const start = (e: SubmitEvent) => {
    e.preventDefault()
    try {
      // who starts the meeting is there, and chairs it until someone else is chosen
      const id = m.meetings.add({ type: type(), date: date() || todayIso(), attendees: m.me ? [{ kind: 'member', memberKey: m.me }] : [], chair: m.me }, m.me)
      setError(null)
      props.onOpen(id)
    } catch {
      setError(tPlan('common.failed'))
    }
  }
  return (
    <section class="sp-section" id="sp-meetings" aria-labelledby="meetings-title">
      <h2 id="meetings-title" tabindex="-1">
        {tPlan('meetings.title')}
      </h2>
      <p class="muted">{tPlan('meetings.intro')}</p>
      <Show when={m.canEdit()}>
        <form autocomplete="off" class="card form sp-meeting-start" onSubmit={start} aria-labelledby="meeting-start-title" novalidate>
          <h3 id="meeting-start-title" class="card__title">
            {tPlan('meetings.start')}
          </h3>
          <RadioGroup
            name="meeting-type"
            legend={tPlan('meetings.type')}
            options={MEETING_TYPES}
            value={type()}
            onChange={setType}
            label={meetingTypeLabel}
            inline
          />
          <TextField id="meeting-date" type="date" label={tPlan('meetings.date')} value={date()} onInput={setDate} />
          <FormFooter error={error()} submitLabel={tPlan('meetings.start')} />
        </form>
        <MeetingTemplates model={m} />
      </Show>
      <Show when={m.meetingIds().length > 0} fallback={<p class="empty">{tPlan('meetings.empty')}</p>}>
        <ul class="sp-list sp-meetings" id="meetings-list" ref={list}>
          <For each={paging.shown()}>
            {(id) => (
              <Show when={m.meeting(id)}>
                {(mt) => (
                  <li class="sp-item sp-meeting-item">
                    <div class="sp-item__head">
                      <h3 class="sp-item__title">{meetingName(mt())}</h3>
                      <button
                        type="button"
                        class="button button--small"
                        data-meeting-open={id}
                        aria-label={tPlan('meetings.openOf', { name: meetingName(mt()) })}
                        onClick={() => props.onOpen(id)}
                      >
                        {tPlan('meetings.open')}
                      </button>
                      <Show when={props.planId && m.canContribute() && mt().date >= todayIso()}>
                        <a
                          class="button button--secondary button--small"
                          href={`#/plan/${props.planId}/voorbereiden/${id}`}
                          aria-label={tMeetingPrep('meetingPrep.prepareOf', { name: meetingName(mt()) })}
                        >
                          {tMeetingPrep('meetingPrep.prepare')}
                        </a>
                      </Show>
                    </div>
                    <ul class="sp-facts">
                      <li>{tPlan('meetings.attendeeCount', { n: mt().attendees.length })}</li>
                      <Show when={mt().nextDate}>
                        <li>{tPlan('meetings.next', { date: formatPlanDate(mt().nextDate) })}</li>
                      </Show>
                    </ul>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
        <ShowMore paging={paging} list={() => list} controls="meetings-list" />
      </Show>
    </section>
  )
}
