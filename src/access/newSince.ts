/**
 * "Nieuw sinds je laatste bezoek" for one session: the signed activity this device opened, the
 * team's names, and whose keys are mine (any device of mine: my own changes are not new), handed
 * to the pure src/plan/newSince.ts. The mark itself is the client's (lastVisit/markVisited).
 */
import { createTeam } from '../plan/team'
import { newSince, type NewSinceGroup } from '../plan/newSince'
import type { PlanSession } from './types'

export function newSinceIn(session: PlanSession, me: string, since: number): NewSinceGroup[] {
  const team = createTeam(session.doc)
  return newSince({
    activity: session.activity(),
    since,
    isMine: (key) => key === me || session.isMine(key),
    nameOf: (key) => team.findByKey(key)?.name ?? '',
  })
}
