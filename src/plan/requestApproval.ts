/**
 * "Klopt" on the request to the gemeente (P12): a parent with gezag, or a youth from 16, has read
 * the request and says it is right, before it is sent. Each "klopt" is an entry signed by the
 * reader's device key over the plan id, the word "aanvraag", the hash of the request's content and
 * the time (src/crypto/requestApproval.ts); the access layer signs and verifies, this file stores
 * the entries and judges them, like the instemming (P2).
 *
 * Entries are plain values appended to the root array `requestApprovals`: nothing in them can be
 * edited, only added (or deleted by someone who may edit the plan: hiding a "klopt" is possible,
 * forging one is not). An entry counts only when its signer is a parent with gezag or a youth
 * from 16 of this plan and its signature verifies; anything else counts as nothing.
 *
 * Meant to be folded into the shared approvals module (the verslag's "klopt"); kept apart so it can be.
 */
import type * as Y from 'yjs'
import type { Party } from '../sync/blob'
import { checkMemberKey } from './fields'
import { randomId } from './ids'

export const REQUEST_APPROVALS = 'requestApprovals'

const HEX_32 = /^[0-9a-f]{64}$/
const HEX_64 = /^[0-9a-f]{128}$/

export interface RequestApprovalEntry {
  id: string
  /** hex Ed25519 public key of the signing device */
  memberKey: string
  /** hex BLAKE2b-256 of canonicalRequest at the moment of reading */
  requestHash: string
  /** ms since 1970, as the device signed it */
  signedAt: number
  /** hex Ed25519 signature (src/crypto/requestApproval.ts) */
  signature: string
}

export type NewRequestApproval = Omit<RequestApprovalEntry, 'id'>

/** Who may say "klopt" for the family: a parent with gezag, or the youth from 16. */
export function mayApproveRequest(party: Party | undefined): boolean {
  return party === 'gezag' || party === 'youth16'
}

/** Reads one stored value; null for anything that is not a well-formed entry. */
export function readRequestApproval(value: unknown): RequestApprovalEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const { id, memberKey, requestHash, signedAt, signature } = value as Record<string, unknown>
  if (typeof id !== 'string' || id === '') return null
  if (typeof memberKey !== 'string' || !HEX_32.test(memberKey)) return null
  if (typeof requestHash !== 'string' || !HEX_32.test(requestHash)) return null
  if (typeof signedAt !== 'number' || !Number.isSafeInteger(signedAt) || signedAt < 0) return null
  if (typeof signature !== 'string' || !HEX_64.test(signature)) return null
  return { id, memberKey, requestHash, signedAt, signature }
}

export interface RequestApprovalAccessor {
  /** well-formed entries in array order (not yet verified: see requestApprovalStatus) */
  list(): RequestApprovalEntry[]
  /** appends a signed entry; returns its id */
  append(entry: NewRequestApproval): string
  observe(listener: () => void): () => void
}

export function createRequestApprovals(doc: Y.Doc): RequestApprovalAccessor {
  const array = doc.getArray<unknown>(REQUEST_APPROVALS)
  return {
    list: () =>
      array
        .toArray()
        .map(readRequestApproval)
        .filter((e): e is RequestApprovalEntry => e !== null),
    append(entry) {
      const full = { id: randomId(), ...entry, memberKey: checkMemberKey('memberKey', entry.memberKey, { optional: false }) }
      if (readRequestApproval(full) === null) throw new Error('request approval: not a well-formed entry')
      array.push([full])
      return full.id
    },
    observe(listener) {
      const handler = () => listener()
      array.observe(handler)
      return () => array.unobserve(handler)
    },
  }
}

/** One reader's standing: said "klopt" to this version, to an older one ("gewijzigd na akkoord"), or not yet. */
export type ApproverState = 'klopt' | 'changed' | 'unread'

export interface ApproverStanding {
  memberKey: string
  state: ApproverState
  /** their newest valid "klopt" (on any version), or null */
  at: number | null
}

/**
 * - 'no-parents': nobody in the plan may say "klopt" (no parent with gezag, no youth from 16)
 * - 'klopt': someone who may said "klopt" to the request as it is now
 * - 'changed': someone said "klopt" before, and the request changed since
 * - 'unread': nobody said "klopt" yet ("nog niet gelezen door ouders")
 */
export type OverallApproval = 'no-parents' | 'klopt' | 'changed' | 'unread'

export interface RequestApprovalStatus {
  currentHash: string
  overall: OverallApproval
  /** when the newest valid "klopt" on this version was signed (overall 'klopt'), else the newest on any */
  at: number | null
  approvers: ApproverStanding[]
  /** entries that count as nothing, with why */
  ignored: { entry: RequestApprovalEntry; reason: 'not-eligible' | 'bad-signature' }[]
}

export interface RequestApprovalInput {
  entries: readonly RequestApprovalEntry[]
  /** hex hash of canonicalRequest now */
  currentHash: string
  /** member keys of parents with gezag and youths from 16, as the signed log says */
  approvers: readonly string[]
  /** whether the entry's signature verifies (the access layer, via the crypto facade) */
  verify: (entry: RequestApprovalEntry) => boolean
}

/**
 * Judges the entries in a fixed order, as P2 does: the signer first (cheap, so a flood of entries
 * by others costs no signature checks), then the signature. The request is approved when one
 * person who may approve said "klopt" to this version: the family reads it together, and a second
 * "klopt" adds nothing a consultant needs; every approver's own line is still shown.
 */
export function requestApprovalStatus(input: RequestApprovalInput): RequestApprovalStatus {
  const eligible = new Set(input.approvers)
  const valid: RequestApprovalEntry[] = []
  const ignored: RequestApprovalStatus['ignored'] = []
  for (const entry of input.entries) {
    if (!eligible.has(entry.memberKey)) ignored.push({ entry, reason: 'not-eligible' })
    else if (!input.verify(entry)) ignored.push({ entry, reason: 'bad-signature' })
    else valid.push(entry)
  }
  const newestFirst = valid.sort((a, b) => b.signedAt - a.signedAt)
  const approvers = input.approvers.map((memberKey): ApproverStanding => {
    const own = newestFirst.filter((e) => e.memberKey === memberKey)
    const onCurrent = own.find((e) => e.requestHash === input.currentHash)
    if (onCurrent) return { memberKey, state: 'klopt', at: onCurrent.signedAt }
    return own[0] ? { memberKey, state: 'changed', at: own[0].signedAt } : { memberKey, state: 'unread', at: null }
  })
  const onCurrent = newestFirst.find((e) => e.requestHash === input.currentHash)
  const overall: OverallApproval = input.approvers.length === 0 ? 'no-parents' : onCurrent ? 'klopt' : newestFirst.length > 0 ? 'changed' : 'unread'
  return { currentHash: input.currentHash, overall, at: onCurrent?.signedAt ?? newestFirst[0]?.signedAt ?? null, approvers, ignored }
}
