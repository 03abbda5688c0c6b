/**
 * What an update or snapshot record holds once opened: when its writer made it (for the
 * activity view; the writer's clock, so informative, not proof) and the Yjs update. Inside the
 * ciphertext, so the relay learns no more than when it received the blob.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

const CONTENT_VERSION = 1

export interface Content {
  writtenAt: number
  update: Uint8Array
}

export function encodeContent(content: Content): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, CONTENT_VERSION)
  encoding.writeVarUint(encoder, content.writtenAt)
  encoding.writeUint8Array(encoder, content.update)
  return encoding.toUint8Array(encoder)
}

export function decodeContent(bytes: Uint8Array): Content {
  const decoder = decoding.createDecoder(bytes)
  const version = decoding.readVarUint(decoder)
  if (version !== CONTENT_VERSION) throw new Error(`unsupported content version ${version}`)
  const writtenAt = decoding.readVarUint(decoder)
  return { writtenAt, update: bytes.subarray(decoder.pos) }
}
