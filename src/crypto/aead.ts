import { sodium } from './sodium'
import { CryptoError } from './errors'
import { keyedHash } from './hash'
import { randomBytes } from './random'

export const KEY_BYTES = 32
export const NONCE_BYTES = 24
export const COMMITMENT_BYTES = 32

const COMMIT_DOMAIN = 'samenplan/key-commitment/v1'

export interface Sealed {
  nonce: Uint8Array
  /** binds the ciphertext to one key: XChaCha20-Poly1305 alone is not key-committing */
  commitment: Uint8Array
  ciphertext: Uint8Array
}

export function generateContentKey(): Uint8Array {
  return randomBytes(KEY_BYTES)
}

export function encrypt(key: Uint8Array, plaintext: Uint8Array, additionalData: Uint8Array): Sealed {
  if (key.length !== KEY_BYTES) throw new CryptoError('bad-key', 'content key must be 32 bytes')
  const nonce = randomBytes(NONCE_BYTES)
  const ciphertext = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, additionalData, null, nonce, key)
  return { nonce, commitment: keyedHash(key, COMMIT_DOMAIN, nonce), ciphertext }
}

export function decrypt(key: Uint8Array, sealed: Sealed, additionalData: Uint8Array): Uint8Array {
  if (key.length !== KEY_BYTES) throw new CryptoError('bad-key', 'content key must be 32 bytes')
  if (!sodium().memcmp(keyedHash(key, COMMIT_DOMAIN, sealed.nonce), padTo(sealed.commitment, COMMITMENT_BYTES))) {
    throw new CryptoError('commitment-mismatch', 'ciphertext was not made with this key')
  }
  try {
    return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.ciphertext, additionalData, sealed.nonce, key)
  } catch {
    throw new CryptoError('decrypt-failed', 'ciphertext or its header was altered')
  }
}

function padTo(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length === length) return bytes
  return new Uint8Array(length) // wrong length never matches a real commitment
}
