/** A person's name in this plan, by any of its device keys: the team list holds one of them (the one it joined with). */
import type { PlanSession } from '../../access/types'
import { memberName } from '../../plan'

export function personName(session: PlanSession, personKey: string): string {
  const direct = memberName(session.doc, personKey)
  if (direct) return direct
  for (const m of session.members()) {
    if (m.person !== personKey) continue
    const name = memberName(session.doc, m.memberKey)
    if (name) return name
  }
  return ''
}
