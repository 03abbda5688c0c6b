/**
 * What R15 (the chain) and P6 (views) cost, each against a baseline in the same run:
 * - `chainEnvelopeBytes`: the bytes of an envelope that are chain and views (each live record's
 *   `prev`, its view or the empty view's one byte, each cover's hash), against the envelope.
 *   The five-year plan is written in compressed time, so its updates carry fewer views than real
 *   use would (one every VIEW_INTERVAL_MS per writer); the worst case puts a view on every live
 *   update (edits always 5 s or more apart): the heads that moved since its writer's last one.
 * - `benchChainSyncOverhead`: the work one edit adds on its way from one device to another,
 *   measured piece by piece against the same edit's sealing and validation without it: the
 *   writer's hash, the relay's and the receiver's chain check (with the hash), the receiver's
 *   watch; p50 over many edits.
 */
import * as Y from 'yjs'
import { generateContentKey, generateSigningKeyPair } from '../../src/crypto'
import { CHAIN_HASH_BYTES, type DecodedBlob, type Head, decodeBlob } from '../../src/sync/blob'
import { toHex } from '../../src/sync/bytes'
import { checkChain, viewOf } from '../../src/sync/chain'
import { ChainWatch } from '../../src/sync/chainWatch'
import { chainHashOf, createGenesis, createLockbox, createWriter, sealRecord } from '../../src/sync/records'
import { createRoomState, liveBlobs, type RoomState } from '../../src/sync/roomState'
import { validateUpdate } from '../../src/sync/validateUpdate'
import { percentile, round } from './stats'

/** The bytes of a view as blob.ts writes it (the one byte 0 when there is none). */
function viewBytes(view: readonly Head[] | undefined): number {
  if (!view || view.length === 0) return 1
  const authors = new Map<string, number>()
  let bytes = varuintBytes(0)
  for (const h of view) {
    const a = toHex(h.author)
    authors.set(a, (authors.get(a) ?? 0) + 1)
    bytes += 16 + varuintBytes(h.seq) + CHAIN_HASH_BYTES
  }
  bytes = varuintBytes(authors.size) + bytes - varuintBytes(0)
  for (const n of authors.values()) bytes += 32 + varuintBytes(n)
  return bytes
}

function varuintBytes(n: number): number {
  let bytes = 1
  while (n >= 0x80) {
    n = Math.floor(n / 0x80)
    bytes++
  }
  return bytes
}

function chainBytesOf(blob: DecodedBlob): number {
  if (blob.v < 2) return 0
  let bytes = blob.prev ? CHAIN_HASH_BYTES : 0
  if (blob.kind === 'update' || blob.kind === 'snapshot') bytes += viewBytes(blob.view)
  if (blob.kind === 'snapshot') bytes += blob.covers.length * CHAIN_HASH_BYTES
  return bytes
}

export function chainEnvelopeBytes(envelope: Y.Doc): {
  chain_envelope_overhead_pct: number
  chain_envelope_overhead_bytes: number
  chain_envelope_overhead_worst_pct: number
  chain_envelope_views: number
  chain_open_hash_ms: number
} {
  const total = Y.encodeStateAsUpdate(envelope).length
  let chain = 0
  let views = 0
  let viewOnUpdates = 0
  for (const { blob } of liveBlobs(envelope)) {
    chain += chainBytesOf(blob)
    if (blob.kind === 'update' || blob.kind === 'snapshot') {
      const v = viewBytes(blob.view)
      if (blob.view?.length) views++
      if (blob.kind === 'update') {
        viewOnUpdates += v
      }
    }
  }
  // worst case: every live update carried a view (its writer's edits always 5 s or more apart):
  // the heads that moved since that writer's previous update, in log order (what the bridge
  // writes, P6), counting covered sessions too (an over-estimate)
  const highest = new Map<string, { seq: number; author: Uint8Array; session: Uint8Array }>()
  const lastView = new Map<string, Map<string, number>>()
  let worstViews = 0
  for (const { blob } of liveBlobs(envelope)) {
    const own = `${toHex(blob.author)}:${toHex(blob.session)}`
    if (blob.kind === 'update' && blob.part === 0) {
      const seen = lastView.get(own) ?? new Map<string, number>()
      lastView.set(own, seen)
      const moved: Head[] = []
      for (const [key, h] of highest) {
        if (key === own || seen.get(key) === h.seq) continue
        seen.set(key, h.seq)
        moved.push({ author: h.author, session: h.session, seq: h.seq, hash: new Uint8Array(CHAIN_HASH_BYTES) })
      }
      worstViews += viewBytes(moved)
    } else if (blob.kind === 'update') worstViews += 1
    const at = highest.get(own)
    if (!at || blob.seq > at.seq) highest.set(own, { seq: blob.seq, author: blob.author, session: blob.session })
  }
  const worst = chain - viewOnUpdates + worstViews
  // what the chain adds to opening this plan: one hash per live record (markSeen)
  const blobs = [...liveBlobs(envelope)].map(({ blob }) => blob)
  const hashRuns: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    for (const b of blobs) chainHashOf(b.signed)
    hashRuns.push(performance.now() - t)
  }
  return {
    chain_envelope_overhead_pct: round((100 * chain) / total, 3),
    chain_envelope_overhead_bytes: chain,
    chain_envelope_overhead_worst_pct: round((100 * worst) / total, 3),
    chain_envelope_views: views,
    chain_open_hash_ms: round(percentile(hashRuns, 50), 2),
  }
}

