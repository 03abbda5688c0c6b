/**
 * [R20] A relay's word that a plan was erased (its tombstone) counts on a device only when the
 * signed halves it carries make a complete erasure against the device's own membership: a relay
 * that makes one up, replays one half, or names people who may not erase, makes no device delete.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { erasureFromNotice } from '../../src/access/session/erasure'
import { createEraseRecord, createMemberRecord, createWriter } from '../../src/sync/records'
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
    const proves = (proof: Uint8Array[]) => erasureFromNotice(f.room, { erasedAt: now, proof }, now) !== null
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
