/**
 * Which top-level parts of a doc an update changes, found before it is applied (so a client can
 * refuse it) or after (for the activity view). Every inserted item is traced to its root type
 * through its parent, or through its origin when the encoding omits the parent; items earlier
 * in the same update count. Every deleted item is traced through the doc or the update.
 * An item next to or inside garbage-collected structs (a refused record's gap, see gapUpdate.ts)
 * is dropped by Yjs when applied: it changes nothing and counts towards no root.
 */
import * as Y from 'yjs'
import { Item } from 'yjs'

export interface UpdateRoots {
  /** root names, sorted */
  roots: string[]
  /** some item could not be traced (it hangs off something this doc has not seen) */
  unresolved: boolean
  /**
   * when unresolved: the first id it waits for that this doc does not hold (the update may trace
   * once the doc's state for that client passes that clock); absent when no such id is known
   */
  missing?: ID
  /** with `{ touches: true }`: every item the update inserts or deletes, and where (see Touch) */
  touches?: Touch[]
}

/**
 * One item an update inserts or deletes, located finely enough for a rule about which entry of a
 * list and which key it changes (P1: "Gedaan" on one's own afspraak, one's own presence).
 */
export interface Touch {
  op: 'insert' | 'delete'
  root: string
  /**
   * The element of the root the item is inside (a record's Y.Map), as this doc holds it; null when
   * the item is itself an element of the root (or in the root text), or inside a type that is new
   * in this update (its fields cannot be read from the doc).
   */
  entry: Y.AbstractType<unknown> | null
  /** the keys from the entry down to the item's parent: [] when its parent is the entry; null for an array element */
  path: (string | null)[]
  /** the item's key in its parent map, or null (an array element, text) */
  key: string | null
  /** an inserted item's plain values (a map entry holds one), else null */
  values: unknown[] | null
  /**
   * a deleted item that holds a type this doc has (a record's Y.Map removed from its list): that
   * type, as the doc holds it, so a rule can ask whose record it was (P8)
   */
  removed?: Y.AbstractType<unknown>
}

export type ID = { client: number; clock: number }
/** where an item lands: a root's name, nowhere (it is dropped), or unknown (null) */
type Root = string | typeof DROPPED | null
/** the type an item is in: held by the doc, new in this update ('fresh'), or unknown (null) */
type Parent = Y.AbstractType<unknown> | 'fresh' | null
type Where = { parent: Parent; key: string | null }
type Span = { start: number; end: number; root: Root; where: Where }
const NOWHERE: Where = { parent: null, key: null }
const DROPPED = Symbol('dropped')

