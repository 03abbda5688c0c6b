/**
 * The keyring's IndexedDB database. Version 2 adds the `lock` store; version 1 (identity and plans
 * stored plainly) upgrades in place and is then migrated by the locked keyring.
 */
export const KEYRING_DB_VERSION = 2
export const IDENTITY_STORE = 'identity'
export const PLANS_STORE = 'plans'
export const LOCK_STORE = 'lock'

export type StoreName = typeof IDENTITY_STORE | typeof PLANS_STORE | typeof LOCK_STORE

export type WriteOp = { store: StoreName; put: unknown; key?: IDBValidKey } | { store: StoreName; delete: IDBValidKey }

export interface KeyringDb {
  get<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined>
  getAll<T>(store: StoreName): Promise<T[]>
  /** all ops in one transaction: either every one lands or none does */
  write(ops: WriteOp[]): Promise<void>
  close(): void
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

function openDb(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, KEYRING_DB_VERSION)
  req.onupgradeneeded = () => {
    const db = req.result
    if (!db.objectStoreNames.contains(IDENTITY_STORE)) db.createObjectStore(IDENTITY_STORE)
    if (!db.objectStoreNames.contains(PLANS_STORE)) db.createObjectStore(PLANS_STORE, { keyPath: 'planId' })
    if (!db.objectStoreNames.contains(LOCK_STORE)) db.createObjectStore(LOCK_STORE)
  }
  return request(req)
}

/** Opens on first use and again after another tab asked us to close (to delete the database). */
export function keyringDb(name: string): KeyringDb {
  let db: Promise<IDBDatabase> | null = null
  const use = (): Promise<IDBDatabase> => {
    db ??= openDb(name).then((opened) => {
      opened.onversionchange = () => {
        opened.close()
        db = null
      }
      return opened
    })
    db.catch(() => (db = null))
    return db
  }
  return {
    async get<T>(store: StoreName, key: IDBValidKey) {
      const d = await use()
      return (await request(d.transaction(store, 'readonly').objectStore(store).get(key))) as T | undefined
    },
    async getAll<T>(store: StoreName) {
      const d = await use()
      return (await request(d.transaction(store, 'readonly').objectStore(store).getAll())) as T[]
    },
    async write(ops) {
      if (ops.length === 0) return
      const d = await use()
      const stores = [...new Set(ops.map((op) => op.store))]
      const tx = d.transaction(stores, 'readwrite')
      for (const op of ops) {
        const s = tx.objectStore(op.store)
        if ('delete' in op) s.delete(op.delete)
        else if (op.key !== undefined) s.put(op.put, op.key)
        else s.put(op.put)
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
      })
    },
    close() {
      const current = db
      db = null
      void current?.then((d) => d.close()).catch(() => {})
    },
  }
}

/** how long a deletion may wait for another tab to let go before we stop waiting (it still completes then) */
const BLOCKED_GRACE_MS = 3000

/** Deletes a database; resolves once it is gone, or soon after another tab blocks it (it goes when that tab closes it). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`))
    req.onblocked = () => setTimeout(resolve, BLOCKED_GRACE_MS)
  })
}
