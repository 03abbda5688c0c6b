/**
 * The byte format of an exported plan (a `.samenplan` file the user keeps). Pure codec: no keys,
 * no crypto. Encoder and decoder mirror each other; docs/PROTOCOL.md gives the grammar.
 *
 *   file     = magic version kdf sealed checksum
 *   contents = planId exportedAt count (epoch key)* envelope      (the plaintext of `sealed`)
 *
 * The checksum is no protection against anyone (it has no key): it tells a damaged file from a
 * wrong passphrase before Argon2id runs, so the person gets the right message.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { AccessError } from './errors'

/** "SAMENPLAN" in ASCII: what makes a file recognisable as ours before anything else is read */
export const EXPORT_MAGIC = new TextEncoder().encode('SAMENPLAN')
export const EXPORT_VERSION = 1
export const EXPORT_FILE_EXTENSION = '.samenplan'

const ALG_ARGON2ID13 = 1
const SALT_BYTES = 16
const NONCE_BYTES = 24
const COMMITMENT_BYTES = 32
const CHECKSUM_BYTES = 32
const PLAN_ID_BYTES = 32
const KEY_BYTES = 32

/**
 * A file names its own Argon2id cost; one from a stranger must not make the device derive for
 * minutes or allocate gigabytes. Four times the interactive limits is far above what we write.
 */
export const MAX_IMPORT_OPS_LIMIT = 8
export const MAX_IMPORT_MEM_LIMIT = 256 * 1024 * 1024

export interface ExportKdf {
  opsLimit: number
  memLimit: number
  salt: Uint8Array
}

export interface ExportSealed {
  nonce: Uint8Array
  commitment: Uint8Array
  ciphertext: Uint8Array
}

export interface ExportFile {
  version: number
  kdf: ExportKdf
  sealed: ExportSealed
}

export interface ExportContents {
  planId: Uint8Array
  exportedAt: number
  /** epoch -> content key */
  keys: Map<number, Uint8Array>
  /** Y.encodeStateAsUpdate of the envelope doc: the ciphertext log, deletes included */
  envelope: Uint8Array
}

/** The bytes before `sealed`: bound as additional data, so no one can swap the cost or the salt. */
export function encodeExportHeader(version: number, kdf: ExportKdf): Uint8Array {
  const e = encoding.createEncoder()
  writeHeader(e, version, kdf)
  return encoding.toUint8Array(e)
}

function writeHeader(e: encoding.Encoder, version: number, kdf: ExportKdf): void {
  encoding.writeUint8Array(e, EXPORT_MAGIC)
  encoding.writeVarUint(e, version)
  encoding.writeUint8(e, ALG_ARGON2ID13)
  encoding.writeVarUint(e, kdf.opsLimit)
  encoding.writeVarUint(e, kdf.memLimit)
  encoding.writeUint8Array(e, kdf.salt)
}

/** `checksum` is computed by the caller over the returned bytes without their last 32 (see sealPlanExport). */
export function encodeExportFile(file: ExportFile, checksum: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  writeHeader(e, file.version, file.kdf)
  encoding.writeUint8Array(e, file.sealed.nonce)
  encoding.writeUint8Array(e, file.sealed.commitment)
  encoding.writeVarUint8Array(e, file.sealed.ciphertext)
  const body = encoding.toUint8Array(e)
  const out = new Uint8Array(body.length + CHECKSUM_BYTES)
  out.set(body)
  out.set(checksum(body), body.length)
  return out
}

/**
 * Reads a file in a fixed order, each failure its own code: not ours (`export-not-samenplan`),
 * from a newer Samenplan (`export-newer-version`), damaged (`export-damaged`: wrong checksum,
 * cut short, trailing bytes, a cost beyond the limits).
 */
export function decodeExportFile(bytes: Uint8Array, checksum: (bytes: Uint8Array) => Uint8Array): ExportFile {
  if (bytes.length < EXPORT_MAGIC.length || !EXPORT_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new AccessError('export-not-samenplan', 'this is not a Samenplan file')
  }
  const d = decoding.createDecoder(bytes)
  decoding.readUint8Array(d, EXPORT_MAGIC.length)
  let version: number
  try {
    version = decoding.readVarUint(d)
  } catch {
    throw new AccessError('export-damaged', 'the file is cut short')
  }
  if (version > EXPORT_VERSION) throw new AccessError('export-newer-version', `format ${version}; this app reads up to ${EXPORT_VERSION}`)
  if (version < 1) throw new AccessError('export-damaged', `format ${version} does not exist`)
  if (bytes.length < CHECKSUM_BYTES + EXPORT_MAGIC.length + 1) throw new AccessError('export-damaged', 'the file is cut short')
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES)
  if (!sameBytes(checksum(body), bytes.subarray(bytes.length - CHECKSUM_BYTES))) {
    throw new AccessError('export-damaged', 'the checksum does not match: the file was changed or cut short')
  }
  try {
    const b = decoding.createDecoder(body)
    decoding.readUint8Array(b, EXPORT_MAGIC.length)
    decoding.readVarUint(b)
    const alg = decoding.readUint8(b)
    if (alg !== ALG_ARGON2ID13) throw new AccessError('export-damaged', `unknown key derivation ${alg}`)
    const opsLimit = decoding.readVarUint(b)
    const memLimit = decoding.readVarUint(b)
    if (opsLimit < 1 || opsLimit > MAX_IMPORT_OPS_LIMIT || memLimit < 8192 || memLimit > MAX_IMPORT_MEM_LIMIT) {
      throw new AccessError('export-damaged', 'the key derivation cost is outside what this app accepts')
    }
    const salt = decoding.readUint8Array(b, SALT_BYTES)
    const nonce = decoding.readUint8Array(b, NONCE_BYTES)
    const commitment = decoding.readUint8Array(b, COMMITMENT_BYTES)
    const ciphertext = decoding.readVarUint8Array(b)
    if (decoding.hasContent(b)) throw new AccessError('export-damaged', 'bytes after the end')
    return { version, kdf: { opsLimit, memLimit, salt }, sealed: { nonce, commitment, ciphertext } }
  } catch (err) {
    if (err instanceof AccessError) throw err
    throw new AccessError('export-damaged', 'the file is cut short')
  }
}

export function encodeExportContents(c: ExportContents): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeUint8Array(e, c.planId)
  encoding.writeVarUint(e, c.exportedAt)
  const epochs = [...c.keys.keys()].sort((a, b) => a - b)
  encoding.writeVarUint(e, epochs.length)
  for (const epoch of epochs) {
    encoding.writeVarUint(e, epoch)
    encoding.writeUint8Array(e, c.keys.get(epoch)!)
  }
  encoding.writeVarUint8Array(e, c.envelope)
  return encoding.toUint8Array(e)
}

export function decodeExportContents(bytes: Uint8Array): ExportContents {
  try {
    const d = decoding.createDecoder(bytes)
    const planId = decoding.readUint8Array(d, PLAN_ID_BYTES)
    const exportedAt = decoding.readVarUint(d)
    const count = decoding.readVarUint(d)
    const keys = new Map<number, Uint8Array>()
    for (let i = 0; i < count; i++) {
      const epoch = decoding.readVarUint(d)
      keys.set(epoch, decoding.readUint8Array(d, KEY_BYTES))
    }
    const envelope = decoding.readVarUint8Array(d)
    if (decoding.hasContent(d)) throw new Error('bytes after the end')
    return { planId, exportedAt, keys, envelope }
  } catch {
    throw new AccessError('export-damaged', 'the contents do not read as a plan')
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
