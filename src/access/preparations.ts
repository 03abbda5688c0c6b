/**
 * A session's view of meeting preparations (P10): whose key the answers are kept under, and which
 * meetings ahead a member has not prepared yet ("Voor jou"). The rule and the storage are in
 * src/plan/preparations.ts; this gathers what the signed log says (persons, role).
 */
import { isoDay } from '../plan/documentText'
import { createMeetings } from '../plan/meetings'
import { createPreparations, meetingsToPrepare } from '../plan/preparations'
import type { PlanSession } from './types'

/** The person a member key belongs to (its first device's key), under which its preparations are kept on every device. */
export function personKeyOf(session: PlanSession, memberKey: string): string {
  return session.members().find((m) => m.memberKey === memberKey)?.person ?? memberKey
}

/** The meetings ahead that `me` has not prepared yet. A reader writes nothing (P3), so is asked nothing. */
export function toPrepareIn(session: PlanSession, me: string, now = Date.now()): { meetingId: string; date: string }[] {
  if (me === '' || session.role() === 'reader') return []
  const person = personKeyOf(session, me)
  // one pass over the plan's roots, however many meetings there are
  const prepared = createPreparations(session.doc).preparedBy(person)
  return meetingsToPrepare(
    createMeetings(session.doc).list(),
    isoDay(now),
    (meetingId) => prepared.has(meetingId),
    (key) => key === me || session.isMine(key),
  )
}
