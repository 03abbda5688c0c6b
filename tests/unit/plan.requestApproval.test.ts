/**
 * [P12] "Klopt" on the request to the gemeente, the shared approval's subject 'aanvraag': the
 * signature over one version of the request (crypto facade), the entries in the plan doc, the pure
 * judgement of who said "klopt" to what, and who may write the list. Entries here are signed for
 * real; a forged and an ineligible entry count as nothing; an entry stored before the request's
 * "klopt" joined the shared module still counts.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  approvalMessage,
  generateSigningKeyPair,
  hashApprovalContent,
  loadSodium,
  signApproval,
  signInstemming,
  signingKeyPairFromSeed,
  verifyApproval,
  type SigningKeyPair,
} from '../../src/crypto'
import { fromHex, toHex } from '../../src/sync/bytes'
import {
  approvalStatus,
  canonicalRequest,
  contributorMayChange,
  createApprovals,
  createRequest,
  initPlan,
  mayApprove,
  mayChangeRoot,
  readRequestApprovalEntry,
  requestApprovalSummary,
  requestContent,
  REQUEST_APPROVALS,
  REQUEST_SUBJECT,
  type ApprovalEntry,
  type ContentAuthor,
  type NewApproval,
  type Party,
} from '../../src/plan'
import type { Role } from '../../src/sync/blob'

await loadSodium()

const PLAN = new Uint8Array(32).fill(7)
const OTHER_PLAN = new Uint8Array(32).fill(8)
const T = Date.UTC(2026, 10, 28, 12)

const mother = generateSigningKeyPair()
const youth = generateSigningKeyPair()
const father = generateSigningKeyPair() // a parent without gezag
const ib = generateSigningKeyPair()
const hex = (k: SigningKeyPair) => toHex(k.publicKey)

function planDoc(): Y.Doc {
  const doc = new Y.Doc()
  initPlan(doc, { childName: 'Sam', createdBy: hex(ib) })
  createRequest(doc).set({ form: 'Gezinsbegeleiding', intensity: '2 uur per week' })
  return doc
}
const hashRequest = (canonical: Uint8Array) => hashApprovalContent('aanvraag', canonical)
const hashOf = (doc: Y.Doc) => toHex(hashRequest(canonicalRequest(requestContent(doc, '2026-11-28'))))
const fieldsOf = (plan: Uint8Array, hash: Uint8Array, signedAt: number) =>
  ({ kind: 'aanvraag', verdict: 'klopt', planId: plan, subjectId: REQUEST_SUBJECT, contentHash: hash, signedAt, remark: '' }) as const
const signRequestApproval = (plan: Uint8Array, hash: Uint8Array, signedAt: number, secretKey: Uint8Array) =>
  signApproval(fieldsOf(plan, hash, signedAt), secretKey)
const verifyRequestApproval = (plan: Uint8Array, hash: Uint8Array, signedAt: number, signature: Uint8Array, publicKey: Uint8Array) =>
  verifyApproval(fieldsOf(plan, hash, signedAt), signature, publicKey)
const list = (doc: Y.Doc) => createApprovals(doc).about('aanvraag', REQUEST_SUBJECT)

function signed(by: SigningKeyPair, contentHash: string, signedAt = T, plan = PLAN): NewApproval {
  const signature = toHex(signRequestApproval(plan, fromHex(contentHash), signedAt, by.secretKey))
  return { subject: 'aanvraag', subjectId: REQUEST_SUBJECT, verdict: 'klopt', memberKey: hex(by), contentHash, signedAt, signature, remark: '' }
}

/** The judgement as the access layer makes it: the approvers by the signed log, every signature checked. */
function judge(doc: Y.Doc, approvers: SigningKeyPair[]) {
  return requestApprovalSummary(
    approvalStatus({
      entries: list(doc),
      currentHash: hashOf(doc),
      signers: approvers.map(hex),
      verify: (e) => verifyRequestApproval(PLAN, fromHex(e.contentHash), e.signedAt, fromHex(e.signature), fromHex(e.memberKey)),
    }),
  )
}

