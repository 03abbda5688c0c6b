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
import { MESSAGE_ACK, MESSAGE_AWARENESS, MESSAGE_ERROR, MESSAGE_SYNC, readError, type RelayError } from './protocol'
import type { RoomState } from './roomState'
import type { RuleViolation } from './rules'
import { validateUpdate } from './validateUpdate'

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
  onAck?: (relayStateVector: Map<number, number>) => void
}

export interface Connection {
  provider: WebsocketProvider
  awareness: Awareness
  /** the relay's state vector as last told (sync step 1 or an ack) */
  relayState(): Map<number, number> | null
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
  let relaySv: Map<number, number> | null = null
  const provider = new WebsocketProvider(o.syncUrl, toBase64Url(o.planId), o.envelope, {
    awareness,
    connect: o.connect ?? true,
    disableBc: o.disableBc ?? false,
    WebSocketPolyfill: tokenSocket(Base, o.planId, o.identity),
    maxBackoffTime: 10_000,
  })

  /**
   * Incremental updates go to the relay only after our step 2 did: an update sent first (a blob
   * written just after the socket opened) would reach a new room before its genesis, and the
   * relay rightly refuses a record from someone it does not know yet. Updates made meanwhile
   * are in the step 2, which is computed when the relay's step 1 arrives.
   */
  let handshakeDone = false
  const ws = provider as unknown as { _updateHandler: (u: Uint8Array, origin: unknown) => void; ws: WebSocket | null; wsconnected: boolean }
  o.envelope.off('update', ws._updateHandler)
  const onEnvelopeUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    if (handshakeDone && ws.wsconnected && ws.ws?.readyState === 1) ws.ws.send(message)
    if (provider.bcconnected) bc.publish(provider.bcChannel, message, provider)
  }
  o.envelope.on('update', onEnvelopeUpdate)

  /**
   * y-websocket sends the relay every awareness change it sees, other clients' states (echoed
   * back as they came) and removals of peers it timed out included. The relay refuses a presence
   * that is not this connection's (R11 `presence-not-yours`, `presence-id-taken`): only our own
   * state goes to it. Other tabs still get every change over the BroadcastChannel.
   */
  const awarenessHandler = provider as unknown as { _awarenessUpdateHandler: (change: AwarenessChange, origin: unknown) => void }
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

  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, prov, emitSynced) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsSyncStep1) {
      const sv = decoding.readVarUint8Array(decoder)
      syncProtocol.writeSyncStep2(encoder, o.envelope, sv)
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
    const result = validateUpdate(o.envelope, o.room, update, { now: Date.now(), historicContent: true })
    if (result.ok) {
      Y.applyUpdate(o.envelope, update, prov)
      result.commit()
      // the relay forwards only what it stored durably: what it sent us, it holds
      if (emitSynced) {
        relaySv = mergeStateVectors(relaySv, Y.parseUpdateMeta(update).to)
        o.onAck?.(relaySv)
      }
    } else {
      o.onRejected?.(result.error, emitSynced ? 'relay' : 'tab')
      // what we were sent is not here: we are not in sync, whatever the relay thinks
      if (type === syncProtocol.messageYjsSyncStep2) return
    }
    if (emitSynced && type === syncProtocol.messageYjsSyncStep2 && !prov.synced) prov.synced = true
  }
  provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder) => {
    relaySv = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
    o.onAck?.(relaySv)
  }
  provider.messageHandlers[MESSAGE_ERROR] = (_encoder, decoder) => {
    o.onRelayError?.(readError(decoder))
  }

  /**
   * A dropped network stops traffic without closing the socket: close it so the status is
   * honest at once, and reconnect when the network is back.
   */
  let pausedByNetwork = false
  const onOffline = () => {
    if (!provider.shouldConnect) return
    pausedByNetwork = true
    provider.disconnect()
  }
  const onOnline = () => {
    if (!pausedByNetwork) return
    pausedByNetwork = false
    provider.connect()
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
  }

  return {
    provider,
    awareness,
    relayState: () => relaySv,
    destroy() {
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', onOffline)
        window.removeEventListener('online', onOnline)
      }
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
