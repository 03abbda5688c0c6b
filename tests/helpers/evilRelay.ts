/**
 * A relay under an attacker's control, for the tests of what a client refuses (DESIGN §5.7,
 * issue 9 item 13): it answers a client's sync step 1 with a message of the test's making, and
 * a device is reopened through it. One kit per test file; `close()` in its afterAll.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import WebSocket, { WebSocketServer } from 'ws'
import { createClient } from '../../src/access'
import { deviceLock, type Device } from './nodeDevice'

/** A sync step 2 message (tags 0, 1) around an update. */
export function step2Message(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** A sync update message (tags 0, 2) around an update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

export function evilRelayKit(devices: Device[]) {
  const closers: Array<() => Promise<void>> = []
  return {
    /** Serves `answer(clientStateVector)` (a whole message, or several in order) to every step 1; resolves with its ws URL. */
    async serve(answer: (clientState: Map<number, number>) => Uint8Array | Uint8Array[]): Promise<string> {
      const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
      await new Promise((r) => wss.once('listening', r))
      wss.on('connection', (ws) => {
        ws.on('message', (data: Buffer) => {
          const d = decoding.createDecoder(new Uint8Array(data))
          if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 0) return
          const messages = answer(Y.decodeStateVector(decoding.readVarUint8Array(d)))
          for (const m of Array.isArray(messages) ? messages : [messages]) ws.send(m)
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
    },
    /** Closes the device's client and opens the plan again through `syncUrl`. */
    async reopenVia(d: Device, syncUrl: string, planId: string) {
      await d.client.close()
      devices.splice(devices.indexOf(d), 1)
      const client = await createClient({
        namespace: d.namespace,
        syncUrl,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        ...deviceLock(),
      })
      closers.push(() => client.close())
      return client.openPlan(planId)
    },
    async close(): Promise<void> {
      for (const c of closers) await c()
    },
  }
}
