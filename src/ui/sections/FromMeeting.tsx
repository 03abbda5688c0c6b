/**
 * "Uit gesprek: MDO op 12 mei": the link back from a goal, afspraak, factor, need or observation to
 * the meeting whose notes it came from. Nothing when it came from none, or that meeting is gone.
 */
import { Show } from 'solid-js'
import { hrefFor, route } from '../router'
import { tMeeting } from '../i18n/meeting'
import { meetingName } from './Meetings'
import type { SectionsModel } from './model'

export function FromMeetingLink(props: { model: SectionsModel; meetingId: string }) {
  const meeting = () => (props.meetingId ? props.model.meeting(props.meetingId) : undefined)
  const planId = () => {
    const r = route()
    return r.name === 'plan' ? r.planId : null
  }
  return (
    <Show when={meeting() && planId()}>
      <p class="sp-item__link sp-from-meeting">
        <a href={hrefFor({ name: 'plan', planId: planId()!, meetingId: props.meetingId })}>
          {tMeeting('meeting.fromMeeting', { name: meetingName(meeting()!) })}
        </a>
      </p>
    </Show>
  )
}
