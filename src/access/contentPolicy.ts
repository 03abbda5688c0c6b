/**
 * The content rules inside the plan (P1, P3 in docs/RULES.md) as the bridge applies them: a record
 * of an author whose highest role ever was contributor may change only what that author's party
 * makes theirs; a reader's (the relay lets only a gezag/youth16 reader write at all, R5) only its
 * consent's details. One definition, used by every session and by the benchmarks.
 */
import type { ContentPolicy } from '../sync/bridge'
import type { RoomState } from '../sync/roomState'
import { consentingReaderMayChange, contributorMayChange } from '../plan'

export function contributorContentPolicy(room: () => RoomState): ContentPolicy {
  return {
    // Judged by the highest role ever held: a demoted editor's earlier work stays. An author the
    // room state does not know at all is restricted, never waved through: content judged before
    // its author's add or claim was folded in would otherwise escape P1/P3.
    restricts: (author) => {
      const highest = room().everRoles.get(author)
      return highest === undefined || highest === 'contributor' || highest === 'reader'
    },
    // and by the author's party now: which perspective is theirs
    refuse: (author, { roots, unresolved }) => {
      if (!room().everRoles.has(author)) return 'content-author-unknown'
      if (unresolved) return 'content-untraceable'
      if (room().everRoles.get(author) === 'reader') return roots.every(consentingReaderMayChange) ? null : 'content-forbidden'
      const party = room().parties.get(author)
      return roots.every((root) => contributorMayChange(root, party)) ? null : 'content-forbidden'
    },
  }
}
