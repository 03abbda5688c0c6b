/**
 * [R19] Closing a plan: the grammar, who closes and reopens, that a closed plan takes nothing
 * outside its close's cut (in either order of a concurrent write and the close), the reopen
 * period, and that a stored log and what a lying relay sends are judged the same way.
 */
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../../src/crypto'
import { BlobFormatError, decodeBlob, MAX_CLOSE_CLIENTS } from '../../../src/sync/blob'
import { closureOf, cutOf, loadRoomState } from '../../../src/sync/roomState'
import { retentionPassedAt } from '../../../src/sync/closure'
import { createCloseRecord, createMemberRecord, createWriter } from '../../../src/sync/records'
import { MAX_KEEP_MS, MAX_REOPEN_MS, MIN_KEEP_MS } from '../../../src/sync/rules'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, generateSigningKeyPair, type Fixture } from './fixtures'

beforeAll(loadSodium)

const DAY = 24 * 60 * 60 * 1000
const YEAR = 365 * DAY

function refusal(f: Fixture, record: Uint8Array | Uint8Array[], now = Date.now()): string | null {
  const r = f.apply(f.updateWith(Array.isArray(record) ? record : [record]), now)
  return r.ok ? null : `${r.error.rule} ${r.error.code}`
}

function close(f: Fixture, writer = f.admin, at = Date.now(), cut = cutOf(f.envelope)): Uint8Array {
  return createCloseRecord(writer, f.planId, { op: 'close', at, reason: 'other-school', reopenUntil: at + 90 * DAY, cut, keepUntil: at + 2 * YEAR })
}

