/**
 * Issue 9, "Cost bound": whether a blob is covered by a snapshot (R8 replay) and whether a
 * deleted item is (R10) is one index lookup, however many snapshot groups the plan holds. Proven
 * by count (`stats.covers`), never by time.
 */
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../../src/crypto'
import { sealRecord, type Writer } from '../../../src/sync/records'
import { MAX_NEW_BLOBS_PER_UPDATE } from '../../../src/sync/rules'
import { sessionKeyOf } from '../../../src/sync/roomState'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

const GROUPS = 5_000
const BLOBS = MAX_NEW_BLOBS_PER_UPDATE

function snapshot(f: Fixture, w: Writer, covers: { author: Uint8Array; session: Uint8Array; seq: number }[]): Uint8Array {
  return sealRecord(w, f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 1, covers }, new Uint8Array([0, 0]))
}

function applyAll(f: Fixture, blobs: Uint8Array[]): void {
  for (let i = 0; i < blobs.length; i += BLOBS) {
    const r = f.apply(f.updateWith(blobs.slice(i, i + BLOBS)))
    if (!r.ok) throw r.error
  }
}

describe('[R9] snapshot covers are looked up in constant time', () => {
  it('[R8][R10][R9] 5,000 snapshot groups: a full update of new blobs (MAX_NEW_BLOBS_PER_UPDATE) and as many deletions cost O(blobs) cover lookups', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const adminSession = sessionKeyOf(f.admin.identity.publicKey, f.admin.session)
    const adminSeq = f.room.highestSeq.get(adminSession)!
    // many small complete snapshots by an editor, each covering the admin's session
    const groups: Uint8Array[] = []
    for (let i = 0; i < GROUPS; i++) groups.push(snapshot(f, editor, [{ author: f.admin.identity.publicKey, session: f.admin.session, seq: adminSeq }]))
    applyAll(f, groups)
    expect(f.room.snapshots.size).toBe(GROUPS)

    // R8: every new blob is checked against the snapshots' covers
    const first = editor.seq + 1
    const blobs = Array.from({ length: BLOBS }, () => f.update(editor))
    const stats = { checks: 0, signatures: 0, covers: 0 }
    const added = validateUpdate(f.envelope, f.room, f.updateWith(blobs), { now: Date.now(), stats })
    if (!added.ok) throw added.error
    Y.applyUpdate(f.envelope, f.updateWith(blobs))
    added.commit()
    expect(stats.covers).toBeLessThanOrEqual(BLOBS)

    // R10: a snapshot covering them and the deletion of all of them, in one update
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(f.envelope))
    const before = Y.encodeStateVector(scratch)
    const log = scratch.getArray<Uint8Array>('log')
    // the updates are the last items of the log (each update was pushed at the end)
    log.delete(log.length - BLOBS, BLOBS)
    log.push([snapshot(f, editor, [{ author: editor.identity.publicKey, session: editor.session, seq: first + BLOBS - 1 }])])
    const compact = Y.encodeStateAsUpdate(scratch, before)
    const delStats = { checks: 0, signatures: 0, covers: 0 }
    const compacted = validateUpdate(f.envelope, f.room, compact, { now: Date.now(), stats: delStats })
    if (!compacted.ok) throw compacted.error
    expect(compacted.deleted).toHaveLength(BLOBS)
    // one lookup for the new snapshot, one per deleted item
    expect(delStats.covers).toBeLessThanOrEqual(BLOBS + 1)
    compacted.commit()
  }, 120_000)
})
