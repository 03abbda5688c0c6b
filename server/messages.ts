/**
 * The y-protocols messages the relay writes, and the one it must read apart before applying:
 * an awareness update, whose states are checked one by one (R11).
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../src/sync/protocol'

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** A sync step 2 carrying `update` (the whole answer to a step 1, or its last chunk). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

/**
 * An awareness message with no states: a no-op for any y-websocket client, but a message, so
 * the client's 30 s silence watchdog does not drop a connection that simply has no news.
 */
export const KEEPALIVE = (() => {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 0)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
})()

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** parsed JSON: `null` for a client that left */
  state: unknown
  /** the state as sent, to re-encode a subset without re-serialising */
  json: string
}

/** Reads an awareness update (the body of message 1) without applying it. Throws on bad bytes. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    entries.push({ clientId, clock, state: JSON.parse(json) as unknown, json })
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update')
  return entries
}

/** The inverse of `readAwarenessEntries`: an awareness update holding just these entries. */
export function writeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.json)
  }
  return encoding.toUint8Array(encoder)
}

/** A message from a client, read apart before anything acts on it. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  /** sync step 2 and update are handled alike: both are validated before they are applied */
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }
  | { type: 'auth' }

/** Parses a client message; `null` when the bytes are not the protocol (closed as malformed). */
export function parseClientMessage(bytes: Uint8Array): ClientMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE_SYNC: {
        const type = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (type === syncProtocol.messageYjsSyncStep1) {
          Y.decodeStateVector(payload) // throws on garbage before anything is encoded against it
          return { type: 'sync-step1', stateVector: payload }
        }
        if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) return { type: 'sync-update', update: payload }
        return null
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder)
        return { type: 'awareness', update, entries: readAwarenessEntries(update) }
      }
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'query-awareness' }
      case MESSAGE_AUTH:
        return { type: 'auth' }
      default:
        return null
    }
  } catch {
    return null
  }
}