/** One edit's extra work for the chain, p50 over `samples` edits, with the edit's own cost beside it. */
export function benchChainSyncOverhead(samples: number): { chain_sync_p50_overhead_ms: number; chain_sync_edit_p50_ms: number; chain_view_p50_ms: number } {
  const writer = createWriter(generateSigningKeyPair())
  const genesis = createGenesis(writer, 1_700_000_000_000)
  const key = generateContentKey()
  // a relay and a receiver, each with its envelope and room state
  const sides = [0, 1].map(() => ({ envelope: new Y.Doc(), room: createRoomState(genesis.planId) }))
  const source = new Y.Doc()
  const push = (blobs: Uint8Array[]): Uint8Array => {
    const before = Y.encodeStateVector(source)
    source.getArray<Uint8Array>('log').push(blobs)
    return Y.encodeStateAsUpdate(source, before)
  }
  const deliver = (update: Uint8Array) => {
    for (const side of sides) {
      const r = validateUpdate(side.envelope, side.room, update, { now: Date.now() })
      if (!r.ok) throw r.error
      Y.applyUpdate(side.envelope, update)
      r.commit()
    }
  }
  deliver(push([genesis.bytes, createLockbox(writer, genesis.planId, 0, writer.identity.publicKey, key)]))
  const watch = new ChainWatch(sides[1]!.room)
  const extra: number[] = []
  const edits: number[] = []
  const plan = new Y.Doc()
  for (let i = 0; i < samples + 20; i++) {
    plan.getText('notes').insert(0, `regel ${i}; `)
    const t0 = performance.now()
    const bytes = sealRecord(writer, genesis.planId, 0, key, { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(plan))
    const update = push([bytes])
    deliver(update)
    const edit = performance.now() - t0
    // the chain's share, measured on the same record: the writer's hash, the check (with its
    // hash) on the relay and on the receiver, the receiver's watch
    const blob = decodeBlob(bytes)
    const c0 = performance.now()
    chainHashOf(blob.signed)
    for (const side of sides) checkChain(side.room, side.envelope, [{ blob, itemId: 'x:0' }])
    watch.observe(blob)
    watch.settle()
    const chainMs = performance.now() - c0
    if (i >= 20) {
      extra.push(chainMs)
      edits.push(edit)
    }
  }
  // a view: at most one edit in VIEW_INTERVAL_MS pays it, on a room of this size
  const viewRuns: number[] = []
  for (let i = 0; i < 50; i++) {
    const t = performance.now()
    viewOf(sides[1]!.room)
    viewRuns.push(performance.now() - t)
  }
  return {
    chain_sync_p50_overhead_ms: round(percentile(extra, 50), 3),
    chain_sync_edit_p50_ms: round(percentile(edits, 50), 3),
    chain_view_p50_ms: round(percentile(viewRuns, 50), 3),
  }
}

/** The cost of the view on a given room (the five-year plan's). */
export function viewCostMs(room: RoomState, runs = 50): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    viewOf(room)
    times.push(performance.now() - t)
  }
  return round(percentile(times, 50), 3)
}
