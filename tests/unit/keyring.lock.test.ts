import { beforeAll, describe, expect, it } from 'vitest'
import { INTERACTIVE_KDF_LIMITS, MINIMUM_KDF_LIMITS, loadSodium, CryptoError, deriveKeyFromPassphrase, newKdfParams } from '../../src/crypto'
import { sodium } from '../../src/crypto/sodium'
import { KeyringError, openLockedKeyring } from '../../src/keyring'
import { FAST, OTHER, PASSPHRASE, contains, dumpDatabases, newIdentity, newPlan, rawLockRecord, uniqueName } from './keyring.fixtures'

beforeAll(async () => {
  await loadSodium()
})

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (err) {
    return (err as { code?: string }).code ?? String(err)
  }
  return 'no error'
}

describe('Argon2id (src/crypto/kdf)', () => {
  it('names the same limits as libsodium', () => {
    const s = sodium()
    expect(INTERACTIVE_KDF_LIMITS).toEqual({ opsLimit: s.crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, memLimit: s.crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE })
    expect(MINIMUM_KDF_LIMITS).toEqual({ opsLimit: s.crypto_pwhash_argon2id_OPSLIMIT_MIN, memLimit: s.crypto_pwhash_argon2id_MEMLIMIT_MIN })
  })

  it('derives the same key for the same passphrase and salt, another for another salt; NFC-normalised', () => {
    const params = newKdfParams(MINIMUM_KDF_LIMITS)
    const a = deriveKeyFromPassphrase('café', params)
    expect(deriveKeyFromPassphrase('cafe\u0301', params)).toEqual(a)
    expect(deriveKeyFromPassphrase('café', newKdfParams(MINIMUM_KDF_LIMITS))).not.toEqual(a)
    expect(a.length).toBe(32)
  })

  it('fails with a typed error, never a raw libsodium one', () => {
    const params = { ...newKdfParams(MINIMUM_KDF_LIMITS), memLimit: 1 }
    expect(() => deriveKeyFromPassphrase('x', params)).toThrow(CryptoError)
    try {
      deriveKeyFromPassphrase('x', params)
    } catch (err) {
      expect((err as CryptoError).code).toBe('kdf-failed')
    }
  })
})

