/**
 * The reminders of one session: goals, afspraken (named for whom they are: the member's name in
 * the team list, else the afspraak's own words), meetings, the planstatus and the OPP's evaluations from the
 * plan, the OPP's vaststelling as this device verified it, consents and members' ends of access
 * from the signed log, names from the team list, handed to the pure src/plan/reminders.ts.
 */
import { createActions } from '../plan/actions'
import { createGoals } from '../plan/goals'
import { createMeetings } from '../plan/meetings'
import { createOppConversations } from '../plan/oppConversations'
import { isoDay } from '../plan/documentText'
import { remindersOf, type Reminder } from '../plan/reminders'
import { createMeta } from '../plan/status'
import { createTeam } from '../plan/team'
import type { PlanSession } from './types'

export function remindersIn(session: PlanSession, now: number): Reminder[] {
  const team = createTeam(session.doc)
  return remindersOf({
    now,
    goals: createGoals(session.doc).list(),
    actions: createActions(session.doc)
      .list()
      .map((a) => ({ ...a, who: (a.whoKey && team.findByKey(a.whoKey)?.name) || a.who })),
    meetings: createMeetings(session.doc).list(),
    nextEvaluation: createMeta(session.doc).get().nextEvaluation,
    oppEvaluations: createOppConversations(session.doc)
      .list()
      .filter((c) => c.kind === 'evaluatie')
      .map((c) => c.date),
    vastgesteldOn: vastgesteldOn(session),
    consents: session.consents(),
    members: session
      .members()
      .filter((m) => m.accessUntil)
      .map((m) => ({ memberKey: m.memberKey, name: team.findByKey(m.memberKey)?.name ?? '', accessUntil: m.accessUntil })),
  })
}

/** The day of the newest vaststelling that counts (verified here), '' when none. */
function vastgesteldOn(session: PlanSession): string {
  const latest = session.vaststelling().latest
  return latest ? isoDay(latest.signedAt) : ''
}
