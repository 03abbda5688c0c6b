import type { Keyring, StoredIdentity, StoredPlan } from '../../src/keyring/keyring'

const VERSION = 1
const IDENTITY = 'identity'
const PLANS = 'plans'

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}

function openDb(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, VERSION)
  req.onupgradeneeded = () => {
    const db = req.result
    if (!db.objectStoreNames.contains(IDENTITY)) db.createObjectStore(IDENTITY)
    if (!db.objectStoreNames.contains(PLANS)) db.createObjectStore(PLANS, { keyPath: 'planId' })
  }
  return request(req)
}

/** Keys in IndexedDB as raw bytes (structured clone keeps Uint8Array). */
export async function openIndexedDbKeyring(name: string): Promise<Omit<Keyring, 'updatePlan'> & { close(): void }> {
  const db = await openDb(name)
  const store = (storeName: string, mode: IDBTransactionMode) => db.transaction(storeName, mode).objectStore(storeName)
  return {
    async getIdentity() {
      return ((await request(store(IDENTITY, 'readonly').get('device'))) as StoredIdentity | undefined) ?? null
    },
    async saveIdentity(identity) {
      await request(store(IDENTITY, 'readwrite').put(identity, 'device'))
    },
    async getPlan(planId) {
      return ((await request(store(PLANS, 'readonly').get(planId))) as StoredPlan | undefined) ?? null
    },
    async savePlan(plan) {
      await request(store(PLANS, 'readwrite').put(plan))
    },
    async listPlans() {
      return (await request(store(PLANS, 'readonly').getAll())) as StoredPlan[]
    },
    async deletePlan(planId) {
      await request(store(PLANS, 'readwrite').delete(planId))
    },
    close() {
      db.close()
    },
  }
}
