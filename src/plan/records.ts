/**
 * The shape every list section shares (DESIGN §6): a root Y.Array of Y.Map records, each with a
 * stable random `id`, `createdBy` (member key) and `createdAt`. Sections add their own fields,
 * validation and reading on top; this file only finds, inserts, patches, removes and observes.
 */
import * as Y from 'yjs'
import { PlanError } from './errors'
import { randomId } from './ids'

/** any Yjs shared type: their event types are invariant, so `unknown` would not accept a Y.Map<boolean> */
// biome-ignore lint/suspicious/noExplicitAny: the one place the event parameter is left open
type SharedType = Y.AbstractType<any>

export type Fields = Record<string, unknown>

export interface RecordStore<T> {
  readonly array: Y.Array<Y.Map<unknown>>
  /** records in array order; unreadable ones (no id) are skipped, a repeated id counts once */
  list(): T[]
  get(id: string): T | null
  map(id: string): Y.Map<unknown> | undefined
  /** the record's map, or a not-found PlanError */
  require(id: string): Y.Map<unknown>
  /**
   * pushes a new record; `nested` shared types are created with it, by this device alone. `id` is
   * for a caller that must use the id before the record exists (a fresh randomId, never a chosen one).
   */
  insert(fields: Fields, createdBy: string, now: number, nested?: Record<string, SharedType>, id?: string): string
  /** sets only the fields given and changed, in one transaction */
  patch(id: string, fields: Fields): void
  /** removes the record; false when there was none */
  remove(id: string): boolean
  /**
   * Calls back with the list after any change to a record, and (with textPrefix) to any root
   * Y.Text whose name starts with it: the records' collaborative texts live at the root.
   */
  observe(listener: (items: T[]) => void, textPrefix?: string): () => void
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b)
  return false
}

export function createRecordStore<T>(doc: Y.Doc, name: string, what: string, read: (map: Y.Map<unknown>) => T | null): RecordStore<T> {
  const array = doc.getArray<Y.Map<unknown>>(name)
  const maps = () => array.toArray().filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
  const map = (id: string) => maps().find((m) => m.get('id') === id)
  const list = (): T[] => {
    const seen = new Set<unknown>()
    const out: T[] = []
    for (const m of maps()) {
      const id = m.get('id')
      if (typeof id !== 'string' || seen.has(id)) continue
      seen.add(id)
      const record = read(m)
      if (record !== null) out.push(record)
    }
    return out
  }
  const require = (id: string) => {
    const m = map(id)
    if (!m) throw new PlanError('not-found', what, `no ${what} ${id}`)
    return m
  }
  return {
    array,
    list,
    map,
    require,
    get(id) {
      const m = map(id)
      return m ? read(m) : null
    },
    insert(fields, createdBy, now, nested = {}, id = randomId()) {
      const m = new Y.Map<unknown>()
      m.set('id', id)
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) m.set(k, v)
      for (const [k, t] of Object.entries(nested)) m.set(k, t)
      m.set('createdBy', createdBy)
      m.set('createdAt', now)
      array.push([m])
      return id
    },
    patch(id, fields) {
      const m = require(id)
      doc.transact(() => {
        for (const [k, v] of Object.entries(fields)) if (v !== undefined && !same(m.get(k), v)) m.set(k, v)
      })
    },
    remove(id) {
      let removed = false
      doc.transact(() => {
        // from the end, so indexes stay valid; every copy of the id goes
        const all = array.toArray()
        for (let i = all.length - 1; i >= 0; i--) {
          const m = all[i]
          if (m instanceof Y.Map && m.get('id') === id) {
            array.delete(i, 1)
            removed = true
          }
        }
      })
      return removed
    },
    observe(listener, textPrefix) {
      const handler = (tr: Y.Transaction) => {
        let hit = tr.changedParentTypes.has(array as SharedType) || tr.changed.has(array as SharedType)
        if (!hit && textPrefix) {
          for (const type of tr.changed.keys()) {
            if (type._item === null && type instanceof Y.Text && Y.findRootTypeKey(type).startsWith(textPrefix)) {
              hit = true
              break
            }
          }
        }
        if (hit) listener(list())
      }
      doc.on('afterTransaction', handler)
      return () => doc.off('afterTransaction', handler)
    },
  }
}

/** Empties a root text (a removed record's text: root types cannot be deleted, only emptied). */
export function clearText(text: Y.Text): void {
  if (text.length > 0) text.delete(0, text.length)
}

/** Sorts dated records newest first: by date, then createdAt, then id, so every device agrees. */
export function newestFirst<R extends { date: string; createdAt: number; id: string }>(records: R[]): R[] {
  return records.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.createdAt !== b.createdAt ? b.createdAt - a.createdAt : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  )
}
