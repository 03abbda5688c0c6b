/**
 * A simulated device in Node: the real client (src/access) with fake-indexeddb as its disk and
 * `ws` as its WebSocket. Several devices share one process, each under its own namespace.
 */
import 'fake-indexeddb/auto'
import { afterAll, beforeAll } from 'vitest'
import WebSocket from 'ws'
import { createClient, type Client, type ClientOptions } from '../../src/access'
import { loadSodium, minimumKdfLimits } from '../../src/crypto'
import { startRelay, type RelayProcess } from './relayProcess'
import { envelopeDbName, type OpenPlanSession } from '../../src/access/planSession'
import { attachmentDbName } from '../../src/access/session/attachmentStore'

// every y-websocket provider in Node adds a process 'exit' listener until it is destroyed (its own
// clean-up): a test with a dozen devices' open plans is not a leak, so the warning would only hide real ones
process.setMaxListeners(Math.max(process.getMaxListeners(), 100))

let counter = 0

/** Every simulated device locks its keyring with this passphrase. */
export const DEVICE_PASSPHRASE = 'fiets wolk appel trein'

/**
 * What a test passes to createClient to reopen a device: the passphrase (unlocks at start) and
 * Argon2id at its minimum limits, so a device costs no ~0.2 s derivation (the lock has its own tests).
 */
export function deviceLock(): Pick<ClientOptions, 'passphrase' | 'kdfLimits'> {
  return { passphrase: DEVICE_PASSPHRASE, kdfLimits: minimumKdfLimits() }
}

export interface Device {
  name: string
  namespace: string
  client: Client
}

/** A client on the device's IndexedDB namespace: a new device's, or one again after its browser restarted. */
function openClient(relay: { url: string }, namespace: string): Promise<Client> {
  return createClient({
    syncUrl: `${relay.url.replace(/^http/, 'ws')}/sync`,
    appUrl: relay.url,
    namespace,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true, // devices in one process must not see each other's tabs
    ...deviceLock(),
  })
}

export async function createDevice(relay: { url: string; wsUrl?: string }, name: string): Promise<Device> {
  const namespace = `device-${name}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`
  const client = await openClient(relay, namespace)
  await client.createProfile(name, DEVICE_PASSPHRASE)
  return { name, namespace, client }
}

/** Whether the device still holds the plan at all: its keyring record, its envelope and attachment databases. */
export async function holdsPlan(d: Device, planId: string): Promise<{ keys: boolean; databases: number }> {
  const names = new Set([envelopeDbName(d.namespace, planId), attachmentDbName(envelopeDbName(d.namespace, planId))])
  const databases = (await indexedDB.databases()).filter((i) => names.has(i.name ?? '')).length
  return { keys: (await d.client.listPlans()).some((p) => p.planId === planId), databases }
}

export { waitFor } from './poll'

export function textOf(session: OpenPlanSession, field = 'notes'): string {
  return session.doc.getText(field).toString()
}

export { dumpIndexedDb } from './indexedDbDump'

/**
 * One real relay for a test file and the devices made on it, all closed after the file: the
 * setup the integration files of people and plans share. `app.relay` is the running relay once
 * the file's tests start.
 */
export function useDevicesOnRelay(options: { env?: Record<string, string> } = {}) {
  const devices: Device[] = []
  const app = {
    relay: undefined as unknown as RelayProcess,
    devices,
    /** a new device (its own IndexedDB namespace and profile) on the file's relay */
    async device(name: string): Promise<Device> {
      const d = await createDevice(app.relay, name)
      devices.push(d)
      return d
    },
    memberKey: (d: Device) => d.client.profile().then((p) => p!.memberKey),
    /** the device again, as after a restart of its browser (its client was closed): same disk, a new client */
    async reopen(d: Device): Promise<Device> {
      const again = { ...d, client: await openClient(app.relay, d.namespace) }
      devices.push(again)
      return again
    },
  }
  beforeAll(async () => {
    await loadSodium()
    app.relay = await startRelay({ env: options.env })
  })
  afterAll(async () => {
    for (const d of devices) await d.client.close()
    await app.relay?.stop()
  })
  return app
}
