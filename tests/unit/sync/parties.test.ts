import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { BlobFormatError, decodeBlob, encodeBlob, type Blob } from '../../../src/sync/blob'
import { fromHex, toHex } from '../../../src/sync/bytes'
import { createClaim, createConsentRecord, createGenesis, createMemberRecord, createWriter, verifyBlob, verifyClaimProof } from '../../../src/sync/records'
import { createRoomState, loadRoomState } from '../../../src/sync/roomState'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { pushAsWriters } from './fixtures'
import { V1_RECORDS } from './v1Records.fixture'

beforeAll(async () => {
  await loadSodium()
})

const org = () => globalThis.crypto.getRandomValues(new Uint8Array(32))

function roundTrip(bytes: Uint8Array) {
  const blob = decodeBlob(bytes)
  expect(encodeBlob(blob as Blob)).toEqual(bytes)
  expect(verifyBlob(blob)).toBe(true)
  return blob
}

describe('parties in the record format', () => {
  it('round-trips party and organisation in member records and the genesis', () => {
    const w = createWriter(generateSigningKeyPair())
    const o = org()
    const g = createGenesis(w, 5, { party: 'professional', organisation: o })
    expect(roundTrip(g.bytes)).toMatchObject({ kind: 'genesis', party: 'professional', organisation: o })
    const subject = generateSigningKeyPair().publicKey
    const inv = roundTrip(createMemberRecord(w, g.planId, { op: 'invite', subject, role: 'editor', expiresAt: 9, party: 'professional', organisation: o }))
    expect(inv).toMatchObject({ kind: 'member', op: 'invite', party: 'professional', organisation: o, expiresAt: 9 })
    for (const party of ['parent', 'gezag', 'youth', 'youth16'] as const) {
      const add = roundTrip(createMemberRecord(w, g.planId, { op: 'add', subject, role: 'reader', party }))
      expect(add).toMatchObject({ party })
      expect((add as { organisation?: Uint8Array }).organisation).toBeUndefined()
    }
  })

  it('round-trips consent records', () => {
    const w = createWriter(generateSigningKeyPair())
    const g = createGenesis(w, 5, { party: 'gezag' })
    const o = org()
    const details = globalThis.crypto.getRandomValues(new Uint8Array(32))
    for (const op of ['give', 'withdraw'] as const) {
      const c = roundTrip(createConsentRecord(w, g.planId, { op, organisation: o, expiresAt: 1_900_000_000_000, details }))
      expect(c).toMatchObject({ kind: 'consent', op, organisation: o, expiresAt: 1_900_000_000_000, details, epoch: 0 })
    }
  })

  it('v1 records (stored before parties) still decode and verify, byte for byte', () => {
    for (const hex of Object.values(V1_RECORDS).slice(1)) {
      const blob = roundTrip(fromHex(hex))
      expect((blob as { party?: string }).party).toBeUndefined()
    }
    expect(verifyClaimProof(decodeBlob(fromHex(V1_RECORDS.claim)))).toBe(true)
  })

  it('a v1 log loads: its members count as professionals without organisation', () => {
    const envelope = new Y.Doc()
    pushAsWriters(envelope, [V1_RECORDS.genesis, V1_RECORDS.add, V1_RECORDS.invite, V1_RECORDS.claim].map(fromHex))
    const state = loadRoomState(fromHex(V1_RECORDS.planId), envelope)
    expect(state.members.size).toBe(3)
    for (const key of state.members.keys()) {
      expect(state.parties.get(key)).toBe('professional')
      expect(state.orgs.has(key)).toBe(false)
    }
  })

  it('refuses a bad party index, a short organisation and an organisation without party', () => {
    const w = createWriter(generateSigningKeyPair())
    const g = createGenesis(w, 5)
    const subject = generateSigningKeyPair().publicKey
    const good = createMemberRecord(w, g.planId, { op: 'add', subject, role: 'reader', party: 'youth' })
    // the party byte sits right before the (empty) organisation length and the 64-byte signature
    const bad = good.slice()
    bad[bad.length - 64 - 2] = 99
    expect(() => decodeBlob(bad)).toThrow(BlobFormatError)
    expect(() => createMemberRecord(w, g.planId, { op: 'add', subject, role: 'reader', party: 'professional', organisation: new Uint8Array(5) })).toThrow(
      BlobFormatError,
    )
    expect(() => createMemberRecord(w, g.planId, { op: 'add', subject, role: 'reader', organisation: org() })).toThrow(BlobFormatError)
  })

  it('folds parties and organisations from genesis, add, invite and claim', () => {
    const admin = createWriter(generateSigningKeyPair())
    const g = createGenesis(admin, 5, { party: 'gezag' })
    const state = createRoomState(g.planId)
    const envelope = new Y.Doc()
    const push = (blobs: Uint8Array[], now = Date.now()) => {
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(envelope))
      const sv = Y.encodeStateVector(scratch)
      pushAsWriters(scratch, blobs)
      const update = Y.encodeStateAsUpdate(scratch, sv)
      const r = validateUpdate(envelope, state, update, { now })
      if (!r.ok) throw r.error
      Y.applyUpdate(envelope, update)
      r.commit()
    }
    const youth = generateSigningKeyPair().publicKey
    const o = org()
    const invite = generateSigningKeyPair()
    const pro = createWriter(generateSigningKeyPair())
    push([g.bytes, createMemberRecord(admin, g.planId, { op: 'add', subject: youth, role: 'contributor', party: 'youth16' })])
    push([createConsentRecord(admin, g.planId, { op: 'give', organisation: o, expiresAt: Date.now() + 60_000, details: new Uint8Array(32) })])
    push([
      createMemberRecord(admin, g.planId, {
        op: 'invite',
        subject: invite.publicKey,
        role: 'editor',
        expiresAt: Date.now() + 60_000,
        party: 'professional',
        organisation: o,
      }),
    ])
    push([createClaim(pro, g.planId, invite, 'editor')])
    const me = toHex(admin.identity.publicKey)
    expect(state.parties.get(me)).toBe('gezag')
    expect(state.creator).toBe(me)
    expect(state.parties.get(toHex(youth))).toBe('youth16')
    expect(state.parties.get(toHex(pro.identity.publicKey))).toBe('professional')
    expect(state.orgs.get(toHex(pro.identity.publicKey))).toBe(toHex(o))
    expect(state.orgs.get(toHex(invite.publicKey))).toBe(toHex(o))
  })
})
