/**
 * R15 searched by a machine: one session's records and a second branch of it (a fork signed by
 * the same writer from seq k on), any subset, in any order, split into any updates. Each update
 * is accepted iff it is consistent with what was accepted before and with itself, by an obvious
 * oracle over the whole set (no two records at one seq, each record's `prev` the hash of the
 * record before it where both are held).
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../../src/crypto'
import { decodeBlob } from '../../../src/sync/blob'
import { toHex } from '../../../src/sync/bytes'
import { chainHashOf, createWriter, sealRecord, type Writer } from '../../../src/sync/records'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

const LENGTH = 8

interface Rec {
  bytes: Uint8Array
  seq: number
  hash: string
  prev: string | null
  name: string
}

function record(f: Fixture, w: Writer, text: string, name: string): Rec {
  const plan = new Y.Doc()
  plan.getText('t').insert(0, text)
  const bytes = sealRecord(w, f.planId, 0, f.key, { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(plan))
  const blob = decodeBlob(bytes)
  return { bytes, seq: blob.seq, hash: toHex(chainHashOf(blob.signed)), prev: blob.prev ? toHex(blob.prev) : null, name }
}

/** The main line A1..A8 of a fresh admin session and a branch B_k..B_8 forked from A_(k-1). */
function session(f: Fixture, forkAt: number): Rec[] {
  const w = createWriter(f.admin.identity)
  const out: Rec[] = []
  let branch: Writer | null = null
  for (let seq = 1; seq <= LENGTH; seq++) {
    if (seq === forkAt) branch = { ...w, head: w.head }
    out.push(record(f, w, `a${seq}`, `A${seq}`))
  }
  for (let seq = forkAt; seq <= LENGTH; seq++) out.push(record(f, branch!, `b${seq}`, `B${seq}`))
  return out
}

/** The oracle: is `held` plus `incoming` one chain? */
function consistent(held: Rec[], incoming: Rec[]): boolean {
  const bySeq = new Map<number, Rec>()
  for (const r of [...held, ...incoming]) {
    const there = bySeq.get(r.seq)
    if (there && there.hash !== r.hash) return false
    bySeq.set(r.seq, r)
  }
  for (const [seq, r] of bySeq) {
    const before = bySeq.get(seq - 1)
    if (before && r.prev !== before.hash) return false
  }
  return true
}

/** One update holding these records, each under a Yjs client id of its own (no origins between them). */
function updateOf(records: Rec[]): Uint8Array {
  const updates = records.map((r) => {
    const doc = new Y.Doc()
    doc.getArray<Uint8Array>('log').push([r.bytes])
    return Y.encodeStateAsUpdate(doc)
  })
  return Y.mergeUpdates(updates)
}

describe('the chain check (R15)', () => {
  it('[R15] accepts an update iff it keeps one chain per session: random subsets, orders, splits and forks (property, fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: LENGTH + 1 }), // LENGTH + 1: no fork at all
        fc.array(fc.nat(), { minLength: 1, maxLength: 2 * LENGTH }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2 * LENGTH, maxLength: 2 * LENGTH }),
        (forkAt, picks, sizes) => {
          const f = createFixture()
          const all = session(f, forkAt)
          // a random subset in a random order: `picks` index into what is left (drops and reorders)
          const pool = [...all]
          const chosen: Rec[] = []
          for (const p of picks) {
            if (pool.length === 0) break
            chosen.push(pool.splice(p % pool.length, 1)[0]!)
          }
          const held: Rec[] = []
          let i = 0
          for (const size of sizes) {
            if (i >= chosen.length) break
            const batch = chosen.slice(i, i + size)
            i += size
            const expected = consistent(held, batch)
            const result = validateUpdate(f.envelope, f.room, updateOf(batch), { now: Date.now(), historicContent: true })
            if (result.ok) {
              Y.applyUpdate(f.envelope, updateOf(batch))
              result.commit()
              held.push(...batch)
            } else {
              // a fork at one seq is a replay of its triple (R8); anything else a broken chain (R15)
              expect(['R8', 'R15']).toContain(result.error.rule)
            }
            expect(result.ok, `${batch.map((r) => r.name)} after ${held.map((r) => r.name)}`).toBe(expected)
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})
