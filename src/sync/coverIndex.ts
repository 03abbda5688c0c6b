/**
 * How far the snapshots of a plan cover each writing session, for R8 (a covered triple is a
 * replay) and R10 (a delete must be covered by a snapshot other than the blob's own group).
 * Both ask it once per blob, and an editor may write thousands of small snapshots: scanning
 * every group per blob made an update of a thousand blobs cost a thousand × groups. Here a lookup is
 * O(1) and a group costs O(log n) per session it covers when it is indexed or removed.
 *
 * A group counts ("active") when it is complete (every part present, part 0 with its covers)
 * and its author ever was an editor (`everRoles`). Complete groups of an author who was not
 * yet one wait in `waiting` until that author's everRoles reaches editor (it only grows).
 *
 * Every write goes through the journal, array slots included, so rolling a refused update back
 * restores the index exactly as it was (not only an equivalent heap).
 */
import { addTo, deleteIn, popFrom, pushTo, setAt, setIn, type Journal } from './journal'

/** One active group's cover of one session. Never changed in place. */
interface Entry {
  readonly group: string
  readonly seq: number
}

/**
 * The active groups covering one session: a binary max-heap by covered seq, each group at most
 * once (a group's covers map has one seq per session), with each group's slot in `at` so a
 * removed group leaves at once (no stale entries to skip or to keep memory).
 */
interface SessionCovers {
  heap: Entry[]
  at: Map<string, number>
}

/** What the index holds for one complete group. Replaced, never changed in place. */
export interface IndexedGroup {
  author: string
  /** the group's covers map when indexed (SnapshotGroup.covers is replaced, never mutated) */
  covers: ReadonlyMap<string, number>
  active: boolean
}

export interface CoverIndex {
  /** group key -> how it is indexed; a group not listed is incomplete (or gone) */
  groups: Map<string, IndexedGroup>
  /** `${author}:${session}` -> the active groups' covers of it; absent when none */
  sessions: Map<string, SessionCovers>
  /** hex author -> keys of its complete groups that wait for the author to be an editor */
  waiting: Map<string, Set<string>>
}

export function createCoverIndex(): CoverIndex {
  return { groups: new Map(), sessions: new Map(), waiting: new Map() }
}

/** A copy sharing nothing mutable (entries and IndexedGroups are immutable): for `draftOf`. */
export function copyCoverIndex(index: CoverIndex): CoverIndex {
  const sessions = new Map<string, SessionCovers>()
  for (const [k, s] of index.sessions) sessions.set(k, { heap: [...s.heap], at: new Map(s.at) })
  const waiting = new Map<string, Set<string>>()
  for (const [k, keys] of index.waiting) waiting.set(k, new Set(keys))
  return { groups: new Map(index.groups), sessions, waiting }
}

/**
 * The highest seq of `session` that an active group other than `except` covers; -1 for none
 * (a cover's seq is a varuint, so even a cover of 0 is told apart). O(1): the heap's root, or the larger of its children when the root is
 * `except` (which is in the heap at most once).
 */
export function coverReach(index: CoverIndex, session: string, except: string | null = null): number {
  const s = index.sessions.get(session)
  if (!s) return -1
  const top = s.heap[0]!
  if (top.group !== except) return top.seq
  return Math.max(s.heap[1]?.seq ?? -1, s.heap[2]?.seq ?? -1)
}

/**
 * Brings one group's entry to `want` (null: not complete, or deleted). A no-op when nothing
 * changed, which is the common case: a part that does not complete its group.
 */
export function indexGroup(index: CoverIndex, key: string, want: IndexedGroup | null, j: Journal | undefined): void {
  const now = index.groups.get(key)
  if (now === want) return
  if (now && want && now.author === want.author && now.covers === want.covers && now.active === want.active) return
  if (now) unindex(index, key, now, j)
  if (!want) return
  setIn(j, index.groups, key, want)
  if (want.active) {
    for (const [session, seq] of want.covers) insert(index, session, { group: key, seq }, j)
    return
  }
  let keys = index.waiting.get(want.author)
  if (!keys) {
    keys = new Set()
    setIn(j, index.waiting, want.author, keys)
  }
  addTo(j, keys, key)
}

/** The author's everRoles reached editor: its waiting groups count from now on. */
export function activateAuthor(index: CoverIndex, author: string, j: Journal | undefined): void {
  const keys = index.waiting.get(author)
  if (!keys) return
  // the set itself is left as it is, so an undo restores it with this one entry
  deleteIn(j, index.waiting, author)
  for (const key of keys) {
    const group = index.groups.get(key)!
    const active = { ...group, active: true }
    setIn(j, index.groups, key, active)
    for (const [session, seq] of active.covers) insert(index, session, { group: key, seq }, j)
  }
}

function unindex(index: CoverIndex, key: string, group: IndexedGroup, j: Journal | undefined): void {
  deleteIn(j, index.groups, key)
  if (group.active) {
    for (const session of group.covers.keys()) remove(index, session, key, j)
    return
  }
  const keys = index.waiting.get(group.author)
  if (!keys) return
  deleteIn(j, keys, key)
  if (keys.size === 0) deleteIn(j, index.waiting, group.author)
}

function insert(index: CoverIndex, session: string, entry: Entry, j: Journal | undefined): void {
  let s = index.sessions.get(session)
  if (!s) {
    s = { heap: [], at: new Map() }
    setIn(j, index.sessions, session, s)
  }
  pushTo(j, s.heap, entry)
  setIn(j, s.at, entry.group, s.heap.length - 1)
  siftUp(s, s.heap.length - 1, j)
}

function remove(index: CoverIndex, session: string, group: string, j: Journal | undefined): void {
  const s = index.sessions.get(session)
  const i = s?.at.get(group)
  if (!s || i === undefined) return
  const last = popFrom(j, s.heap)!
  deleteIn(j, s.at, group)
  if (s.heap.length === 0) {
    deleteIn(j, index.sessions, session)
    return
  }
  if (i === s.heap.length) return // it was the last slot
  place(s, i, last, j)
  if (i > 0 && s.heap[(i - 1) >> 1]!.seq < last.seq) siftUp(s, i, j)
  else siftDown(s, i, j)
}

function place(s: SessionCovers, i: number, entry: Entry, j: Journal | undefined): void {
  setAt(j, s.heap, i, entry)
  setIn(j, s.at, entry.group, i)
}

function siftUp(s: SessionCovers, i: number, j: Journal | undefined): void {
  const entry = s.heap[i]!
  while (i > 0) {
    const parent = (i - 1) >> 1
    const above = s.heap[parent]!
    if (above.seq >= entry.seq) break
    place(s, i, above, j)
    i = parent
  }
  place(s, i, entry, j)
}

function siftDown(s: SessionCovers, i: number, j: Journal | undefined): void {
  const entry = s.heap[i]!
  const n = s.heap.length
  for (;;) {
    const left = 2 * i + 1
    if (left >= n) break
    const right = left + 1
    const child = right < n && s.heap[right]!.seq > s.heap[left]!.seq ? right : left
    if (s.heap[child]!.seq <= entry.seq) break
    place(s, i, s.heap[child]!, j)
    i = child
  }
  place(s, i, entry, j)
}