describe('[P12] the signature over a request', () => {
  it('binds the plan, the word "aanvraag", the version and the time; nothing else verifies', () => {
    const h = hashRequest(new TextEncoder().encode('{}'))
    const sig = signRequestApproval(PLAN, h, T, mother.secretKey)
    expect(verifyRequestApproval(PLAN, h, T, sig, mother.publicKey)).toBe(true)
    expect(verifyRequestApproval(OTHER_PLAN, h, T, sig, mother.publicKey)).toBe(false)
    expect(verifyRequestApproval(PLAN, hashRequest(new TextEncoder().encode('[]')), T, sig, mother.publicKey)).toBe(false)
    expect(verifyRequestApproval(PLAN, h, T + 1, sig, mother.publicKey)).toBe(false)
    expect(verifyRequestApproval(PLAN, h, T, sig, ib.publicKey)).toBe(false)
    // an instemming over the same fields is no "klopt" (its own domain)
    expect(verifyRequestApproval(PLAN, h, T, signInstemming(PLAN, h, T, mother.secretKey), mother.publicKey)).toBe(false)
    // wrong shapes are a failed verification, never an exception
    expect(verifyRequestApproval(PLAN.slice(1), h, T, sig, mother.publicKey)).toBe(false)
    expect(verifyRequestApproval(PLAN, h, -1, sig, mother.publicKey)).toBe(false)
    const message = approvalMessage(fieldsOf(PLAN, h, T))
    expect(message.length).toBe(32 + 8 + 32 + 8)
    expect(new TextDecoder().decode(message.slice(32, 40))).toBe('aanvraag')
    // one request per plan: no other subject id, and no correction (the verslag's kind takes those)
    expect(verifyApproval({ ...fieldsOf(PLAN, h, T), subjectId: 'f'.repeat(32) }, sig, mother.publicKey)).toBe(false)
    expect(() => approvalMessage({ ...fieldsOf(PLAN, h, T), subjectId: 'f'.repeat(32) })).toThrow()
    expect(() => signApproval({ ...fieldsOf(PLAN, h, T), verdict: 'correctie', remark: 'nee' }, mother.secretKey)).toThrow()
    // nor does a verslag's "klopt" over the same plan and hash verify as the request's
    const verslag = signApproval({ ...fieldsOf(PLAN, h, T), kind: 'verslag', subjectId: 'aanvraag' }, mother.secretKey)
    expect(verifyRequestApproval(PLAN, h, T, verslag, mother.publicKey)).toBe(false)
  })

  it('still verifies a "klopt" signed in the format the request had on its own (samenplan/request-approval/v1)', () => {
    // made outside this code: libsodium over "samenplan/request-approval/v1" 0x00 ‖ plan ‖ "aanvraag" ‖ hash ‖ signedAt
    const key = signingKeyPairFromSeed(new Uint8Array(32).fill(0x11))
    expect(toHex(key.publicKey)).toBe('d04ab232742bb4ab3a1368bd4615e4e6d0224ab71a016baf8520a332c9778737')
    const stored = 'b6f5e39e3070b7ff90438405f7b29210d169da2f6e484412e4de2c5f0adeb38cb25e3f64a5e9f66423dd6c227efeefd72e2de255e62a24c975e22097d892f107'
    const hash = new Uint8Array(32).fill(0x22)
    expect(verifyRequestApproval(PLAN, hash, T, fromHex(stored), key.publicKey)).toBe(true)
    expect(toHex(signRequestApproval(PLAN, hash, T, key.secretKey))).toBe(stored)
  })
})

