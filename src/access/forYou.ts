/**
 * "Voor jou" for one session: gathers what the signed log says (may I decide about consent, am I
 * a parent with gezag who may agree, and to which version I agreed) and what the plan says (the
 * afspraken, whether the handelingsdeel holds anything to agree to, the meetings to prepare), and hands it to the pure src/plan/forYou.ts.
 */
import { createActions } from '../plan/actions'
import { forYou, type ForYouItem } from '../plan/forYou'
import { handelingsdeelHasContent } from '../plan/handelingsdeelCanonical'
import { toPrepareIn } from './preparations'
import type { PlanSession } from './types'

/**
 * Organisations with people in the plan about which no consent was ever recorded: in practice
 * the organisation of the professional who started the plan (exempt until the parents decide,
 * docs/RULES.md R12). The parents see them, and can give consent or refuse.
 */
export function undecidedOrganisations(session: PlanSession): { id: string; name: string; members: number }[] {
  const decided = new Set(session.consents().map((c) => c.organisationId))
  const members = session.members()
  return session
    .organisations()
    .filter((o) => !decided.has(o.id))
    .map((o) => ({ ...o, members: members.filter((m) => session.organisationOf(m.memberKey) === o.id).length }))
    .filter((o) => o.members > 0)
}

/** What is asked of `me` (this device's member key) in this plan now. */
export function forYouIn(session: PlanSession, me: string): ForYouItem[] {
  const mayAgree = session.mayAgree()
  return forYou({
    me,
    undecided: session.mayGiveConsent() ? undecidedOrganisations(session) : [],
    instemming: mayAgree ? (session.instemming().parents.find((p) => p.memberKey === me)?.state ?? 'none') : null,
    actions: createActions(session.doc).list(),
    somethingToAgree: handelingsdeelHasContent(session.doc),
    isMine: (key) => session.isMine(key),
    toPrepare: toPrepareIn(session, me),
  })
}
