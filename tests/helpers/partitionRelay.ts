/**
 * A lying relay in front of the real one (issue 15): every message passes through, but what the
 * relay sends a device is re-encoded with the records `withhold` picks turned into tombstones.
 * Writes still reach the real relay, so other devices see them: two of these, each withholding
 * the other's records, show two members two branches. It holds no key, as a relay does not.
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

export interface PartitionRelay {
  /** the URL a device syncs through (what `createClient`'s `syncUrl` takes) */
  url: string
  /** step 1s this device sent (a re-request shows as one more) */
  step1s(): number
  close(): Promise<void>
}

/**
 * `upstream`: the real relay's sync URL (relay.wsUrl). `withhold` is asked for every record the
 * relay sends; what it picks reaches the device as a tombstone (no blob). `seed`: the relay's
 * log when the device connects (an update), so what the relay sends later integrates here.
 */
export async function partitionRelay(upstream: string, withhold: (blob: DecodedBlob) => boolean, seed?: Uint8Array): Promise<PartitionRelay> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((r) => wss.once('listening', r))
  let step1s = 0
  wss.on('connection', (client, req) => {
    const relay = new WebSocket(`${upstream}${req.url?.replace(/^\/sync/, '') ?? ''}`)
    // everything the relay said and the device wrote: the relay's view of this plan
    const replica = new Y.Doc()
    // what the relay held before this device connected through here (a relay knows its own log)
    if (seed) Y.applyUpdate(replica, seed)
    let deviceState = new Map<number, number>()
    const queued: Buffer[] = []
    relay.on('open', () => {
      for (const m of queued.splice(0)) relay.send(m)
    })
    client.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(d) === MESSAGE_SYNC) {
        const type = decoding.readVarUint(d)
        const payload = decoding.readVarUint8Array(d)
        if (type === STEP1) {
          step1s += 1
          deviceState = Y.decodeStateVector(payload)
        } else {
          Y.applyUpdate(replica, payload)
          for (const [c, clock] of Y.parseUpdateMeta(payload).to) deviceState.set(c, Math.max(deviceState.get(c) ?? 0, clock))
        }
      }
      if (relay.readyState === WebSocket.OPEN) relay.send(data)
      else queued.push(data)
    })
    relay.on('message', (data: Buffer) => {
      if (client.readyState !== WebSocket.OPEN) return
      const d = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(d) !== MESSAGE_SYNC) return client.send(data)
      const type = decoding.readVarUint(d)
      if (type === STEP1) return client.send(data)
      Y.applyUpdate(replica, decoding.readVarUint8Array(d))
      const filtered = tombstoned(replica, withhold)
      const update = Y.encodeStateAsUpdate(filtered, Y.encodeStateVector(deviceState))
      for (const [c, clock] of Y.decodeStateVector(Y.encodeStateVector(filtered))) deviceState.set(c, Math.max(deviceState.get(c) ?? 0, clock))
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, MESSAGE_SYNC)
      encoding.writeVarUint(e, type === STEP2 ? STEP2 : UPDATE)
      encoding.writeVarUint8Array(e, update)
      client.send(encoding.toUint8Array(e))
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
    step1s: () => step1s,
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
    if (withhold(blob)) {
      log.delete(i, 1)
    }
  }
  return copy
}
