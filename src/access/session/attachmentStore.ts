/**
 * Attachments on this device's disk: encrypted pieces only, by their address, and two small lists
 * of which attachments hold them here (waiting to be sent, kept for offline use), each naming its
 * pieces' addresses. Never a plaintext byte, never a file key, never a name: those live only in
 * the encrypted plan. A database of its own beside the plan's envelope (`<envelope db>-files`):
 * y-indexeddb owns the envelope's database and its version, and the namespace prefix keeps the
 * logout wipe (wipe.ts) covering it.
 */
import { deleteDatabase } from '../../keyring/store'

export const PIECES_STORE = 'pieces'
export const UPLOADS_STORE = 'uploads'
export const KEPT_STORE = 'kept'
const VERSION = 1

/** One attachment's hold on pieces here: its id and its pieces' addresses, nothing else. */
export interface PieceHold {
  id: string
  pieces: string[]
}

export function attachmentDbName(envelopeDb: string): string {
  return `${envelopeDb}-files`
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
}

export class AttachmentStore {
  private db: Promise<IDBDatabase> | null = null

  constructor(private readonly name: string) {}

  private use(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(this.name, VERSION)
      req.onupgradeneeded = () => {
        const db = req.result
        for (const store of [PIECES_STORE, UPLOADS_STORE, KEPT_STORE]) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store)
      }
      req.onsuccess = () => {
        // another tab deleting the database (a logout wipe) must not wait for us
        req.result.onversionchange = () => {
          req.result.close()
          this.db = null
        }
        resolve(req.result)
      }
      req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'))
    })
    this.db.catch(() => (this.db = null))
    return this.db
  }

  /** Puts the pieces and the hold in one transaction: a hold never names pieces the disk lacks. */
  async hold(store: typeof UPLOADS_STORE | typeof KEPT_STORE, hold: PieceHold, pieces: readonly Uint8Array[]): Promise<void> {
    const db = await this.use()
    const tx = db.transaction([PIECES_STORE, store], 'readwrite')
    for (const [i, bytes] of pieces.entries()) tx.objectStore(PIECES_STORE).put(bytes, hold.pieces[i])
    tx.objectStore(store).put({ id: hold.id, pieces: [...hold.pieces] }, hold.id)
    await done(tx)
  }

  async holds(store: typeof UPLOADS_STORE | typeof KEPT_STORE): Promise<PieceHold[]> {
    const db = await this.use()
    return (await request(db.transaction(store, 'readonly').objectStore(store).getAll())) as PieceHold[]
  }

  /** The piece at `address`, or undefined. */
  async piece(address: string): Promise<Uint8Array | undefined> {
    const db = await this.use()
    const value = await request(db.transaction(PIECES_STORE, 'readonly').objectStore(PIECES_STORE).get(address))
    return value instanceof Uint8Array ? value : undefined
  }

  /** Drops a hold, and the pieces no other hold names. */
  async release(store: typeof UPLOADS_STORE | typeof KEPT_STORE, id: string): Promise<void> {
    const [uploads, kept] = await Promise.all([this.holds(UPLOADS_STORE), this.holds(KEPT_STORE)])
    const mine = (store === UPLOADS_STORE ? uploads : kept).find((h) => h.id === id)
    if (!mine) return
    const stillNamed = new Set([...uploads, ...kept].filter((h) => h !== mine).flatMap((h) => h.pieces))
    const db = await this.use()
    const tx = db.transaction([PIECES_STORE, store], 'readwrite')
    tx.objectStore(store).delete(id)
    for (const address of mine.pieces) if (!stillNamed.has(address)) tx.objectStore(PIECES_STORE).delete(address)
    await done(tx)
  }

  close(): void {
    void this.db?.then((db) => db.close()).catch(() => undefined)
    this.db = null
  }

  /** The database gone with everything in it (a plan left or erased on this device). */
  async destroy(): Promise<void> {
    this.close()
    await deleteDatabase(this.name)
  }
}
