/**
 * The interface the UI uses to reach plans. The UI never touches crypto, the envelope or the
 * relay directly: it calls these verbs and reads the plan doc through src/plan/ accessors.
 */
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'

export type Role = 'reader' | 'contributor' | 'editor' | 'admin'

export interface Profile {
  name: string
  /** hex of the device's Ed25519 public key */
  memberKey: string
}

export interface PlanSummary {
  planId: string
  /** the child's name as last seen on this device (kept encrypted at rest) */
  title: string
  role: Role
}

/**
 * Honest sync state, derived and never stored:
 * - 'saved-local': everything is in IndexedDB on this device, relay not reachable (offline)
 * - 'connecting': trying to reach the relay
 * - 'pending': connected, some local changes not yet confirmed by the relay
 * - 'synced': the relay has confirmed everything this device holds
 * - 'error': the relay refused us (finalError says why); local data is kept
 */
export type SyncState = 'saved-local' | 'connecting' | 'pending' | 'synced' | 'error'

export interface SyncStatus {
  state: SyncState
  online: boolean
  /** number of local records the relay has not confirmed */
  pending: number
  lastSyncedAt: number | null
  /** a code from docs/ERRORS.md when state is 'error' */
  errorCode?: string
}

export interface InviteOptions {
  role: Role
  /** hours until the invite expires */
  expiresInHours: number
  /** optional name the admin gives the invitee, shown in the team list until they join */
  name?: string
}

export interface InvitePreview {
  planId: string
  title: string
  invitedBy: string
  role: Role
  expiresAt: number
}

export interface PlanSession {
  readonly planId: string
  /** the plaintext plan document, in memory only; read and write it via src/plan accessors */
  readonly doc: Y.Doc
  /** presence of the people in this plan (decrypted); local state: { user: { name, color } } */
  readonly awareness: Awareness
  /** my role; changes when an admin changes it */
  role(): Role
  status(): SyncStatus
  onStatus(listener: (status: SyncStatus) => void): () => void
  /** creates a one-time invite and returns the full link (secret in the fragment) */
  createInvite(options: InviteOptions): Promise<string>
  /** records rejected by verification, for the activity view */
  quarantined(): { reason: string; at: number }[]
  /** who changed which parts of the plan (top-level names in the plan doc) when; newest last */
  activity(): readonly { author: string; kind: 'update' | 'snapshot'; writtenAt: number; roots: string[] }[]
  close(): Promise<void>
}

export interface SamenplanClient {
  profile(): Promise<Profile | null>
  createProfile(name: string): Promise<Profile>
  listPlans(): Promise<PlanSummary[]>
  createPlan(details: { childName: string }): Promise<string>
  openPlan(planId: string): Promise<PlanSession>
  /** reads an invite link's plan (connecting with the invite key) without claiming it yet */
  previewInvite(link: string): Promise<InvitePreview>
  /** claims the invite with this device's key; returns the plan id */
  acceptInvite(link: string): Promise<string>
}
