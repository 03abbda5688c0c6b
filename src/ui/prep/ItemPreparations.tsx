/**
 * The parents' preparation opens the agenda item it belongs to: their "Wat gaat goed?" at the top
 * of item 3, their worries at the top of item 4 (issue 10 §2). Read-only: answers are their
 * writer's (P10). Whose answers are the parents' is the signed log's word (PlanSession.party),
 * never the plan's.
 */
import { For, Show, createMemo } from 'solid-js'
import type { PlanSession } from '../../access/types'
import { preparationsForItem, type AgendaKind, type PreparationQuestion } from '../../plan'
import { tMeetingPrep } from '../i18n/meetingPrep'
import { tPrep } from '../i18n/prep'
import { createPlanTick } from '../team/TeamView'
import { personName } from './names'
import './prep.css'

/** The agenda items a preparation question opens. */
export const QUESTION_OF_ITEM: Partial<Record<AgendaKind, PreparationQuestion>> = { 'gaat goed': 'goes-well', zorgen: 'worries' }

type Answer = { memberKey: string; text: string }
const sameAnswers = (a: readonly Answer[], b: readonly Answer[]) =>
  a.length === b.length && a.every((x, i) => x.memberKey === b[i]!.memberKey && x.text === b[i]!.text)

export function ItemPreparations(props: { session: PlanSession; meetingId: string; question: PreparationQuestion; slug: string }) {
  const session = props.session
  // answers are root texts, one per person and question: any transaction may have touched one
  const tick = createPlanTick(session, (bump) => {
    session.doc.on('afterTransaction', bump)
    return () => session.doc.off('afterTransaction', bump)
  })
  const isParent = (key: string) => {
    const party = session.party(key)
    return party === 'parent' || party === 'gezag'
  }
  const answers = createMemo(
    () => {
      tick()
      return preparationsForItem(session.doc, props.meetingId, props.question, isParent)
    },
    [],
    { equals: sameAnswers },
  )
  const headingId = `${props.slug}-prepared`
  return (
    <Show when={answers().length > 0}>
      <section class="prep-item" aria-labelledby={headingId} data-testid="item-preparations">
        <h5 id={headingId} class="field__label">
          {tMeetingPrep('meetingPrep.parentsWrote')}
        </h5>
        <ul class="prep-others__list">
          <For each={answers()}>
            {(a) => (
              <li class="prep-others__person">
                <p class="prep-others__name">{tPrep('prep.by', { name: personName(session, a.memberKey) || tPrep('prep.someone') })}</p>
                <p class="prep-item__text">{a.text}</p>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  )
}
