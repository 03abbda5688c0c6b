/**
 * Wires the stock y-websocket provider to the relay for one envelope: a fresh signed token on
 * every (re)connect, and every update from outside this tab validated (the same rules the relay
 * runs) before it reaches the envelope.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import type { SigningKeyPair } from '../crypto'
import { createAuthToken } from './authToken'
import { toBase64Url } from './bytes'
import { MESSAGE_ACK, MESSAGE_ERROR, MESSAGE_SYNC, readError, type RelayError } from './protocol'
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
  onRejected?: (error: RuleViolation) => void
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

  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, prov, emitSynced) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsSyncStep1) {
      const sv = decoding.readVarUint8Array(decoder)
      relaySv = Y.decodeStateVector(sv)
      o.onAck?.(relaySv)
      syncProtocol.writeSyncStep2(encoder, o.envelope, sv)
      return
    }
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return
    const update = decoding.readVarUint8Array(decoder)
    const result = validateUpdate(o.envelope, o.room, update, { now: Date.now() })
    if (result.ok) {
      Y.applyUpdate(o.envelope, update, prov)
      result.commit()
      // the relay forwards only what it stored durably: what it sent us, it holds
      if (emitSynced) {
        relaySv = mergeStateVectors(relaySv, Y.parseUpdateMeta(update).to)
        o.onAck?.(relaySv)
      }
    } else {
      o.onRejected?.(result.error)
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

  return {
    provider,
    awareness,
    relayState: () => relaySv,
    destroy() {
      awareness.setLocalState(null)
      provider.destroy()
      awareness.destroy()
    },
  }
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
