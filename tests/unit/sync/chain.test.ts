/**
 * R15 (the per-session hash chain) and P6 (what views prove), case by case: the chain outlives
 * compaction through the covers' hashes, a refused record carries a verifiable fork proof, views
 * stay small, and the watch flags what is missing only after a sync round and clears it.
 */
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../../src/crypto'
import { decodeBlob, type Head } from '../../../src/sync/blob'
import { fromHex, toHex } from '../../../src/sync/bytes'
import { ChainViolation, viewOf } from '../../../src/sync/chain'
import { ChainWatch } from '../../../src/sync/chainWatch'
import { chainHashOf, createWriter, sealRecord, verifyBlob, type Writer } from '../../../src/sync/records'
import { createRoomState, loadRoomState, markSeen, sessionKeyOf } from '../../../src/sync/roomState'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, pushAsWriters, type Fixture } from './fixtures'
import { V1_RECORDS } from './v1Records.fixture'

beforeAll(async () => {
  await loadSodium()
})

function update(f: Fixture, w: Writer, text: string, view?: Head[]): Uint8Array {
  const plan = new Y.Doc()
  plan.getText('t').insert(0, text)
  return sealRecord(w, f.planId, 0, f.key, { kind: 'update', part: 0, parts: 1, ...(view ? { view } : {}) }, Y.encodeStateAsUpdate(plan))
}

/** A second writer at the same point of the same session: what a device restored from a backup would be. */
const cloneOf = (w: Writer): Writer => ({ ...w })

describe('the chain (R15)', () => {
  it('[R15] a record whose predecessor differs from the one held is refused, with both signed records as proof', () => {
    const f = createFixture()
    const w = createWriter(f.admin.identity)
    expect(f.apply(f.updateWith([update(f, w, 'een')])).ok).toBe(true)
    const fork = cloneOf(w)
    expect(f.apply(f.updateWith([update(f, w, 'twee')])).ok).toBe(true)
    // the clone writes seq 2 as well (a replay, R8), then seq 3 naming its own seq 2
    update(f, fork, 'ander twee')
    const result = f.apply(f.updateWith([update(f, fork, 'drie')]))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toBeInstanceOf(ChainViolation)
    const proof = (result.error as ChainViolation).proof
    expect(proof.seq).toBe(2)
    expect(proof.records).toHaveLength(2)
    const [theirs, held] = proof.records.map((b) => decodeBlob(b))
    expect(theirs!.seq).toBe(3)
    expect(held!.seq).toBe(2)
    // anyone can check the proof: both are signed by the session's author, and they disagree
    expect(theirs!.prev).toBeDefined()
    expect(verifyBlob(theirs!) && verifyBlob(held!)).toBe(true)
    expect(toHex(theirs!.prev!)).not.toBe(toHex(chainHashOf(held!.signed)))
  })

  it('[R15] a second signed record under a held (author, session, seq) is a fork, with both records; the same bytes again stay a replay (R8)', () => {
    const f = createFixture()
    const w = createWriter(f.admin.identity)
    const fork = cloneOf(w)
    const mine = update(f, w, 'een')
    expect(f.apply(f.updateWith([mine])).ok).toBe(true)
    const theirs = update(f, fork, 'ander een')
    const result = f.apply(f.updateWith([theirs]))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect([result.error.rule, result.error.code]).toEqual(['R15', 'fork'])
    expect((result.error as ChainViolation).proof.records).toEqual([theirs, mine])
    const again = f.apply(f.updateWith([mine]))
    expect(again.ok).toBe(false)
    if (!again.ok) expect([again.error.rule, again.error.code]).toEqual(['R8', 'replay'])
  })

  it('[R15] the chain outlives compaction: a cover names the hash, so a relay that reloads only what is live still refuses a forged successor', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const w = createWriter(editor.identity)
    for (const t of ['een', 'twee', 'drie']) expect(f.apply(f.updateWith([update(f, w, t)])).ok).toBe(true)
    const fork = cloneOf(w)
    // the admin compacts: a snapshot covering the editor's session up to 3, and the three deleted
    const covers = [{ author: editor.identity.publicKey, session: w.session, seq: 3, hash: chainHashOf(decodeBlob(lastOf(f)).signed) }]
    const snapshotter = createWriter(f.admin.identity)
    const snapshot = sealRecord(snapshotter, f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 1, covers }, new Uint8Array([0]))
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(f.envelope))
    const before = Y.encodeStateVector(scratch)
    const log = scratch.getArray<Uint8Array>('log')
    const all = log.toArray()
    scratch.transact(() => {
      for (let i = all.length - 1; i >= 0; i--) if (decodeBlob(all[i]!).session.every((b, j) => b === w.session[j])) log.delete(i, 1)
      log.push([snapshot])
    })
    expect(f.apply(Y.encodeStateAsUpdate(scratch, before)).ok).toBe(true)
    // what is deleted leaves the chain, but for the record a cover reaches (memory follows what is live)
    const session = sessionKeyOf(editor.identity.publicKey, w.session)
    expect([1, 2, 3].map((seq) => f.room.chain.get(`${session}:${seq}`)?.cover ?? null)).toEqual([null, null, true])

    // a restarted relay: its seen index, but hashes only from what is live (and the covers)
    const reloaded = loadRoomState(f.planId, f.envelope, f.room.seen)
    expect(reloaded.chain.get(`${sessionKeyOf(editor.identity.publicKey, w.session)}:3`)?.cover).toBe(true)
    const forged = update(f, { ...fork, seq: 3, head: new Uint8Array(32).fill(7) }, 'vier (vals)')
    const refused = validate(f, reloaded, forged)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect([refused.error.rule, refused.error.code]).toEqual(['R15', 'chain-broken'])
    expect(validate(f, reloaded, update(f, w, 'vier')).ok).toBe(true)
  })

  it('[R15] a snapshot whose cover names another hash than the held record is refused (cover-hash)', () => {
    const f = createFixture()
    const w = createWriter(f.admin.identity)
    expect(f.apply(f.updateWith([update(f, w, 'een')])).ok).toBe(true)
    const covers = [{ author: f.admin.identity.publicKey, session: w.session, seq: 1, hash: new Uint8Array(32).fill(9) }]
    const snapshot = sealRecord(createWriter(f.admin.identity), f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 1, covers }, new Uint8Array([0]))
    const result = f.apply(f.updateWith([snapshot]))
    expect(result.ok).toBe(false)
    if (!result.ok) expect([result.error.rule, result.error.code]).toEqual(['R15', 'cover-hash'])
  })

  it('[R15] v1 records (written before the chain) still load: each gets its hash, none names a predecessor', () => {
    const envelope = new Y.Doc()
    pushAsWriters(envelope, [V1_RECORDS.genesis, V1_RECORDS.add, V1_RECORDS.invite, V1_RECORDS.claim].map(fromHex))
    const room = loadRoomState(fromHex(V1_RECORDS.planId), envelope)
    expect(room.members.size).toBe(3)
    expect(room.chain.size).toBe(4)
    for (const link of room.chain.values()) expect(link.prev).toBeUndefined()
  })
})

