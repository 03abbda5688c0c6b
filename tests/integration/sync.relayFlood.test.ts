/**
 * A malicious relay cannot freeze a client (issue 9, item 13): a message past the frame limit is
 * refused before it is decoded, and one valid blob repeated 10,000 times is refused without
 * 10,000 libsodium verifications on the main thread (signatures are checked in one batch off it,
 * `preverifyUpdate`, before validateUpdate).
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import WebSocket, { WebSocketServer } from 'ws'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient } from '../../src/access'
import { sodium } from '../../src/crypto/sodium'
import { MAX_SYNC_MESSAGE_BYTES } from '../../src/sync/connection'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { createDevice, deviceLock, waitFor, type Device } from '../helpers/nodeDevice'

let relay: RelayProcess
const devices: Device[] = []
const closers: Array<() => Promise<void>> = []
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  for (const c of closers) await c()
  for (const d of devices) await d.client.close()
  await relay.stop()
})

/** A relay that answers a client's step 1 with a step 2 of its own making (raw bytes after the tags). */
async function evilRelay(makeStep2: (clientState: Map<number, number>) => Uint8Array): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((r) => wss.once('listening', r))
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 0) return
      ws.send(makeStep2(Y.decodeStateVector(decoding.readVarUint8Array(d))))
    })
  })
  closers.push(
    () =>
      new Promise((r) => {
        for (const c of wss.clients) c.terminate()
        wss.close(() => r())
      }),
  )
  return `ws://127.0.0.1:${(wss.address() as { port: number }).port}`
}

function step2(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

async function planOnDevice() {
  const d = await createDevice(relay, 'ouder')
  devices.push(d)
  const planId = await d.client.createPlan({ childName: 'Iris' })
  const s = await d.client.openPlan(planId)
  s.doc.getText('notes').insert(0, 'echt;')
  s.flush()
  await s.whenSynced()
  return { d, planId, envelope: Y.encodeStateAsUpdate(s.envelope), logLength: s.envelope.getArray('log').length }
}

async function reopenVia(d: Device, syncUrl: string, planId: string) {
  await d.client.close()
  devices.splice(devices.indexOf(d), 1)
  const client = await createClient({ namespace: d.namespace, syncUrl, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, ...deviceLock() })
  closers.push(() => client.close())
  return client.openPlan(planId)
}

describe('[R9] a malicious relay cannot freeze a client', () => {
  it('[R9] a message past the frame limit is refused before it is decoded', async () => {
    const { d, planId, logLength } = await planOnDevice()
    // a harmless empty update, then bytes up to past the limit: read, it would pass; only the
    // frame's size, checked first, refuses it
    const url = await evilRelay(() => {
      const head = step2(Y.encodeStateAsUpdate(new Y.Doc()))
      const frame = new Uint8Array(MAX_SYNC_MESSAGE_BYTES + 1)
      frame.set(head)
      return frame
    })
    const s = await reopenVia(d, url, planId)
    await waitFor(() => s.status().state === 'error', 'the refusal shows')
    expect(s.status().errorCode).toBe('R9 update-too-large')
    expect(s.envelope.getArray('log').length).toBe(logLength)
  })

  // past the cap the count alone refuses it (R9); below it, the repeated triple (R8): neither verifies the copies
  it.each([
    [10_000, 'R9 too-many-blobs'],
    [1_000, 'R8 replay'],
  ])('[R8][R9] one valid blob repeated %i times is refused (%s) with few libsodium verifications', async (copies, code) => {
    const { d, planId, envelope, logLength } = await planOnDevice()
    const url = await evilRelay((clientState) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, envelope)
      const blob = doc.getArray<Uint8Array>('log').get(doc.getArray('log').length - 1)
      const before = Y.encodeStateVector(doc)
      doc.getArray<Uint8Array>('log').push(Array.from({ length: copies }, () => blob))
      void clientState
      return step2(Y.encodeStateAsUpdate(doc, before))
    })
    const verify = vi.spyOn(sodium(), 'crypto_sign_verify_detached')
    try {
      const s = await reopenVia(d, url, planId)
      await waitFor(() => s.status().state === 'error', 'the refusal shows', 60_000)
      expect(s.status().errorCode).toBe(code)
      expect(s.envelope.getArray('log').length).toBe(logLength)
      // opening the plan verifies its few stored records at most; the flood adds none
      expect(verify.mock.calls.length).toBeLessThan(50)
    } finally {
      verify.mockRestore()
    }
  })
})
