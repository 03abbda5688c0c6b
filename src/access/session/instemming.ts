/**
 * Instemming: a parent with gezag (from the child's 18th birthday: the pupil) agrees to the
 * handelingsdeel as it is, signed with their device's key over this plan. Every entry is verified
 * here before it counts (a signature over this plan, under its version's and kind's domain, by
 * someone entitled when it was signed, as the signed log and the plan's date of birth say); each
 * verification is remembered. Withdrawing and recording disagreement go the same way: a signed
 * act, never an undo step.
 */
import { hashActions, hashHandelingsdeel, signInstemmingAct, verifyInstemmingAct, type InstemmingAct } from '../../crypto'
import {
  agreedActions,
  canonicalHandelingsdeel,
  changesSinceActionsOnly,
  createChild,
  createInstemming,
  handelingsdeelChanges,
  handelingsdeelOf,
  instemmingStatus,
  isAdultOn,
  parseCanonicalHandelingsdeel,
  INSTEMMING_VERSION,
  SIGNED_ACT_ORIGIN,
  versionOf,
  type HandelingsdeelChange,
  type InstemmingEntry,
  type InstemmingInput,
  type InstemmingStatus,
  type NewInstemming,
} from '../../plan'
import { fromHex, toHex } from '../../sync/bytes'
import { AccessError } from '../errors'
import { roleAtLeast } from '../types'
import type { SessionParts } from './parts'

const actOf = (e: Pick<InstemmingEntry, 'kind'>): InstemmingAct => (e.kind === 'withdrawal' ? 'withdraw' : e.kind === 'disagreement' ? 'disagree' : 'agree')

export class Instemming {
  /** entry → whether its signature holds; an entry never changes, so neither does the answer */
  private readonly verified = new Map<string, boolean>()

  constructor(
    private readonly s: Pick<SessionParts, 'doc' | 'room' | 'planId' | 'me' | 'role'>,
    /** this device's signing key */
    private readonly secretKey: Uint8Array,
  ) {}

  /** Hex hash of the handelingsdeel as it is now: what an instemming given now covers. */
  currentHash(): string {
    return toHex(hashHandelingsdeel(canonicalHandelingsdeel(this.s.doc)))
  }

  /** What the judgement needs besides the entries: who signs (the signed log), from when the child is of age (the plan). */
  input(now = Date.now()): InstemmingInput {
    const dateOfBirth = createChild(this.s.doc).get().dateOfBirth
    const keysOf = (party: string) => [...this.s.room.members.keys()].filter((key) => this.s.room.parties.get(key) === party)
    return {
      entries: createInstemming(this.s.doc).list(),
      currentHash: this.currentHash(),
      parents: keysOf('gezag'),
      pupils: keysOf('youth16'),
      adultAt: (ms) => isAdultOn(dateOfBirth, ms),
      now,
      verify: (entry) => this.verifyEntry(entry),
    }
  }

  /** Whether this device's member may sign now: who must agree now (a parent with gezag, or the adult pupil) and may write. */
  mayAgree(now = Date.now()): boolean {
    if (!roleAtLeast(this.s.role(), 'contributor')) return false
    const party = this.s.room.parties.get(this.s.me)
    const adult = isAdultOn(createChild(this.s.doc).get().dateOfBirth, now)
    return adult ? party === 'youth16' : party === 'gezag'
  }

  /** Who agreed to which version of the handelingsdeel, every entry verified before it counts. */
  status(now = Date.now()): InstemmingStatus {
    return instemmingStatus(this.input(now))
  }

  /**
   * What changed in the handelingsdeel since a signer last agreed: from the copy in their latest
   * valid agreement, used only when it hashes to what they signed. An agreement of version 1
   * (the afspraken only) says so and compares the afspraken. null when there is no such copy.
   */
  changesSinceAgreement(memberKeyHex: string): HandelingsdeelChange[] | null {
    const latest = this.status().parents.find((p) => p.memberKey === memberKeyHex)?.latest
    if (!latest) return null
    const now = handelingsdeelOf(this.s.doc)
    if (versionOf(latest) === 1) {
      const before = agreedActions(latest, (bytes) => toHex(hashActions(bytes)))
      return before ? changesSinceActionsOnly(before, now) : null
    }
    if (!latest.agreed || toHex(hashHandelingsdeel(new TextEncoder().encode(latest.agreed))) !== latest.actionsHash) return null
    const before = parseCanonicalHandelingsdeel(latest.agreed)
    return before ? handelingsdeelChanges(before, now) : null
  }

