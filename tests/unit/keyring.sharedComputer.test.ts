/**
 * Lock and shared-computer logout through the client: locking closes the plans, a shared
 * computer keeps nothing, and unsynced changes are never lost unseen. No relay runs: every
 * change stays unsynced, which is the case that matters here.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { loadSodium, MINIMUM_KDF_LIMITS } from '../../src/crypto'
import { createClient, type Client } from '../../src/access'
import { PASSPHRASE, contains, dumpDatabases, uniqueName } from './keyring.fixtures'

beforeAll(async () => {
  await loadSodium()
})

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function device(label: string) {
  const namespace = uniqueName(label)
  const client = await createClient({
    namespace,
    syncUrl: 'ws://127.0.0.1:9/sync', // nothing listens: the device is offline
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    kdfLimits: MINIMUM_KDF_LIMITS,
  })
  clients.push(client)
  return { namespace, client }
}

async function databasesOf(namespace: string): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(namespace))
}

describe('lock and shared-computer logout', () => {
  it('lock closes the open plans and forgets every key; unlock opens them again', async () => {
    const { namespace, client } = await device('lock')
    const states: string[] = []
    client.onLockState((s) => states.push(s))
    await client.createProfile('Fatima', PASSPHRASE)
    const planId = await client.createPlan({ childName: 'Noor' })
    const session = await client.openPlan(planId)
    session.doc.getText('notes').insert(0, 'geheim-7c1 slaapt slecht')
    // a second handle on the same disk (another tab) sees only a locked keyring
    const secondTab = await (await import('../../src/keyring')).openLockedKeyring(`${namespace}-keyring`, { kdfLimits: MINIMUM_KDF_LIMITS })
    expect(secondTab.state()).toBe('locked')
    secondTab.close()

    const result = await client.lock()
    expect(result).toEqual({ wiped: false, unsynced: expect.any(Number) })
    expect(client.lockState()).toBe('locked')
    expect(session.doc.isDestroyed).toBe(true) // the plaintext plan doc left memory
    await expect(client.listPlans()).rejects.toMatchObject({ code: 'locked' })
    await expect(client.openPlan(planId)).rejects.toMatchObject({ code: 'locked' })
    await expect(client.profile()).rejects.toMatchObject({ code: 'locked' })
    expect(await databasesOf(namespace)).toContain(`${namespace}-plan-${planId}`) // kept, as ciphertext

    const disk = await dumpDatabases(namespace)
    expect(disk.includes(Buffer.from('geheim-7c1'))).toBe(false)
    expect(disk.includes(Buffer.from('Noor'))).toBe(false)

    await expect(client.unlock('verkeerd wachtwoord')).rejects.toMatchObject({ code: 'wrong-passphrase', retryAfterMs: 0 })
    expect(await client.unlock(PASSPHRASE)).toMatchObject({ name: 'Fatima' })
    const reopened = await client.openPlan(planId)
    expect(reopened).not.toBe(session)
    expect(reopened.doc.getText('notes').toString()).toBe('geheim-7c1 slaapt slecht')
    expect((await client.listPlans())[0]?.title).toBe('Noor')
    expect(states).toEqual(['unlocked', 'locked', 'unlocked'])
  })

  it('logout is refused while changes are unsynced, unless the person confirms; then no database of the device is left', async () => {
    const { namespace, client } = await device('shared')
    await client.createProfile('Invaller', PASSPHRASE, { sharedComputer: true })
    expect(client.lockSettings().sharedComputer).toBe(true)
    const planId = await client.createPlan({ childName: 'Sem' })
    const session = await client.openPlan(planId)
    session.doc.getText('notes').insert(0, 'nog niet gesynchroniseerd')
    expect(await client.unsyncedChanges()).toBeGreaterThan(0)
    expect((await databasesOf(namespace)).length).toBe(3) // keyring, the plan's envelope and its attachments

    const refused = await client.logout().catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'unsynced-changes', pending: expect.any(Number) })
    expect(client.lockState()).toBe('unlocked')

    await client.logout({ discardUnsynced: true })
    expect(client.lockState()).toBe('no-profile')
    expect(await databasesOf(namespace)).toEqual([])
    await expect(client.profile()).resolves.toBeNull()
  })

  it('shared computer: lock with unsynced changes keeps them (encrypted) instead of wiping; with none it wipes', async () => {
    const { namespace, client } = await device('shared-lock')
    await client.createProfile('Invaller', PASSPHRASE, { sharedComputer: true })
    const planId = await client.createPlan({ childName: 'Sem' })
    ;(await client.openPlan(planId)).doc.getText('notes').insert(0, 'onderweg')

    const kept = await client.lock()
    expect(kept.wiped).toBe(false)
    expect(kept.unsynced).toBeGreaterThan(0)
    expect(client.lockState()).toBe('locked')
    expect(await databasesOf(namespace)).toContain(`${namespace}-plan-${planId}`)
    expect((await dumpDatabases(namespace)).includes(Buffer.from('onderweg'))).toBe(false)

    // a keyring with no open plan (nothing unsynced in memory) is wiped by lock
    await client.unlock(PASSPHRASE)
    // unlock on a shared computer reopens its plans so their unsynced changes count again
    await vi.waitFor(async () => expect(await client.unsyncedChanges()).toBeGreaterThan(0), { timeout: 10_000 })
    await client.logout({ discardUnsynced: true })
    expect(await databasesOf(namespace)).toEqual([])

    // a new profile on the same device starts from nothing, and its lock wipes at once
    await client.createProfile('Volgende', PASSPHRASE, { sharedComputer: true })
    expect(await client.lock()).toEqual({ wiped: true, unsynced: 0 })
    expect(client.lockState()).toBe('no-profile')
    expect(await databasesOf(namespace)).toEqual([])
  })

  it('a keyring key is not on disk in a readable form: the identity secret never appears', async () => {
    const { namespace, client } = await device('disk')
    await client.createProfile('Ouder', PASSPHRASE)
    const { openLockedKeyring } = await import('../../src/keyring')
    const kr = await openLockedKeyring(`${namespace}-keyring`, { kdfLimits: MINIMUM_KDF_LIMITS })
    await kr.unlock(PASSPHRASE)
    const identity = (await kr.getIdentity())!
    kr.close()
    await client.lock()
    expect(contains(await dumpDatabases(namespace), identity.secretKey.subarray(0, 32))).toBe(false)
  })
})
