/**
 * "Voorbereiding": one participant's form for one meeting (three short questions), reached from
 * "Voor jou" (`#/plan/<id>/voorbereiden/<meetingId>`). The answers are kept under the person's key,
 * so all of its devices write the same ones, and nobody else can change them (P10). Below the form,
 * what the others prepared.
 */
import { For, Show, createMemo } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { personKeyOf } from '../../access/preparations'
import { PREPARATION_QUESTIONS, createMeetings, createPreparations } from '../../plan'
import { CollabEditor } from '../components/CollabEditor'
import { formatPlanDate } from '../i18n/plan'
import { tPrep } from '../i18n/prep'
import { createPlanTick } from '../team/TeamView'
import { MeetingPreparations } from './MeetingPreparations'
import './prep.css'

export interface PreparationViewProps {
  session: PlanSession
  meetingId: string
  /** this device's member key ('' without a profile) */
  me: string
  /** the plan may be written at all (a contributor or more, not a newer schema) */
  canWrite: () => boolean
}

export function PreparationView(props: PreparationViewProps) {
  const session = props.session
  const meetings = createMeetings(session.doc)
  const tick = createPlanTick(session, (bump) => meetings.observe(bump))
  const meeting = createMemo(() => {
    tick()
    return meetings.get(props.meetingId)
  })
  const person = () => {
    tick()
    return props.me ? personKeyOf(session, props.me) : ''
  }
  const preparations = createPreparations(session.doc)

  return (
    <section class="prep" aria-labelledby="prep-title">
      <p>
        <a class="button button--secondary" href={`#/plan/${session.planId}`}>
          {tPrep('prep.backToPlan')}
        </a>
      </p>
      <Show when={meeting()} fallback={<p class="notice notice--warning">{tPrep('prep.unknownMeeting')}</p>}>
        {(m) => (
          <>
            <h2 id="prep-title" tabindex="-1">
              {tPrep('prep.title', { date: formatPlanDate(m().date) })}
            </h2>
            <p class="muted">{tPrep('prep.intro')}</p>
            <Show when={props.canWrite() && person()} keyed fallback={<p class="notice notice--info">{tPrep('prep.readOnly')}</p>}>
              {(key) => (
                <div class="prep__form">
                  <For each={PREPARATION_QUESTIONS}>
                    {(q) => (
                      <CollabEditor
                        id={`prep-${q}`}
                        text={preparations.text(props.meetingId, key, q)}
                        awareness={session.awareness}
                        readOnly={false}
                        label={tPrep(`prep.q.${q}`)}
                        placeholder={tPrep('prep.placeholder')}
                        size="small"
                      />
                    )}
                  </For>
                  <p class="muted">{tPrep('prep.saved')}</p>
                </div>
              )}
            </Show>
            <MeetingPreparations session={session} meetingId={props.meetingId} leaveOut={person()} />
          </>
        )}
      </Show>
    </section>
  )
}
