/**
 * The content rules inside the plan (P1, docs/RULES.md) as the bridge applies them: a record of an
 * author whose highest role ever was contributor may change only what that author's party makes
 * theirs. One definition, used by every session (and the benchmarks, to load plans as the app does).
 */
import type { ContentPolicy } from '../sync/bridge'
import type { RoomState } from '../sync/roomState'
import { contributorMayChange } from '../plan'

export function contributorContentPolicy(room: () => RoomState): ContentPolicy {
  return {
    // judged by the highest role ever held: a demoted editor's earlier work stays
    restricts: (author) => room().everRoles.get(author) === 'contributor',
    // and by the author's party now: which perspective is theirs
    refuse: (author, { roots, unresolved }) => {
      if (unresolved) return 'content-untraceable'
      const party = room().parties.get(author)
      return roots.every((root) => contributorMayChange(root, party)) ? null : 'content-forbidden'
    },
  }
}
