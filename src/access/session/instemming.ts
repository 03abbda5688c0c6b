/**
 * Instemming: a parent with gezag agrees to the afspraken as they are, signed with their
 * device's key over this plan. Every entry is verified here before it counts (a signature over
 * this plan, by a parent with gezag as the signed log says); each verification is remembered.
 * She withdraws it the same way: a signed withdrawal, never an undo step.
 */
import { hashActions, signInstemming, signInstemmingWithdrawal, verifyInstemming, verifyInstemmingWithdrawal } from '../../crypto'
import {
  actionChanges,
  agreedActions,
  canonicalActions,
  createActions,
  createInstemming,
  instemmingStatus,
  mayGiveInstemming,
  parseCanonicalActions,
  SIGNED_ACT_ORIGIN,
  type ActionChange,
  type InstemmingEntry,
  type InstemmingStatus,
} from '../../plan'
import { fromHex, toHex } from '../../sync/bytes'
import { AccessError } from '../errors'
import { roleAtLeast } from '../types'
import type { SessionParts } from './parts'

export class Instemming {
  /** entry → whether its signature holds; an entry never changes, so neither does the answer */
  private readonly verified = new Map<string, boolean>()

  constructor(
    private readonly s: Pick<SessionParts, 'doc' | 'room' | 'planId' | 'me' | 'role'>,
    /** this device's signing key */
    private readonly secretKey: Uint8Array,
  ) {}

  /** Hex hash of the afspraken as they are now: what an instemming given now covers. */
  actionsHash(): string {
    return toHex(hashActions(canonicalActions(this.s.doc)))
  }

  /** Whether this device's member may agree now: a parent with gezag who may write. */
  mayAgree(): boolean {
    return mayGiveInstemming(this.s.room.parties.get(this.s.me)) && roleAtLeast(this.s.role(), 'contributor')
  }

  /** Who agreed to which version of the afspraken, every entry verified before it counts. */
  status(): InstemmingStatus {
    return instemmingStatus({
      entries: createInstemming(this.s.doc).list(),
      currentHash: this.actionsHash(),
      parents: this.gezagParents(),
      verify: (entry) => this.verifyEntry(entry),
    })
  }

  /**
   * What changed in the afspraken since a parent last agreed: from the copy in their latest valid
   * entry, used only when it hashes to what they signed. null when there is no such copy.
   */
  changesSinceAgreement(memberKeyHex: string): ActionChange[] | null {
    const latest = this.status().parents.find((p) => p.memberKey === memberKeyHex)?.latest
    if (!latest) return null
    const before = agreedActions(latest, (bytes) => toHex(hashActions(bytes)))
    const now = parseCanonicalActions(new TextDecoder().decode(canonicalActions(this.s.doc)))
    return before && now ? actionChanges(before, now) : null
  }

  /**
   * "Ik stem in met deze afspraken": signs the afspraken as they are now with this device's key
   * and adds the entry to the plan. Only a parent with gezag, and only when there is something
   * to agree to; with `expectedHash` (from actionsHash() when the afspraken were shown), only if
   * they are still exactly those.
   */
  agree(expectedHash: string | undefined, now: number): InstemmingEntry {
    if (!this.mayAgree()) throw new AccessError('forbidden', 'only a parent with gezag can give instemming')
    if (createActions(this.s.doc).list().length === 0) throw new AccessError('forbidden', 'there are no afspraken to agree to')
    const canonical = canonicalActions(this.s.doc)
    const hash = hashActions(canonical)
    // someone edited while the parent read them: they agree only to what they saw
    if (expectedHash !== undefined && toHex(hash) !== expectedHash) throw new AccessError('actions-changed', 'the afspraken changed since they were shown')
    const signedAt = this.nextSignedAt(now)
    const entry = {
      memberKey: this.s.me,
      actionsHash: toHex(hash),
      signedAt,
      signature: toHex(signInstemming(this.s.planId, hash, signedAt, this.secretKey)),
      agreed: new TextDecoder().decode(canonical),
    }
    // a signed act: never an undo step, and undo does not reach past it (src/plan/undo.ts)
    let id = ''
    this.s.doc.transact(() => (id = createInstemming(this.s.doc).append(entry)), SIGNED_ACT_ORIGIN)
    return { id, ...entry }
  }

  /**
   * "Instemming intrekken": signs a withdrawal of this member's standing agreement (over the
   * version it covers) and adds it to the plan. From then on she agrees to nothing until she
   * agrees again. Only a parent with gezag who may write, and only with an agreement that stands.
   */
  withdraw(now: number): InstemmingEntry {
    if (!this.mayAgree()) throw new AccessError('forbidden', 'only a parent with gezag can withdraw instemming')
    const standing = this.status().parents.find((p) => p.memberKey === this.s.me)?.latest
    if (!standing) throw new AccessError('forbidden', 'there is no instemming of yours to withdraw')
    const signedAt = this.nextSignedAt(now)
    const entry = {
      kind: 'withdrawal' as const,
      memberKey: this.s.me,
      actionsHash: standing.actionsHash,
      signedAt,
      signature: toHex(signInstemmingWithdrawal(this.s.planId, fromHex(standing.actionsHash), signedAt, this.secretKey)),
      agreed: '',
    }
    // a signed act, like agreeing: undo neither removes it nor brings the agreement back
    let id = ''
    this.s.doc.transact(() => (id = createInstemming(this.s.doc).append(entry)), SIGNED_ACT_ORIGIN)
    return { id, ...entry }
  }

  /**
   * The time a new act is signed with: now, but always after this member's newest valid act, since
   * the newest act decides (a clock behind that of her other device, or the same millisecond, must
   * not leave a withdrawal or a new agreement without effect).
   */
  private nextSignedAt(now: number): number {
    const newest = this.status().history.find((e) => e.memberKey === this.s.me)
    return Math.max(Math.floor(now), newest ? newest.signedAt + 1 : 0)
  }

  /** The members who can give instemming: parents with gezag, as the signed log says. */
  private gezagParents(): string[] {
    return [...this.s.room.members.keys()].filter((key) => mayGiveInstemming(this.s.room.parties.get(key)))
  }

  private verifyEntry(e: InstemmingEntry): boolean {
    // the kind is part of the key: an agreement's signature that held must not hold as a withdrawal
    const key = `${e.kind ?? 'agreement'}:${e.memberKey}:${e.actionsHash}:${e.signedAt}:${e.signature}`
    let ok = this.verified.get(key)
    if (ok === undefined) {
      const verify = e.kind === 'withdrawal' ? verifyInstemmingWithdrawal : verifyInstemming
      ok = verify(this.s.planId, fromHex(e.actionsHash), e.signedAt, fromHex(e.signature), fromHex(e.memberKey))
      this.verified.set(key, ok)
    }
    return ok
  }
}
