/**
 * The sync state the UI shows (`SyncStatus`, src/access/types.ts), derived from what the session
 * knows of its connection and never stored. Pure: tests/unit/access.syncStatus.test.ts.
 */
import type { SyncStatus } from '../types'

/** How the relay closed this device's socket for good (R5, R12, R13 …). */
export interface FinalClose {
  code: number
  reason: string
}

/** P6: what signed views prove this device lacks, and forks it holds proof of */
export interface IntegrityStatus {
  incomplete: { author: string; name: string; since: number }[]
  forks: number
}

export interface SyncFacts {
  /** this person's records the relay has not confirmed (src/sync/ownPending.ts), plus one while edits wait to be sealed */
  pending: number
  /** when the relay last confirmed everything this device held */
  lastSyncedAt: number | null
  /** the socket to the relay is open */
  connected: boolean
  /** a reconnect the browser asked for (back online, page shown) is under way */
  reconnecting: boolean
  /** the relay's sync step 2 arrived on this socket */
  synced: boolean
  /** this device reached the relay once, or failed to: offline, not still trying for the first time */
  triedBefore: boolean
  /** how many updates this device refused */
  rejected: number
  /** the code of the relay's last error message; cleared by the next good connection */
  relayError: string | null
  /** the rule the relay's last refused sync step 2 broke; cleared by the next good connection */
  relayDataRejected: string | null
  /** the relay closed the socket for good; cleared when the device is admitted anew */
  finalClose: FinalClose | null
  /** this device's access is over (R13): a close for `access-ended` is said as `access-expired` */
  accessEnded: boolean
  /** P6: what the relay is proven to withhold, and forks (absent: nothing known) */
  integrity?: IntegrityStatus
  /** attachments added on this device the relay does not hold yet (session/attachments.ts) */
  attachmentsWaiting?: number
}

export function syncStatus(f: SyncFacts): SyncStatus {
  const base = {
    pending: f.pending,
    lastSyncedAt: f.lastSyncedAt,
    online: f.connected,
    rejected: f.rejected,
    // said whatever the state: a withheld record stays withheld offline too
    ...(f.integrity?.incomplete.length ? { incomplete: f.integrity.incomplete } : {}),
    ...(f.integrity?.forks ? { forks: f.integrity.forks } : {}),
    ...(f.attachmentsWaiting ? { attachmentsWaiting: f.attachmentsWaiting } : {}),
  }
  if (f.finalClose) {
    const code = f.relayError ?? closeCode(f.finalClose)
    // closed because this guest's time is over (R13): say that, not just "access ended"
    return { ...base, state: 'error', errorCode: code === 'access-ended' && f.accessEnded ? 'access-expired' : code }
  }
  if (!f.connected) return { ...base, state: f.triedBefore && !f.reconnecting ? 'saved-local' : 'connecting' }
  // the relay sent what this device refuses to take: say so, nothing local is touched
  if (!f.synced && f.relayDataRejected) return { ...base, state: 'error', errorCode: f.relayDataRejected }
  // until the relay's sync step 2 arrived we do not know what we are missing
  if (!f.synced) return { ...base, state: 'connecting' }
  return { ...base, state: f.pending > 0 ? 'pending' : 'synced' }
}

/** Why the relay refused this device: its error message, or the code in its close reason. */
export function relayErrorCode(relayError: string | null, finalClose: FinalClose | null): string | null {
  return relayError ?? (finalClose ? closeCode(finalClose) : null)
}

/** The relay's close reasons end in a code ('not-a-member', 'R6 invite-used'). */
export function closeCode(close: FinalClose): string {
  return close.reason.trim().split(/\s+/).pop() || `close-${close.code}`
}
