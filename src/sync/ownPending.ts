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
import type * as Y from 'yjs'
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

/** Records in `envelope`'s log by one of `authors` (hex member keys) beyond the relay's state vector. */
export function countOwnUnconfirmed(envelope: Y.Doc, relay: ReadonlyMap<number, number> | null, authors: ReadonlySet<string>): number {
  const log = envelope.getArray<Uint8Array>('log')
  let pending = 0
  // the items in log order, deleted ones (compacted) included: Yjs keeps no other index of them
  for (let item = (log as unknown as { _start: Y.Item | null })._start; item !== null; item = item.right as Y.Item | null) {
    if (item.deleted) continue
    const acknowledged = relay?.get(item.id.client) ?? 0
    if (item.id.clock + item.length <= acknowledged) continue
    const values = item.content.getContent() as unknown[]
    values.forEach((value, i) => {
      if (item!.id.clock + i >= acknowledged && value instanceof Uint8Array && authors.has(authorHex(value))) pending += 1
    })
  }
  return pending
}
