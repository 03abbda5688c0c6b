/**
 * Wires the stock y-websocket provider to the relay for one envelope: a fresh signed token on
 * every (re)connect, and every update from outside this tab validated (the same rules the relay
 * runs) before it reaches the envelope.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as bc from 'lib0/broadcastchannel'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import type { SigningKeyPair } from '../crypto'
import { createAuthToken } from './authToken'
import { toBase64Url } from './bytes'
import {
  MESSAGE_ACK,
  MESSAGE_AWARENESS,
  MESSAGE_ERASED,
  MESSAGE_ERROR,
  MESSAGE_SYNC,
  readErased,
  readError,
  type ErasedNotice,
  type RelayError,
} from './protocol'
import { attemptsFor, CLOSE_TRY_AGAIN_LATER, MAX_BACKOFF_MS, reconnectDelay } from './reconnectDelay'
import type { RoomState } from './roomState'
import { RuleViolation } from './rules'
import { fitsOneChunk, splitStateAsUpdate } from './updateChunks'
import { MAX_UPDATE_BYTES, preverifyUpdate, validateUpdate, type OwnSession } from './validateUpdate'

/** A sync message is a tag, a sub-tag and one length-prefixed update: a few bytes over the update. */
const SYNC_FRAME_BYTES = 16
/** Checked before a message is decoded, so an oversized one costs nothing (R9). */
export const MAX_SYNC_MESSAGE_BYTES = MAX_UPDATE_BYTES + SYNC_FRAME_BYTES

export interface ConnectionOptions {
  /** e.g. ws://localhost:8080/sync */
  syncUrl: string
  planId: Uint8Array
  envelope: Y.Doc
  room: RoomState
  /** the key the token is signed with; read at each connect (an invite key, then the device key) */
  identity: () => SigningKeyPair
  WebSocketPolyfill?: typeof WebSocket
  disableBc?: boolean
  connect?: boolean
  /** an update that broke a rule was dropped whole; `from` says whether the relay or another tab sent it */
  onRejected?: (error: RuleViolation, from: 'relay' | 'tab') => void
  onRelayError?: (error: RelayError) => void
  /** R20: the relay says the plan was erased (its proof still to be checked by the caller) */
  onErased?: (notice: ErasedNotice) => void
  onAck?: (relayStateVector: Map<number, number>) => void
  /** a reconnect the browser asked for began (`reconnecting()` turned true) */
  onReconnecting?: () => void
  /** the relay's state vector as a previous visit last heard it (session/localStore.ts), until it answers anew */
  relayState?: Map<number, number> | null
  /** this device's writing session: a snapshot covering it beyond what it wrote is refused (R8) */
  ownSession?: () => OwnSession
  /**
   * a step 2 or update from the relay was handled on a synced socket: what this device holds now
   * is what the relay chose to send it (P6: withheld records are judged then)
   */
  onSettled?: () => void
}

export interface Connection {
  provider: WebsocketProvider
  awareness: Awareness
  /** the relay's state vector as last told (sync step 1 or an ack) */
  relayState(): Map<number, number> | null
  /** a reconnect the browser asked for (back online, page shown) is under way: the status says "connecting" */
  reconnecting(): boolean
  /** tries to reach the relay now, without waiting out the backoff; not after a final close or `disconnect()` */
  reconnectNow(): void
  /** resolves when every step 2 and update received so far has been handled */
  idle(): Promise<void>
  /**
   * Asks the relay again for everything this device lacks (a fresh sync step 1 on the open
   * socket): P6's targeted re-request of what a signed view proves exists. False when not connected.
   */
  requestSync(): boolean
  destroy(): void
}

function tokenSocket(Base: typeof WebSocket, planId: Uint8Array, identity: () => SigningKeyPair): typeof WebSocket {
  return class extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      const u = new URL(url)
      u.searchParams.set('auth', createAuthToken(identity(), planId, Date.now()))
      super(u.toString(), protocols)
    }
  } as typeof WebSocket
}

