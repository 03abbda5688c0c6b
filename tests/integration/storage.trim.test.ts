/**
 * y-indexeddb stores each envelope update as a row and merges them only after 500 rows and a
 * quiet second. A session closed sooner (or a tab killed) must not leave the rows growing: the
 * plan merges them on closing, or once shown after the next open. Offline device, real client.
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { createClient } from '../../src/access'
import { envelopeDbName } from '../../src/access/planSession'
import { createDevice, deviceLock, waitFor } from '../helpers/nodeDevice'
import { storedUpdates } from '../helpers/storedUpdates'

const OFFLINE = { url: 'http://127.0.0.1:9' }

const rows = async (dbName: string) => (await storedUpdates(dbName)).count

function addRows(dbName: string, row: Uint8Array, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const tx = open.result.transaction('updates', 'readwrite')
      for (let i = 0; i < n; i++) tx.objectStore('updates').add(row)
      tx.oncomplete = () => {
        open.result.close()
        resolve()
      }
      tx.onerror = () => reject(tx.error)
    }
  })
}

async function writeObservations(session: { doc: Y.Doc; flush(): void }, n: number) {
  for (let i = 0; i < n; i++) {
    session.doc.getArray('observations').push([`observatie ${i}`])
    session.flush()
  }
}

describe('the local store stays merged', () => {
  it('a session closed right after many changes merges its rows first, and loses none', async () => {
    const device = await createDevice(OFFLINE, 'trim-close')
    const planId = await device.client.createPlan({ childName: 'Noor' })
    const session = await device.client.openPlan(planId)
    await writeObservations(session, 600)
    await device.client.close() // within y-indexeddb's quiet second
    const db = envelopeDbName(device.namespace, planId)
    expect(await rows(db)).toBeLessThan(10)
    const again = await createClient({
      namespace: device.namespace,
      syncUrl: 'ws://127.0.0.1:9/sync',
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...deviceLock(),
    })
    const reopened = await again.openPlan(planId)
    expect(reopened.doc.getArray('observations').length).toBe(600)
    await again.close()
  })

  it('a plan opened with many rows left behind (a tab closed hard) merges them once shown', async () => {
    const device = await createDevice(OFFLINE, 'trim-open')
    const planId = await device.client.createPlan({ childName: 'Noor' })
    const session = await device.client.openPlan(planId)
    await writeObservations(session, 3)
    const state = Y.encodeStateAsUpdate(session.envelope)
    await device.client.close()
    const db = envelopeDbName(device.namespace, planId)
    await addRows(db, state, 700) // what a killed tab leaves: many rows, each applied at open
    const again = await createClient({
      namespace: device.namespace,
      syncUrl: 'ws://127.0.0.1:9/sync',
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...deviceLock(),
    })
    const reopened = await again.openPlan(planId)
    expect(reopened.doc.getArray('observations').length).toBe(3)
    expect(await rows(db)).toBeGreaterThan(700)
    await waitFor(async () => (await rows(db)) < 10, 'the rows merged', 10_000)
    await again.close()
    expect(await rows(db)).toBeLessThan(10)
  })
})
