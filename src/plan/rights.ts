/**
 * What each role may change inside the plan, where the relay cannot look. Editors and admins
 * change everything; a contributor adds observations and writes its own perspective — the voice
 * that is theirs by their party — and never the school's or care's words, goals, afspraken or
 * meetings. Every client refuses other changes from a contributor (P1 in docs/RULES.md).
 */
import type { Party } from '../sync/blob'
import { CONSENTS } from './consent'
import { INSTEMMING } from './instemming'
import { OBSERVATIONS } from './observations'
import { ORGANISATIONS } from './organisations'
import { TEAM } from './team'

export type { Party }

/** The voice (`voices.<perspective>.*`) a contributor of a party writes. */
export type OwnPerspective = 'ouders' | 'kind'

export function ownPerspective(party: Party | undefined): OwnPerspective | null {
  switch (party) {
    case 'parent':
    case 'gezag':
      return 'ouders'
    case 'youth':
    case 'youth16':
      return 'kind'
    default:
      return null
  }
}

/** Only a parent with gezag can give instemming; only they need to write its list. */
export function mayGiveInstemming(party: Party | undefined): boolean {
  return party === 'gezag'
}

/**
 * Whether a contributor of `party` may change the plan's root `root` (a top-level name of the
 * plan doc). `undefined` is a member whose party the signed log does not name (written before
 * parties existed): like the relay (R12), it counts as a professional.
 *
 * The team list is open to every contributor because a new member puts its own name there when
 * it joins. Root-level tracing cannot see which entry of the list a change touches, so "only your
 * own entry" is not enforced: a limitation written down in P1.
 */
export function contributorMayChange(root: string, party: Party | undefined): boolean {
  if (root === OBSERVATIONS || root === TEAM) return true
  // consent details: a parent with gezag who is a contributor records what it agreed to (R12);
  // an entry without a matching signed record shows as unconfirmed, so writing one proves nothing
  if (root === CONSENTS || root === ORGANISATIONS) return true
  // entries there count only when signed by a parent with gezag (instemmingStatus)
  if (root === INSTEMMING) return mayGiveInstemming(party)
  const voice = /^voices\.(kind|ouders)\./.exec(root)?.[1]
  return voice !== undefined && ownPerspective(party) === voice
}

/** What the UI tells a contributor they can add: the roots that are theirs. */
export function contributorRoots(party: Party | undefined): { voices: OwnPerspective[]; instemming: boolean } {
  const voice = ownPerspective(party)
  return { voices: voice ? [voice] : [], instemming: mayGiveInstemming(party) }
}

/** P3: a reader with gezag (or the youth from 16) changes only the consent details and organisation names. */
export function consentingReaderMayChange(root: string): boolean {
  return root === CONSENTS || root === ORGANISATIONS
}
