/**
 * How the request to the gemeente stands with the family (P12), read from the shared judgement of
 * signed "klopt" entries (src/plan/approvals.ts, subject 'aanvraag'): the request is approved when
 * one person who may approve said "klopt" to this version. The family reads it together, and a
 * second "klopt" adds nothing a consultant needs; every approver's own line is still shown.
 */
import type { ApprovalEntry, ApprovalStatus, IgnoredApprovalReason } from './approvals'

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
  ignored: { entry: ApprovalEntry; reason: IgnoredApprovalReason }[]
}

export function requestApprovalSummary(status: ApprovalStatus): RequestApprovalStatus {
  // the request's store holds only "klopt" (no correction), so a signer is current, changed or silent
  const approvers = status.signers.map(
    ({ memberKey, state, latest }): ApproverStanding =>
      latest === null ? { memberKey, state: 'unread', at: null } : { memberKey, state: state === 'current' ? 'klopt' : 'changed', at: latest.signedAt },
  )
  const kloptAt = approvers.flatMap((a) => (a.state === 'klopt' && a.at !== null ? [a.at] : []))
  const overall: OverallApproval = status.signers.length === 0 ? 'no-parents' : kloptAt.length > 0 ? 'klopt' : status.history.length > 0 ? 'changed' : 'unread'
  const at = kloptAt.length > 0 ? Math.max(...kloptAt) : (status.history[0]?.signedAt ?? null)
  return { currentHash: status.currentHash, overall, at, approvers, ignored: status.ignored }
}
