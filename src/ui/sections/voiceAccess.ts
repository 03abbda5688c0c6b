/**
 * Which voices a member may type in (P4, whatever the role): the parents' voice parents, the
 * child's the youth or a parent, the school's and care's staff of an organisation the plan calls
 * so; a reader none. The rule every client enforces is mayChangeRoot in src/plan/rights.ts.
 */
import type { Party, Role } from '../../access/types'
import { mayChangeRoot, partyForVoices, voiceTextName, type OrganisationKind, type Perspective } from '../../plan'

/** `organisation`: the member's organisation id (undefined: none) and the kind the plan gives it */
export function voiceEditable(
  role: Role,
  party: Party | undefined,
  perspective: Perspective,
  organisation?: { id: string | undefined; kind: OrganisationKind | undefined },
): boolean {
  const author = { role, party: partyForVoices(party, organisation?.id), orgKind: organisation?.kind, isMine: () => false }
  return mayChangeRoot(author, voiceTextName(perspective, 'zorgen'), [])
}
