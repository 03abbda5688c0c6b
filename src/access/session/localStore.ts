/**
 * The envelope on this device's disk: y-indexeddb, and the one place that reads its private
 * fields (`_dbsize`, `_storeTimeoutId`); tests/unit/access.localStore.test.ts pins what they mean,
 * so a y-indexeddb update that changes them fails there rather than silently here.
 *
 * y-indexeddb keeps every envelope update as a row and merges them into one only after 500 and
 * a quiet second; a session closed sooner left them all (a busy session: tens of MB, seconds
 * to open). So a plan opened with that many rows merges them once it is shown, and a store
 * closing while y-indexeddb's merge is due merges first.
 */
import type * as Y from 'yjs'
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb'

/** after the plan is shown: merging the stored rows re-encodes the whole envelope once */
export const STORE_TRIM_DELAY_MS = 3000

export class LocalStore {
  private readonly persistence: IndexeddbPersistence
  private trimTimer: ReturnType<typeof setTimeout> | null = null
  private closed = false

  constructor(dbName: string, doc: Y.Doc) {
    this.persistence = new IndexeddbPersistence(dbName, doc)
  }

  /** resolves once the stored rows are applied to the doc */
  whenLoaded(): Promise<unknown> {
    return this.persistence.whenSynced
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
    this.closed = true
    if (this.trimTimer !== null) clearTimeout(this.trimTimer)
    await new Promise((r) => setTimeout(r, 0))
    if (this.mergeDue()) await this.mergeRows()
    await this.persistence.destroy()
  }
}