export function rootsOfUpdate(doc: Y.Doc, update: Uint8Array, opts: { touches?: boolean } = {}): UpdateRoots {
  const names = new Map<unknown, string>()
  for (const [name, type] of doc.share) names.set(type, name)
  /** the update's own items per client, in clock order, with the root each was traced to */
  const fresh = new Map<number, Span[]>()
  const roots = new Set<string>()
  let unresolved = false
  let missing: ID | undefined
  const lacks = (id: ID) => {
    missing ??= { client: id.client, clock: id.clock }
  }
  const touches: Touch[] | undefined = opts.touches ? [] : undefined
  const note = (root: Root, touch?: () => Omit<Touch, 'root'>) => {
    if (root === null) unresolved = true
    else if (root !== DROPPED) {
      roots.add(root)
      if (touches && touch) touches.push({ root, ...touch() })
    }
  }
  /** the entry of its root a type is in, and the keys down to it */
  const locate = (where: Where): Pick<Touch, 'entry' | 'path' | 'key'> => {
    const path: (string | null)[] = []
    let t = where.parent
    if (t === null || t === 'fresh') return { entry: null, path, key: where.key }
    // climb to the root's direct element
    while (t._item && (t._item.parent as Y.AbstractType<unknown> | null)?._item) {
      path.unshift(t._item.parentSub)
      t = t._item.parent as Y.AbstractType<unknown>
    }
    return { entry: t._item ? t : null, path, key: where.key }
  }
  const whereOfItem = (item: Item): Where => ({ parent: item.parent as Y.AbstractType<unknown>, key: item.parentSub })
  const whereOfId = (id: ID): Where => {
    const span = freshSpan(id)
    if (span) return span.where
    if (id.clock >= Y.getState(doc.store, id.client)) return NOWHERE
    const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
    return struct instanceof Item ? whereOfItem(struct) : NOWHERE
  }
  /** a nested type by the id of the item holding it */
  const typeOfId = (id: ID): Parent => {
    if (freshSpan(id)) return 'fresh'
    if (id.clock >= Y.getState(doc.store, id.client)) return null
    const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
    return struct instanceof Item && struct.content instanceof Y.ContentType ? (struct.content.type as Y.AbstractType<unknown>) : null
  }

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
  const rootOfId = (id: ID): Root => {
    const span = freshSpan(id)
    if (span) return span.root
    if (id.clock >= Y.getState(doc.store, id.client)) {
      lacks(id)
      return null // not in this doc (yet)
    }
    const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
    if (struct instanceof Y.GC) return DROPPED
    return struct instanceof Item ? rootOfType(struct.parent) : null
  }

  const { structs, ds } = Y.decodeUpdate(update)
  for (const s of structs) {
    if (!(s instanceof Item)) continue
    const parent = s.parent as unknown
    const left = s.origin ? rootOfId(s.origin) : undefined
    const right = s.rightOrigin ? rootOfId(s.rightOrigin) : undefined
    const root: Root =
      left === DROPPED || right === DROPPED
        ? DROPPED
        : typeof parent === 'string'
          ? parent
          : parent
            ? rootOfId(parent as ID) /* a nested type */
            : left !== undefined
              ? left // Yjs takes the parent from the left origin first
              : (right ?? null)
    // where Yjs will put it: its parent as encoded, else its left origin's, else its right origin's
    const where: Where = !touches
      ? NOWHERE
      : typeof parent === 'string'
        ? { parent: (doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null, key: s.parentSub }
        : parent
          ? { parent: typeOfId(parent as ID), key: s.parentSub }
          : s.origin
            ? whereOfId(s.origin)
            : s.rightOrigin
              ? whereOfId(s.rightOrigin)
              : NOWHERE
    const spans = fresh.get(s.id.client) ?? []
    spans.push({ start: s.id.clock, end: s.id.clock + s.length, root, where })
    fresh.set(s.id.client, spans)
    note(root, () => ({ op: 'insert', ...locate(where), values: s.content instanceof Y.ContentAny ? s.content.arr : null }))
  }
  for (const [client, ranges] of ds.clients) {
    const held = doc.store.clients.get(client)
    for (const { clock, len } of ranges) {
      // a range may cover items of several roots: visit each item in it
      for (let c = clock; c < clock + len; ) {
        const span = freshSpan({ client, clock: c })
        if (span) {
          note(span.root, () => ({ op: 'delete', ...locate(span.where), values: null }))
          c = span.end
          continue
        }
        const index = held && c < Y.getState(doc.store, client) ? Y.findIndexSS(held, c) : -1
        if (index < 0) {
          lacks({ client, clock: c })
          note(null)
          break
        }
        const struct = held![index]!
        if (struct instanceof Item)
          note(rootOfType(struct.parent), () => ({
            op: 'delete',
            ...locate(whereOfItem(struct)),
            values: null,
            ...(struct.content instanceof Y.ContentType ? { removed: struct.content.type as Y.AbstractType<unknown> } : {}),
          }))
        c = struct.id.clock + struct.length
      }
    }
  }
  return { roots: [...roots].sort(), unresolved, ...(unresolved && missing ? { missing } : {}), ...(touches ? { touches } : {}) }
}
