/**
 * The status's pending count: how many records this person wrote that the relay has not
 * acknowledged. Not every record the envelope holds beyond the relay's state vector: after a
 * reload the relay's state is not known until it is restored (the session keeps it with the
 * envelope, session/localStore.ts), and the records others wrote came from the relay anyway.
 *
 * A record is one item in the envelope's `log` (a Uint8Array is one item of one clock): it is
 * acknowledged when the relay's state vector covers its clock, and own when its blob's author is
 * one of `authors` (this device's member key, and while joining the invite key too).
 */
import * as Y from 'yjs'
import { decodeBlob } from './blob'
import { toHex } from './bytes'

/** a blob's author, hex, decoded once per stored blob; '' for what is not a blob */
const authorOf = new WeakMap<Uint8Array, string>()

function authorHex(bytes: Uint8Array): string {
  let author = authorOf.get(bytes)
  if (author === undefined) {
    try {
      author = toHex(decodeBlob(bytes).author)
    } catch {
      author = '' // never validated into the log; nobody's record
    }
    authorOf.set(bytes, author)
  }
  return author
}

/**
 * Records in `envelope`'s log by one of `authors` (hex member keys) beyond the relay's state vector.
 * Only what lies beyond it is visited: per client, the structs from the acknowledged clock on
 * (a binary search into the store), not the log's whole list, which keeps every compacted
 * record as a tombstone (walking it on each status made a 90-minute meeting quadratic).
 */
export function countOwnUnconfirmed(envelope: Y.Doc, relay: ReadonlyMap<number, number> | null, authors: ReadonlySet<string>): number {
  const log = envelope.getArray<Uint8Array>('log') as unknown as Y.AbstractType<unknown>
  let pending = 0
  for (const [client, structs] of envelope.store.clients) {
    const acknowledged = relay?.get(client) ?? 0
    const last = structs[structs.length - 1]
    if (!last || last.id.clock + last.length <= acknowledged) continue
    for (let i = acknowledged === 0 ? 0 : Y.findIndexSS(structs, acknowledged); i < structs.length; i++) {
      const item = structs[i]
      if (!(item instanceof Y.Item) || item.deleted || item.parent !== log) continue
      const values = item.content.getContent() as unknown[]
      values.forEach((value, v) => {
        if (item.id.clock + v >= acknowledged && value instanceof Uint8Array && authors.has(authorHex(value))) pending += 1
      })
    }
  }
  return pending
}
