/**
 * [R20] A relay's word that a plan was erased (its tombstone) counts on a device only when the
 * signed halves it carries make a complete erasure against the device's own membership: a relay
 * that makes one up, replays one half, or names people who may not erase, makes no device delete.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { erasedFromNotice } from '../../src/access/session/erasure'
import { createCloseRecord, createEraseRecord, createMemberRecord, createWriter } from '../../src/sync/records'
import { cutOf } from '../../src/sync/roomState'
import { ERASE_CLOCK_SKEW_MS } from '../../src/sync/erase'
import { MIN_KEEP_MS } from '../../src/sync/rules'
import { createFixture, type Fixture } from './sync/fixtures'

beforeAll(loadSodium)

function member(f: Fixture, party: 'gezag' | 'parent') {
  const w = createWriter(generateSigningKeyPair())
  const r = f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject: w.identity.publicKey, role: 'contributor', party })]))
  if (!r.ok) throw r.error
  return w
}

describe('[R20] a relay notice of erasure', () => {
  it('proves an erasure only with a request by gezag and a confirm by an admin of another person, both signed', () => {
    const f = createFixture()
    const gezag = member(f, 'gezag')
    const parent = member(f, 'parent')
    const now = Date.now()
    const proves = (proof: Uint8Array[]) => erasedFromNotice(f.room, { erasedAt: now, proof }, now)?.reason === 'erased'
    const request = createEraseRecord(gezag, f.planId, 'request', now)
    const confirm = createEraseRecord(f.admin, f.planId, 'confirm', now)
    expect(proves([request, confirm])).toBe(true)
    expect(proves([])).toBe(false)
    expect(proves([confirm])).toBe(false)
    expect(proves([createEraseRecord(parent, f.planId, 'request', now), confirm])).toBe(false)
    expect(proves([request, createEraseRecord(gezag, f.planId, 'confirm', now)])).toBe(false)
    const forged = confirm.slice()
    forged[forged.length - 1]! ^= 1
    expect(proves([request, forged])).toBe(false)
    // a stranger's keys (another plan's erasure replayed, made-up members) prove nothing
    const other = createFixture()
    expect(proves([createEraseRecord(other.admin, other.planId, 'request', now), createEraseRecord(other.admin, other.planId, 'confirm', now)])).toBe(false)
    // nothing was changed in the device's state by looking
    expect(f.room.erasure).toBeNull()
  })
})

describe('[R22] a relay notice of a retention end', () => {
  const DAY = 24 * 60 * 60 * 1000
  /** a close signed long ago, its end (a year on) passed by now */
  const oldClose = (f: Fixture, writer = f.admin, at = Date.now() - 2 * MIN_KEEP_MS) =>
    createCloseRecord(writer, f.planId, { op: 'close', at, reason: 'moved', reopenUntil: at + DAY, cut: cutOf(f.envelope), keepUntil: at + MIN_KEEP_MS })

  it('proves an erasure with the signed close of an admin whose end has passed by this device’s clock; nothing else', () => {
    const f = createFixture()
    const teacher = f.addMember('editor')
    const now = Date.now()
    const erased = (proof: Uint8Array[], at = now) => erasedFromNotice(f.room, { erasedAt: at, proof }, at)
    const close = oldClose(f)
    expect(erased([close])).toEqual({ erasedAt: now, reason: 'retention' })
    // by this device's clock the end is still to come (beyond the minutes clocks differ by)
    const keepUntil = now - MIN_KEEP_MS
    expect(erased([close], keepUntil - ERASE_CLOCK_SKEW_MS - 1)).toBeNull()
    expect(erased([close], keepUntil - ERASE_CLOCK_SKEW_MS + 1)).not.toBeNull()
    // a close by someone who is not an admin, a forged one, another plan's, a reopen: nothing
    expect(erased([oldClose(f, teacher)])).toBeNull()
    const forged = close.slice()
    forged[forged.length - 1]! ^= 1
    expect(erased([forged])).toBeNull()
    const other = createFixture()
    expect(erased([oldClose(other)])).toBeNull()
    expect(erased([createCloseRecord(f.admin, f.planId, { op: 'reopen', at: now })])).toBeNull()
    // a close that names no end (from before R22) proves no retention
    const at = now - 2 * MIN_KEEP_MS
    expect(erased([createCloseRecord(f.admin, f.planId, { op: 'close', at, reason: 'moved', reopenUntil: at + DAY, cut: cutOf(f.envelope) })])).toBeNull()
    expect(f.room.closure).toBeNull()
  })

  it('the device’s own close counts as it holds it; one it saw reopened proves nothing when replayed', () => {
    const f = createFixture()
    const at = Date.now() - 2 * MIN_KEEP_MS
    const close = oldClose(f, f.admin, at)
    // taken when it was new (the device's clock then), so the device holds it in its state
    expect(f.apply(f.updateWith([close]), at).ok).toBe(true)
    expect(erasedFromNotice(f.room, { erasedAt: Date.now(), proof: [close] }, Date.now())).toMatchObject({ reason: 'retention' })
    expect(f.apply(f.updateWith([createCloseRecord(f.admin, f.planId, { op: 'reopen', at: at + 1000 })]), at + 1000).ok).toBe(true)
    expect(f.room.closure).toBeNull()
    expect(erasedFromNotice(f.room, { erasedAt: Date.now(), proof: [close] }, Date.now())).toBeNull()
  })
})
