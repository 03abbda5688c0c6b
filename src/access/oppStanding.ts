/**
 * The OPP's signed acts as this device verified them, in the words a document needs (names from
 * the team list): who agreed to the current handelingsdeel, who recorded that they do not agree,
 * and the newest vaststelling that counts. For the print view (src/plan/oppPrint.ts), which cannot
 * verify signatures itself.
 */
import { memberName, type OppStanding } from '../plan'
import type { PlanSession } from './types'

export function oppStandingOf(session: PlanSession): OppStanding {
  const name = (key: string) => memberName(session.doc, key) || ''
  const instemming = session.instemming()
  const vaststelling = session.vaststelling()
  const latest = vaststelling.latest
  return {
    agreements: instemming.parents.filter((p) => p.state === 'current').map((p) => ({ name: name(p.memberKey), signedAt: p.agreedAt! })),
    disagreements: instemming.parents
      .filter((p) => p.state === 'disagreed')
      .map((p) => ({ name: name(p.memberKey), signedAt: p.disagreement!.signedAt, reason: p.disagreement!.reason ?? '' })),
    vaststelling: latest
      ? { name: name(latest.memberKey), signedAt: latest.signedAt, basis: latest.basis, current: vaststelling.state === 'vastgesteld' }
      : null,
  }
}
