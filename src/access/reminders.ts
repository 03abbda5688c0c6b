/**
 * The reminders of one session: goals, meetings and the planstatus from the plan, consents and
 * members' ends of access from the signed log, names from the team list, handed to the pure
 * src/plan/reminders.ts.
 */
import { createGoals } from '../plan/goals'
import { createMeetings } from '../plan/meetings'
import { remindersOf, type Reminder } from '../plan/reminders'
import { createMeta } from '../plan/status'
import { createTeam } from '../plan/team'
import type { PlanSession } from './types'

export function remindersIn(session: PlanSession, now: number): Reminder[] {
  const team = createTeam(session.doc)
  return remindersOf({
    now,
    goals: createGoals(session.doc).list(),
    meetings: createMeetings(session.doc).list(),
    nextEvaluation: createMeta(session.doc).get().nextEvaluation,
    consents: session.consents(),
    members: session
      .members()
      .filter((m) => m.accessUntil)
      .map((m) => ({ memberKey: m.memberKey, name: team.findByKey(m.memberKey)?.name ?? '', accessUntil: m.accessUntil })),
  })
}
