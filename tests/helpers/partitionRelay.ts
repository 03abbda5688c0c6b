/**
 * A lying relay in front of the real one (issue 15): every message passes through, but what the
 * relay sends a device is re-encoded with the records `withhold` picks turned into tombstones.
 * Writes still reach the real relay, so other devices see them: two of these, each withholding
 * the other's records, show two members two branches. It holds no key, as a relay does not.
 * `WithholdingFilter` is the lie itself, for a WebSocket server here or a browser's
 * `page.routeWebSocket` (tests/e2e).
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import WebSocket, { WebSocketServer } from 'ws'
import { decodeBlob, type DecodedBlob } from '../../src/sync/blob'

const MESSAGE_SYNC = 0
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2

/**
 * What one device is told. The replica (everything the relay said and the device wrote: the
 * relay's view of the plan) is shared by the device's connections; each connection's
 * `connection()` tracks what that device holds.
 */
export class WithholdingFilter {
  private readonly replica = new Y.Doc()
  /** step 1s the device sent (a re-request shows as one more) */
  step1s = 0

  /** `seed`: the relay's log when the device first connects through here (an update), if not from the start */
  constructor(
    private readonly withhold: (blob: DecodedBlob) => boolean,
    seed?: Uint8Array,
  ) {
    if (seed) Y.applyUpdate(this.replica, seed)
  }

  /** One socket of the device: `fromDevice` before forwarding up, `fromRelay` gives what to forward down. */
  connection(): { fromDevice(data: Uint8Array): void; fromRelay(data: Uint8Array): Uint8Array } {
    let deviceState = new Map<number, number>()
    return {
      fromDevice: (data) => {
        const d = decoding.createDecoder(data)
        if (decoding.readVarUint(d) !== MESSAGE_SYNC) return
        const type = decoding.readVarUint(d)
        const payload = decoding.readVarUint8Array(d)
        if (type === STEP1) {
          this.step1s += 1
          deviceState = Y.decodeStateVector(payload)
          return
        }
        Y.applyUpdate(this.replica, payload)
        for (const [c, clock] of Y.parseUpdateMeta(payload).to) deviceState.set(c, Math.max(deviceState.get(c) ?? 0, clock))
      },
      fromRelay: (data) => {
        const d = decoding.createDecoder(data)
        if (decoding.readVarUint(d) !== MESSAGE_SYNC) return data
        const type = decoding.readVarUint(d)
        if (type === STEP1) return data
        Y.applyUpdate(this.replica, decoding.readVarUint8Array(d))
        const told = tombstoned(this.replica, this.withhold)
        const update = Y.encodeStateAsUpdate(told, Y.encodeStateVector(deviceState))
        for (const [c, clock] of Y.decodeStateVector(Y.encodeStateVector(told))) deviceState.set(c, Math.max(deviceState.get(c) ?? 0, clock))
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, MESSAGE_SYNC)
        encoding.writeVarUint(e, type === STEP2 ? STEP2 : UPDATE)
        encoding.writeVarUint8Array(e, update)
        return encoding.toUint8Array(e)
      },
    }
  }
}

export interface PartitionRelay {
  /** the URL a device syncs through (what `createClient`'s `syncUrl` takes) */
  url: string
  /** step 1s this device sent (a re-request shows as one more) */
  step1s(): number
  close(): Promise<void>
}

/**
 * A WebSocket server between a device and the real relay (`upstream`: relay.wsUrl) that tells
 * the device what `withhold` leaves; see WithholdingFilter.
 */
export async function partitionRelay(upstream: string, withhold: (blob: DecodedBlob) => boolean, seed?: Uint8Array): Promise<PartitionRelay> {
  const filter = new WithholdingFilter(withhold, seed)
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((r) => wss.once('listening', r))
  wss.on('connection', (client, req) => {
    const relay = new WebSocket(`${upstream}${req.url?.replace(/^\/sync/, '') ?? ''}`)
    const socket = filter.connection()
    const queued: Buffer[] = []
    relay.on('open', () => {
      for (const m of queued.splice(0)) relay.send(m)
    })
    client.on('message', (data: Buffer) => {
      socket.fromDevice(new Uint8Array(data))
      if (relay.readyState === WebSocket.OPEN) relay.send(data)
      else queued.push(data)
    })
    relay.on('message', (data: Buffer) => {
      if (client.readyState === WebSocket.OPEN) client.send(socket.fromRelay(new Uint8Array(data)))
    })
    const closeBoth = () => {
      client.close()
      relay.close()
    }
    client.on('close', closeBoth)
    relay.on('close', (code, reason) => {
      if (client.readyState === WebSocket.OPEN) client.close(code >= 4000 ? code : 1001, reason)
    })
    relay.on('error', closeBoth)
  })
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/sync`,
    step1s: () => filter.step1s,
    close: () =>
      new Promise((r) => {
        for (const c of wss.clients) c.terminate()
        wss.close(() => r())
      }),
  }
}

/** A copy of the log with the withheld records deleted (their items stay, as tombstones without a blob). */
function tombstoned(doc: Y.Doc, withhold: (blob: DecodedBlob) => boolean): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const log = copy.getArray<Uint8Array>('log')
  const all = log.toArray()
  for (let i = all.length - 1; i >= 0; i--) {
    let blob: DecodedBlob
    try {
      blob = decodeBlob(all[i]!)
    } catch {
      continue
    }
    if (withhold(blob)) log.delete(i, 1)
  }
  return copy
}
