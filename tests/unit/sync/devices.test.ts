/** A person's devices in the room state: `device` invites, their lockboxes, claims and removal (R5–R7). */
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium, type SigningKeyPair } from '../../../src/crypto'
import { decodeBlob, MEMBER_OPS, type Role } from '../../../src/sync/blob'
import { toHex } from '../../../src/sync/bytes'
import { createClaim, createConsentRecord, createLockbox, createMemberRecord, createWriter, type Writer } from '../../../src/sync/records'
import { consentBlocks, devicesOf, loadRoomState, mayConnect, personOf } from '../../../src/sync/roomState'
import { MAX_DEVICE_INVITE_MS } from '../../../src/sync/rules'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, invite, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

function expectRule(result: ReturnType<typeof validateUpdate>, rule: string, code?: string) {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.rule).toBe(rule)
  if (code) expect(result.error.code).toBe(code)
}

const hex = (w: Writer | SigningKeyPair) => toHex('identity' in w ? w.identity.publicKey : w.publicKey)

function deviceInvite(f: Fixture, author: Writer, role: Role, expiresAt: number) {
  const key = generateSigningKeyPair()
  return {
    key,
    record: createMemberRecord(author, f.planId, { op: 'device', subject: key.publicKey, role, expiresAt }),
    lockbox: createLockbox(author, f.planId, 0, key.publicKey, f.key),
  }
}

/** `author` links a new device: device invite, lockbox, claim; returns the new device's writer. */
function link(f: Fixture, author: Writer, role: Role, now = Date.now()): Writer {
  const inv = deviceInvite(f, author, role, now + 10 * 60_000)
  const second = createWriter(generateSigningKeyPair())
  const r = f.apply(f.updateWith([inv.record, inv.lockbox, createClaim(second, f.planId, inv.key, role)]), now)
  if (!r.ok) throw r.error
  return second
}

