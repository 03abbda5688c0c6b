/**
 * What the relay needs from storage, and nothing more. Async on purpose: SQLite answers at
 * once, but PostgreSQL (DESIGN §5, "scale") will not, and the relay already waits for it.
 * Plans are named by the hex of their id.
 */

export interface StoredRoom {
  /** every stored Yjs update of the room's envelope, oldest first (after compaction: one) */
  updates: Uint8Array[]
  /** the replay index (R8): triple `author:session:seq` -> Yjs item id, kept forever */
  seen: [triple: string, itemId: string][]
}

/** A blob the relay deleted on a snapshot's behalf, kept for the retention period (R10). */
export interface ArchivedBlob {
  itemId: string
  triple: string
  bytes: Uint8Array
}

export interface RelayStore {
  loadRoom(plan: string): Promise<StoredRoom>
  /** Whether anything is stored for the plan (its genesis is): an index lookup, no rows read. */
  planExists(plan: string): Promise<boolean>
  /**
   * Stores one accepted update with the triples it adds and the blobs it deletes, atomically
   * and durably: when this resolves the update survives a crash, so it may be forwarded.
   */
  appendUpdate(plan: string, update: Uint8Array, seen: [string, string][], archived: ArchivedBlob[], now: number): Promise<void>
  /** Replaces the room's stored updates by one merged state; the seen index and archive stay. */
  compactRoom(plan: string, merged: Uint8Array): Promise<void>
  /** Marks a token nonce used; false when it was used before (replay). Kept until it expires. */
  useNonce(nonce: string, expiresAt: number): Promise<boolean>
  /** Drops nonces past expiry and archived blobs older than the retention period. */
  prune(now: number, archiveRetentionMs: number): Promise<{ nonces: number; archived: number }>
  /** Checkpoints and closes; nothing written before is lost. */
  close(): Promise<void>
}