describe('[P12] who said "klopt" to the request', () => {
  it('nobody yet: "nog niet gelezen door ouders"; a plan without parent with gezag or youth16 says so', () => {
    const doc = planDoc()
    expect(judge(doc, [mother]).overall).toBe('unread')
    expect(judge(doc, [mother]).approvers).toEqual([{ memberKey: hex(mother), state: 'unread', at: null }])
    expect(judge(doc, []).overall).toBe('no-parents')
  })

  it('a parent with gezag says "klopt"; an edit makes it "gewijzigd na akkoord" until she says it again', () => {
    const doc = planDoc()
    createApprovals(doc).append(signed(mother, hashOf(doc)))
    expect(judge(doc, [mother])).toMatchObject({ overall: 'klopt', at: T, approvers: [{ state: 'klopt', at: T }], ignored: [] })
    createRequest(doc).set({ intensity: '4 uur per week' })
    expect(judge(doc, [mother])).toMatchObject({ overall: 'changed', at: T, approvers: [{ state: 'changed', at: T }] })
    createApprovals(doc).append(signed(mother, hashOf(doc), T + 60_000))
    expect(judge(doc, [mother])).toMatchObject({ overall: 'klopt', at: T + 60_000 })
  })

  it('a youth from 16 counts like a parent with gezag', () => {
    const doc = planDoc()
    createApprovals(doc).append(signed(youth, hashOf(doc)))
    expect(judge(doc, [mother, youth]).overall).toBe('klopt')
    expect(judge(doc, [mother, youth]).approvers.map((a) => a.state)).toEqual(['unread', 'klopt'])
  })

  it('a forged "klopt" (her key, his signature; hers over another plan; hers relabelled to this version) counts as nothing', () => {
    const doc = planDoc()
    const now = hashOf(doc)
    const store = createApprovals(doc)
    store.append({ ...signed(ib, now), memberKey: hex(mother) })
    store.append(signed(mother, now, T, OTHER_PLAN))
    store.append({ ...signed(mother, '00'.repeat(32)), contentHash: now })
    const st = judge(doc, [mother])
    expect(st.overall).toBe('unread')
    expect(st.ignored.map((i) => i.reason)).toEqual(['bad-signature', 'bad-signature', 'bad-signature'])
  })

  it('an ineligible "klopt" (a parent without gezag, the IB), signed correctly, counts as nothing and costs no signature check', () => {
    const doc = planDoc()
    const now = hashOf(doc)
    createApprovals(doc).append(signed(father, now))
    createApprovals(doc).append(signed(ib, now))
    let checks = 0
    const st = requestApprovalSummary(
      approvalStatus({
        entries: list(doc),
        currentHash: now,
        signers: [hex(mother)],
        verify: () => {
          checks++
          return true
        },
      }),
    )
    expect(st.overall).toBe('unread')
    expect(st.ignored.map((i) => i.reason)).toEqual(['not-eligible', 'not-eligible'])
    expect(checks).toBe(0)
  })

  it('reads only well-formed entries, stored in the shape the request has always had', () => {
    const entry = signed(mother, '11'.repeat(32))
    const good = { id: 'x', memberKey: entry.memberKey, requestHash: entry.contentHash, signedAt: entry.signedAt, signature: entry.signature }
    expect(readRequestApprovalEntry(good)).toEqual({ id: 'x', ...entry } satisfies ApprovalEntry)
    expect(readRequestApprovalEntry({ ...good, signature: 'zz' })).toBeNull()
    expect(readRequestApprovalEntry({ ...good, requestHash: 'ab' })).toBeNull()
    expect(readRequestApprovalEntry({ ...good, signedAt: -1 })).toBeNull()
    expect(readRequestApprovalEntry({ ...good, id: '' })).toBeNull()
    expect(readRequestApprovalEntry(null)).toBeNull()
    expect(() => createApprovals(new Y.Doc()).append({ ...entry, signature: 'ab' })).toThrow()
    // the request's list holds "klopt" only: a correction is refused, not stored as a "klopt"
    expect(() => createApprovals(new Y.Doc()).append({ ...entry, verdict: 'correctie', remark: 'nee' })).toThrow()
    const doc = new Y.Doc()
    const id = createApprovals(doc).append(entry)
    expect(doc.getArray(REQUEST_APPROVALS).toJSON()).toEqual([
      { id, memberKey: entry.memberKey, requestHash: entry.contentHash, signedAt: T, signature: entry.signature },
    ])
    expect(createApprovals(doc).about('verslag', REQUEST_SUBJECT)).toEqual([])
  })

  it('counts a "klopt" that was stored in the plan before the request joined the shared approvals', () => {
    const doc = planDoc()
    const now = hashOf(doc)
    const old = signed(mother, now)
    doc.getArray(REQUEST_APPROVALS).push([{ id: 'oud', memberKey: old.memberKey, requestHash: now, signedAt: T, signature: old.signature }])
    expect(judge(doc, [mother])).toMatchObject({ overall: 'klopt', at: T, approvers: [{ state: 'klopt', at: T }], ignored: [] })
  })
})

describe('[P12] who writes the "klopt" list', () => {
  const isMine = () => false
  const author = (role: Role, party: Party | undefined): ContentAuthor => ({ role, party, orgKind: undefined, isMine })

  it('a contributor with gezag or a youth from 16 writes it; a parent without gezag, a youth under 16 or a professional contributor does not', () => {
    expect(mayApprove('gezag')).toBe(true)
    expect(mayApprove('youth16')).toBe(true)
    for (const party of ['parent', 'youth', 'professional', undefined] as const) expect(mayApprove(party)).toBe(false)
    expect(contributorMayChange(REQUEST_APPROVALS, 'gezag')).toBe(true)
    expect(contributorMayChange(REQUEST_APPROVALS, 'youth16')).toBe(true)
    for (const party of ['parent', 'youth', 'professional', undefined] as const) {
      expect(contributorMayChange(REQUEST_APPROVALS, party), String(party)).toBe(false)
      expect(mayChangeRoot(author('contributor', party), REQUEST_APPROVALS, []), String(party)).toBe(false)
    }
    // nor the request itself: what is asked for is written by editors
    expect(mayChangeRoot(author('contributor', 'gezag'), 'request', [])).toBe(false)
    expect(mayChangeRoot(author('editor', 'professional'), 'request', [])).toBe(true)
    // a reader with gezag writes only its consent (P3), not a "klopt"
    expect(mayChangeRoot(author('reader', 'gezag'), REQUEST_APPROVALS, [])).toBe(false)
  })
})
