import { beforeAll, describe, expect, it } from 'vitest'
import { generateContentKey, generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { BlobFormatError, CHAIN_HASH_BYTES, MEMBER_OPS, SEALED_KEY_BYTES, decodeBlob, encodeBlob, type Blob } from '../../../src/sync/blob'
import { fromBase64Url, toBase64Url, fromHex, toHex } from '../../../src/sync/bytes'
import {
  OpenError,
  createClaim,
  createConsentRecord,
  createGenesis,
  createLockbox,
  createMemberRecord,
  createWriter,
  openLockbox,
  openRecord,
  planIdFromGenesis,
  sealRecord,
  verifyBlob,
  verifyClaimProof,
  membershipId,
} from '../../../src/sync/records'

beforeAll(async () => {
  await loadSodium()
})

const text = (s: string) => new TextEncoder().encode(s)

function roundTrip(bytes: Uint8Array) {
  const blob = decodeBlob(bytes)
  expect(encodeBlob(blob as Blob)).toEqual(bytes)
  expect(verifyBlob(blob)).toBe(true)
  return blob
}

describe('blob codec', () => {
  const writer = () => createWriter(generateSigningKeyPair())

  it('round-trips a genesis whose plan id is its hash', () => {
    const w = writer()
    const g = createGenesis(w, 1234)
    const blob = roundTrip(g.bytes)
    if (blob.kind !== 'genesis') throw new Error('kind')
    expect(planIdFromGenesis(blob.author, blob.salt, blob.createdAt)).toEqual(g.planId)
    expect(blob.seq).toBe(1)
  })

  it('round-trips member, claim and lockbox records', () => {
    const w = writer()
    const plan = createGenesis(w, 1).planId
    const subject = generateSigningKeyPair()
    const m = roundTrip(createMemberRecord(w, plan, { op: 'invite', subject: subject.publicKey, role: 'editor', expiresAt: 99 }))
    expect(m).toMatchObject({ kind: 'member', op: 'invite', role: 'editor', expiresAt: 99, seq: 2 })
    const claimer = writer()
    const claim = roundTrip(createClaim(claimer, plan, subject, 'editor'))
    expect(verifyClaimProof(claim)).toBe(true)
    const key = generateContentKey()
    const lockbox = roundTrip(createLockbox(w, plan, 3, subject.publicKey, key))
    expect(lockbox.epoch).toBe(3)
    expect(openLockbox(lockbox, subject)).toEqual(key)
  })

  it('[R16] round-trips `after` on member, claim and consent records, with and without the affiliation tail', () => {
    const w = writer()
    const g = createGenesis(w, 1, { party: 'gezag' })
    const after = [membershipId(decodeBlob(g.bytes))]
    expect(after[0]!.length).toBe(32)
    const subject = generateSigningKeyPair()
    const org = new Uint8Array(32).fill(7)
    const cases = [
      createMemberRecord(w, g.planId, { op: 'role', subject: subject.publicKey, role: 'editor', after }),
      createMemberRecord(w, g.planId, { op: 'add', subject: subject.publicKey, role: 'reader', party: 'parent', after }),
      createMemberRecord(w, g.planId, {
        op: 'add',
        subject: subject.publicKey,
        role: 'reader',
        party: 'professional',
        organisation: org,
        accessUntil: 5_000,
        after,
      }),
      createClaim(writer(), g.planId, subject, 'reader', after),
      createConsentRecord(w, g.planId, { op: 'give', organisation: org, expiresAt: 9, details: new Uint8Array(32), after }),
    ]
    for (const bytes of cases) expect(roundTrip(bytes)).toMatchObject({ after })
    const tail = decodeBlob(cases[2]!)
    expect(tail).toMatchObject({ party: 'professional', organisation: org, accessUntil: 5_000 })
    expect(verifyClaimProof(decodeBlob(cases[3]!))).toBe(true)
    // without it, the grammar from before R16: no field, the same bytes as before
    const plain = decodeBlob(createMemberRecord(w, g.planId, { op: 'role', subject: subject.publicKey, role: 'editor' }))
    expect('after' in plain).toBe(false)
    expect(plain.bytes.length + 1 + 1 + 32).toBe(cases[0]!.length) // mark, count, one id
    // the same record has one id; another record another
    expect(membershipId(decodeBlob(cases[0]!))).toEqual(membershipId(decodeBlob(cases[0]!.slice())))
    expect(membershipId(decodeBlob(cases[1]!))).not.toEqual(membershipId(decodeBlob(cases[0]!)))
  })

  it('[R2][R16] `after` is exactly 32 bytes after its mark: shorter, longer or a stray mark is refused', () => {
    const w = writer()
    const g = createGenesis(w, 1)
    const subject = generateSigningKeyPair().publicKey
    expect(() => createMemberRecord(w, g.planId, { op: 'role', subject, role: 'editor', after: [new Uint8Array(31)] })).toThrow(/after must be 32 bytes/)
    const withAfter = createMemberRecord(w, g.planId, { op: 'role', subject, role: 'editor', after: [new Uint8Array(32)] })
    const sigAt = withAfter.length - 64
    // one byte of the id cut out, or one more put in: the signature no longer sits where it must
    const shorter = new Uint8Array([...withAfter.subarray(0, sigAt - 1), ...withAfter.subarray(sigAt)])
    expect(() => decodeBlob(shorter)).toThrow(BlobFormatError)
    const longer = new Uint8Array([...withAfter.subarray(0, sigAt), 0, ...withAfter.subarray(sigAt)])
    expect(() => decodeBlob(longer)).toThrow(BlobFormatError)
    // a set, written one way: ascending, each id once, 1 to 8 of them
    const low = new Uint8Array(32).fill(1)
    const high = new Uint8Array(32).fill(2)
    const two = decodeBlob(createMemberRecord(w, g.planId, { op: 'role', subject, role: 'editor', after: [high, low, high] }))
    expect(two.kind === 'member' && two.after).toEqual([low, high])
    const twoBytes = two.bytes.slice()
    const firstAt = twoBytes.length - 64 - 64 // the two ids end right before the signature
    twoBytes.set(high, firstAt)
    twoBytes.set(low, firstAt + 32)
    expect(() => decodeBlob(twoBytes)).toThrow(/ascending/)
    twoBytes.set(high, firstAt + 32)
    expect(() => decodeBlob(twoBytes)).toThrow(/ascending/)
    const countAt = firstAt - 1
    expect(two.bytes[countAt]).toBe(2)
    const zero = two.bytes.slice()
    zero[countAt] = 0
    expect(() => decodeBlob(zero)).toThrow(/after names 1 to 8/)
    const many = Array.from({ length: 9 }, (_, i) => new Uint8Array(32).fill(i + 1))
    // the writer keeps the last 8 it is given (the heads it took last)
    const eight = decodeBlob(createMemberRecord(w, g.planId, { op: 'role', subject, role: 'editor', after: many }))
    expect(eight.kind === 'member' && eight.after?.length).toBe(8)
    expect(() => encodeBlob({ ...(eight as Blob & { kind: 'member' }), after: many })).toThrow(/after names 1 to 8/)
    // a consent: only the mark, a count and its ids may follow its details
    const consent = createConsentRecord(w, g.planId, { op: 'withdraw', organisation: new Uint8Array(32), expiresAt: 0, details: new Uint8Array(32) })
    const stray = new Uint8Array([...consent.subarray(0, consent.length - 64), 0xff, ...consent.subarray(consent.length - 64)])
    expect(() => decodeBlob(stray)).toThrow(BlobFormatError)
  })

  it('round-trips update, snapshot and presence records and opens them', () => {
    const w = writer()
    const plan = createGenesis(w, 1).planId
    const key = generateContentKey()
    for (const body of [
      { kind: 'update' as const, part: 0, parts: 1 },
      { kind: 'snapshot' as const, part: 0, parts: 2, covers: [{ author: w.identity.publicKey, session: w.session, seq: 7 }] },
      { kind: 'presence' as const },
    ]) {
      const blob = roundTrip(sealRecord(w, plan, 0, key, body, text('inhoud')))
      expect(new TextDecoder().decode(openRecord(blob, () => key))).toBe('inhoud')
    }
  })

  it('seqs count up per writing session', () => {
    const w = writer()
    const plan = createGenesis(w, 1).planId
    const key = generateContentKey()
    const a = decodeBlob(sealRecord(w, plan, 0, key, { kind: 'update', part: 0, parts: 1 }, text('a')))
    const b = decodeBlob(sealRecord(w, plan, 0, key, { kind: 'update', part: 0, parts: 1 }, text('b')))
    expect(b.seq).toBe(a.seq + 1)
  })

  it('[R2] decodes strictly: a proof only on a claim and then exactly a signature; a sealed key of exactly 80 bytes', () => {
    const w = createWriter(generateSigningKeyPair())
    const g = createGenesis(w, 1)
    const inviteKey = generateSigningKeyPair()
    const claim = createClaim(createWriter(generateSigningKeyPair()), g.planId, inviteKey, 'reader')
    const device = createMemberRecord(w, g.planId, { op: 'device', subject: inviteKey.publicKey, role: 'reader', expiresAt: 5 })
    // the op byte follows the header (version, kind, plan, epoch, author, session, seq: 84 bytes here)
    const opAt = 1 + 1 + 32 + 1 + 32 + 16 + 1
    expect(decodeBlob(claim)).toMatchObject({ kind: 'member', op: 'claim' })
    const inflated = claim.slice()
    inflated[opAt] = MEMBER_OPS.indexOf('device') // a device record carrying a 64-byte "proof"
    expect(() => decodeBlob(inflated)).toThrow(/proof must be 0 bytes/)
    const bare = device.slice()
    // the device record is its session's second: its header also names the genesis' hash (R15)
    bare[opAt + CHAIN_HASH_BYTES] = MEMBER_OPS.indexOf('claim') // a claim without its proof
    expect(() => decodeBlob(bare)).toThrow(/proof must be 64 bytes/)
    // the encoder refuses the same
    const blob = decodeBlob(device) as Blob & { kind: 'member' }
    expect(() => encodeBlob({ ...blob, proof: new Uint8Array(60 * 1024) })).toThrow(BlobFormatError)

    const lockbox = createLockbox(w, g.planId, 0, inviteKey.publicKey, generateContentKey())
    const decoded = decodeBlob(lockbox) as Blob & { kind: 'lockbox' }
    expect(decoded.sealed.length).toBe(SEALED_KEY_BYTES)
    expect(() => createLockbox(w, g.planId, 0, inviteKey.publicKey, new Uint8Array(33))).toThrow(/sealed key must be 80 bytes/)
    // one byte more, length prefix and all, still signed as such: refused by the decoder
    const sealedAt = opAt + CHAIN_HASH_BYTES + 32 // prev (R15), recipient, then the sealed key's length prefix
    expect(lockbox[sealedAt]).toBe(SEALED_KEY_BYTES)
    const longer = new Uint8Array(lockbox.length + 1)
    longer.set(lockbox.subarray(0, sealedAt))
    longer[sealedAt] = SEALED_KEY_BYTES + 1
    longer.set(lockbox.subarray(sealedAt + 1, sealedAt + 1 + SEALED_KEY_BYTES), sealedAt + 1)
    longer.set(lockbox.subarray(sealedAt + 1 + SEALED_KEY_BYTES), sealedAt + 2 + SEALED_KEY_BYTES)
    expect(() => decodeBlob(longer)).toThrow(/sealed key must be 80 bytes/)
  })

  it('rejects truncated, extended and unknown-version bytes with a format error', () => {
    const w = writer()
    const g = createGenesis(w, 1)
    expect(() => decodeBlob(g.bytes.subarray(0, g.bytes.length - 1))).toThrow(BlobFormatError)
    expect(() => decodeBlob(new Uint8Array([...g.bytes, 0]))).toThrow(/trailing/)
    const other = g.bytes.slice()
    other[0] = 9
    expect(() => decodeBlob(other)).toThrow(/version/)
    const kind = g.bytes.slice()
    kind[1] = 42
    expect(() => decodeBlob(kind)).toThrow(/kind/)
    expect(() => decodeBlob(new Uint8Array(0))).toThrow(BlobFormatError)
  })

  it('a flipped bit anywhere fails verification or opening', () => {
    const w = writer()
    const plan = createGenesis(w, 1).planId
    const key = generateContentKey()
    const bytes = sealRecord(w, plan, 0, key, { kind: 'update', part: 0, parts: 1 }, text('geheim'))
    for (let i = 0; i < bytes.length; i += 7) {
      const tampered = bytes.slice()
      tampered[i]! ^= 0x10
      let opened = false
      try {
        openRecord(decodeBlob(tampered), () => key)
        opened = true
      } catch (err) {
        expect(err instanceof OpenError || err instanceof BlobFormatError).toBe(true)
      }
      expect(opened).toBe(false)
    }
  })

  it('a blob cannot be opened with another epoch key', () => {
    const w = writer()
    const plan = createGenesis(w, 1).planId
    const blob = decodeBlob(sealRecord(w, plan, 0, generateContentKey(), { kind: 'update', part: 0, parts: 1 }, text('x')))
    expect(() => openRecord(blob, () => generateContentKey())).toThrow(OpenError)
    expect(() => openRecord(blob, () => undefined)).toThrow(/no key/)
  })
})

describe('bytes', () => {
  it('base64url and hex round-trip', () => {
    for (let n = 0; n < 40; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff)
      expect(fromBase64Url(toBase64Url(b))).toEqual(b)
      expect(fromHex(toHex(b))).toEqual(b)
    }
    expect(() => fromBase64Url('a+b')).toThrow()
  })
})

describe('safety code', () => {
  it('is 12 digits in groups of four, stable per key, different across keys', async () => {
    const { safetyCode } = await import('../../../src/access/safetyCode')
    const a = toHex(generateSigningKeyPair().publicKey)
    const b = toHex(generateSigningKeyPair().publicKey)
    expect(safetyCode(a)).toMatch(/^\d{4} \d{4} \d{4}$/)
    expect(safetyCode(a)).toBe(safetyCode(a))
    expect(safetyCode(a)).not.toBe(safetyCode(b))
  })
})
