/**
 * "Klopt" on the request to the gemeente (P12): a parent with gezag or a youth from 16 has read
 * the request and says it is right, signed with the device's key over this plan and the exact
 * version read. Every entry is verified here before it counts; each verification is remembered.
 * Like session/instemming.ts; to be folded into the shared approvals once there is one.
 */
import { hashRequest, signRequestApproval, verifyRequestApproval } from '../../crypto'
import {
  canonicalRequest,
  createRequestApprovals,
  isoDay,
  mayApproveRequest,
  requestApprovalStatus,
  requestContent,
  SIGNED_ACT_ORIGIN,
  type RequestApprovalEntry,
  type RequestApprovalStatus,
} from '../../plan'
import { fromHex, toHex } from '../../sync/bytes'
import { AccessError } from '../errors'
import { roleAtLeast } from '../types'
import type { SessionParts } from './parts'

export class RequestApproval {
  /** entry → whether its signature holds; an entry never changes, so neither does the answer */
  private readonly verified = new Map<string, boolean>()

  constructor(
    private readonly s: Pick<SessionParts, 'doc' | 'room' | 'planId' | 'me' | 'role'>,
    /** this device's signing key */
    private readonly secretKey: Uint8Array,
  ) {}

  /** Hex hash of the request as the plan holds it on `now`'s day: what a "klopt" given now covers. */
  requestHash(now = Date.now()): string {
    return toHex(hashRequest(canonicalRequest(requestContent(this.s.doc, isoDay(now)))))
  }

  /** Whether this device's member may say "klopt": a parent with gezag or a youth from 16 who may write. */
  mayApprove(): boolean {
    return mayApproveRequest(this.s.room.parties.get(this.s.me)) && roleAtLeast(this.s.role(), 'contributor')
  }

  /** Who said "klopt" to which version, every entry verified before it counts. */
  status(now = Date.now()): RequestApprovalStatus {
    return requestApprovalStatus({
      entries: createRequestApprovals(this.s.doc).list(),
      currentHash: this.requestHash(now),
      approvers: [...this.s.room.members.keys()].filter((key) => mayApproveRequest(this.s.room.parties.get(key))),
      verify: (entry) => this.verifyEntry(entry),
    })
  }

  /**
   * "Dit klopt": signs the request as it is now and adds the entry to the plan. With `expectedHash`
   * (from requestHash() when the request was shown) only if it is still exactly that version.
   */
  approve(expectedHash: string | undefined, now: number): RequestApprovalEntry {
    if (!this.mayApprove()) throw new AccessError('forbidden', 'only a parent with gezag or a youth from 16 can approve the request')
    const hash = this.requestHash(now)
    // someone edited while the parent read it: they approve only what they saw
    if (expectedHash !== undefined && hash !== expectedHash) throw new AccessError('request-changed', 'the request changed since it was shown')
    const signedAt = Math.floor(now)
    const entry = {
      memberKey: this.s.me,
      requestHash: hash,
      signedAt,
      signature: toHex(signRequestApproval(this.s.planId, fromHex(hash), signedAt, this.secretKey)),
    }
    // a signed act: never an undo step (src/plan/undo.ts)
    let id = ''
    this.s.doc.transact(() => (id = createRequestApprovals(this.s.doc).append(entry)), SIGNED_ACT_ORIGIN)
    return { id, ...entry }
  }

  private verifyEntry(e: RequestApprovalEntry): boolean {
    const key = `${e.memberKey}:${e.requestHash}:${e.signedAt}:${e.signature}`
    let ok = this.verified.get(key)
    if (ok === undefined) {
      ok = verifyRequestApproval(this.s.planId, fromHex(e.requestHash), e.signedAt, fromHex(e.signature), fromHex(e.memberKey))
      this.verified.set(key, ok)
    }
    return ok
  }
}