describe('the locked keyring', () => {
  it('with the real interactive limits: create, lock, reopen locked, unlock', async () => {
    const name = uniqueName('real')
    const kr = await openLockedKeyring(name)
    expect(kr.state()).toBe('no-profile')
    const identity = newIdentity()
    await kr.create(identity, PASSPHRASE)
    expect(kr.state()).toBe('unlocked')
    kr.close()
    const again = await openLockedKeyring(name)
    expect(again.state()).toBe('locked')
    const start = performance.now()
    await again.unlock(PASSPHRASE)
    const ms = performance.now() - start
    expect((await again.getIdentity())?.secretKey).toEqual(identity.secretKey)
    const wrap = await rawLockRecord<{ kdf: { alg: string; opsLimit: number; memLimit: number; salt: Uint8Array } }>(name, 'wrap')
    expect(wrap?.kdf).toMatchObject({ alg: 'argon2id13', ...INTERACTIVE_KDF_LIMITS })
    expect(wrap?.kdf.salt.length).toBe(16)
    expect(ms).toBeGreaterThan(20) // it really ran Argon2id with 64 MiB
    again.close()
  })

  it('locked, it holds nothing: every read refuses, and the device holds only ciphertext', async () => {
    const name = uniqueName('plain')
    const kr = await openLockedKeyring(name, FAST)
    const identity = newIdentity('Fatima (moeder)')
    const plan = newPlan()
    await kr.create(identity, PASSPHRASE)
    await kr.savePlan(plan)
    expect(await kr.getPlan(plan.planId)).toEqual(plan)
    expect((await kr.listPlans()).map((p) => p.planId)).toEqual([plan.planId])

    kr.lock()
    expect(kr.state()).toBe('locked')
    expect(await codeOf(kr.getIdentity())).toBe('locked')
    expect(await codeOf(kr.getPlan(plan.planId))).toBe('locked')
    expect(await codeOf(kr.listPlans())).toBe('locked')
    expect(await codeOf(kr.savePlan(plan))).toBe('locked')

    const disk = await dumpDatabases(name)
    expect(disk.length).toBeGreaterThan(0)
    // a control: the plan id is stored readable, so a miss below means absence
    expect(disk.includes(Buffer.from(plan.planId))).toBe(true)
    expect(contains(disk, identity.secretKey)).toBe(false)
    expect(contains(disk, identity.secretKey.subarray(0, 32))).toBe(false) // the seed alone
    expect(contains(disk, identity.publicKey)).toBe(false)
    expect(disk.includes(Buffer.from('Fatima'))).toBe(false)
    expect(contains(disk, plan.keys[0]!)).toBe(false)
    expect(contains(disk, plan.keys[1]!)).toBe(false)
    expect(contains(disk, plan.title!.ciphertext)).toBe(false)
    kr.close()
  })

  it('a wrong passphrase is a typed error and unlocks nothing; the right one still works', async () => {
    const name = uniqueName('wrong')
    const kr = await openLockedKeyring(name, FAST)
    const identity = newIdentity()
    await kr.create(identity, PASSPHRASE)
    kr.lock()
    let error: unknown
    try {
      await kr.unlock('verkeerd wachtwoord')
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(KeyringError)
    expect((error as KeyringError).code).toBe('wrong-passphrase')
    expect((error as KeyringError).retryAfterMs).toBe(0)
    expect((error as KeyringError).failures).toBe(1)
    expect(kr.state()).toBe('locked')
    await kr.unlock(PASSPHRASE)
    expect((await kr.getIdentity())?.publicKey).toEqual(identity.publicKey)
    kr.close()
  })

  it('refuses a passphrase shorter than 8 characters', async () => {
    const kr = await openLockedKeyring(uniqueName('short'), FAST)
    expect(await codeOf(kr.create(newIdentity(), 'kort'))).toBe('passphrase-too-short')
    expect(kr.state()).toBe('no-profile')
    kr.close()
  })

  it('a second profile on the same device is refused', async () => {
    const kr = await openLockedKeyring(uniqueName('twice'), FAST)
    await kr.create(newIdentity(), PASSPHRASE)
    expect(await codeOf(kr.create(newIdentity(), PASSPHRASE))).toBe('profile-exists')
    kr.close()
  })

  it('changing the passphrase re-wraps: the old one stops working, the data stays, a wrong old one changes nothing', async () => {
    const name = uniqueName('change')
    const kr = await openLockedKeyring(name, FAST)
    const identity = newIdentity()
    const plan = newPlan()
    await kr.create(identity, PASSPHRASE)
    await kr.savePlan(plan)
    const before = await dumpDatabases(name)

    expect(await codeOf(kr.changePassphrase('niet het oude', OTHER))).toBe('wrong-passphrase')
    expect(await codeOf(kr.changePassphrase(PASSPHRASE, 'kort'))).toBe('passphrase-too-short')
    kr.lock()
    await kr.unlock(PASSPHRASE) // unchanged

    await kr.changePassphrase(PASSPHRASE, OTHER)
    expect(await kr.getPlan(plan.planId)).toEqual(plan) // still readable while unlocked
    const after = await dumpDatabases(name)
    // every record was sealed again under a new keyring key
    expect(after.equals(before)).toBe(false)
    kr.close()

    const again = await openLockedKeyring(name, FAST)
    expect(await codeOf(again.unlock(PASSPHRASE))).toBe('wrong-passphrase')
    await again.unlock(OTHER)
    expect(await again.getIdentity()).toEqual(identity)
    expect(await again.getPlan(plan.planId)).toEqual(plan)
    again.close()
  })

  it('raised limits: an unlock re-wraps a keyring made with weaker ones', async () => {
    const name = uniqueName('raise')
    const kr = await openLockedKeyring(name, FAST)
    const identity = newIdentity()
    await kr.create(identity, PASSPHRASE)
    kr.close()
    const stronger = { opsLimit: 2, memLimit: 16384 }
    const again = await openLockedKeyring(name, { kdfLimits: stronger })
    await again.unlock(PASSPHRASE)
    expect((await rawLockRecord<{ kdf: object }>(name, 'wrap'))?.kdf).toMatchObject(stronger)
    expect(await again.getIdentity()).toEqual(identity)
    again.close()
    const third = await openLockedKeyring(name, { kdfLimits: stronger })
    await third.unlock(PASSPHRASE)
    expect(await third.getIdentity()).toEqual(identity)
    third.close()
  })

  it("updates of one plan record at once keep each other's fields (the keys a session learns vs the home title)", async () => {
    const kr = await openLockedKeyring(uniqueName('update'), FAST)
    await kr.create(newIdentity(), PASSPHRASE)
    const plan = newPlan('plan-a')
    await kr.savePlan(plan)
    const title = { epoch: 0, nonce: new Uint8Array(24).fill(1), commitment: new Uint8Array(32).fill(2), ciphertext: new Uint8Array([3]) }
    const more = { ...plan.keys, 1: new Uint8Array(32).fill(7) }
    // started together, as a session's new key and the summary's save are
    await Promise.all([
      kr.updatePlan('plan-a', (stored) => ({ ...stored, keys: more })),
      kr.updatePlan('plan-a', (stored) => ({ ...stored, title })),
      kr.updatePlan('plan-a', () => null),
      kr.updatePlan('no-such-plan', (stored) => ({ ...stored, role: 'admin' })),
    ])
    const stored = await kr.getPlan('plan-a')
    expect(Object.keys(stored!.keys).sort()).toEqual(Object.keys(more).sort())
    expect(stored!.title?.ciphertext).toEqual(new Uint8Array([3]))
    expect(await kr.getPlan('no-such-plan')).toBeNull()
    kr.close()
  })

  it('a record moved to another plan id does not open', async () => {
    const name = uniqueName('moved')
    const kr = await openLockedKeyring(name, FAST)
    await kr.create(newIdentity(), PASSPHRASE)
    const plan = newPlan('plan-a')
    await kr.savePlan(plan)
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(name)
      req.onsuccess = () => resolve(req.result)
    })
    const record = await new Promise<{ planId: string }>((resolve) => {
      const req = db.transaction('plans').objectStore('plans').get('plan-a')
      req.onsuccess = () => resolve(req.result)
    })
    await new Promise((resolve) => {
      const tx = db.transaction('plans', 'readwrite')
      tx.objectStore('plans').put({ ...record, planId: 'plan-b' })
      tx.oncomplete = resolve
    })
    db.close()
    expect(await codeOf(kr.getPlan('plan-b'))).toBe('corrupt')
    kr.close()
  })

  it('settings are readable while locked and survive a reload; changing them needs the unlock', async () => {
    const name = uniqueName('settings')
    const kr = await openLockedKeyring(name, FAST)
    await kr.create(newIdentity(), PASSPHRASE, { sharedComputer: true })
    expect(kr.settings()).toEqual({ autoLockMinutes: 15, sharedComputer: true })
    expect(await kr.updateSettings({ autoLockMinutes: 5 })).toEqual({ autoLockMinutes: 5, sharedComputer: true })
    expect((await kr.updateSettings({ autoLockMinutes: 0 })).autoLockMinutes).toBe(1)
    kr.lock()
    expect(await codeOf(kr.updateSettings({ sharedComputer: false }))).toBe('locked')
    kr.close()
    const again = await openLockedKeyring(name, FAST)
    expect(again.settings()).toEqual({ autoLockMinutes: 1, sharedComputer: true })
    again.close()
  })
})
