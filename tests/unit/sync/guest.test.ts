import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { BlobFormatError, decodeBlob, encodeBlob, type Role } from '../../../src/sync/blob'
import { fromHex, toHex } from '../../../src/sync/bytes'
import { createClaim, createMemberRecord, createWriter, verifyBlob, type Writer } from '../../../src/sync/records'
import { accessEnded, loadRoomState, mayConnect } from '../../../src/sync/roomState'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Written by the encoder before access ends existed (main at the parties change): must decode and verify as before. */
const OLD_V1_ADD =
  '0101010101010101010101010101010101010101010101010101010101010101010100ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c0202020202020202020202020202020203000404040404040404040404040404040404040404040404040404040404040404000000aef6d6f07ff5c4147b6073b1c41e7bdd0159799a16e4997aff6200b098b662976fa7a57070f9e51155417abac2d55057583d3eca6c9d89a6e0f233a2f3abeb0d'
const OLD_PARTY_INVITE =
  '0101010101010101010101010101010101010101010101010101010101010101010100ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c02020202020202020202020202020202030305050505050505050505050505050505050505050505050505050505050505050280a0f1c2b134000020060606060606060606060606060606060606060606060606060606060606060605a45de941c426e54f19de05e4585dbc67ad38a4d77d06303b6994eb458d984db4907f7dc00e769a6c0b8f0bd024c1367f1bc856171a9e6cf84bcde460da0d07'

function expectRule(result: { ok: boolean; error?: { rule: string; code: string } }, rule: string, code: string) {
  expect(result.ok).toBe(false)
  expect(result.error?.rule).toBe(rule)
  expect(result.error?.code).toBe(code)
}

function addGuest(f: Fixture, accessUntil: number, role: Role = 'reader', now = Date.now()): Writer {
  const w = createWriter(generateSigningKeyPair())
  const r = f.apply(
    f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject: w.identity.publicKey, role, party: 'parent', accessUntil })]),
    now,
  )
  if (!r.ok) throw r.error
  return w
}

function inviteGuest(f: Fixture, expiresAt: number, accessUntil: number, role: Role = 'reader') {
  const invite = generateSigningKeyPair()
  const record = createMemberRecord(f.admin, f.planId, { op: 'invite', subject: invite.publicKey, role, expiresAt, party: 'parent', accessUntil })
  return { invite, record }
}

describe('R13 access until: the record format', () => {
  it('[R13] an access end round-trips and is signed', () => {
    const w = createWriter(generateSigningKeyPair())
    const until = Date.now() + HOUR
    const bytes = createMemberRecord(w, new Uint8Array(32), {
      op: 'invite',
      subject: new Uint8Array(32).fill(9),
      role: 'reader',
      expiresAt: until - MINUTE,
      party: 'professional',
      organisation: new Uint8Array(32).fill(3),
      accessUntil: until,
    })
    const blob = decodeBlob(bytes)
    expect(blob.kind === 'member' && blob.accessUntil).toBe(until)
    expect(blob.kind === 'member' && blob.party).toBe('professional')
    expect(verifyBlob(blob)).toBe(true)
    expect(encodeBlob(blob)).toEqual(bytes)
    // without a party (v1 tail) there is nowhere to put it, and 0 is written as absent
    const plain = decodeBlob(
      createMemberRecord(w, new Uint8Array(32), { op: 'add', subject: new Uint8Array(32), role: 'reader', party: 'parent', accessUntil: 0 }),
    )
    expect(plain.kind === 'member' && plain.accessUntil).toBeUndefined()
    expect(() => createMemberRecord(w, new Uint8Array(32), { op: 'add', subject: new Uint8Array(32), role: 'reader', accessUntil: until })).toThrow(
      BlobFormatError,
    )
  })

  it('[R13] records stored before access ends existed decode and verify as before', () => {
    for (const hex of [OLD_V1_ADD, OLD_PARTY_INVITE]) {
      const blob = decodeBlob(fromHex(hex))
      expect(blob.kind).toBe('member')
      expect(blob.kind === 'member' && blob.accessUntil).toBeUndefined()
      expect(verifyBlob(blob)).toBe(true)
      expect(toHex(encodeBlob(blob))).toBe(hex)
    }
    const party = decodeBlob(fromHex(OLD_PARTY_INVITE))
    expect(party.kind === 'member' && party.party).toBe('professional')
  })

  it('[R13] an access end cannot be stripped or added without breaking the signature', () => {
    const w = createWriter(generateSigningKeyPair())
    const bytes = createMemberRecord(w, new Uint8Array(32), {
      op: 'add',
      subject: new Uint8Array(32),
      role: 'reader',
      party: 'parent',
      accessUntil: 1_900_000_000_000,
    })
    const blob = decodeBlob(bytes)
    const stripped = encodeBlob({ ...blob, accessUntil: undefined } as never)
    expect(verifyBlob(decodeBlob(stripped))).toBe(false)
    const moved = encodeBlob({ ...blob, accessUntil: 1_900_000_000_001 } as never)
    expect(verifyBlob(decodeBlob(moved))).toBe(false)
  })
})