describe('[R19] close records', () => {
  it('round-trips a close and a reopen; shapes outside the grammar do not encode', () => {
    const f = createFixture()
    const cut = cutOf(f.envelope)
    const closed = decodeBlob(close(f, f.admin, 1_800_000_000_000, cut))
    expect(closed).toMatchObject({ kind: 'close', op: 'close', reason: 'other-school', at: 1_800_000_000_000, reopenUntil: 1_800_000_000_000 + 90 * DAY, cut })
    const reopened = decodeBlob(createCloseRecord(f.admin, f.planId, { op: 'reopen', at: 1_800_000_000_001 }))
    expect(reopened).toMatchObject({ kind: 'close', op: 'reopen', reopenUntil: 0, cut: [] })
    expect(() => createCloseRecord(f.admin, f.planId, { op: 'close', at: 1, reopenUntil: 2, cut: [] })).toThrow(BlobFormatError)
    const tooMany = Array.from({ length: MAX_CLOSE_CLIENTS + 1 }, (_, i) => ({ client: i, clock: 1 }))
    expect(() => createCloseRecord(f.admin, f.planId, { op: 'close', at: 1, reopenUntil: 2, cut: tooMany })).toThrow(BlobFormatError)
    const unordered = [
      { client: 5, clock: 1 },
      { client: 3, clock: 1 },
    ]
    expect(() => createCloseRecord(f.admin, f.planId, { op: 'close', at: 1, reopenUntil: 2, cut: unordered })).toThrow(BlobFormatError)
  })

  it('only an admin closes; then nothing is taken from anyone, admin included; an admin reopens within the period', () => {
    const f = createFixture()
    const teacher = f.addMember('editor')
    const newcomer = createWriter(generateSigningKeyPair())
    expect(refusal(f, close(f, teacher))).toBe('R19 close-forbidden')
    expect(refusal(f, f.update(teacher))).toBeNull()
    expect(refusal(f, close(f))).toBeNull()
    expect(closureOf(f.room)).toMatchObject({ reason: 'other-school' })
    expect(refusal(f, f.update(teacher))).toBe('R19 plan-closed')
    expect(refusal(f, f.update(f.admin))).toBe('R19 plan-closed')
    const add = createMemberRecord(f.admin, f.planId, { op: 'add', subject: newcomer.identity.publicKey, role: 'reader', party: 'parent' })
    expect(refusal(f, add)).toBe('R19 plan-closed')
    expect(refusal(f, close(f))).toBe('R19 plan-closed')
    expect(refusal(f, createCloseRecord(teacher, f.planId, { op: 'reopen', at: Date.now() }))).toBe('R19 close-forbidden')
    expect(refusal(f, createCloseRecord(f.admin, f.planId, { op: 'reopen', at: Date.now() }))).toBeNull()
    expect(closureOf(f.room)).toBeNull()
    expect(refusal(f, f.update(teacher))).toBeNull()
    expect(refusal(f, createCloseRecord(f.admin, f.planId, { op: 'reopen', at: Date.now() }))).toBe('R19 plan-open')
  })

  it('after the reopen period the plan stays closed', () => {
    const f = createFixture()
    const at = Date.now()
    expect(refusal(f, close(f, f.admin, at))).toBeNull()
    const later = at + 91 * DAY
    expect(refusal(f, createCloseRecord(f.admin, f.planId, { op: 'reopen', at: later }), later)).toBe('R19 reopen-expired')
    expect(refusal(f, f.update(f.admin), later)).toBe('R19 plan-closed')
  })

  it('a close names its own time, and a reopen period within bounds', () => {
    const f = createFixture()
    const now = Date.now()
    expect(refusal(f, close(f, f.admin, now - 60 * 60 * 1000), now)).toBe('R19 close-time')
    const tooLong = createCloseRecord(f.admin, f.planId, { op: 'close', at: now, reopenUntil: now + MAX_REOPEN_MS + 1, cut: cutOf(f.envelope) })
    expect(refusal(f, tooLong, now)).toBe('R19 close-period')
  })

  it('a write concurrent with the close: taken first, the close that did not have it is refused (close-stale) and one written after it is taken', () => {
    const f = createFixture()
    const teacher = f.addMember('contributor')
    const staleCut = cutOf(f.envelope)
    expect(refusal(f, f.update(teacher))).toBeNull()
    expect(refusal(f, close(f, f.admin, Date.now(), staleCut))).toBe('R19 close-stale')
    expect(refusal(f, close(f))).toBeNull()
  })

  it('a write concurrent with the close: the close taken first, the write (not in its cut) is refused', () => {
    const f = createFixture()
    const teacher = f.addMember('contributor')
    // the teacher writes on the envelope as it was before the close
    const before = new Y.Doc()
    Y.applyUpdate(before, Y.encodeStateAsUpdate(f.envelope))
    const concurrent = f.updateWith([f.update(teacher)], before)
    expect(refusal(f, close(f))).toBeNull()
    const r = f.apply(concurrent)
    expect(r.ok ? null : `${r.error.rule} ${r.error.code}`).toBe('R19 plan-closed')
  })

  it('a stored log with a close, a reopen and later writes loads whole; a lying relay’s write after the close is refused by a client', () => {
    const f = createFixture()
    const teacher = f.addMember('contributor')
    expect(refusal(f, f.update(teacher))).toBeNull()
    expect(refusal(f, close(f))).toBeNull()
    // a client that took the close is sent a record its writer wrote after it (an honest relay refused it)
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(f.envelope))
    const sneaked = f.updateWith([f.update(teacher, 'na het afsluiten')], scratch)
    const client = loadRoomState(f.planId, f.envelope)
    expect(closureOf(client)).not.toBeNull()
    const judged = validateUpdate(f.envelope, client, sneaked, { now: Date.now(), historicContent: true })
    expect(judged.ok ? null : `${judged.error.rule} ${judged.error.code}`).toBe('R19 plan-closed')

    expect(refusal(f, createCloseRecord(f.admin, f.planId, { op: 'reopen', at: Date.now() }))).toBeNull()
    expect(refusal(f, f.update(teacher, 'weer open'))).toBeNull()
    expect(refusal(f, close(f))).toBeNull()
    const report = { checks: 0, leftOut: 0 }
    const reloaded = loadRoomState(f.planId, f.envelope, undefined, new Set(), report)
    expect(closureOf(reloaded)).toEqual(closureOf(f.room))
    expect(report.leftOut).toBe(0)
  })

  it('a write outside the cut listed before the close in one update (either Yjs client order) is refused too', () => {
    for (const writeFirst of [true, false]) {
      const f = createFixture()
      const teacher = f.addMember('contributor')
      const base = new Y.Doc()
      Y.applyUpdate(base, Y.encodeStateAsUpdate(f.envelope))
      const before = Y.encodeStateVector(base)
      const cut = cutOf(base)
      // two branches on the same state, merged into one update, the write's client id ordered either way
      const branch = (clientID: number, blob: Uint8Array) => {
        const d = new Y.Doc()
        Y.applyUpdate(d, Y.encodeStateAsUpdate(base))
        d.clientID = clientID
        d.getArray<Uint8Array>('log').push([blob])
        return Y.encodeStateAsUpdate(d, before)
      }
      const write = branch(writeFirst ? 1 : 2 ** 31, f.update(teacher, 'ingespoten'))
      const closing = branch(writeFirst ? 2 ** 31 : 1, close(f, f.admin, Date.now(), cut))
      const update = Y.mergeUpdates([write, closing])
      const client = loadRoomState(f.planId, base)
      const judged = validateUpdate(base, client, update, { now: Date.now(), historicContent: true })
      expect(judged.ok ? null : `${judged.error.rule} ${judged.error.code}`).toBe('R19 plan-closed')
      // the relay: the close does not hold the write, whichever it meets first
      const relay = loadRoomState(f.planId, base)
      const taken = validateUpdate(base, relay, update, { now: Date.now() })
      expect(taken.ok ? null : `${taken.error.rule} ${taken.error.code}`).toMatch(/^R19 (close-stale|plan-closed)$/)
    }
  })
})

