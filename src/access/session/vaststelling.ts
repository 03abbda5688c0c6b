/**
 * Vaststelling: a professional of the school (editor or admin) sets the OPP, after the
 * instemming or over a recorded disagreement (the gate, src/plan/vaststelling.ts), signed with
 * their device's key. Every entry is verified and judged here before it counts; a refused one is
 * shown as not counting (P11).
 */
import { signVaststelling, verifyVaststelling } from '../../crypto'
import {
  createVaststelling,
  organisationKindOf,
  SIGNED_ACT_ORIGIN,
  validInstemmingActs,
  vaststellingGate,
  vaststellingStatus,
  type GateRefusal,
  type VaststellingBasis,
  type VaststellingEntry,
  type VaststellingStatus,
} from '../../plan'
import { fromHex, toHex } from '../../sync/bytes'
import { AccessError } from '../errors'
import { roleAtLeast } from '../types'
import type { Instemming } from './instemming'
import type { SessionParts } from './parts'

export class Vaststelling {
  private readonly verified = new Map<string, boolean>()

  constructor(
    private readonly s: Pick<SessionParts, 'doc' | 'room' | 'planId' | 'me'>,
    private readonly instemming: Instemming,
    private readonly secretKey: Uint8Array,
  ) {}

  /** Who may set an OPP now: professionals of an organisation the plan calls a school, editor or admin (signed log + plan). */
  setters(): string[] {
    return [...this.s.room.members.entries()]
      .filter(
        ([key, role]) =>
          roleAtLeast(role, 'editor') &&
          this.s.room.parties.get(key) === 'professional' &&
          organisationKindOf(this.s.doc, this.s.room.orgs.get(key)) === 'school',
      )
      .map(([key]) => key)
  }

  mayVaststellen(): boolean {
    return this.setters().includes(this.s.me)
  }

  status(now = Date.now()): VaststellingStatus {
    const instemming = this.instemming.input(now)
    return vaststellingStatus({
      entries: createVaststelling(this.s.doc).list(),
      instemming,
      currentHash: instemming.currentHash,
      setters: this.setters(),
      verify: (entry) => this.verifyEntry(entry),
    })
  }

  /** Why the current version cannot be set now on `basis`, or null when it can (the same gate every device judges by). */
  refusal(basis: VaststellingBasis, now = Date.now()): GateRefusal | null {
    const input = this.instemming.input(now)
    return vaststellingGate(basis, input.currentHash, now, validInstemmingActs(input), input)
  }

  /**
   * "OPP vaststellen": signs the current version of the handelingsdeel on `basis` and adds the
   * entry. Only a setter, only when the gate lets it through, and with `expectedHash` only if the
   * handelingsdeel is still what was shown.
   */
  vaststellen(basis: VaststellingBasis, expectedHash: string | undefined, now: number): VaststellingEntry {
    if (!this.mayVaststellen()) throw new AccessError('forbidden', 'only a professional of the school (editor or admin) can set the OPP')
    const hash = this.instemming.currentHash()
    if (expectedHash !== undefined && hash !== expectedHash) throw new AccessError('actions-changed', 'the handelingsdeel changed since it was shown')
    const signedAt = Math.floor(now)
    const input = this.instemming.input(now)
    const refused = vaststellingGate(basis, hash, signedAt, validInstemmingActs(input), input)
    if (refused) throw new AccessError('forbidden', `the OPP cannot be set: ${refused}`)
    const entry = {
      memberKey: this.s.me,
      hash,
      basis,
      signedAt,
      signature: toHex(signVaststelling({ planId: this.s.planId, hash: fromHex(hash), signedAt, basis }, this.secretKey)),
    }
    let id = ''
    // a signed act: never an undo step
    this.s.doc.transact(() => (id = createVaststelling(this.s.doc).append(entry)), SIGNED_ACT_ORIGIN)
    return { id, ...entry }
  }

  private verifyEntry(e: VaststellingEntry): boolean {
    const key = `${e.memberKey}:${e.hash}:${e.basis}:${e.signedAt}:${e.signature}`
    let ok = this.verified.get(key)
    if (ok === undefined) {
      ok = verifyVaststelling(
        { planId: this.s.planId, hash: fromHex(e.hash), signedAt: e.signedAt, basis: e.basis },
        fromHex(e.signature),
        fromHex(e.memberKey),
      )
      this.verified.set(key, ok)
    }
    return ok
  }
}