describe('R13 access until: the rules', () => {
  it('[R13] an access end in the past, or an admin with an end, is refused', () => {
    const f = createFixture()
    const now = Date.now()
    const add = (role: Role, accessUntil: number) =>
      f.apply(
        f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject: generateSigningKeyPair().publicKey, role, party: 'parent', accessUntil })]),
        now,
      )
    expectRule(add('reader', now - 1), 'R13', 'access-until-past')
    expectRule(add('reader', now), 'R13', 'access-until-past')
    expectRule(add('admin', now + HOUR), 'R13', 'access-admin')
    expect(add('reader', now + HOUR).ok).toBe(true)
    expect(add('editor', now + HOUR).ok).toBe(true)
  })

  it("[R13] an invite's access must end after the invite itself expires", () => {
    const f = createFixture()
    const now = Date.now()
    expectRule(f.apply(f.updateWith([inviteGuest(f, now + HOUR, now + HOUR).record]), now), 'R13', 'access-before-expiry')
    expectRule(f.apply(f.updateWith([inviteGuest(f, now + HOUR, now + MINUTE).record]), now), 'R13', 'access-before-expiry')
    expect(f.apply(f.updateWith([inviteGuest(f, now + HOUR, now + 2 * HOUR).record]), now).ok).toBe(true)
  })

  it('[R13] a time-limited member does not become admin', () => {
    const f = createFixture()
    const guest = addGuest(f, Date.now() + HOUR, 'editor')
    const r = f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'role', subject: guest.identity.publicKey, role: 'admin' })]))
    expectRule(r, 'R13', 'access-admin')
  })

  it("[R13] a claim takes its invite's end; after it the member is not admitted and its records are refused", () => {
    const f = createFixture()
    const now = Date.now()
    const until = now + 2 * HOUR
    const { invite, record } = inviteGuest(f, now + HOUR, until, 'contributor')
    expect(f.apply(f.updateWith([record]), now).ok).toBe(true)
    const guest = createWriter(generateSigningKeyPair())
    expect(f.apply(f.updateWith([createClaim(guest, f.planId, invite, 'contributor')]), now).ok).toBe(true)
    const key = toHex(guest.identity.publicKey)
    expect(f.room.accessUntil.get(key)).toBe(until)
    expect(f.apply(f.updateWith([f.update(guest, 'voor de bespreking')]), now).ok).toBe(true)
    expect(mayConnect(f.room, key, until - 1)).toBe(true)
    expect(mayConnect(f.room, key, until)).toBe(false)
    expect(accessEnded(f.room, key, until)).toBe(true)
    expectRule(f.apply(f.updateWith([f.update(guest, 'na afloop')]), until + 1), 'R13', 'access-expired')
    // no new key for it either
    expect(f.room.members.has(key)).toBe(true)
  })

  it('[R13] what it wrote before its end stays loadable', () => {
    const f = createFixture()
    const now = Date.now()
    const guest = addGuest(f, now + HOUR, 'contributor', now)
    expect(f.apply(f.updateWith([f.update(guest, 'eerder')]), now).ok).toBe(true)
    const reloaded = loadRoomState(f.planId, f.envelope)
    const key = toHex(guest.identity.publicKey)
    expect([...reloaded.seen.keys()].some((t) => t.startsWith(key))).toBe(true)
    expect(reloaded.accessUntil.get(key)).toBe(now + HOUR)
    // a client loading the relay's log long after the end still takes the guest's old update
    const fresh = new Y.Doc()
    const state = loadRoomState(f.planId, fresh)
    const all = Y.encodeStateAsUpdate(f.envelope)
    expect(validateUpdate(fresh, state, all, { now: now + 10 * HOUR, historicContent: true }).ok).toBe(true)
  })

  it("[R13] a linked device inherits its person's end and cannot claim after it", () => {
    const f = createFixture()
    const now = Date.now()
    const until = now + 10 * MINUTE
    const guest = addGuest(f, until, 'reader', now)
    const link = generateSigningKeyPair()
    const device = createMemberRecord(guest, f.planId, { op: 'device', subject: link.publicKey, role: 'reader', expiresAt: now + 30 * MINUTE })
    expect(f.apply(f.updateWith([device]), now).ok).toBe(true)
    expect(f.room.invites.get(toHex(link.publicKey))?.accessUntil).toBe(until)
    const late = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([createClaim(late, f.planId, link, 'reader')]), now + 15 * MINUTE), 'R13', 'access-expired')
    expect(mayConnect(f.room, toHex(link.publicKey), now + 15 * MINUTE)).toBe(false)
    const second = createWriter(generateSigningKeyPair())
    expect(f.apply(f.updateWith([createClaim(second, f.planId, link, 'reader')]), now + MINUTE).ok).toBe(true)
    expect(f.room.accessUntil.get(toHex(second.identity.publicKey))).toBe(until)
  })

  it('[R13] the admin removes an expired member; it stays known as expired', () => {
    const f = createFixture()
    const now = Date.now()
    const guest = addGuest(f, now + MINUTE, 'reader', now)
    const later = now + 2 * MINUTE
    const r = f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'remove', subject: guest.identity.publicKey, role: 'reader' })]), later)
    expect(r.ok).toBe(true)
    const key = toHex(guest.identity.publicKey)
    expect(f.room.members.has(key)).toBe(false)
    expect(accessEnded(f.room, key, later)).toBe(true)
  })
})