describe('[R22] a close names the plan’s retention end', () => {
  it('round-trips it; a reopen carries none, and bytes after it are refused', () => {
    const f = createFixture()
    const at = 1_800_000_000_000
    expect(decodeBlob(close(f, f.admin, at))).toMatchObject({ op: 'close', keepUntil: at + 2 * YEAR })
    expect(() => createCloseRecord(f.admin, f.planId, { op: 'close', at, reopenUntil: at, cut: cutOf(f.envelope), keepUntil: 0 })).toThrow(BlobFormatError)
    // a reopen with one: the writer never encodes it, and crafted bytes do not decode
    const reopen = createCloseRecord(f.admin, f.planId, { op: 'reopen', at, keepUntil: at + 2 * YEAR })
    expect(decodeBlob(reopen)).not.toHaveProperty('keepUntil')
    // one byte (a varUint) put in before the signature
    const withByte = (record: Uint8Array) => {
      const crafted = new Uint8Array(record.length + 1)
      crafted.set(record.subarray(0, record.length - 64))
      crafted[record.length - 64] = 1
      crafted.set(record.subarray(record.length - 64), record.length - 63)
      return crafted
    }
    expect(() => decodeBlob(withByte(reopen))).toThrow(/a reopen with a retention end/)
    expect(() => decodeBlob(withByte(close(f, f.admin, at)))).toThrow(BlobFormatError)
  })

  it('a new close without one, or one outside a year to thirty years (or before its reopen period ends), is refused', () => {
    const now = Date.now()
    const at = now
    const closeWith = (f: Fixture, fields: { keepUntil?: number; reopenUntil?: number }) =>
      createCloseRecord(f.admin, f.planId, { op: 'close', at, reason: 'moved', reopenUntil: fields.reopenUntil ?? at + DAY, cut: cutOf(f.envelope), ...fields })
    const cases: [string, { keepUntil?: number; reopenUntil?: number }, string | null][] = [
      ['none', {}, 'R22 close-keep'],
      ['a day short of a year', { keepUntil: at + MIN_KEEP_MS - DAY }, 'R22 close-keep'],
      ['before its reopen period ends', { keepUntil: at + MIN_KEEP_MS, reopenUntil: at + MIN_KEEP_MS + DAY }, 'R22 close-keep'],
      ['past thirty years', { keepUntil: at + MAX_KEEP_MS + 1 }, 'R22 close-keep'],
      ['a year', { keepUntil: at + MIN_KEEP_MS }, null],
      ['thirty years', { keepUntil: at + MAX_KEEP_MS }, null],
    ]
    for (const [what, fields, expected] of cases) {
      const f = createFixture()
      expect([what, refusal(f, closeWith(f, fields), now)]).toEqual([what, expected])
    }
  })

  it('a stored close from before R22 (none) still loads; the plan is closed with no end the relay acts on', () => {
    const f = createFixture()
    const old = createCloseRecord(f.admin, f.planId, { op: 'close', at: Date.now(), reason: 'moved', reopenUntil: Date.now() + DAY, cut: cutOf(f.envelope) })
    Y.applyUpdate(f.envelope, f.updateWith([old]))
    const room = loadRoomState(f.planId, f.envelope)
    expect(closureOf(room)).toMatchObject({ reason: 'moved', keepUntil: null })
    expect(retentionPassedAt(room, Number.MAX_SAFE_INTEGER)).toBe(false)
  })

  it('the end passes at keepUntil, not before; a reopen takes it away', () => {
    const f = createFixture()
    const at = Date.now()
    expect(refusal(f, close(f, f.admin, at))).toBeNull()
    expect(closureOf(f.room)?.keepUntil).toBe(at + 2 * YEAR)
    expect(retentionPassedAt(f.room, at + 2 * YEAR - 1)).toBe(false)
    expect(retentionPassedAt(f.room, at + 2 * YEAR)).toBe(true)
    expect(refusal(f, createCloseRecord(f.admin, f.planId, { op: 'reopen', at: Date.now() }))).toBeNull()
    expect(retentionPassedAt(f.room, at + 3 * YEAR)).toBe(false)
  })
})
