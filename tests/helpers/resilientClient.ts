/**
 * A light raw y-protocols client that behaves like a device on a bad day: it keeps every record
 * it wrote in its own Y.Doc, reconnects after any close with the app's jittered backoff
 * (src/sync/reconnectDelay.ts, 1013 honoured), and on every new socket runs the sync handshake,
 * so whatever the relay had not acknowledged is sent again. What the relay acknowledged is known
 * from its acks. For fault tests and the reconnect storm bench: no IndexedDB, no UI, cheap enough
 * to run thousands in one process.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { SigningKeyPair } from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { toBase64Url } from '../../src/sync/bytes'
import { MESSAGE_ACK, MESSAGE_SYNC } from '../../src/sync/protocol'
import { CLOSE_TRY_AGAIN_LATER, reconnectDelay } from '../../src/sync/reconnectDelay'

export interface ResilientClientOptions {
  /** ws://host:port/sync: the client appends /<planId>?auth=… */
  wsBase: string
  identity: SigningKeyPair
  planId: Uint8Array
  /** the client's log starts as a copy of this (what the device held before) */
  initial?: Uint8Array
  random?: () => number
}

export interface ResilientClient {
  doc: Y.Doc
  /** the socket is open and the relay's sync step 2 arrived on it */
  readonly synced: boolean
  readonly connected: boolean
  /** this client's own items the relay acknowledged (its Yjs clock for our client id) */
  readonly acked: number
  /** this client's own items (its clock) */
  readonly written: number
  /** how each socket ended: close codes (-1: the HTTP upgrade was refused, e.g. 503) */
  readonly closes: number[]
  /** every wait before a reconnect, in ms */
  readonly waits: number[]
  /** sockets opened */
  readonly opens: number
  /** when the last sync step 2 arrived (performance.now()), or null */
  readonly syncedAt: number | null
  /** pushes blobs to the log and sends them now if connected (else on the next handshake) */
  write(blobs: Uint8Array[]): void
  /** resolves once `check` holds, checking on every message and state change */
  until(check: (c: ResilientClient) => boolean, timeoutMs: number, what: string): Promise<void>
  /** closes the socket (if any) and makes no new one until `resume()`; writes wait in the doc */
  pause(): void
  resume(): void
  /** closes the socket and stops reconnecting */
  close(): void
}

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  encoding.writeVarUint(e, type)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

export function startResilientClient(options: ResilientClientOptions): ResilientClient {
  const doc = new Y.Doc()
  if (options.initial) Y.applyUpdate(doc, options.initial, 'remote')
  const random = options.random ?? Math.random
  let ws: WebSocket | null = null
  let stopped = false
  let paused = false
  let attempt = 0
  let timer: NodeJS.Timeout | null = null
  const waiters = new Set<() => void>()
  const notify = () => {
    for (const w of [...waiters]) w()
  }

  const state = {
    doc,
    synced: false,
    connected: false,
    acked: 0,
    closes: [] as number[],
    waits: [] as number[],
    opens: 0,
    syncedAt: null as number | null,
    get written() {
      return Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0
    },
  }

  const onMessage = (socket: WebSocket, data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const tag = decoding.readVarUint(decoder)
    if (tag === MESSAGE_ACK) {
      const sv = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
      state.acked = Math.max(state.acked, sv.get(doc.clientID) ?? 0)
    } else if (tag === MESSAGE_SYNC) {
      const type = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      // the relay's step 1: everything we hold that it lacks (what it never acknowledged)
      if (type === 0) socket.send(syncMessage(1, Y.encodeStateAsUpdate(doc, payload)))
      else {
        Y.applyUpdate(doc, payload, 'remote')
        if (type === 1) {
          state.synced = true
          state.syncedAt = performance.now()
        }
      }
    }
    notify()
  }

  const connect = () => {
    timer = null
    if (stopped || paused) return
    const url = `${options.wsBase}/${toBase64Url(options.planId)}?auth=${createAuthToken(options.identity, options.planId, Date.now())}`
    const socket = new WebSocket(url, { perMessageDeflate: false })
    ws = socket
    socket.binaryType = 'nodebuffer'
    let ended = false
    const ended_ = (code: number) => {
      if (ended) return
      ended = true
      state.closes.push(code)
      state.connected = false
      state.synced = false
      if (ws === socket) ws = null
      notify()
      if (stopped || paused) return
      attempt += 1
      const wait = reconnectDelay(attempt, code === CLOSE_TRY_AGAIN_LATER, random)
      state.waits.push(wait)
      timer = setTimeout(connect, wait)
    }
    socket.on('open', () => {
      state.opens += 1
      state.connected = true
      attempt = 0
      socket.send(syncMessage(0, Y.encodeStateVector(doc)))
      notify()
    })
    socket.on('message', (data: Buffer) => onMessage(socket, data))
    socket.on('unexpected-response', (_req, res) => {
      res.resume()
      socket.terminate()
      ended_(-1)
    })
    socket.on('error', () => undefined)
    socket.on('close', (code) => ended_(code))
  }

  const client: ResilientClient = {
    doc,
    get synced() {
      return state.synced
    },
    get connected() {
      return state.connected
    },
    get acked() {
      return state.acked
    },
    get written() {
      return state.written
    },
    closes: state.closes,
    waits: state.waits,
    get opens() {
      return state.opens
    },
    get syncedAt() {
      return state.syncedAt
    },
    write(blobs) {
      const before = Y.encodeStateVector(doc)
      doc.getArray<Uint8Array>('log').push(blobs)
      // an open socket takes it now (a copy in the answer to the relay's step 1 is harmless)
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(syncMessage(2, Y.encodeStateAsUpdate(doc, before)))
    },
    until(check, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const test = () => {
          if (!check(client)) return
          waiters.delete(test)
          clearTimeout(t)
          resolve()
        }
        const t = setTimeout(() => {
          waiters.delete(test)
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
        }, timeoutMs)
        waiters.add(test)
        test()
      })
    },
    pause() {
      paused = true
      if (timer) clearTimeout(timer)
      timer = null
      ws?.terminate()
    },
    resume() {
      paused = false
      if (!stopped && !ws && !timer) connect()
    },
    close() {
      stopped = true
      if (timer) clearTimeout(timer)
      ws?.close()
    },
  }
  connect()
  return client
}
