/**
 * "Klopt" on a verslag: the signature over one version (crypto facade), the entries in the plan
 * doc, and the pure judgement of who said klopt to what. Entries here are signed for real.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  approvalMessage,
  generateSigningKeyPair,
  hashApprovalContent,
  loadSodium,
  signApproval,
  verifyApproval,
  type ApprovalFields,
  type SigningKeyPair,
} from '../../src/crypto'
import { fromHex, toHex } from '../../src/sync/bytes'
import { approvalStatus, createApprovals, mayApprove, readApprovalEntry, type ApprovalEntry, type Verdict } from '../../src/plan'

await loadSodium()

const PLAN = new Uint8Array(32).fill(7)
const MEETING = 'f'.repeat(32)
const V1 = hashApprovalContent('verslag', new TextEncoder().encode('versie 1'))
const V2 = hashApprovalContent('verslag', new TextEncoder().encode('versie 2'))

function fields(over: Partial<ApprovalFields> = {}): ApprovalFields {
  return { kind: 'verslag', verdict: 'klopt', planId: PLAN, subjectId: MEETING, contentHash: V1, signedAt: 1000, remark: '', ...over }
}

function signed(keys: SigningKeyPair, verdict: Verdict, hash: Uint8Array, signedAt: number, remark = ''): ApprovalEntry {
  const f = fields({ verdict, contentHash: hash, signedAt, remark })
  return {
    id: `${signedAt}`,
    subject: 'verslag',
    subjectId: MEETING,
    verdict,
    memberKey: toHex(keys.publicKey),
    contentHash: toHex(hash),
    signedAt,
    signature: toHex(signApproval(f, keys.secretKey)),
    remark,
  }
}

const verify = (e: ApprovalEntry) =>
  verifyApproval(
    fields({ verdict: e.verdict, contentHash: fromHex(e.contentHash), signedAt: e.signedAt, remark: e.remark, subjectId: e.subjectId }),
    fromHex(e.signature),
    fromHex(e.memberKey),
  )

describe('the approval signature (src/crypto/approval.ts)', () => {
  const mum = generateSigningKeyPair()

  it('verifies over exactly the plan, meeting, version, time and remark signed', () => {
    const sig = signApproval(fields(), mum.secretKey)
    expect(verifyApproval(fields(), sig, mum.publicKey)).toBe(true)
    for (const other of [
      fields({ planId: new Uint8Array(32).fill(8) }),
      fields({ subjectId: 'e'.repeat(32) }),
      fields({ contentHash: V2 }),
      fields({ signedAt: 1001 }),
    ])
      expect(verifyApproval(other, sig, mum.publicKey)).toBe(false)
    expect(verifyApproval(fields(), sig, generateSigningKeyPair().publicKey)).toBe(false)
  })

  it('a klopt never verifies as a correction, nor a correction as a klopt or with another text', () => {
    const klopt = signApproval(fields(), mum.secretKey)
    const correction = signApproval(fields({ verdict: 'correctie', remark: 'Oma was er ook' }), mum.secretKey)
    expect(verifyApproval(fields({ verdict: 'correctie', remark: 'Oma was er ook' }), klopt, mum.publicKey)).toBe(false)
    expect(verifyApproval(fields(), correction, mum.publicKey)).toBe(false)
    expect(verifyApproval(fields({ verdict: 'correctie', remark: 'Opa was er ook' }), correction, mum.publicKey)).toBe(false)
  })

  it('length-prefixes the subject, refuses bad shapes and never throws on verify', () => {
    const a = approvalMessage(fields({ subjectId: 'ab' }))
    const b = approvalMessage(fields({ subjectId: 'abc' }))
    expect(a.length + 1).toBe(b.length)
    expect(() => approvalMessage(fields({ subjectId: '' }))).toThrow()
    expect(() => approvalMessage(fields({ subjectId: 'x'.repeat(65) }))).toThrow()
    expect(() => approvalMessage(fields({ remark: 'tekst bij klopt' }))).toThrow()
    expect(() => approvalMessage(fields({ contentHash: new Uint8Array(31) }))).toThrow()
    expect(verifyApproval(fields({ planId: new Uint8Array(3) }), new Uint8Array(64), mum.publicKey)).toBe(false)
  })
})

describe('approval entries and approvalStatus', () => {
  const mum = generateSigningKeyPair()
  const dad = generateSigningKeyPair()
  const ib = generateSigningKeyPair()
  const MUM = toHex(mum.publicKey)
  const DAD = toHex(dad.publicKey)
  const status = (entries: ApprovalEntry[], hash = V1) => approvalStatus({ entries, currentHash: toHex(hash), signers: [MUM, DAD], verify })

  it('only a parent with gezag or a youth of 16+ may approve', () => {
    expect((['gezag', 'youth16'] as const).every(mayApprove)).toBe(true)
    expect((['parent', 'youth', 'professional', undefined] as const).some(mayApprove)).toBe(false)
  })

  it('klopt on this version is current; after the verslag changed it shows as changed after approval', () => {
    const e = signed(mum, 'klopt', V1, 1000)
    expect(status([e]).signers).toEqual([
      { memberKey: MUM, state: 'current', latest: e },
      { memberKey: DAD, state: 'none', latest: null },
    ])
    expect(status([e], V2).signers[0]?.state).toBe('changed')
  })

  it('a correction is the newest word until a later klopt; a tie goes to the correction', () => {
    const k = signed(mum, 'klopt', V1, 1000)
    const c = signed(mum, 'correctie', V1, 2000, 'Oma was er ook bij')
    expect(status([k, c]).signers[0]).toMatchObject({ state: 'correction', latest: { remark: 'Oma was er ook bij' } })
    expect(status([k, c, signed(mum, 'klopt', V2, 3000)], V2).signers[0]?.state).toBe('current')
    expect(status([signed(mum, 'klopt', V1, 5000), signed(mum, 'correctie', V1, 5000, 'x')]).signers[0]?.state).toBe('correction')
  })

  it('ignores entries of others (before any signature check) and forged ones; a copy counts once', () => {
    const byIb = signed(ib, 'klopt', V1, 1000)
    const forged = { ...signed(mum, 'klopt', V1, 1000), contentHash: toHex(V2) }
    const real = signed(dad, 'klopt', V1, 1000)
    let checks = 0
    const s = approvalStatus({
      entries: [byIb, forged, real, { ...real, id: 'copy' }],
      currentHash: toHex(V1),
      signers: [MUM, DAD],
      verify: (e) => {
        checks++
        return verify(e)
      },
    })
    expect(s.ignored.map((i) => i.reason)).toEqual(['not-eligible', 'bad-signature'])
    expect(checks).toBe(3)
    expect(s.history).toHaveLength(1)
    expect(s.signers.map((x) => x.state)).toEqual(['none', 'current'])
  })

  it('stores entries as plain values and reads only well-formed ones', () => {
    const doc = new Y.Doc()
    const approvals = createApprovals(doc)
    const e = signed(mum, 'correctie', V1, 1000, ' Oma was er ook ')
    const { id: _id, ...entry } = e
    const id = approvals.append(entry)
    expect(approvals.about('verslag', MEETING)).toEqual([{ ...e, id, remark: 'Oma was er ook' }])
    expect(approvals.about('verslag', 'e'.repeat(32))).toEqual([])
    doc.getArray('approvals').push([{ ...e, verdict: 'misschien' }, { ...e, verdict: 'klopt' }, 'x'])
    expect(approvals.about('verslag', MEETING)).toHaveLength(1)
    expect(readApprovalEntry({ ...e, verdict: 'correctie', remark: ' ' })).toBeNull()
    expect(() => approvals.append({ ...entry, signature: 'zz' })).toThrow()
  })
})
