/**
 * Which top-level parts of a doc an (applied) update changed, for "who changed which section":
 * every inserted or deleted item is walked up to its root type, named as the doc names it.
 */
import * as Y from 'yjs'
import { Item } from 'yjs'

export function touchedRoots(doc: Y.Doc, update: Uint8Array): string[] {
  const names = new Map<unknown, string>()
  for (const [name, type] of doc.share) names.set(type, name)
  const roots = new Set<string>()
  const visit = (client: number, clock: number) => {
    let struct: unknown
    try {
      struct = Y.getItem(doc.store, Y.createID(client, clock))
    } catch {
      return // collected or never integrated: nothing to name
    }
    if (!(struct instanceof Item)) return
    let type = struct.parent as Y.AbstractType<unknown> | null
    while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null
    const name = names.get(type)
    if (name !== undefined) roots.add(name)
  }
  const { structs, ds } = Y.decodeUpdate(update)
  for (const s of structs) if (s instanceof Item) visit(s.id.client, s.id.clock)
  for (const [client, ranges] of ds.clients) for (const r of ranges) visit(client, r.clock)
  return [...roots].sort()
}
