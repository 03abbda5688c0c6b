/**
 * Message tags and close codes between client and relay. Tags 0–3 are y-protocols' own
 * (y-websocket speaks them unchanged); 100+ are Samenplan's, sent only by the relay.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3
/** relay -> client: "stored durably", with the relay's state vector, so the client can show "gesynchroniseerd" */
export const MESSAGE_ACK = 100
/** relay -> client: why the next close happens (code, rule, message) */
export const MESSAGE_ERROR = 101
/** relay -> client (R20): this plan was erased, when, and the two signed erase records that prove it */
export const MESSAGE_ERASED = 102

/**
 * 4400–4499 are final for y-websocket (it stops reconnecting): retrying cannot help.
 * 4000–4399 and 1001 make it reconnect with backoff.
 */
export const CLOSE = {
  authFailed: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  rejected: 4422,
  rateLimited: 4029,
  /** R20: the plan was erased; its id is refused forever (HTTP's 410 Gone) */
  erased: 4410,
  shuttingDown: 1001,
} as const

export function encodeAck(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_ACK)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

export interface RelayError {
  code: string
  rule: string
  message: string
}

export function encodeError(error: RelayError): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_ERROR)
  encoding.writeVarString(encoder, error.code)
  encoding.writeVarString(encoder, error.rule)
  encoding.writeVarString(encoder, error.message)
  return encoding.toUint8Array(encoder)
}

/** Reads the body of a MESSAGE_ERROR whose tag was already read. */
export function readError(decoder: decoding.Decoder): RelayError {
  return {
    code: decoding.readVarString(decoder),
    rule: decoding.readVarString(decoder),
    message: decoding.readVarString(decoder),
  }
}

/** R20: what a relay says of an erased plan (its tombstone); a device checks `proof` before it deletes anything. */
export interface ErasedNotice {
  erasedAt: number
  proof: Uint8Array[]
}

/** at most a request and a confirm, and room for a little more: a relay cannot make a device decode much */
const MAX_ERASED_PROOF = 4

export function encodeErased(notice: ErasedNotice): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_ERASED)
  encoding.writeVarUint(encoder, notice.erasedAt)
  encoding.writeVarUint(encoder, notice.proof.length)
  for (const record of notice.proof) encoding.writeVarUint8Array(encoder, record)
  return encoding.toUint8Array(encoder)
}

/** Reads the body of a MESSAGE_ERASED whose tag was already read; throws on a malformed one. */
export function readErased(decoder: decoding.Decoder): ErasedNotice {
  const erasedAt = decoding.readVarUint(decoder)
  const count = decoding.readVarUint(decoder)
  if (count > MAX_ERASED_PROOF) throw new Error('an erased notice names at most 4 records')
  const proof: Uint8Array[] = []
  for (let i = 0; i < count; i++) proof.push(decoding.readVarUint8Array(decoder).slice())
  return { erasedAt, proof }
}
