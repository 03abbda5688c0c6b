/**
 * A refused record must still take up its place in its author's history. Yjs integrates a
 * client's structs strictly in clock order, so leaving a refused update out would hold every
 * later update of the same client in Yjs's pending structs for good (and merge them again with
 * each update applied after). Applying the update's gap instead (GC structs over exactly its
 * clock ranges, no deletions) keeps the history whole without any of its content: later records
 * of that author integrate, and what builds on the refused content is dropped with it, as Yjs
 * drops any item whose neighbour or parent is garbage collected.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'

/** Yjs's struct info numbers in the update encoding */
const GC_INFO = 0
const SKIP_INFO = 10

/**
 * `leaveOut`: client ids whose clocks the gap must not take (P5: a record's structs under
 * another author's client id; a gap there would drop that author's later edits just the same).
 */
export function gapOf(update: Uint8Array, leaveOut: ReadonlySet<number> = new Set()): Uint8Array {
  const { structs } = Y.decodeUpdate(update)
  const byClient = new Map<number, Array<{ clock: number; length: number }>>()
  for (const s of structs) {
    if (s instanceof Y.Skip) continue // not part of this update: another record's clocks
    if (leaveOut.has(s.id.client)) continue
    const runs = byClient.get(s.id.client) ?? []
    runs.push({ clock: s.id.clock, length: s.length })
    byClient.set(s.id.client, runs)
  }
  const encoder = new Y.UpdateEncoderV1()
  const out = encoder.restEncoder
  encoding.writeVarUint(out, byClient.size)
  for (const [client, runs] of byClient) {
    runs.sort((a, b) => a.clock - b.clock)
    // one section per client (a reader keeps one per client), holes between runs as skips
    const entries: Array<{ info: number; length: number }> = []
    let end = runs[0]!.clock
    for (const run of runs) {
      if (run.clock > end) entries.push({ info: SKIP_INFO, length: run.clock - end })
      const from = Math.max(run.clock, end)
      if (run.clock + run.length > from) entries.push({ info: GC_INFO, length: run.clock + run.length - from })
      end = Math.max(end, run.clock + run.length)
    }
    encoding.writeVarUint(out, entries.length)
    encoding.writeVarUint(out, client)
    encoding.writeVarUint(out, runs[0]!.clock)
    for (const e of entries) {
      encoding.writeUint8(out, e.info)
      encoding.writeVarUint(out, e.length)
    }
  }
  encoding.writeVarUint(out, 0) // no deletions
  return encoder.toUint8Array()
}