describe('views and the watch (P6)', () => {
  it('[P6] a view lists only sessions beyond what snapshots cover, and at most MAX_VIEW_SESSIONS', () => {
    const f = createFixture()
    const view = viewOf(f.room)
    expect(view.map((h) => h.seq)).toEqual([2]) // the admin's session: genesis and lockbox
    expect(viewOf(f.room, 0)).toEqual([])
  })

  it('[P6] what a view proves missing is flagged after a sync round (not before), with who proved it, and cleared once held', () => {
    const f = createFixture()
    const w = createWriter(f.admin.identity)
    const withheld = update(f, w, 'achtergehouden')
    const other = f.addMember('editor')
    // the editor's view names the admin's new session at seq 1, which this device does not hold
    const head: Head = { author: f.admin.identity.publicKey, session: w.session, seq: 1, hash: chainHashOf(decodeBlob(withheld).signed) }
    const proving = decodeBlob(update(f, createWriter(other.identity), 'gezien', [head]))
    const watch = new ChainWatch(f.room)
    watch.observe(proving)
    expect(watch.withheld()).toEqual([])
    watch.settle(1000)
    expect(watch.withheld()).toEqual([
      { author: toHex(f.admin.identity.publicKey), session: toHex(w.session), seq: 1, since: 1000, provenBy: toHex(other.identity.publicKey) },
    ])
    watch.settle(2000)
    expect(watch.withheld()[0]!.since).toBe(1000)
    expect(f.apply(f.updateWith([withheld])).ok).toBe(true)
    watch.settle(3000)
    expect(watch.withheld()).toEqual([])
  })

  it('[P6] a view naming another hash for a record this device holds is a fork, kept with both signed records', () => {
    const f = createFixture()
    const w = createWriter(f.admin.identity)
    const held = update(f, w, 'een')
    expect(f.apply(f.updateWith([held])).ok).toBe(true)
    const other = f.addMember('editor')
    const head: Head = { author: f.admin.identity.publicKey, session: w.session, seq: 1, hash: new Uint8Array(32).fill(1) }
    const proving = update(f, createWriter(other.identity), 'anders', [head])
    const room = f.room
    const watch = new ChainWatch(room, (triple) => (triple === `${sessionKeyOf(f.admin.identity.publicKey, w.session)}:1` ? held : null))
    watch.observe(decodeBlob(proving))
    watch.settle()
    expect(watch.withheld()).toEqual([])
    expect(watch.forked()).toHaveLength(1)
    expect(watch.forked()[0]!.records).toEqual([proving, held])
  })

  it('[P6] a record proves its predecessor: a gap in a session is missing unless a snapshot covers it', () => {
    const f = createFixture()
    const w = createWriter(f.admin.identity)
    update(f, w, 'een') // never sent
    const second = decodeBlob(update(f, w, 'twee'))
    const state = createRoomState(f.planId)
    markSeen(state, second, '1:0')
    const watch = new ChainWatch(state)
    watch.observe(second)
    watch.settle(5)
    expect(watch.withheld().map((m) => m.seq)).toEqual([1])
  })
})

function lastOf(f: Fixture): Uint8Array {
  const all = f.envelope.getArray<Uint8Array>('log').toArray()
  return all[all.length - 1]!
}

function validate(f: Fixture, room: ReturnType<typeof loadRoomState>, blob: Uint8Array) {
  return validateUpdateOn(f, room, f.updateWith([blob]))
}

function validateUpdateOn(f: Fixture, room: ReturnType<typeof loadRoomState>, update: Uint8Array) {
  const r = validateUpdate(f.envelope, room, update, { now: Date.now() })
  if (r.ok) r.abort()
  return r
}
