/**
 * "Klopt" and corrections on a document compiled from the plan: the verslag of a meeting (P9) and
 * the request to the gemeente (P12, subject 'aanvraag'). Each is an entry signed by the device key
 * of a parent with gezag or a youth of 16+, over the plan, the subject, the hash of the version
 * read, the time and (for a correction) its text (src/crypto/approval.ts); the access layer signs
 * and verifies, this file stores the entries and judges them, like instemming (src/plan/instemming.ts).
 *
 * Entries are plain values appended to a root array, one per subject: `approvals` for the verslag,
 * `requestApprovals` for the request (in the shorter shape it has had from the start, so entries
 * written before the two were one module still read). Nothing in them is edited, only added (or
 * deleted by someone who may edit the plan: hiding is possible, forging is not). An entry counts
 * only when its signer may approve and its signature verifies; anything else is listed as ignored,
 * never shown as approval.
 */
import type * as Y from 'yjs'
import type { Party } from '../sync/blob'
import { checkMemberKey, checkText } from './fields'
import { randomId } from './ids'
import { LONG_TEXT_MAX } from './limits'

export const APPROVALS = 'approvals'
export const REQUEST_APPROVALS = 'requestApprovals'

export const APPROVAL_SUBJECTS = ['verslag', 'aanvraag'] as const
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number]
export type Verdict = 'klopt' | 'correctie'
/** The request's subject id: a plan holds one request (REQUEST_SUBJECT_ID in src/crypto/approval.ts). */
export const REQUEST_SUBJECT = 'aanvraag'

const HEX_32 = /^[0-9a-f]{64}$/
const HEX_64 = /^[0-9a-f]{128}$/
const RECORD_ID = /^[0-9a-f]{32}$/

/** Who says "klopt" for the child: a parent with gezag, or the youth from 16. */
export function mayApprove(party: Party | undefined): boolean {
  return party === 'gezag' || party === 'youth16'
}

export interface ApprovalEntry {
  id: string
  subject: ApprovalSubject
  /** the meeting it is about, or REQUEST_SUBJECT */
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The fields every entry signs, whatever its shape in storage; false for anything malformed. */
function wellSigned(id: unknown, memberKey: unknown, contentHash: unknown, signedAt: unknown, signature: unknown): boolean {
  return (
    typeof id === 'string' &&
    id !== '' &&
    typeof memberKey === 'string' &&
    HEX_32.test(memberKey) &&
    typeof contentHash === 'string' &&
    HEX_32.test(contentHash) &&
    typeof signedAt === 'number' &&
    Number.isSafeInteger(signedAt) &&
    signedAt >= 0 &&
    typeof signature === 'string' &&
    HEX_64.test(signature)
  )
}

/** One value of `approvals` (a verslag's entry), or null for anything else (a newer or broken writer). */
export function readApprovalEntry(value: unknown): ApprovalEntry | null {
  if (!isRecord(value)) return null
  const { id, subject, subjectId, verdict, memberKey, contentHash, signedAt, signature, remark } = value
  if (!wellSigned(id, memberKey, contentHash, signedAt, signature)) return null
  if (subject !== 'verslag' || typeof subjectId !== 'string' || !RECORD_ID.test(subjectId)) return null
  if (verdict !== 'klopt' && verdict !== 'correctie') return null
  if (typeof remark !== 'string' || (verdict === 'klopt' && remark !== '') || (verdict === 'correctie' && remark.trim() === '')) return null
  return { id, subject, subjectId, verdict, memberKey, contentHash, signedAt, signature, remark } as ApprovalEntry
}

/** One value of `requestApprovals`: `{ id, memberKey, requestHash, signedAt, signature }`, always a "klopt". */
export function readRequestApprovalEntry(value: unknown): ApprovalEntry | null {
  if (!isRecord(value)) return null
  const { id, memberKey, requestHash, signedAt, signature } = value
  if (!wellSigned(id, memberKey, requestHash, signedAt, signature)) return null
  return {
    id,
    subject: 'aanvraag',
    subjectId: REQUEST_SUBJECT,
    verdict: 'klopt',
    memberKey,
    contentHash: requestHash,
    signedAt,
    signature,
    remark: '',
  } as ApprovalEntry
}

/** Where a subject's entries live and in which shape. */
interface SubjectStore {
  root: string
  read(value: unknown): ApprovalEntry | null
  stored(entry: ApprovalEntry): Record<string, unknown>
}

const STORES: Record<ApprovalSubject, SubjectStore> = {
  verslag: { root: APPROVALS, read: readApprovalEntry, stored: (e) => ({ ...e }) },
  aanvraag: {
    root: REQUEST_APPROVALS,
    read: readRequestApprovalEntry,
    stored: (e) => ({ id: e.id, memberKey: e.memberKey, requestHash: e.contentHash, signedAt: e.signedAt, signature: e.signature }),
  },
}

export interface ApprovalsAccessor {
  /** well-formed entries about one subject, in array order (not yet verified: see approvalStatus) */
  about(subject: ApprovalSubject, subjectId: string): ApprovalEntry[]
  /** appends a signed entry; returns its id */
  append(entry: NewApproval): string
  observe(listener: () => void): () => void
}

const ENTRY_FIELDS = ['id', 'subject', 'subjectId', 'verdict', 'memberKey', 'contentHash', 'signedAt', 'signature', 'remark'] as const

function sameEntry(a: ApprovalEntry, b: ApprovalEntry): boolean {
  return ENTRY_FIELDS.every((field) => a[field] === b[field])
}

export function createApprovals(doc: Y.Doc): ApprovalsAccessor {
  const array = (subject: ApprovalSubject) => doc.getArray<unknown>(STORES[subject].root)
  return {
    about: (subject, subjectId) =>
      array(subject)
        .toArray()
        .map(STORES[subject].read)
        .filter((e): e is ApprovalEntry => e !== null && e.subjectId === subjectId),
    append(entry) {
      const store = STORES[entry.subject]
      if (store === undefined) throw new Error('approvals: unknown subject')
      const full: ApprovalEntry = {
        id: randomId(),
        ...entry,
        memberKey: checkMemberKey('memberKey', entry.memberKey, { optional: false }),
        remark: entry.verdict === 'correctie' ? checkText('remark', entry.remark, { required: true, max: LONG_TEXT_MAX }) : '',
      }
      const stored = store.stored(full)
      // what is stored must read back as exactly this entry: a shape that drops a field (a
      // correction on the request, whose store keeps no verdict) is refused, never lost
      const back = store.read(stored)
      if (back === null || !sameEntry(back, full)) throw new Error('approvals: not a well-formed entry')
      array(entry.subject).push([stored])
      return full.id
    },
    observe(listener) {
      const handler = () => listener()
      const arrays = APPROVAL_SUBJECTS.map(array)
      for (const a of arrays) a.observe(handler)
      return () => {
        for (const a of arrays) a.unobserve(handler)
      }
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
