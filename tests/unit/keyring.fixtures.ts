/** Shared set-up for the keyring tests: fake-indexeddb as the disk, libsodium loaded. */
import 'fake-indexeddb/auto'
import { generateContentKey, generateSigningKeyPair, encrypt, MINIMUM_KDF_LIMITS } from '../../src/crypto'
import type { StoredIdentity, StoredPlan } from '../../src/keyring'

export const PASSPHRASE = 'fiets wolk appel trein'
export const OTHER = 'zomer regen boot kaas'
/** the lock's own logic does not depend on the cost: most tests run Argon2id at its minimum */
export const FAST = { kdfLimits: { ...MINIMUM_KDF_LIMITS } }

let n = 0
export function uniqueName(label: string): string {
  return `kr-${label}-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`
}

export function newIdentity(name = 'Fatima (moeder)'): StoredIdentity {
  const kp = generateSigningKeyPair()
  return { name, publicKey: kp.publicKey, secretKey: kp.secretKey }
}

export function newPlan(planId = 'plan-' + Math.random().toString(36).slice(2, 10)): StoredPlan {
  const key0 = generateContentKey()
  const key1 = generateContentKey()
  const title = encrypt(key1, new TextEncoder().encode('Noor'), new TextEncoder().encode('samenplan/title/v1'))
  return { planId, role: 'admin', keys: { 0: key0, 1: key1 }, title: { epoch: 1, ...title } }
}

/** Every value of every record in the named databases, as bytes. */
export async function dumpDatabases(prefix: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  for (const info of await indexedDB.databases()) {
    if (!info.name?.startsWith(prefix)) continue
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    for (const storeName of Array.from(db.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll()
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      for (const v of values) chunks.push(serialise(v))
    }
    db.close()
  }
  return Buffer.concat(chunks)
}

function serialise(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value)
  if (value instanceof ArrayBuffer) return Buffer.from(new Uint8Array(value))
  if (typeof value === 'string') return Buffer.from(value)
  if (Array.isArray(value)) return Buffer.concat(value.map(serialise))
  if (value && typeof value === 'object') return Buffer.concat(Object.values(value).map(serialise))
  return Buffer.from(String(value))
}

export function contains(haystack: Buffer, needle: Uint8Array): boolean {
  return haystack.indexOf(Buffer.from(needle)) !== -1
}

/** Reads one raw record of the keyring's lock store (tests look under the hood). */
export async function rawLockRecord<T>(dbName: string, key: string): Promise<T | undefined> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const req = db.transaction('lock', 'readonly').objectStore('lock').get(key)
      req.onsuccess = () => resolve(req.result as T | undefined)
      req.onerror = () => reject(req.error)
    })
  } finally {
    db.close()
  }
}
