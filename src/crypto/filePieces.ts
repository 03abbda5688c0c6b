/**
 * Attachments are encrypted on the device in pieces of at most 1 MiB of plaintext, each with
 * XChaCha20-Poly1305 under the file's own fresh key. A piece's nonce is its index, and its
 * additional data says whether it is the last: a piece moved, swapped or dropped from the end
 * does not decrypt. The key is random per file and never reused, so index nonces never repeat
 * under one key, and encrypting the same file with the same key gives the same pieces: an upload
 * that broke off can be made again piece by piece and resumed where the relay stopped.
 *
 * Each piece is addressed by its BLAKE2b hash (`pieceAddress`): the relay checks an upload
 * against its address, the device checks a download, before anything is decrypted. The file's
 * plaintext hash, kept with the key in the encrypted plan, binds the whole (AEAD alone does not
 * commit to a key).
 */
import { CryptoError } from './errors'
import { hashParts } from './hash'
import { randomBytes } from './random'
import { sodium } from './sodium'

export const FILE_KEY_BYTES = 32
export const FILE_PIECE_PLAINTEXT_BYTES = 1024 * 1024
/** Poly1305 tag */
export const FILE_PIECE_OVERHEAD_BYTES = 16
export const FILE_PIECE_MAX_BYTES = FILE_PIECE_PLAINTEXT_BYTES + FILE_PIECE_OVERHEAD_BYTES
export const PIECE_ADDRESS_BYTES = 32

const PIECE_DOMAIN = 'samenplan/file-piece/v1'
const ADDRESS_DOMAIN = 'samenplan/file-piece-address/v1'
const PLAINTEXT_DOMAIN = 'samenplan/file-plaintext/v1'
const encoder = new TextEncoder()

export function generateFileKey(): Uint8Array {
  return randomBytes(FILE_KEY_BYTES)
}

/** How many pieces a file of `size` plaintext bytes has (an empty file has one, empty, piece). */
export function pieceCount(size: number): number {
  return Math.max(1, Math.ceil(size / FILE_PIECE_PLAINTEXT_BYTES))
}

/** The address the relay stores a piece under: what it checks an upload against. */
export function pieceAddress(piece: Uint8Array): Uint8Array {
  return hashParts(ADDRESS_DOMAIN, piece)
}

/** The hash of a file's plaintext, kept with its key: what a downloaded file must match. */
export function fileHash(plaintext: Uint8Array): Uint8Array {
  return hashParts(PLAINTEXT_DOMAIN, plaintext)
}

function nonceOf(index: number): Uint8Array {
  const nonce = new Uint8Array(24)
  new DataView(nonce.buffer).setBigUint64(0, BigInt(index))
  return nonce
}

function additionalData(index: number, last: boolean): Uint8Array {
  const label = encoder.encode(PIECE_DOMAIN)
  const ad = new Uint8Array(label.length + 9)
  ad.set(label, 0)
  new DataView(ad.buffer).setBigUint64(label.length, BigInt(index))
  ad[label.length + 8] = last ? 1 : 0
  return ad
}

function checkKey(key: Uint8Array): void {
  if (key.length !== FILE_KEY_BYTES) throw new CryptoError('bad-key', 'a file key is 32 bytes')
}

/** Encrypts piece `index` of `count` (its plaintext is at most FILE_PIECE_PLAINTEXT_BYTES). */
export function encryptPiece(key: Uint8Array, index: number, count: number, plaintext: Uint8Array): Uint8Array {
  checkKey(key)
  if (plaintext.length > FILE_PIECE_PLAINTEXT_BYTES) throw new CryptoError('bad-input', 'a piece holds at most 1 MiB')
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) throw new CryptoError('bad-input', 'piece index out of range')
  return sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, additionalData(index, index === count - 1), null, nonceOf(index), key)
}

/** Decrypts piece `index` of `count`; a piece that was altered, moved or cut off does not. */
export function decryptPiece(key: Uint8Array, index: number, count: number, piece: Uint8Array): Uint8Array {
  checkKey(key)
  if (piece.length < FILE_PIECE_OVERHEAD_BYTES || piece.length > FILE_PIECE_MAX_BYTES) throw new CryptoError('decrypt-failed', 'not a file piece')
  try {
    return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, piece, additionalData(index, index === count - 1), nonceOf(index), key)
  } catch {
    throw new CryptoError('decrypt-failed', `piece ${index} was altered, moved or is not of this file`)
  }
}

/** The plaintext of piece `index` of a file held whole (a view, not a copy). */
export function plaintextPiece(plaintext: Uint8Array, index: number): Uint8Array {
  return plaintext.subarray(index * FILE_PIECE_PLAINTEXT_BYTES, Math.min(plaintext.length, (index + 1) * FILE_PIECE_PLAINTEXT_BYTES))
}