describe('devices of one person', () => {
  it('appends `device` to the member ops without moving the others', () => {
    expect(MEMBER_OPS.indexOf('withdraw')).toBe(5)
    expect(MEMBER_OPS.indexOf('device')).toBe(6)
    const f = createFixture()
    const key = generateSigningKeyPair()
    const blob = decodeBlob(createMemberRecord(f.admin, f.planId, { op: 'device', subject: key.publicKey, role: 'admin', expiresAt: 5 }))
    expect(blob).toMatchObject({ kind: 'member', op: 'device', role: 'admin', expiresAt: 5 })
  })

  it('[R5][R6][R7] a contributor links its own device without an admin; the device is the same person', () => {
    const f = createFixture()
    const contributor = f.addMember('contributor')
    const now = Date.now()
    const inv = deviceInvite(f, contributor, 'contributor', now + 10 * 60_000)
    expect(f.apply(f.updateWith([inv.record, inv.lockbox]), now).ok).toBe(true)
    expect(mayConnect(f.room, hex(inv.key), now)).toBe(true)
    const second = createWriter(generateSigningKeyPair())
    expect(f.apply(f.updateWith([createClaim(second, f.planId, inv.key, 'contributor')]), now).ok).toBe(true)
    expect(f.room.members.get(hex(second))).toBe('contributor')
    expect(personOf(f.room, hex(second))).toBe(hex(contributor))
    expect(devicesOf(f.room, hex(contributor)).sort()).toEqual([hex(contributor), hex(second)].sort())
    // the new device writes content like the first
    expect(f.apply(f.updateWith([f.update(second)])).ok).toBe(true)
    // a third device linked from the second joins the same person
    const third = link(f, second, 'contributor')
    expect(personOf(f.room, hex(third))).toBe(hex(contributor))
  })

  it('[R5][R7] a reader links a device too: its device invite and the lockbox to it are the only things it writes', () => {
    const f = createFixture()
    const reader = f.addMember('reader')
    const second = link(f, reader, 'reader')
    expect(f.room.members.get(hex(second))).toBe('reader')
    expectRule(f.apply(f.updateWith([f.update(reader)])), 'R5', 'role-forbidden')
  })

  it("[R6] a device link grants at most the author's role, expires within the hour, uses a fresh key", () => {
    const f = createFixture()
    const contributor = f.addMember('contributor')
    const now = Date.now()
    expectRule(f.apply(f.updateWith([deviceInvite(f, contributor, 'editor', now + 60_000).record]), now), 'R6', 'device-role')
    expectRule(f.apply(f.updateWith([deviceInvite(f, contributor, 'contributor', now + MAX_DEVICE_INVITE_MS + 1000).record]), now), 'R6', 'device-expiry')
    expectRule(f.apply(f.updateWith([deviceInvite(f, contributor, 'contributor', now - 1).record]), now), 'R6', 'invite-expired')
    const taken = createMemberRecord(contributor, f.planId, { op: 'device', subject: f.admin.identity.publicKey, role: 'reader', expiresAt: now + 60_000 })
    expectRule(f.apply(f.updateWith([taken]), now), 'R6', 'invite-exists')
    // a lower role is fine
    expect(f.apply(f.updateWith([deviceInvite(f, contributor, 'reader', now + 60_000).record]), now).ok).toBe(true)
    // a stranger links nothing
    const stranger = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([deviceInvite(f, stranger, 'reader', now + 60_000).record]), now), 'R5', 'role-forbidden')
  })

  it("[R6] a claim takes the device link's role; a used or expired device link grants nothing", () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const now = Date.now()
    const inv = deviceInvite(f, editor, 'editor', now + 1000)
    expect(f.apply(f.updateWith([inv.record, inv.lockbox]), now).ok).toBe(true)
    const late = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([createClaim(late, f.planId, inv.key, 'editor')]), now + 2000), 'R6', 'invite-expired')
    expectRule(f.apply(f.updateWith([createClaim(late, f.planId, inv.key, 'admin')]), now), 'R6', 'claim-role')
    expect(f.apply(f.updateWith([createClaim(late, f.planId, inv.key, 'editor')]), now).ok).toBe(true)
    const thief = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([createClaim(thief, f.planId, inv.key, 'editor')]), now), 'R6', 'invite-used')
    expect(mayConnect(f.room, hex(inv.key), now)).toBe(false)
  })

  it('[R7] a member seals keys only to its own open device link', () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const b = f.addMember('editor')
    const now = Date.now()
    const invA = deviceInvite(f, a, 'editor', now + 60_000)
    expect(f.apply(f.updateWith([invA.record]), now).ok).toBe(true)
    expectRule(f.apply(f.updateWith([createLockbox(b, f.planId, 0, invA.key.publicKey, f.key)]), now), 'R5', 'role-forbidden')
    // an admin's ordinary invite is not the editor's to seal to
    const plain = invite(f, 'reader', now + 60_000)
    expect(f.apply(f.updateWith([plain.record]), now).ok).toBe(true)
    expectRule(f.apply(f.updateWith([createLockbox(a, f.planId, 0, plain.invite.publicKey, f.key)]), now), 'R5', 'role-forbidden')
    expect(f.apply(f.updateWith([createLockbox(a, f.planId, 0, invA.key.publicKey, f.key)]), now).ok).toBe(true)
  })

  it("[R6] a member removes a device of its own person, and no one else's", () => {
    const f = createFixture()
    const a = f.addMember('contributor')
    const lost = link(f, a, 'contributor')
    const other = f.addMember('contributor')
    const othersDevice = link(f, other, 'contributor')
    const remove = (author: Writer, subject: Writer) =>
      createMemberRecord(author, f.planId, { op: 'remove', subject: subject.identity.publicKey, role: 'contributor' })
    expectRule(f.apply(f.updateWith([remove(a, other)])), 'R5', 'role-forbidden')
    expectRule(f.apply(f.updateWith([remove(a, othersDevice)])), 'R5', 'role-forbidden')
    expectRule(f.apply(f.updateWith([remove(othersDevice, lost)])), 'R5', 'role-forbidden')
    // the linked device may remove the first one too: both are the same person
    expect(f.apply(f.updateWith([remove(a, lost)])).ok).toBe(true)
    expect(f.room.members.has(hex(lost))).toBe(false)
    expectRule(f.apply(f.updateWith([f.update(lost)])), 'R5')
    expect(devicesOf(f.room, hex(a))).toEqual([hex(a)])
  })

  it('[R6] an open device link dies with the device that made it: a lost device cannot let itself back in', () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const lost = link(f, a, 'editor')
    const now = Date.now()
    const pending = deviceInvite(f, lost, 'editor', now + 10 * 60_000)
    expect(f.apply(f.updateWith([pending.record, pending.lockbox]), now).ok).toBe(true)
    const remove = createMemberRecord(a, f.planId, { op: 'remove', subject: lost.identity.publicKey, role: 'editor' })
    expect(f.apply(f.updateWith([remove]), now).ok).toBe(true)
    expect(mayConnect(f.room, hex(pending.key), now)).toBe(false)
    const thief = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([createClaim(thief, f.planId, pending.key, 'editor')]), now), 'R6', 'invite-withdrawn')
  })

  it('[R6] removing a device keeps the last admin', () => {
    const f = createFixture()
    const second = link(f, f.admin, 'admin')
    // the admin's two devices are two admin keys: one may go, not both
    const removeFirst = createMemberRecord(second, f.planId, { op: 'remove', subject: f.admin.identity.publicKey, role: 'admin' })
    expect(f.apply(f.updateWith([removeFirst])).ok).toBe(true)
    const removeSelf = createMemberRecord(second, f.planId, { op: 'remove', subject: second.identity.publicKey, role: 'admin' })
    expectRule(f.apply(f.updateWith([removeSelf])), 'R6', 'last-admin')
  })

  it('[R6] a person withdraws its own unused device link; others cannot', () => {
    const f = createFixture()
    const a = f.addMember('reader')
    const b = f.addMember('editor')
    const now = Date.now()
    const inv = deviceInvite(f, a, 'reader', now + 60_000)
    expect(f.apply(f.updateWith([inv.record]), now).ok).toBe(true)
    const withdraw = (w: Writer) => createMemberRecord(w, f.planId, { op: 'withdraw', subject: inv.key.publicKey, role: 'reader' })
    expectRule(f.apply(f.updateWith([withdraw(b)]), now), 'R5', 'role-forbidden')
    expect(f.apply(f.updateWith([withdraw(a)]), now).ok).toBe(true)
    expect(mayConnect(f.room, hex(inv.key), now)).toBe(false)
  })

  it('[R6] persons survive a reload of the log, in any order', () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const second = link(f, a, 'editor')
    const reloaded = loadRoomState(f.planId, f.envelope)
    expect(personOf(reloaded, hex(second))).toBe(hex(a))
    expect(reloaded.members.get(hex(second))).toBe('editor')
  })

  it('[R6][R7] a client still admits a device link that expired since the relay took it (regression: a fresh join was refused whole)', () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const now = Date.now()
    const inv = deviceInvite(f, a, 'editor', now + 1000)
    const plain = invite(f, 'reader', now + 1000)
    expect(f.apply(f.updateWith([inv.record, inv.lockbox, plain.record, createLockbox(f.admin, f.planId, 0, plain.invite.publicKey, f.key)]), now).ok).toBe(
      true,
    )
    // a new device receives the whole log an hour later, as the relay sends it
    const fresh = new Y.Doc()
    const room = loadRoomState(f.planId, fresh)
    const later = now + 2 * MAX_DEVICE_INVITE_MS
    const result = validateUpdate(fresh, room, Y.encodeStateAsUpdate(f.envelope), { now: later, historicContent: true })
    expect(result.ok).toBe(true)
    // while the relay judges new records by its clock
    const relayView = validateUpdate(fresh, room, Y.encodeStateAsUpdate(f.envelope), { now: later })
    expectRule(relayView, 'R6', 'invite-expired')
  })

  it("[R6][R12] a device takes its person's party and organisation: withdrawn consent shuts out every device", () => {
    const f = createFixture()
    const parentW = createWriter(generateSigningKeyPair())
    const addParent = createMemberRecord(f.admin, f.planId, { op: 'add', subject: parentW.identity.publicKey, role: 'reader', party: 'gezag' })
    expect(f.apply(f.updateWith([addParent])).ok).toBe(true)
    const org = globalThis.crypto.getRandomValues(new Uint8Array(32))
    const consent = (op: 'give' | 'withdraw') =>
      createConsentRecord(parentW, f.planId, { op, organisation: org, expiresAt: op === 'give' ? Date.now() + 3_600_000 : 0, details: new Uint8Array(32) })
    expect(f.apply(f.updateWith([consent('give')])).ok).toBe(true)
    const pro = createWriter(generateSigningKeyPair())
    const addPro = createMemberRecord(f.admin, f.planId, {
      op: 'add',
      subject: pro.identity.publicKey,
      role: 'editor',
      party: 'professional',
      organisation: org,
    })
    expect(f.apply(f.updateWith([addPro])).ok).toBe(true)
    // a device link carries no party of its own
    const withParty = createMemberRecord(pro, f.planId, {
      op: 'device',
      subject: generateSigningKeyPair().publicKey,
      role: 'editor',
      expiresAt: Date.now() + 60_000,
      party: 'parent',
    })
    expectRule(f.apply(f.updateWith([withParty])), 'R6', 'party-fixed')
    const laptop = link(f, pro, 'editor')
    expect(f.room.parties.get(hex(laptop))).toBe('professional')
    expect(f.room.orgs.get(hex(laptop))).toBe(toHex(org))
    const parentsPhone = link(f, parentW, 'reader')
    expect(f.room.parties.get(hex(parentsPhone))).toBe('gezag')
    expect(f.room.orgs.has(hex(parentsPhone))).toBe(false)
    expect(f.apply(f.updateWith([consent('withdraw')])).ok).toBe(true)
    const now = Date.now()
    expect(consentBlocks(f.room, hex(pro), now)).toBe(true)
    expect(consentBlocks(f.room, hex(laptop), now)).toBe(true)
    expect(mayConnect(f.room, hex(laptop), now)).toBe(false)
    expectRule(f.apply(f.updateWith([f.update(laptop)])), 'R12', 'consent-missing')
  })
})
