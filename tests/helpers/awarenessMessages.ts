/** Raw y-protocols awareness messages for relay tests: one state sent, the states a message carries. */
import * as decoding from 'lib0/decoding'
import { awarenessFrame } from './attacks'

/** An awareness message (tag 1) with one client's state at `clock`. */
export function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  return awarenessFrame([{ clientId, clock, state }])
}

/** The states an awareness message carries, by client id (null: removed). */
export function statesIn(message: Uint8Array): Map<number, unknown> {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const out = new Map<number, unknown>()
  for (let n = decoding.readVarUint(inner); n > 0; n--) {
    const id = decoding.readVarUint(inner)
    decoding.readVarUint(inner)
    out.set(id, JSON.parse(decoding.readVarString(inner)))
  }
  return out
}
