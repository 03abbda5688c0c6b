/**
 * What the session learns about its connection over time (the relay's errors and refusals, a
 * final close, when it last synced, what this device refused) and who listens for changes. The
 * status itself is derived from these facts by the pure `syncStatus` (syncStatus.ts).
 */
import type { RelayError } from '../../sync/protocol'
import type { SyncStatus } from '../types'
import { relayErrorCode, syncStatus, type FinalClose, type SyncFacts } from './syncStatus'

/** what the connection knows right now; the tracker adds what it remembers */
export type LiveFacts = Pick<SyncFacts, 'pending' | 'connected' | 'reconnecting' | 'synced' | 'accessEnded' | 'integrity' | 'attachmentsWaiting'> & {
  /** y-websocket's count of failed attempts: above 0 the device tried and is offline */
  failedAttempts: number
}

export interface Refusal {
  reason: string
  at: number
}

export class StatusTracker {
  private relayError: RelayError | null = null
  /** the rule the relay's last refused step 2 broke; cleared by the next good connection */
  private relayDataRejected: string | null = null
  private finalClose: FinalClose | null = null
  private lastSyncedAt: number | null = null
  private everConnected = false
  /**
   * Everything this device refused, for the status count and `quarantined()`: the bridge's
   * quarantine, and besides it what never reaches the bridge (updates the connection refused from
   * the relay or another tab) and an admin's duty that failed. Not the same as the bridge's list.
   */
  private readonly rejected: Refusal[] = []
  private readonly listeners = new Set<(s: SyncStatus) => void>()

  constructor(private readonly live: () => LiveFacts) {}

  /** what a previous visit left (session/localStore.ts): the plan synced before this reload */
  restored(lastSyncedAt: number | null): void {
    this.lastSyncedAt ??= lastSyncedAt
  }

  status(): SyncStatus {
    const { failedAttempts, ...now } = this.live()
    return syncStatus({
      ...now,
      lastSyncedAt: this.lastSyncedAt,
      triedBefore: this.everConnected || failedAttempts > 0,
      rejected: this.rejected.length,
      relayError: this.relayError?.code ?? null,
      relayDataRejected: this.relayDataRejected,
      finalClose: this.finalClose,
    })
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** something the status depends on changed */
  changed(): void {
    if (this.listeners.size === 0) return
    const s = this.status()
    for (const l of this.listeners) l(s)
  }

  /** the socket opened: the relay's earlier complaints no longer hold */
  connected(): void {
    this.everConnected = true
    this.relayError = null
    this.relayDataRejected = null
    this.changed()
  }

  /** synced again after a final close: admitted anew (consent given again, R12), so the refusal no longer holds */
  admitted(): void {
    this.finalClose = null
    this.changed()
  }

  closedFinally(event: FinalClose): void {
    this.finalClose = event
    this.changed()
  }

  relayErrored(err: RelayError): void {
    this.relayError = err
    this.changed()
  }

  /** the relay confirmed what this device sent; `all`: nothing of this person's is left unconfirmed */
  acknowledged(all: boolean, now = Date.now()): void {
    if (all) this.lastSyncedAt = now
    this.changed()
  }

  /** when the relay last confirmed everything, for the next visit */
  lastSynced(): number | null {
    return this.lastSyncedAt
  }

  /** this device refused an update; `fromRelay`: the relay's sync step 2, which keeps the plan from syncing */
  refused(reason: string, fromRelay = false): void {
    if (fromRelay) this.relayDataRejected = reason
    this.rejected.push({ reason, at: Date.now() })
    this.changed()
  }

  refusals(): Refusal[] {
    return [...this.rejected]
  }

  /** Why the relay refused us: its error message, or the code in its close reason. */
  relayErrorCode(): string | null {
    return relayErrorCode(this.relayError?.code ?? null, this.finalClose)
  }

  finalCloseEvent(): FinalClose | null {
    return this.finalClose
  }
}
