/** A device with the unencrypted keyring of the version before the lock is offered a passphrase and encrypted in place. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadSodium, MINIMUM_KDF_LIMITS } from '../../src/crypto'
import { openIndexedDbKeyring } from './keyring.v1Format'
import { openLockedKeyring } from '../../src/keyring'
import { createClient, type Client } from '../../src/access'
import { toHex } from '../../src/sync/bytes'
import { FAST, PASSPHRASE, contains, dumpDatabases, newIdentity, newPlan, uniqueName } from './keyring.fixtures'

beforeAll(async () => {
  await loadSodium()
})

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function plainKeyring(name: string) {
  const old = await openIndexedDbKeyring(name)
  const identity = newIdentity('Joost (mentor)')
  const plan = newPlan()
  await old.saveIdentity(identity)
  await old.savePlan(plan)
  old.close()
  return { identity, plan }
}

describe('migration from an unencrypted keyring', () => {
  it('is found, refuses reads until a passphrase is chosen, then holds only ciphertext and keeps the same keys', async () => {
    const name = uniqueName('migrate')
    const { identity, plan } = await plainKeyring(name)
    expect(contains(await dumpDatabases(name), identity.secretKey)).toBe(true) // the old version stored it plainly

    const kr = await openLockedKeyring(name, FAST)
    expect(kr.state()).toBe('needs-passphrase')
    await expect(kr.getIdentity()).rejects.toMatchObject({ code: 'needs-passphrase' })
    await expect(kr.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'needs-passphrase' })
    await expect(kr.protect('kort')).rejects.toMatchObject({ code: 'passphrase-too-short' })

    await kr.protect(PASSPHRASE)
    expect(kr.state()).toBe('unlocked')
    expect(await kr.getIdentity()).toEqual(identity)
    expect(await kr.getPlan(plan.planId)).toEqual(plan)
    kr.close()

    const disk = await dumpDatabases(name)
    expect(contains(disk, identity.secretKey)).toBe(false)
    expect(contains(disk, plan.keys[0]!)).toBe(false)
    expect(contains(disk, plan.title!.ciphertext)).toBe(false)
    expect(disk.includes(Buffer.from('Joost'))).toBe(false)

    const again = await openLockedKeyring(name, FAST)
    expect(again.state()).toBe('locked')
    await again.unlock(PASSPHRASE)
    expect(await again.getIdentity()).toEqual(identity)
    again.close()
  })

  it('through the client: lockState says so, protectProfile keeps the member key and the plans', async () => {
    const namespace = uniqueName('ns-migrate')
    const { identity, plan } = await plainKeyring(`${namespace}-keyring`)
    const client = await createClient({ namespace, kdfLimits: MINIMUM_KDF_LIMITS })
    clients.push(client)
    expect(client.lockState()).toBe('needs-passphrase')
    await expect(client.listPlans()).rejects.toMatchObject({ code: 'needs-passphrase' })
    const profile = await client.protectProfile(PASSPHRASE)
    expect(profile).toEqual({ name: 'Joost (mentor)', memberKey: toHex(identity.publicKey) })
    expect(client.lockState()).toBe('unlocked')
    expect((await client.listPlans()).map((p) => [p.planId, p.title])).toEqual([[plan.planId, 'Noor']])
  })
})
