/**
 * Long lists shown a page at a time: five years of goals, afspraken, meetings and observations
 * stay quick to open. `reveal(id)` (for the plan search) pages far enough to show one record;
 * ShowMore.tsx is the button under each list.
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js'

/** Items shown at once, and added by each "Toon meer"; one constant for every paged section. */
export const PAGE_SIZE = 20

export interface Paging {
  /** the ids shown now: the first pages of `ids`, in its order */
  shown: Accessor<string[]>
  /** how many are not shown yet */
  left: Accessor<number>
  /** one page more */
  more(): void
  /** pages far enough to show this id; false when it is not in the list */
  reveal(id: string): boolean
}

export function createPaging(ids: Accessor<string[]>, pageSize = PAGE_SIZE): Paging {
  const [limit, setLimit] = createSignal(pageSize)
  const shown = createMemo(() => ids().slice(0, limit()), [], { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) })
  return {
    shown,
    left: () => Math.max(0, ids().length - limit()),
    more: () => setLimit((n) => n + pageSize),
    reveal(id) {
      const at = ids().indexOf(id)
      if (at < 0) return false
      // whole pages, so the next "Toon meer" goes on from a page boundary
      if (at >= limit()) setLimit(Math.ceil((at + 1) / pageSize) * pageSize)
      return true
    },
  }
}

/**
 * Where the search asks a section to show a record: each paged section registers its reveal
 * while mounted. Kept apart from the lists themselves, so a section that is not on screen (a
 * meeting is open) simply has nothing registered.
 */
export interface Revealer {
  register(section: string, reveal: (id: string) => boolean): void
  /** true when a mounted section now shows the record */
  reveal(section: string, id: string): boolean
}

export function createRevealer(): Revealer {
  const bySection = new Map<string, Set<(id: string) => boolean>>()
  return {
    register(section, reveal) {
      const set = bySection.get(section) ?? new Set()
      bySection.set(section, set)
      set.add(reveal)
      onCleanup(() => set.delete(reveal))
    },
    reveal(section, id) {
      let found = false
      for (const reveal of bySection.get(section) ?? []) found = reveal(id) || found
      return found
    },
  }
}
