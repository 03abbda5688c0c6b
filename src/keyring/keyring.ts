/**
 * The device's keys: its identity and each plan's epoch keys. Callers see only this interface;
 * `openLockedKeyring` implements it with every record encrypted under the passphrase lock.
 * (Version 1 stored these plainly; tests/unit/keyring.v1Format.ts writes that format for the migration tests.)
 */
import type { Role } from '../sync/blob'

export interface StoredIdentity {
  name: string
  publicKey: Uint8Array
  secretKey: Uint8Array
}

export interface StoredPlan {
  /** base64url plan id */
  planId: string
  role: Role
  /** epoch -> content key */
  keys: Record<number, Uint8Array>
  /** the child's name, sealed under the plan's newest key: no plan plaintext on disk */
  title?: SealedUnderPlanKey
  /** the home screen's summary (school, next meeting, open afspraken), sealed like the title */
  summary?: SealedUnderPlanKey
  /** when this person last looked at the plan on this device ("Nieuw sinds je laatste bezoek"), sealed like the title; never synced */
  lastVisit?: SealedUnderPlanKey
}

export interface SealedUnderPlanKey {
  epoch: number
  nonce: Uint8Array
  commitment: Uint8Array
  ciphertext: Uint8Array
}

export interface Keyring {
  getIdentity(): Promise<StoredIdentity | null>
  saveIdentity(identity: StoredIdentity): Promise<void>
  getPlan(planId: string): Promise<StoredPlan | null>
  savePlan(plan: StoredPlan): Promise<void>
  /**
   * Read-modify-write of one plan's record, in turn with every other write: the keys a session
   * learns, the home summary and the last-visit mark each rewrite the record, and none may drop
   * what another just wrote. `change` returns null to leave it as it is.
   */
  updatePlan(planId: string, change: (stored: StoredPlan) => StoredPlan | null): Promise<void>
  listPlans(): Promise<StoredPlan[]>
  /** R20: the plan's record (its keys, sealed title and summary) gone from this device */
  deletePlan(planId: string): Promise<void>
}
