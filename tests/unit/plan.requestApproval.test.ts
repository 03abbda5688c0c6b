/**
 * [P12] "Klopt" on the request to the gemeente: the signature over one version of the request
 * (crypto facade), the entries in the plan doc, the pure judgement of who said "klopt" to what, and
 * who may write the list. Entries here are signed for real; a forged and an ineligible entry count
 * as nothing.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  generateSigningKeyPair,
  hashRequest,
  loadSodium,
  requestApprovalMessage,
  signInstemming,
  signRequestApproval,
  verifyRequestApproval,
  type SigningKeyPair,
} from '../../src/crypto'
import { fromHex, toHex } from '../../src/sync/bytes'
import {
  canonicalRequest,
  contributorMayChange,
  createRequest,
  createRequestApprovals,
  initPlan,
  mayApproveRequest,
  mayChangeRoot,
  readRequestApproval,
  requestApprovalStatus,
  requestContent,
  REQUEST_APPROVALS,
  type ContentAuthor,
  type Party,
  type RequestApprovalEntry,
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
const hashOf = (doc: Y.Doc) => toHex(hashRequest(canonicalRequest(requestContent(doc, '2026-11-28'))))

function signed(by: SigningKeyPair, requestHash: string, signedAt = T, plan = PLAN): Omit<RequestApprovalEntry, 'id'> {
  return { memberKey: hex(by), requestHash, signedAt, signature: toHex(signRequestApproval(plan, fromHex(requestHash), signedAt, by.secretKey)) }
}

/** The judgement as the access layer makes it: the approvers by the signed log, every signature checked. */
function judge(doc: Y.Doc, approvers: SigningKeyPair[]) {
  return requestApprovalStatus({
    entries: createRequestApprovals(doc).list(),
    currentHash: hashOf(doc),
    approvers: approvers.map(hex),
    verify: (e) => verifyRequestApproval(PLAN, fromHex(e.requestHash), e.signedAt, fromHex(e.signature), fromHex(e.memberKey)),
  })
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
    const message = requestApprovalMessage(PLAN, h, T)
    expect(message.length).toBe(32 + 8 + 32 + 8)
    expect(new TextDecoder().decode(message.slice(32, 40))).toBe('aanvraag')
  })
})

describe('[P12] requestApprovalStatus', () => {
  it('nobody yet: "nog niet gelezen door ouders"; a plan without parent with gezag or youth16 says so', () => {
    const doc = planDoc()
    expect(judge(doc, [mother]).overall).toBe('unread')
    expect(judge(doc, [mother]).approvers).toEqual([{ memberKey: hex(mother), state: 'unread', at: null }])
    expect(judge(doc, []).overall).toBe('no-parents')
  })

  it('a parent with gezag says "klopt"; an edit makes it "gewijzigd na akkoord" until she says it again', () => {
    const doc = planDoc()
    createRequestApprovals(doc).append(signed(mother, hashOf(doc)))
    expect(judge(doc, [mother])).toMatchObject({ overall: 'klopt', at: T, approvers: [{ state: 'klopt', at: T }], ignored: [] })
    createRequest(doc).set({ intensity: '4 uur per week' })
    expect(judge(doc, [mother])).toMatchObject({ overall: 'changed', at: T, approvers: [{ state: 'changed', at: T }] })
    createRequestApprovals(doc).append(signed(mother, hashOf(doc), T + 60_000))
    expect(judge(doc, [mother])).toMatchObject({ overall: 'klopt', at: T + 60_000 })
  })

  it('a youth from 16 counts like a parent with gezag', () => {
    const doc = planDoc()
    createRequestApprovals(doc).append(signed(youth, hashOf(doc)))
    expect(judge(doc, [mother, youth]).overall).toBe('klopt')
    expect(judge(doc, [mother, youth]).approvers.map((a) => a.state)).toEqual(['unread', 'klopt'])
  })

  it('a forged "klopt" (her key, his signature; hers over another plan; hers relabelled to this version) counts as nothing', () => {
    const doc = planDoc()
    const now = hashOf(doc)
    const store = createRequestApprovals(doc)
    store.append({ ...signed(ib, now), memberKey: hex(mother) })
    store.append(signed(mother, now, T, OTHER_PLAN))
    store.append({ ...signed(mother, '00'.repeat(32)), requestHash: now })
    const st = judge(doc, [mother])
    expect(st.overall).toBe('unread')
    expect(st.ignored.map((i) => i.reason)).toEqual(['bad-signature', 'bad-signature', 'bad-signature'])
  })

  it('an ineligible "klopt" (a parent without gezag, the IB), signed correctly, counts as nothing and costs no signature check', () => {
    const doc = planDoc()
    const now = hashOf(doc)
    createRequestApprovals(doc).append(signed(father, now))
    createRequestApprovals(doc).append(signed(ib, now))
    let checks = 0
    const st = requestApprovalStatus({
      entries: createRequestApprovals(doc).list(),
      currentHash: now,
      approvers: [hex(mother)],
      verify: () => {
        checks++
        return true
      },
    })
    expect(st.overall).toBe('unread')
    expect(st.ignored.map((i) => i.reason)).toEqual(['not-eligible', 'not-eligible'])
    expect(checks).toBe(0)
  })

  it('reads only well-formed entries', () => {
    const good = { id: 'x', ...signed(mother, '11'.repeat(32)) }
    expect(readRequestApproval(good)).toEqual(good)
    expect(readRequestApproval({ ...good, signature: 'zz' })).toBeNull()
    expect(readRequestApproval({ ...good, requestHash: 'ab' })).toBeNull()
    expect(readRequestApproval({ ...good, signedAt: -1 })).toBeNull()
    expect(readRequestApproval({ ...good, id: '' })).toBeNull()
    expect(readRequestApproval(null)).toBeNull()
    expect(() => createRequestApprovals(new Y.Doc()).append({ ...good, signature: 'ab' })).toThrow()
  })
})

describe('[P12] who writes the "klopt" list', () => {
  const isMine = () => false
  const author = (role: Role, party: Party | undefined): ContentAuthor => ({ role, party, orgKind: undefined, isMine })

  it('a contributor with gezag or a youth from 16 writes it; a parent without gezag, a youth under 16 or a professional contributor does not', () => {
    expect(mayApproveRequest('gezag')).toBe(true)
    expect(mayApproveRequest('youth16')).toBe(true)
    for (const party of ['parent', 'youth', 'professional', undefined] as const) expect(mayApproveRequest(party)).toBe(false)
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
