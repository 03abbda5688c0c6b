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

export { dumpIndexedDb as dumpDatabases } from '../helpers/indexedDbDump'

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
