/**
 * Which top-level parts of a doc an update changes, found before it is applied (so a client can
 * refuse it) or after (for the activity view). Every inserted item is traced to its root type
 * through its parent, or through its origin when the encoding omits the parent; items earlier
 * in the same update count. Every deleted item is traced through the doc or the update.
 */
import * as Y from 'yjs'
import { Item } from 'yjs'

export interface UpdateRoots {
  /** root names, sorted */
  roots: string[]
  /** some item could not be traced (it hangs off something this doc has not seen) */
  unresolved: boolean
}

type ID = { client: number; clock: number }
type Span = { start: number; end: number; root: string | null }

export function rootsOfUpdate(doc: Y.Doc, update: Uint8Array): UpdateRoots {
  const names = new Map<unknown, string>()
  for (const [name, type] of doc.share) names.set(type, name)
  /** the update's own items per client, in clock order, with the root each was traced to */
  const fresh = new Map<number, Span[]>()
  const roots = new Set<string>()
  let unresolved = false
  const note = (root: string | null) => (root === null ? (unresolved = true) : roots.add(root))

  const rootOfType = (type: unknown): string | null => {
    let t = type as Y.AbstractType<unknown> | null
    while (t?._item) t = t._item.parent as Y.AbstractType<unknown> | null
    return names.get(t) ?? null
  }
  const freshSpan = (id: ID): Span | undefined => {
    const spans = fresh.get(id.client) ?? []
    for (let i = spans.length - 1; i >= 0; i--) if (spans[i]!.start <= id.clock && id.clock < spans[i]!.end) return spans[i]
    return undefined
  }
  const rootOfId = (id: ID): string | null => {
    const span = freshSpan(id)
    if (span) return span.root
    try {
      const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
      return struct instanceof Item ? rootOfType(struct.parent) : null
    } catch {
      return null // not in this doc (yet)
    }
  }

  const { structs, ds } = Y.decodeUpdate(update)
  for (const s of structs) {
    if (!(s instanceof Item)) continue
    const parent = s.parent as unknown
    const via = (s.origin ?? s.rightOrigin) as ID | null
    const root =
      typeof parent === 'string' ? parent : parent ? rootOfId(parent as ID) /* a nested type */ : via ? rootOfId(via) : null
    const spans = fresh.get(s.id.client) ?? []
    spans.push({ start: s.id.clock, end: s.id.clock + s.length, root })
    fresh.set(s.id.client, spans)
    note(root)
  }
  for (const [client, ranges] of ds.clients) {
    const held = doc.store.clients.get(client)
    for (const { clock, len } of ranges) {
      // a range may cover items of several roots: visit each item in it
      for (let c = clock; c < clock + len; ) {
        const span = freshSpan({ client, clock: c })
        if (span) {
          note(span.root)
          c = span.end
          continue
        }
        const index = held && c < Y.getState(doc.store, client) ? Y.findIndexSS(held, c) : -1
        if (index < 0) {
          note(null)
          break
        }
        const struct = held![index]!
        if (struct instanceof Item) note(rootOfType(struct.parent))
        c = struct.id.clock + struct.length
      }
    }
  }
  return { roots: [...roots].sort(), unresolved }
}