  /**
   * "Ik stem in met het handelingsdeel": signs it as it is now with this device's key and adds
   * the entry to the plan. Only who must agree now, and only when there is something to agree to;
   * with `expectedHash` (from currentHash() when it was shown), only if it is still exactly that.
   */
  agree(expectedHash: string | undefined, now: number): InstemmingEntry {
    if (!this.mayAgree(now)) throw new AccessError('forbidden', 'only a parent with gezag (from 18: the pupil) can give instemming')
    const h = handelingsdeelOf(this.s.doc)
    if (h.goals.length + h.actions.length + h.measures.length === 0 && h.afwijkingen.trim() === '')
      throw new AccessError('forbidden', 'there is no handelingsdeel to agree to')
    const canonical = canonicalHandelingsdeel(this.s.doc)
    const hash = this.checkedHash(canonical, expectedHash)
    return this.append({ memberKey: this.s.me, actionsHash: toHex(hash), agreed: new TextDecoder().decode(canonical) }, now)
  }

  /**
   * "Ik ben het niet eens": signs, with her reason, that she does not agree with the handelingsdeel
   * as it is now. The school may then set the OPP over her disagreement (src/plan/vaststelling.ts),
   * and the plan shows where she can go. Like agreeing: only who must agree now.
   */
  disagree(reason: string, expectedHash: string | undefined, now: number): InstemmingEntry {
    if (!this.mayAgree(now)) throw new AccessError('forbidden', 'only a parent with gezag (from 18: the pupil) can record disagreement')
    const hash = this.checkedHash(canonicalHandelingsdeel(this.s.doc), expectedHash)
    return this.append({ kind: 'disagreement', memberKey: this.s.me, actionsHash: toHex(hash), reason: reason.trim() }, now)
  }

  /**
   * "Instemming intrekken": signs a withdrawal of this member's standing agreement (over the
   * version it covers, in its version) and adds it to the plan. From then on she agrees to nothing
   * until she agrees again.
   */
  withdraw(now: number): InstemmingEntry {
    if (!this.mayAgree(now)) throw new AccessError('forbidden', 'only a parent with gezag (from 18: the pupil) can withdraw instemming')
    const standing = this.status(now).parents.find((p) => p.memberKey === this.s.me)?.latest
    if (!standing) throw new AccessError('forbidden', 'there is no instemming of yours to withdraw')
    const version = versionOf(standing)
    return this.append({ kind: 'withdrawal', memberKey: this.s.me, actionsHash: standing.actionsHash, ...(version === 2 ? { version } : {}) }, now)
  }

  private checkedHash(canonical: Uint8Array, expectedHash: string | undefined): Uint8Array {
    const hash = hashHandelingsdeel(canonical)
    // someone edited while she read it: she signs only what she saw
    if (expectedHash !== undefined && toHex(hash) !== expectedHash) throw new AccessError('actions-changed', 'the handelingsdeel changed since it was shown')
    return hash
  }

  /** Signs and appends one act; an agreement or disagreement is of the current version, a withdrawal of the one it withdraws from. */
  private append(fields: Omit<NewInstemming, 'signedAt' | 'signature' | 'version'> & { version?: 1 | 2 }, now: number): InstemmingEntry {
    const version = fields.kind === 'withdrawal' ? (fields.version ?? 1) : INSTEMMING_VERSION
    const signedAt = this.nextSignedAt(now)
    const act = actOf(fields)
    const signature = signInstemmingAct(
      act,
      version,
      { planId: this.s.planId, hash: fromHex(fields.actionsHash), signedAt, reason: fields.reason },
      this.secretKey,
    )
    const entry: NewInstemming = { ...fields, signedAt, signature: toHex(signature), ...(version === 2 ? { version: 2 } : {}) }
    // a signed act: never an undo step, and undo does not reach past it (src/plan/undo.ts)
    let id = ''
    this.s.doc.transact(() => (id = createInstemming(this.s.doc).append(entry)), SIGNED_ACT_ORIGIN)
    const stored = createInstemming(this.s.doc)
      .list()
      .find((e) => e.id === id)
    if (!stored) throw new AccessError('forbidden', 'the instemming entry was not stored')
    return stored
  }

  /**
   * The time a new act is signed with: now, but always after this member's newest valid act, since
   * the newest act decides (a clock behind that of her other device, or the same millisecond, must
   * not leave a withdrawal or a new agreement without effect).
   */
  private nextSignedAt(now: number): number {
    const newest = this.status(now).history.find((e) => e.memberKey === this.s.me)
    return Math.max(Math.floor(now), newest ? newest.signedAt + 1 : 0)
  }

  private verifyEntry(e: InstemmingEntry): boolean {
    // kind and version are part of the key: a signature that held as one act must not hold as another
    const key = `${actOf(e)}:${versionOf(e)}:${e.memberKey}:${e.actionsHash}:${e.signedAt}:${e.signature}:${e.reason ?? ''}`
    let ok = this.verified.get(key)
    if (ok === undefined) {
      ok = verifyInstemmingAct(
        actOf(e),
        versionOf(e),
        { planId: this.s.planId, hash: fromHex(e.actionsHash), signedAt: e.signedAt, reason: e.reason },
        fromHex(e.signature),
        fromHex(e.memberKey),
      )
      this.verified.set(key, ok)
    }
    return ok
  }
}
