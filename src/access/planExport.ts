/**
 * Seals a plan for export under a passphrase the person chooses, and opens such a file again.
 * Argon2id(passphrase) → a key that seals the contents (keys + ciphertext log), with the file's
 * header as additional data. What the contents hold is checked by the caller against the plan's
 * rules (validateUpdate), like anything from a relay: a file is as untrusted as a relay.
 */
import { decrypt, deriveKeyFromPassphrase, encrypt, hashParts, newKdfParams, wipeBytes, CryptoError, type KdfLimits } from '../crypto'
import {
  EXPORT_VERSION,
  decodeExportContents,
  decodeExportFile,
  encodeExportContents,
  encodeExportFile,
  encodeExportHeader,
  type ExportContents,
} from './exportFile'
import { AccessError } from './errors'

const CHECKSUM_DOMAIN = 'samenplan/export-checksum/v1'
const CONTENTS_DOMAIN = new TextEncoder().encode('samenplan/export/v1')

/** the same minimum as the device lock: an export travels, so it must not be weaker */
export const MIN_EXPORT_PASSPHRASE_LENGTH = 8

const checksum = (bytes: Uint8Array) => hashParts(CHECKSUM_DOMAIN, bytes)

function additionalData(header: Uint8Array): Uint8Array {
  const ad = new Uint8Array(CONTENTS_DOMAIN.length + 1 + header.length)
  ad.set(CONTENTS_DOMAIN)
  ad.set(header, CONTENTS_DOMAIN.length + 1)
  return ad
}

export function sealPlanExport(contents: ExportContents, passphrase: string, limits?: KdfLimits): Uint8Array {
  if (passphrase.length < MIN_EXPORT_PASSPHRASE_LENGTH) throw new AccessError('export-passphrase-too-short')
  const params = newKdfParams(limits)
  const kdf = { opsLimit: params.opsLimit, memLimit: params.memLimit, salt: params.salt }
  const key = deriveKeyFromPassphrase(passphrase, params)
  const plaintext = encodeExportContents(contents)
  try {
    const sealed = encrypt(key, plaintext, additionalData(encodeExportHeader(EXPORT_VERSION, kdf)))
    return encodeExportFile({ version: EXPORT_VERSION, kdf, sealed }, checksum)
  } finally {
    wipeBytes(key, plaintext)
  }
}

/** AccessError: export-not-samenplan, export-newer-version, export-damaged, export-wrong-passphrase */
export function openPlanExport(bytes: Uint8Array, passphrase: string): ExportContents {
  const file = decodeExportFile(bytes, checksum)
  const key = deriveKeyFromPassphrase(passphrase, { alg: 'argon2id13', ...file.kdf })
  let plaintext: Uint8Array
  try {
    plaintext = decrypt(key, file.sealed, additionalData(encodeExportHeader(file.version, file.kdf)))
  } catch (err) {
    // the checksum held, so the bytes are as written: the passphrase is not the one they were sealed with
    if (err instanceof CryptoError) throw new AccessError('export-wrong-passphrase')
    throw err
  } finally {
    wipeBytes(key)
  }
  return decodeExportContents(plaintext)
}
