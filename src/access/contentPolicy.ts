/**
 * The content rules inside the plan (P1, P3, P4, P9, P10 in docs/RULES.md) as the bridge applies them: a
 * record of an author whose highest role ever was contributor may change only what that author's
 * party makes theirs (and, entry by entry, "Gedaan" on its own afspraken and its own presence; a
 * parent's or youth's the notes of a meeting it was marked present in, P9); a
 * reader's (the relay lets only a gezag/youth16 reader write at all, R5) only its consent's
 * details; and nobody, whatever the role, writes a voice that is not theirs, a comment or a
 * meeting's preparation in another's name (P10) or (unless admin) the kinds of organisation. One definition, used by every
 * session and by the benchmarks.
 */
import type * as Y from 'yjs'
import type { ContentPolicy } from '../sync/bridge'
import { personOf, type RoomState } from '../sync/roomState'
import { isOwnKey, mayChangeAll, meetingMap, organisationKindOf, partyForVoices, type ContentAuthor, type KeyOwners } from '../plan'

export function contributorContentPolicy(room: () => RoomState): ContentPolicy {
  return {
    // P4 holds for every role, so every update is traced. An author the room state does not know
    // at all is refused, never waved through: content judged before its author's add or claim
    // was folded in would otherwise escape P1/P3/P4.
    restricts: () => true,
    refuse: (author, { roots, unresolved, touches }, plan) => {
      const state = room()
      // judged by the highest role ever held: a demoted editor's earlier work stays
      const role = state.everRoles.get(author)
      if (role === undefined) return 'content-author-unknown'
      if (unresolved) return 'content-untraceable'
      return mayChangeAll(contentAuthor(state, author, role, plan), roots, touches ?? []) ? null : 'content-forbidden'
    },
  }
}

/** What the rules know of an author: its role, its party now and its organisation's kind by the plan. */
function contentAuthor(state: RoomState, author: string, role: ContentAuthor['role'], plan: Y.Doc): ContentAuthor {
  const org = state.orgs.get(author)
  const party = state.parties.get(author)
  return {
    role,
    party: partyForVoices(party, org),
    orgKind: organisationKindOf(plan, org),
    // P1's "mine" (isOwnKey): a device of the same person, or an invite that person claimed
    isMine: (key) => isOwnKey(keyOwnersIn(state), author, key),
    // P9: the meeting as the plan holds it before this record (its presence must already be there)
    meeting: (id) => meetingMap(plan, id),
  }
}

/** The signed log's view of keys that P1's "mine" needs: persons and claimed invites. */
export function keyOwnersIn(state: RoomState): KeyOwners {
  return { personOf: (key) => personOf(state, key), claimedBy: (key) => state.invites.get(key)?.claimedBy }
}
