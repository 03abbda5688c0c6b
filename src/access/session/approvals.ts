/**
 * "Klopt" on a document compiled from the plan: the verslag of a meeting (P9) and the request to
 * the gemeente (P12). A parent with gezag or a youth of 16+ signs the document as compiled now, with
 * their device's key over this plan, or (on a verslag) signs a correction. Every entry is verified
 * here before it counts; each verification is remembered.
 */
import { hashApprovalContent, signApproval, verifyApproval, type ApprovalFields } from '../../crypto'
import {
  approvalStatus,
  canonicalMeetingReport,
  canonicalRequest,
  compileMeetingReport,
  createApprovals,
  isoDay,
  mayApprove,
  requestContent,
  REQUEST_SUBJECT,
  SIGNED_ACT_ORIGIN,
  type ApprovalEntry,
  type ApprovalStatus,
  type ApprovalSubject,
  type MeetingReport,
  type Verdict,
} from '../../plan'
import { fromHex, toHex } from '../../sync/bytes'
import { AccessError, type AccessErrorCode } from '../errors'
import { roleAtLeast } from '../types'
import type { SessionParts } from './parts'

/** The code when the document changed while it was read: each screen says it in its own words. */
const CHANGED_WHILE_READING: Record<ApprovalSubject, AccessErrorCode> = { verslag: 'document-changed', aanvraag: 'request-changed' }

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

  /** Hex hash of the request as the plan holds it on `now`'s day: what a "klopt" given now covers. */
  requestHash(now: number): string {
    return toHex(hashApprovalContent('aanvraag', canonicalRequest(requestContent(this.s.doc, isoDay(now)))))
  }

  /** Whether this device's member may say "klopt": a parent with gezag or a youth of 16+ who may write. */
  mayApprove(): boolean {
    return mayApprove(this.s.room.parties.get(this.s.me)) && roleAtLeast(this.s.role(), 'contributor')
  }

  /** Who said "klopt" to which version of the document, or corrected it; every entry verified first. */
  status(subject: ApprovalSubject, subjectId: string, now: number): ApprovalStatus {
    return approvalStatus({
      entries: createApprovals(this.s.doc).about(subject, subjectId),
      currentHash: this.hashNow(subject, subjectId, now) ?? '',
      signers: [...this.s.room.members.keys()].filter((key) => mayApprove(this.s.room.parties.get(key))),
      verify: (entry) => this.verifyEntry(entry),
    })
  }

  /**
   * Signs "klopt" (remark '') or a correction over the document as it is now. With `expectedHash`
   * (from verslag() or requestHash() when it was shown), only if it is still exactly that version.
   */
  sign(subject: ApprovalSubject, subjectId: string, verdict: Verdict, remark: string, expectedHash: string | undefined, now: number): ApprovalEntry {
    if (!this.mayApprove()) throw new AccessError('forbidden', 'only a parent with gezag or a youth of 16+ can say klopt')
    const hash = this.hashNow(subject, subjectId, now)
    if (hash === null) throw new AccessError('forbidden', `there is no such ${subject}`)
    // someone edited while they read it: they sign only what they saw
    if (expectedHash !== undefined && hash !== expectedHash) throw new AccessError(CHANGED_WHILE_READING[subject], `the ${subject} changed since it was shown`)
    const newest = this.status(subject, subjectId, now).history.find((e) => e.memberKey === this.s.me)
    // the newest act decides: after this member's own last one, whatever the clock says
    const signedAt = Math.max(Math.floor(now), newest ? newest.signedAt + 1 : 0)
    const text = verdict === 'klopt' ? '' : remark.trim()
    const entry = {
      subject,
      subjectId,
      verdict,
      memberKey: this.s.me,
      contentHash: hash,
      signedAt,
      signature: toHex(signApproval(this.fields({ subject, subjectId, verdict, contentHash: hash, signedAt, remark: text }), this.secretKey)),
      remark: text,
    }
    // a signed act: never an undo step (src/plan/undo.ts)
    let id = ''
    this.s.doc.transact(() => (id = createApprovals(this.s.doc).append(entry)), SIGNED_ACT_ORIGIN)
    return { id, ...entry }
  }

  /** The hash of the document now, or null when there is no such document (a meeting removed). */
  private hashNow(subject: ApprovalSubject, subjectId: string, now: number): string | null {
    if (subject === 'aanvraag') return subjectId === REQUEST_SUBJECT ? this.requestHash(now) : null
    return this.verslag(subjectId)?.hash ?? null
  }

  private fields(e: Omit<ApprovalEntry, 'id' | 'memberKey' | 'signature'>): ApprovalFields {
    return {
      kind: e.subject,
      verdict: e.verdict,
      planId: this.s.planId,
      subjectId: e.subjectId,
      contentHash: fromHex(e.contentHash),
      signedAt: e.signedAt,
      remark: e.remark,
    }
  }

  private verifyEntry(e: ApprovalEntry): boolean {
    const key = `${e.subject}:${e.subjectId}:${e.verdict}:${e.memberKey}:${e.contentHash}:${e.signedAt}:${e.signature}:${e.remark}`
    let ok = this.verified.get(key)
    if (ok === undefined) {
      ok = verifyApproval(this.fields(e), fromHex(e.signature), fromHex(e.memberKey))
      this.verified.set(key, ok)
    }
    return ok
  }
}
