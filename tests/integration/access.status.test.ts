/**
 * A status that tells the truth (issue 14), over the real relay: the pending count is this
 * person's records the relay has not acknowledged, the same before and after a reload, and the
 * last sync time survives the reload (session/localStore.ts keeps both beside the envelope).
 * Regression: after an offline reload the status said "111 wijziging(en) wachten" and "Nog niet
 * gesynchroniseerd" where 3 changes waited and the plan had synced before.
 */
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createClient, type Client } from '../../src/access'
import type { OpenPlanSession } from '../../src/access/planSession'
import { createGoals } from '../../src/plan'
import { deviceLock, useDevicesOnRelay, waitFor, type Device } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()

/** A socket that never reaches anything: the device is offline. */
class OfflineSocket extends (WebSocket as unknown as typeof globalThis.WebSocket) {
  constructor(url: string | URL, protocols?: string | string[]) {
    const u = new URL(url)
    u.port = '9' // discard: refused on the loopback
    super(u.toString(), protocols)
  }
}

/** The same device after a reload: a new client on the same IndexedDB namespace. */
async function reload(d: Device, online: boolean): Promise<Client> {
  const client = await createClient({
    namespace: d.namespace,
    syncUrl: `${app.relay.url.replace(/^http/, 'ws')}/sync`,
    appUrl: app.relay.url,
    WebSocketPolyfill: online ? (WebSocket as unknown as typeof globalThis.WebSocket) : OfflineSocket,
    disableBc: true,
    ...deviceLock(),
  })
  return client
}

describe('the sync status across a reload', () => {
  it('[issue 14] pending counts my unconfirmed records, the same after an offline reload; the last sync time survives it', async () => {
    const ib = await app.device('ib')
    const planId = await ib.client.createPlan({ childName: 'Ravi' })
    const s = (await ib.client.openPlan(planId)) as OpenPlanSession
    const me = await app.memberKey(ib)
    // a plan with history: many records the relay holds
    for (let i = 0; i < 8; i++) {
      createGoals(s.doc).add({ title: `Doel ${i}`, domain: 'leren' }, me)
      s.flush()
    }
    await s.whenSynced()
    const syncedAt = s.status().lastSyncedAt
    expect(syncedAt).not.toBeNull()

    // offline: three changes wait
    s.disconnect()
    for (const title of ['Lezen', 'Rekenen', 'Schrijven']) {
      createGoals(s.doc).add({ title, domain: 'leren' }, me)
      s.flush()
    }
    expect(s.status()).toMatchObject({ pending: 3, lastSyncedAt: syncedAt })
    await ib.client.close()

    // the reload, still offline
    const offline = await reload(ib, false)
    try {
      const again = (await offline.openPlan(planId)) as OpenPlanSession
      expect(createGoals(again.doc).list()).toHaveLength(11)
      expect(again.status()).toMatchObject({ pending: 3, lastSyncedAt: syncedAt })
      await waitFor(() => again.status().state === 'saved-local', 'the failed attempt shows as offline')
      expect(again.status()).toMatchObject({ pending: 3, lastSyncedAt: syncedAt })
    } finally {
      await offline.close()
    }

    // back online: the three reach the relay, and the sync time moves on
    const online = await reload(ib, true)
    ib.client = online
    const back = (await online.openPlan(planId)) as OpenPlanSession
    expect(back.status()).toMatchObject({ pending: 3, lastSyncedAt: syncedAt })
    await back.whenSynced()
    expect(back.status().pending).toBe(0)
    expect(back.status().lastSyncedAt).toBeGreaterThan(syncedAt!)
  }, 60_000)
})
