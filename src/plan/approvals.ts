/**
 * "Klopt" and corrections on a document compiled from the plan (the verslag of a meeting now; the
 * request to the gemeente later). Each is an entry signed by the device key of a parent with gezag
 * or a youth of 16+, over the plan, the subject, the hash of the version read, the time and (for a
 * correction) its text (src/crypto/approval.ts); the access layer signs and verifies, this file
 * stores the entries and judges them, like instemming (src/plan/instemming.ts).
 *
 * Entries are plain values appended to the root array `approvals`: nothing in them is edited, only
 * added (or deleted by someone who may edit the plan: hiding is possible, forging is not). An entry
 * counts only when its signer may approve and its signature verifies; anything else is listed as
 * ignored, never shown as approval.
 */
import type * as Y from 'yjs'
import type { Party } from '../sync/blob'
import { checkMemberKey, checkText } from './fields'
import { randomId } from './ids'
import { LONG_TEXT_MAX } from './limits'

export const APPROVALS = 'approvals'

export const APPROVAL_SUBJECTS = ['verslag'] as const
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number]
export type Verdict = 'klopt' | 'correctie'

const HEX_32 = /^[0-9a-f]{64}$/
const HEX_64 = /^[0-9a-f]{128}$/
const SUBJECT_ID = /^[0-9a-f]{32}$/

/** Who says "klopt" for the child: a parent with gezag, or the youth from 16. */
export function mayApprove(party: Party | undefined): boolean {
  return party === 'gezag' || party === 'youth16'
}

export interface ApprovalEntry {
  id: string
  subject: ApprovalSubject
  /** the meeting (or request) it is about */
  subjectId: string
  verdict: Verdict
  /** hex Ed25519 public key of the signer's device */
  memberKey: string
  /** hex hash of the compiled document read (hashApprovalContent) */
  contentHash: string
  signedAt: number
  /** hex Ed25519 signature */
  signature: string
  /** a correction's text ('' for klopt); signed through its hash */
  remark: string
}

export type NewApproval = Omit<ApprovalEntry, 'id'>

/** One stored value, or null for anything that is not a well-formed entry (a newer or broken writer). */
export function readApprovalEntry(value: unknown): ApprovalEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  const { id, subject, subjectId, verdict, memberKey, contentHash, signedAt, signature, remark } = v
  if (typeof id !== 'string' || id === '') return null
  if (!(APPROVAL_SUBJECTS as readonly unknown[]).includes(subject)) return null
  if (typeof subjectId !== 'string' || !SUBJECT_ID.test(subjectId)) return null
  if (verdict !== 'klopt' && verdict !== 'correctie') return null
  if (typeof memberKey !== 'string' || !HEX_32.test(memberKey)) return null
  if (typeof contentHash !== 'string' || !HEX_32.test(contentHash)) return null
  if (typeof signedAt !== 'number' || !Number.isSafeInteger(signedAt) || signedAt < 0) return null
  if (typeof signature !== 'string' || !HEX_64.test(signature)) return null
  if (typeof remark !== 'string' || (verdict === 'klopt' && remark !== '') || (verdict === 'correctie' && remark.trim() === '')) return null
  return { id, subject: subject as ApprovalSubject, subjectId, verdict, memberKey, contentHash, signedAt, signature, remark }
}

export interface ApprovalsAccessor {
  /** well-formed entries about one subject, in array order (not yet verified: see approvalStatus) */
  about(subject: ApprovalSubject, subjectId: string): ApprovalEntry[]
  /** appends a signed entry; returns its id */
  append(entry: NewApproval): string
  observe(listener: () => void): () => void
}

export function createApprovals(doc: Y.Doc): ApprovalsAccessor {
  const array = doc.getArray<unknown>(APPROVALS)
  return {
    about: (subject, subjectId) =>
      array
        .toArray()
        .map(readApprovalEntry)
        .filter((e): e is ApprovalEntry => e !== null && e.subject === subject && e.subjectId === subjectId),
    append(entry) {
      const id = randomId()
      const full = {
        id,
        ...entry,
        memberKey: checkMemberKey('memberKey', entry.memberKey, { optional: false }),
        remark: entry.verdict === 'correctie' ? checkText('remark', entry.remark, { required: true, max: LONG_TEXT_MAX }) : '',
      }
      if (readApprovalEntry(full) === null) throw new Error('approvals: not a well-formed entry')
      array.push([full])
      return id
    },
    observe(listener) {
      const handler = () => listener()
      array.observe(handler)
      return () => array.unobserve(handler)
    },
  }
}

/**
 * One signer's standing on the document as it is now: said "klopt" to this version ('current'),
 * to an earlier one and it changed since ('changed': "gewijzigd na akkoord"), sent a correction as
 * their newest word ('correction'), or nothing yet.
 */
export type SignerState = 'current' | 'changed' | 'correction' | 'none'

export interface SignerApproval {
  memberKey: string
  state: SignerState
  /** their newest valid entry, whatever its version */
  latest: ApprovalEntry | null
}

export type IgnoredApprovalReason = 'not-eligible' | 'bad-signature'

export interface ApprovalStatus {
  currentHash: string
  /** one line per person who may approve, in the order given */
  signers: SignerApproval[]
  /** every valid entry, newest first, with whether it is about the current version */
  history: (ApprovalEntry & { current: boolean })[]
  ignored: { entry: ApprovalEntry; reason: IgnoredApprovalReason }[]
}

export interface ApprovalInput {
  entries: readonly ApprovalEntry[]
  currentHash: string
  /** member keys of who may approve (mayApprove), as the signed log says */
  signers: readonly string[]
  /** whether the entry's signature verifies (the access layer, via the crypto facade) */
  verify: (entry: ApprovalEntry) => boolean
}

/**
 * Judges the entries in a fixed order: the signer must be one who may approve (cheap: a flood by
 * others costs no signature checks), then the signature must verify. The same signature stored
 * twice counts once. Per signer the newest valid entry decides (by signedAt; a correction wins a
 * tie: doubt is no approval).
 */
export function approvalStatus(input: ApprovalInput): ApprovalStatus {
  const eligible = new Set(input.signers)
  const seen = new Set<string>()
  const valid: ApprovalEntry[] = []
  const ignored: ApprovalStatus['ignored'] = []
  for (const entry of input.entries) {
    if (!eligible.has(entry.memberKey)) ignored.push({ entry, reason: 'not-eligible' })
    else if (!input.verify(entry)) ignored.push({ entry, reason: 'bad-signature' })
    else if (!seen.has(entry.signature)) {
      seen.add(entry.signature)
      valid.push(entry)
    }
  }
  const rank = (e: ApprovalEntry) => (e.verdict === 'correctie' ? 1 : 0)
  const newestFirst = valid.sort((a, b) => b.signedAt - a.signedAt || rank(b) - rank(a) || (a.signature < b.signature ? -1 : 1))
  const signers = input.signers.map((memberKey): SignerApproval => {
    const latest = newestFirst.find((e) => e.memberKey === memberKey) ?? null
    const state: SignerState =
      latest === null ? 'none' : latest.verdict === 'correctie' ? 'correction' : latest.contentHash === input.currentHash ? 'current' : 'changed'
    return { memberKey, state, latest }
  })
  return {
    currentHash: input.currentHash,
    signers,
    history: newestFirst.map((e) => ({ ...e, current: e.contentHash === input.currentHash })),
    ignored,
  }
}
