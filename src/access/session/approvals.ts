/**
 * "Klopt" on a verslag (and, later, on the request to the gemeente): a parent with gezag or a youth
 * of 16+ signs the document as compiled now, with their device's key over this plan, or signs a
 * correction. Every entry is verified here before it counts; each verification is remembered.
 */
import { hashApprovalContent, signApproval, verifyApproval, type ApprovalFields } from '../../crypto'
import {
  approvalStatus,
  canonicalMeetingReport,
  compileMeetingReport,
  createApprovals,
  mayApprove,
  SIGNED_ACT_ORIGIN,
  type ApprovalEntry,
  type ApprovalStatus,
  type MeetingReport,
  type Verdict,
} from '../../plan'
import { fromHex, toHex } from '../../sync/bytes'
import { AccessError } from '../errors'
import { roleAtLeast } from '../types'
import type { SessionParts } from './parts'

export class Approvals {
  /** entry → whether its signature holds; an entry never changes, so neither does the answer */
  private readonly verified = new Map<string, boolean>()

  constructor(
    private readonly s: Pick<SessionParts, 'doc' | 'room' | 'planId' | 'me' | 'role'>,
    /** this device's signing key */
    private readonly secretKey: Uint8Array,
  ) {}

  /** The verslag of a meeting as the plan holds it now, with the hash a "klopt" given now covers. */
  verslag(meetingId: string): { report: MeetingReport; hash: string } | null {
    const report = compileMeetingReport(this.s.doc, meetingId)
    return report ? { report, hash: toHex(hashApprovalContent('verslag', canonicalMeetingReport(report))) } : null
  }

  /** Whether this device's member may say "klopt": a parent with gezag or a youth of 16+ who may write. */
  mayApprove(): boolean {
    return mayApprove(this.s.room.parties.get(this.s.me)) && roleAtLeast(this.s.role(), 'contributor')
  }

  /** Who said "klopt" to which version of the verslag, or corrected it; every entry verified first. */
  status(meetingId: string): ApprovalStatus {
    const now = this.verslag(meetingId)
    return approvalStatus({
      entries: createApprovals(this.s.doc).about('verslag', meetingId),
      currentHash: now?.hash ?? '',
      signers: [...this.s.room.members.keys()].filter((key) => mayApprove(this.s.room.parties.get(key))),
      verify: (entry) => this.verifyEntry(entry),
    })
  }

  /**
   * Signs "klopt" (remark '') or a correction over the verslag as it is now. With `expectedHash`
   * (from verslag() when it was shown), only if it is still exactly that version.
   */
  sign(meetingId: string, verdict: Verdict, remark: string, expectedHash: string | undefined, now: number): ApprovalEntry {
    if (!this.mayApprove()) throw new AccessError('forbidden', 'only a parent with gezag or a youth of 16+ can say klopt')
    const current = this.verslag(meetingId)
    if (current === null) throw new AccessError('forbidden', 'there is no such meeting')
    // someone edited while they read it: they sign only what they saw
    if (expectedHash !== undefined && current.hash !== expectedHash) throw new AccessError('document-changed', 'the verslag changed since it was shown')
    const newest = this.status(meetingId).history.find((e) => e.memberKey === this.s.me)
    // the newest act decides: after this member's own last one, whatever the clock says
    const signedAt = Math.max(Math.floor(now), newest ? newest.signedAt + 1 : 0)
    const text = verdict === 'klopt' ? '' : remark.trim()
    const fields: ApprovalFields = {
      kind: 'verslag',
      verdict,
      planId: this.s.planId,
      subjectId: meetingId,
      contentHash: fromHex(current.hash),
      signedAt,
      remark: text,
    }
    const entry = {
      subject: 'verslag' as const,
      subjectId: meetingId,
      verdict,
      memberKey: this.s.me,
      contentHash: current.hash,
      signedAt,
      signature: toHex(signApproval(fields, this.secretKey)),
      remark: text,
    }
    // a signed act: never an undo step (src/plan/undo.ts)
    let id = ''
    this.s.doc.transact(() => (id = createApprovals(this.s.doc).append(entry)), SIGNED_ACT_ORIGIN)
    return { id, ...entry }
  }

  private verifyEntry(e: ApprovalEntry): boolean {
    const key = `${e.subject}:${e.subjectId}:${e.verdict}:${e.memberKey}:${e.contentHash}:${e.signedAt}:${e.signature}:${e.remark}`
    let ok = this.verified.get(key)
    if (ok === undefined) {
      const fields: ApprovalFields = {
        kind: e.subject,
        verdict: e.verdict,
        planId: this.s.planId,
        subjectId: e.subjectId,
        contentHash: fromHex(e.contentHash),
        signedAt: e.signedAt,
        remark: e.remark,
      }
      ok = verifyApproval(fields, fromHex(e.signature), fromHex(e.memberKey))
      this.verified.set(key, ok)
    }
    return ok
  }
}
