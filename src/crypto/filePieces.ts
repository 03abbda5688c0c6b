/**
 * Attachments are encrypted on the device in pieces, each with XChaCha20-Poly1305 under the
 * file's own fresh key. A piece's nonce is its index, and its additional data names the format
 * and says whether the piece is the last: a piece moved, swapped or dropped from the end does not
 * decrypt. The key is random per file and never reused, so index nonces never repeat under one
 * key, and encrypting the same file with the same key gives the same pieces: an upload that broke
 * off can be made again piece by piece and resumed where the relay stopped.
 *
 * Formats (the plan keeps each file's with its key; a file keeps its format for good):
 *   1  pieces of 1 MiB plaintext (files added before format 2; still opened)
 *   2  pieces of 4 MiB plaintext: a 25 MB file is 7 requests, not 25, and each request costs the
 *      relay a token check, a nonce and a piece made durable (several fsyncs), whatever its size
 *
 * Each piece is addressed by its BLAKE2b hash (`pieceAddress`): the relay checks an upload
 * against its address, the device checks a download, before anything is decrypted. The file's
 * plaintext hash, kept with the key in the encrypted plan, binds the whole (AEAD alone does not
 * commit to a key).
 */
import { CryptoError } from './errors'
import { hashParts, startHash } from './hash'
import { randomBytes } from './random'
import { sodium } from './sodium'

export const FILE_KEY_BYTES = 32
export type PieceFormat = 1 | 2
export const PIECE_FORMATS: readonly PieceFormat[] = [1, 2]
/** the format new files are encrypted in */
export const PIECE_FORMAT: PieceFormat = 2
const PLAINTEXT_BYTES: Record<PieceFormat, number> = { 1: 1024 * 1024, 2: 4 * 1024 * 1024 }
/** a piece's plaintext in the current format */
export const FILE_PIECE_PLAINTEXT_BYTES = PLAINTEXT_BYTES[PIECE_FORMAT]
/** Poly1305 tag */
export const FILE_PIECE_OVERHEAD_BYTES = 16
/** the largest piece of any format: what the relay takes in one request */
export const FILE_PIECE_MAX_BYTES = Math.max(...PIECE_FORMATS.map((f) => PLAINTEXT_BYTES[f])) + FILE_PIECE_OVERHEAD_BYTES
export const PIECE_ADDRESS_BYTES = 32

const PIECE_DOMAIN: Record<PieceFormat, string> = { 1: 'samenplan/file-piece/v1', 2: 'samenplan/file-piece/v2' }
const ADDRESS_DOMAIN = 'samenplan/file-piece-address/v1'
const PLAINTEXT_DOMAIN = 'samenplan/file-plaintext/v1'
const encoder = new TextEncoder()

export function generateFileKey(): Uint8Array {
  return randomBytes(FILE_KEY_BYTES)
}

export function isPieceFormat(format: unknown): format is PieceFormat {
  return PIECE_FORMATS.includes(format as PieceFormat)
}

/** The plaintext bytes of a full piece of `format`. */
export function piecePlaintextBytes(format: PieceFormat = PIECE_FORMAT): number {
  return PLAINTEXT_BYTES[format]
}

/** How many pieces a file of `size` plaintext bytes has (an empty file has one, empty, piece). */
export function pieceCount(size: number, format: PieceFormat = PIECE_FORMAT): number {
  return Math.max(1, Math.ceil(size / PLAINTEXT_BYTES[format]))
}

/** The address the relay stores a piece under: what it checks an upload against. */
export function pieceAddress(piece: Uint8Array): Uint8Array {
  return hashParts(ADDRESS_DOMAIN, piece)
}

/** `pieceAddress` of a piece of `length` bytes fed in slices as they arrive (the relay, receiving it). */
export function startPieceAddress(length: number): { update(slice: Uint8Array): void; digest(): Uint8Array } {
  return startHash(ADDRESS_DOMAIN, length)
}

/** The hash of a file's plaintext, kept with its key: what a downloaded file must match. */
export function fileHash(plaintext: Uint8Array): Uint8Array {
  return hashParts(PLAINTEXT_DOMAIN, plaintext)
}

/**
 * `fileHash` over a file fed piece by piece, in order (the same bytes as the whole at once): the
 * device hashes each piece as it encrypts or opens it, while the others are on the wire, instead
 * of a pass over the whole file before the first is sent or after the last arrives.
 */
export function fileHasher(size: number): { update(part: Uint8Array): void; digest(): Uint8Array } {
  const hasher = startHash(PLAINTEXT_DOMAIN, size)
  let fed = 0
  return {
    update(part) {
      fed += part.length
      if (fed > size) throw new CryptoError('bad-input', 'more bytes than the file has')
      hasher.update(part)
    },
    digest() {
      if (fed !== size) throw new CryptoError('bad-input', 'fewer bytes than the file has')
      return hasher.digest()
    },
  }
}

function nonceOf(index: number): Uint8Array {
  const nonce = new Uint8Array(24)
  new DataView(nonce.buffer).setBigUint64(0, BigInt(index))
  return nonce
}

function additionalData(format: PieceFormat, index: number, last: boolean): Uint8Array {
  const label = encoder.encode(PIECE_DOMAIN[format])
  const ad = new Uint8Array(label.length + 9)
  ad.set(label, 0)
  new DataView(ad.buffer).setBigUint64(label.length, BigInt(index))
  ad[label.length + 8] = last ? 1 : 0
  return ad
}

function checkKey(key: Uint8Array): void {
  if (key.length !== FILE_KEY_BYTES) throw new CryptoError('bad-key', 'a file key is 32 bytes')
}

/** Encrypts piece `index` of `count` (its plaintext is at most a full piece of `format`). */
export function encryptPiece(key: Uint8Array, index: number, count: number, plaintext: Uint8Array, format: PieceFormat = PIECE_FORMAT): Uint8Array {
  checkKey(key)
  if (plaintext.length > PLAINTEXT_BYTES[format]) throw new CryptoError('bad-input', `a piece holds at most ${PLAINTEXT_BYTES[format]} bytes`)
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) throw new CryptoError('bad-input', 'piece index out of range')
  return sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, additionalData(format, index, index === count - 1), null, nonceOf(index), key)
}

/** Decrypts piece `index` of `count`; a piece that was altered, moved, cut off or is of another format does not. */
export function decryptPiece(key: Uint8Array, index: number, count: number, piece: Uint8Array, format: PieceFormat = PIECE_FORMAT): Uint8Array {
  checkKey(key)
  if (piece.length < FILE_PIECE_OVERHEAD_BYTES || piece.length > PLAINTEXT_BYTES[format] + FILE_PIECE_OVERHEAD_BYTES) {
    throw new CryptoError('decrypt-failed', 'not a file piece')
  }
  try {
    return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, piece, additionalData(format, index, index === count - 1), nonceOf(index), key)
  } catch {
    throw new CryptoError('decrypt-failed', `piece ${index} was altered, moved or is not of this file`)
  }
}

/** The plaintext of piece `index` of a file held whole (a view, not a copy). */
export function plaintextPiece(plaintext: Uint8Array, index: number, format: PieceFormat = PIECE_FORMAT): Uint8Array {
  const bytes = PLAINTEXT_BYTES[format]
  return plaintext.subarray(index * bytes, Math.min(plaintext.length, (index + 1) * bytes))
}
