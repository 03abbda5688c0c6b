/**
 * What each role may change inside the plan, where the relay cannot look. Editors and admins
 * change everything; a contributor (a parent without gezag, the youth, a guest writer) adds
 * observations and writes the voices of child and parents — not the school's or care's words,
 * goals, afspraken or meetings. Every client refuses other changes from a contributor.
 */
import { CONSENTS } from './consent'
import { OBSERVATIONS } from './observations'
import { ORGANISATIONS } from './organisations'
import { TEAM } from './team'

const CONTRIBUTOR_PREFIXES = ['voices.kind.', 'voices.ouders.']

export function contributorMayChange(root: string): boolean {
  // the team list: a new member puts its own name there when it joins
  // consent details: a parent with gezag who is a contributor records what it agreed to (R12);
  // an entry without a matching signed record shows as unconfirmed, so writing one proves nothing
  if (root === CONSENTS || root === ORGANISATIONS) return true
  return root === OBSERVATIONS || root === TEAM || CONTRIBUTOR_PREFIXES.some((p) => root.startsWith(p))
}

/** P2: a reader with gezag (or the youth from 16) changes only the consent details and organisation names. */
export function consentingReaderMayChange(root: string): boolean {
  return root === CONSENTS || root === ORGANISATIONS
}
