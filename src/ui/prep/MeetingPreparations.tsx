/**
 * What the participants prepared for one meeting, per person, each answer under its question.
 * Read-only: answers are their writer's (P10). Made to sit in the meeting view (items 3 and 4 open
 * with these answers; see preparationsForItem) and under one's own preparation form.
 */
import { For, Show, createMemo } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { PREPARATION_QUESTIONS, createPreparations, type Preparation } from '../../plan'
import { tPrep } from '../i18n/prep'
import { createPlanTick } from '../team/TeamView'
import { personName } from './names'
import './prep.css'

export interface MeetingPreparationsProps {
  session: PlanSession
  meetingId: string
  /** a person key whose answers not to repeat here (one's own, shown in the form above) */
  leaveOut?: string
  /** a link to one's own form ("Bereid dit overleg voor"), for the meeting view */
  showPrepareLink?: boolean
}

const samePreparations = (a: readonly Preparation[], b: readonly Preparation[]) => JSON.stringify(a) === JSON.stringify(b)

export function MeetingPreparations(props: MeetingPreparationsProps) {
  const session = props.session
  const preparations = createPreparations(session.doc)
  // answers are root texts, one per person and question: any transaction may have touched one
  const tick = createPlanTick(session, (bump) => {
    session.doc.on('afterTransaction', bump)
    return () => session.doc.off('afterTransaction', bump)
  })
  const shown = createMemo(
    () => {
      tick()
      return preparations.forMeeting(props.meetingId).filter((p) => p.memberKey !== props.leaveOut)
    },
    [],
    { equals: samePreparations },
  )
  const headingId = `prep-others-${props.meetingId}`
  return (
    <section class="prep-others" aria-labelledby={headingId} data-testid="meeting-preparations">
      <h3 id={headingId}>{props.leaveOut === undefined ? tPrep('prep.region') : tPrep('prep.others')}</h3>
      <Show when={props.showPrepareLink}>
        <p>
          <a href={`#/plan/${session.planId}/voorbereiden/${props.meetingId}`}>{tPrep('prep.open')}</a>
        </p>
      </Show>
      <Show when={shown().length > 0} fallback={<p class="muted">{tPrep('prep.othersNone')}</p>}>
        <ul class="prep-others__list">
          <For each={shown()}>
            {(p) => (
              <li class="prep-others__person">
                <p class="prep-others__name">{tPrep('prep.by', { name: personName(session, p.memberKey) || tPrep('prep.someone') })}</p>
                <dl class="prep-others__answers">
                  <For each={PREPARATION_QUESTIONS.filter((q) => p.answers[q] !== '')}>
                    {(q) => (
                      <>
                        <dt>{tPrep(`prep.q.${q}`)}</dt>
                        <dd>{p.answers[q]}</dd>
                      </>
                    )}
                  </For>
                </dl>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
