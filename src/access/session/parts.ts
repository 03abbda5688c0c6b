/**
 * What the session's job modules (consent, invites, device links, instemming) work on: one open
 * plan's docs, signed log state and keys, and the way its own records go out. `OpenPlanSession`
 * hands out one of these; a module takes it, or the few parts it needs.
 */
import type * as Y from 'yjs'
import type { EpochKeys } from '../../sync/epochKeys'
import type { Writer } from '../../sync/records'
import type { RoomState } from '../../sync/roomState'
import { AccessError } from '../errors'
import type { Role } from '../types'

export interface SessionParts {
  /** the plan, decrypted */
  readonly doc: Y.Doc
  /** the signed log, folded */
  readonly room: RoomState
  readonly keys: EpochKeys
  readonly writer: Writer
  readonly planId: Uint8Array
  /** this device's member key, hex */
  readonly me: string
  role(): Role
  /** contributors and up; a reader only when it gives consent (its details, P3) */
  mayWritePlan(): boolean
  /** checks this device's own records against the plan's rules, then sends them */
  pushOwnRecords(records: Uint8Array[]): void
  /** a new key for everyone who stays once `removed` are out, the plan re-sealed under it (keyRenewal.ts) */
  renewKey(room: RoomState, removed: readonly string[], now: number, first?: Uint8Array[]): void
}

/** Throws `forbidden` unless this device is an admin of the plan; `what` completes "only an admin can …". */
export function requireAdmin(s: Pick<SessionParts, 'role'>, what: string): void {
  if (s.role() !== 'admin') throw new AccessError('forbidden', `only an admin can ${what}`)
}
