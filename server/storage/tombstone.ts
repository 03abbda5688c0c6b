/**
 * What a tombstone keeps (storage/types.ts `Tombstone`), read back strictly: the proof, the signed
 * erase records in one column as lib0 `count (varBytes)*count` (a stored value that does not
 * decode is no proof), and its reason (one this relay writes, or the row is corrupt).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { TOMBSTONE_REASONS, type TombstoneReason } from './types'

/** a request and a confirm; a few more leave room without letting a row grow */
const MAX_PROOF_RECORDS = 4

export function encodeProof(records: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, records.length)
  for (const record of records) encoding.writeVarUint8Array(encoder, record)
  return encoding.toUint8Array(encoder)
}

export function decodeProof(bytes: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  if (count > MAX_PROOF_RECORDS) throw new Error('a tombstone proof names at most 4 records')
  const records: Uint8Array[] = []
  for (let i = 0; i < count; i++) records.push(decoding.readVarUint8Array(decoder).slice())
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a tombstone proof')
  return records
}

/** A stored reason read back: only the reasons a relay writes, anything else throws (a corrupt row). */
export function tombstoneReasonOf(stored: string): TombstoneReason {
  const reason = TOMBSTONE_REASONS.find((known) => known === stored)
  if (reason === undefined) throw new Error(`a tombstone's reason is one of ${TOMBSTONE_REASONS.join(', ')}, not ${JSON.stringify(stored)}`)
  return reason
}
