/**
 * The envelope on this device's disk: y-indexeddb, and the one place that reads its private
 * fields (`_dbsize`, `_storeTimeoutId`); tests/unit/access.localStore.test.ts pins what they mean,
 * so a y-indexeddb update that changes them fails there rather than silently here.
 *
 * y-indexeddb keeps every envelope update as a row and merges them into one only after 500 and
 * a quiet second; a session closed sooner left them all (a busy session: tens of MB, seconds
 * to open). So a plan opened with that many rows merges them once it is shown, and a store
 * closing while y-indexeddb's merge is due merges first.
 *
 * Beside the envelope it keeps one small record of what the session learnt of the relay
 * (`SyncMeta`: its acknowledged state vector and the last sync time), so the status is the same
 * after a reload. Clocks and times only, never plan content.
 */
import type * as Y from 'yjs'
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb'

/** after the plan is shown: merging the stored rows re-encodes the whole envelope once */
export const STORE_TRIM_DELAY_MS = 3000

/** What the session remembers of the relay between visits: clocks and times, no content. */
export interface SyncMeta {
  /** the relay's state vector as last told (client → clock); null before it ever answered */
  relayState: Map<number, number> | null
  /** when the relay last confirmed everything this person wrote */
  lastSyncedAt: number | null
}

/** the key in y-indexeddb's custom store */
const SYNC_META_KEY = 'sync-meta'

const NO_META: SyncMeta = { relayState: null, lastSyncedAt: null }

/** Reads a stored meta record (JSON) strictly: anything else (another version, a broken write) is no meta. */
export function readSyncMeta(stored: unknown): SyncMeta {
  let value: unknown
  try {
    value = typeof stored === 'string' ? JSON.parse(stored) : null
  } catch {
    return NO_META
  }
  if (typeof value !== 'object' || value === null) return NO_META
  const { relayState, lastSyncedAt } = value as Record<string, unknown>
  const clock = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
  const entries =
    Array.isArray(relayState) && relayState.every((e) => Array.isArray(e) && e.length === 2 && clock(e[0]) && clock(e[1]))
      ? (relayState as [number, number][])
      : null
  return { relayState: entries ? new Map(entries) : null, lastSyncedAt: clock(lastSyncedAt) ? lastSyncedAt : null }
}

export class LocalStore {
  private readonly persistence: IndexeddbPersistence
  private trimTimer: ReturnType<typeof setTimeout> | null = null
  private closed = false
  /** the newest meta not yet written, and the write under way: later saves collapse into one */
  private metaDue: SyncMeta | null = null
  private metaWriting: Promise<void> | null = null

  constructor(dbName: string, doc: Y.Doc) {
    this.persistence = new IndexeddbPersistence(dbName, doc)
  }

  /** resolves once the stored rows are applied to the doc */
  whenLoaded(): Promise<unknown> {
    return this.persistence.whenSynced
  }

  /** What the last visit learnt of the relay (`SyncMeta`); nothing before the first answer. */
  async syncMeta(): Promise<SyncMeta> {
    try {
      return readSyncMeta(await this.persistence.get(SYNC_META_KEY))
    } catch {
      return NO_META
    }
  }

  /** Keeps `meta` for the next visit; saves made while one is written become one write of the newest. */
  saveSyncMeta(meta: SyncMeta): void {
    if (this.closed) return
    this.metaDue = meta
    this.metaWriting ??= this.writeSyncMeta()
  }

  private async writeSyncMeta(): Promise<void> {
    while (this.metaDue) {
      const { relayState, lastSyncedAt } = this.metaDue
      this.metaDue = null
      try {
        await this.persistence.set(SYNC_META_KEY, JSON.stringify({ relayState: relayState ? [...relayState] : null, lastSyncedAt }))
      } catch {
        // a full disk: the next visit counts from what it knew before
      }
    }
    this.metaWriting = null
  }

  /**
   * How many rows the store holds: counted just after `whenLoaded()` resolves (0 until then),
   * raised by each update written since, counted again after a merge.
   */
  rows(): number {
    return this.persistence._dbsize
  }

  /** y-indexeddb's own merge is armed (from 500 rows on) and waits for a quiet second. */
  mergeDue(): boolean {
    return this.persistence._storeTimeoutId !== null
  }

  /** Merges the rows once `rows()` reaches y-indexeddb's trim size, a while after the plan is shown. */
  trimLater(delayMs = STORE_TRIM_DELAY_MS): void {
    this.trimTimer = setTimeout(() => void this.trim(), delayMs)
  }

  private async trim(): Promise<void> {
    this.trimTimer = null
    if (!this.closed && this.rows() >= PREFERRED_TRIM_SIZE) await this.mergeRows()
  }

  /**
   * The merged state is written before the rows it replaces are deleted, so a failed write (a
   * full disk) loses nothing: the rows stay, and the next open tries again.
   */
  private async mergeRows(): Promise<void> {
    try {
      await storeState(this.persistence, false)
    } catch {
      // reading the rows failed: they stay as they are
    }
  }

  /** Lets y-indexeddb write what was put in last, merges when its merge is due, and closes the database. */
  async close(): Promise<void> {
    if (this.trimTimer !== null) clearTimeout(this.trimTimer)
    await new Promise((r) => setTimeout(r, 0))
    this.closed = true
    await this.metaWriting
    if (this.mergeDue()) await this.mergeRows()
    await this.persistence.destroy()
  }
}
