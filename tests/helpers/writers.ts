/** Test docs that hold several writers' records, laid out as real devices would write them. */
import type * as Y from 'yjs'
import { decodeBlob } from '../../src/sync/blob'
import { toHex } from '../../src/sync/bytes'

/**
 * Pushes blobs to a doc's `log` as their writers' devices would: each run of one author's blobs
 * under a Yjs client id of its own (R14: a client id belongs to one author). Bytes that do not
 * decode stay with the run before them.
 */
export function pushAsWriters(doc: Y.Doc, blobs: Uint8Array[]): void {
  const log = doc.getArray<Uint8Array>('log')
  let run: Uint8Array[] = []
  let author: string | null = null
  const flush = () => {
    if (run.length === 0) return
    doc.clientID = Math.floor(Math.random() * 2 ** 32)
    log.push(run)
    run = []
  }
  for (const bytes of blobs) {
    let by: string | null = author
    try {
      by = toHex(decodeBlob(bytes).author)
    } catch {
      // not a blob: a test of what the rules refuse
    }
    if (by !== author) flush()
    author = by
    run.push(bytes)
  }
  flush()
}