export function connectEnvelope(o: ConnectionOptions): Connection {
  const awareness = new Awareness(o.envelope)
  awareness.setLocalState(null)
  const Base = o.WebSocketPolyfill ?? globalThis.WebSocket
  let relaySv: Map<number, number> | null = o.relayState ? new Map(o.relayState) : null
  const provider = new WebsocketProvider(o.syncUrl, toBase64Url(o.planId), o.envelope, {
    awareness,
    connect: o.connect ?? true,
    disableBc: o.disableBc ?? false,
    WebSocketPolyfill: tokenSocket(Base, o.planId, o.identity),
    maxBackoffTime: MAX_BACKOFF_MS,
  })

  /**
   * Jittered backoff (reconnectDelay.ts) through y-websocket's public knobs: it waits
   * min(100 ms · 2^attempts, maxBackoffTime) after a close, counting the close after this event,
   * so the jittered wait becomes maxBackoffTime, with the count raised where the doubling alone
   * would be shorter (an overloaded relay's floor).
   */
  provider.on('connection-close', (event: CloseEvent | null) => {
    const attempt = provider.wsUnsuccessfulReconnects + 1
    const delay = reconnectDelay(attempt, event?.code === CLOSE_TRY_AGAIN_LATER)
    provider.maxBackoffTime = delay
    provider.wsUnsuccessfulReconnects = Math.max(provider.wsUnsuccessfulReconnects, attemptsFor(delay) - 1)
  })

  /**
   * Incremental updates go to the relay only after our step 2 did: an update sent first (a blob
   * written just after the socket opened) would reach a new room before its genesis, and the
   * relay rightly refuses a record from someone it does not know yet. Updates made meanwhile
   * are in the step 2, which is computed when the relay's step 1 arrives.
   */
  let handshakeDone = false
  const ws = provider as unknown as { _updateHandler: (u: Uint8Array, origin: unknown) => void; ws: WebSocket | null; wsconnected: boolean }
  // private to y-websocket (3.x): if a version renames it, say so here instead of sending twice
  if (typeof ws._updateHandler !== 'function') throw new Error('y-websocket changed: no _updateHandler to replace')
  o.envelope.off('update', ws._updateHandler)
  const onEnvelopeUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) return
    // one transaction may be larger than a message (a snapshot of a large plan): send it in chunks
    const parts = fitsOneChunk(update) ? [update] : splitStateAsUpdate(o.envelope, stateVectorBefore(o.envelope, update))
    for (const part of parts) {
      const message = encodeSyncMessage(syncProtocol.messageYjsUpdate, part)
      if (handshakeDone && ws.wsconnected && ws.ws?.readyState === 1) ws.ws.send(message)
      if (provider.bcconnected) bc.publish(provider.bcChannel, message, provider)
    }
  }
  o.envelope.on('update', onEnvelopeUpdate)

  /**
   * y-websocket sends the relay every awareness change it sees, other clients' states (echoed
   * back as they came) and removals of peers it timed out included. The relay refuses a presence
   * that is not this connection's (R11 `presence-not-yours`, `presence-id-taken`): only our own
   * state goes to it. Other tabs still get every change over the BroadcastChannel.
   */
  const awarenessHandler = provider as unknown as { _awarenessUpdateHandler: (change: AwarenessChange, origin: unknown) => void }
  if (typeof awarenessHandler._awarenessUpdateHandler !== 'function') throw new Error('y-websocket changed: no _awarenessUpdateHandler to replace')
  awareness.off('update', awarenessHandler._awarenessUpdateHandler)
  const onAwarenessChange = ({ added, updated, removed }: AwarenessChange) => {
    const changed = [...added, ...updated, ...removed]
    const message = (clients: number[]) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients))
      return encoding.toUint8Array(encoder)
    }
    if (changed.includes(awareness.clientID) && ws.wsconnected && ws.ws?.readyState === 1) ws.ws.send(message([awareness.clientID]))
    if (changed.length > 0 && provider.bcconnected) bc.publish(provider.bcChannel, message(changed), provider)
  }
  awarenessHandler._awarenessUpdateHandler = onAwarenessChange // provider.destroy() takes it off
  awareness.on('update', onAwarenessChange)

  provider.on('status', ({ status }) => {
    if (status !== 'connected') handshakeDone = false
  })

  /**
   * Step 2s and updates from the relay and from other tabs, handled one at a time in arrival
   * order: their signatures are checked off the main thread first (preverifyUpdate), so handling
   * is asynchronous, and a later message must never be applied before an earlier one finished.
   */
  let incoming: Promise<void> = Promise.resolve()
  /** bumped at every disconnect: a step 2 of an earlier socket says nothing about this one */
  let socketGeneration = 0
  let destroyed = false
  provider.on('status', ({ status }) => {
    if (status !== 'connected') socketGeneration += 1
  })

  const receive = async (update: Uint8Array, type: number, fromRelay: boolean, generation: number): Promise<void> => {
    const checks = { now: Date.now(), historicContent: true, ownSession: o.ownSession?.() }
    // only what passes the cheap checks is worth a signature check (a flood of copies is not)
    const signaturesChecked = await preverifyUpdate(o.envelope, update, o.room, checks)
    if (destroyed) return
    const current = fromRelay && generation === socketGeneration
    const result = validateUpdate(o.envelope, o.room, update, { ...checks, now: Date.now(), signaturesChecked })
    if (result.ok) {
      // Membership first: validation has folded the update's records into the room state
      // already, and the bridge opens and judges content while the update is applied: a new
      // member's add or claim and that member's content often come in one update (P0, P1, P3).
      try {
        Y.applyUpdate(o.envelope, update, provider)
      } catch (err) {
        result.abort()
        o.onRejected?.(new RuleViolation('R1', 'malformed-update', (err as Error).message ?? 'the update does not apply'), fromRelay ? 'relay' : 'tab')
        return
      }
      result.commit()
      // the relay forwards only what it stored durably: what it sent us, it holds
      if (current) {
        relaySv = mergeStateVectors(relaySv, Y.parseUpdateMeta(update).to)
        o.onAck?.(relaySv)
      }
    } else {
      o.onRejected?.(result.error, fromRelay ? 'relay' : 'tab')
      // what we were sent is not here: we are not in sync, whatever the relay thinks
      if (type === syncProtocol.messageYjsSyncStep2) return
    }
    if (current && type === syncProtocol.messageYjsSyncStep2 && !provider.synced) provider.synced = true
    if (current && provider.synced) o.onSettled?.()
  }

  /** Our answer to a step 1: in chunks when it is larger than one (updateChunks.ts), the step 2 last. */
  const answerStep1 = (encoder: encoding.Encoder, stateVector: Uint8Array, toRelay: boolean) => {
    const chunks = splitStateAsUpdate(o.envelope, stateVector)
    for (const chunk of chunks.slice(0, -1)) {
      const message = encodeSyncMessage(syncProtocol.messageYjsUpdate, chunk)
      if (!toRelay) bc.publish(provider.bcChannel, message, provider)
      else if (ws.ws?.readyState === 1) ws.ws.send(message)
    }
    // y-websocket sends what the handler wrote after the chunks went out
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint8Array(encoder, chunks[chunks.length - 1]!)
  }

  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, _prov, emitSynced) => {
    // R9 before anything is decoded: no relay or tab sends more in one message
    if (decoder.arr.length > MAX_SYNC_MESSAGE_BYTES) {
      o.onRejected?.(
        new RuleViolation('R9', 'update-too-large', `message of ${decoder.arr.length} bytes exceeds ${MAX_SYNC_MESSAGE_BYTES}`),
        emitSynced ? 'relay' : 'tab',
      )
      return
    }
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsSyncStep1) {
      const sv = decoding.readVarUint8Array(decoder)
      answerStep1(encoder, sv, emitSynced)
      // a step 1 from another tab says nothing about the relay
      if (emitSynced) {
        relaySv = Y.decodeStateVector(sv)
        o.onAck?.(relaySv)
        handshakeDone = true // y-websocket sends this reply before any later update
      }
      return
    }
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return
    const update = decoding.readVarUint8Array(decoder)
    const generation = socketGeneration
    incoming = incoming
      .then(() => receive(update, type, emitSynced, generation))
      .catch((err: unknown) => {
        o.onRejected?.(new RuleViolation('R1', 'malformed-update', (err as Error)?.message ?? 'cannot handle'), emitSynced ? 'relay' : 'tab')
      })
  }
  provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder) => {
    relaySv = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
    o.onAck?.(relaySv)
  }
  provider.messageHandlers[MESSAGE_ERROR] = (_encoder, decoder) => {
    o.onRelayError?.(readError(decoder))
  }
  provider.messageHandlers[MESSAGE_ERASED] = (_encoder, decoder) => {
    let notice: ErasedNotice
    try {
      notice = readErased(decoder)
    } catch {
      return // a notice that does not decode proves nothing
    }
    o.onErased?.(notice)
  }

  /**
   * A dropped network stops traffic without closing the socket: close it so the status is
   * honest at once. When the browser says the network is back, or the page is shown again, try
   * at once: y-websocket would wait out its backoff (up to maxBackoffTime, issue 14: 6.4 s after
   * the network was back, with "offline" shown meanwhile), and the status says "connecting"
   * until the socket opens or fails.
   */
  let pausedByNetwork = false
  let reconnecting = false
  const onOffline = () => {
    if (!provider.shouldConnect) return
    pausedByNetwork = true
    provider.disconnect()
  }
  const reconnectNow = (restartAttempt = true) => {
    if (destroyed || provider.wsconnected) return
    // closed by the person (disconnect()) or for good by the relay: not ours to reopen
    if (!pausedByNetwork && !provider.shouldConnect) return
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return
    pausedByNetwork = false
    provider.wsUnsuccessfulReconnects = 0
    // an attempt begun while the network was gone may hang: begin afresh
    if (provider.ws !== null && restartAttempt) provider.disconnect()
    reconnecting = true
    provider.connect() // at once when no attempt is under way; else that attempt goes on
    o.onReconnecting?.()
  }
  provider.on('status', ({ status }) => {
    if (status === 'connected') reconnecting = false
  })
  provider.on('connection-close', () => {
    reconnecting = false
  })
  const onOnline = () => reconnectNow()
  const onVisible = () => {
    if (document.visibilityState === 'visible') reconnectNow(false)
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
  }
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible)

  return {
    provider,
    awareness,
    relayState: () => relaySv,
    reconnecting: () => reconnecting && !provider.wsconnected,
    reconnectNow: () => reconnectNow(),
    idle: () => incoming,
    requestSync() {
      if (destroyed || !ws.wsconnected || ws.ws?.readyState !== 1) return false
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.writeSyncStep1(encoder, o.envelope)
      ws.ws.send(encoding.toUint8Array(encoder))
      return true
    },
    destroy() {
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', onOffline)
        window.removeEventListener('online', onOnline)
      }
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible)
      destroyed = true
      o.envelope.off('update', onEnvelopeUpdate)
      awareness.setLocalState(null)
      provider.destroy()
      awareness.destroy()
    },
  }
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** The doc's state vector as it was before `update` (just applied) was made. */
function stateVectorBefore(doc: Y.Doc, update: Uint8Array): Uint8Array {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const [client, clock] of Y.parseUpdateMeta(update).from) sv.set(client, clock)
  return Y.encodeStateVector(sv)
}

function encodeSyncMessage(type: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

function mergeStateVectors(a: Map<number, number> | null, b: Map<number, number>): Map<number, number> {
  const out = new Map(a ?? [])
  for (const [client, clock] of b) out.set(client, Math.max(out.get(client) ?? 0, clock))
  return out
}

/** How many log records this envelope holds that the relay (as last told) does not. */
export function countUnconfirmed(envelope: Y.Doc, relay: Map<number, number> | null): number {
  const local = Y.decodeStateVector(Y.encodeStateVector(envelope))
  let pending = 0
  for (const [client, clock] of local) pending += Math.max(0, clock - (relay?.get(client) ?? 0))
  return pending
}
