import { sodium } from './sodium'
import { CryptoError } from './errors'
import { randomBytes } from './random'

export const KDF_KEY_BYTES = 32
export const KDF_SALT_BYTES = 16 // crypto_pwhash_SALTBYTES

export interface KdfLimits {
  opsLimit: number
  /** bytes */
  memLimit: number
}

/**
 * Everything needed to derive the same key again. Stored beside what it protects so the limits
 * can be raised later: an old record still names the limits it was made with.
 */
export interface KdfParams extends KdfLimits {
  alg: 'argon2id13'
  salt: Uint8Array
}

/**
 * libsodium's crypto_pwhash_argon2id_{OPS,MEM}LIMIT_INTERACTIVE: ~0.3 s in Chromium, ~0.2 s in
 * Node, 64 MiB. Constants (checked against libsodium's in the tests) so that options can name
 * them before libsodium has loaded.
 */
export const INTERACTIVE_KDF_LIMITS: Readonly<KdfLimits> = { opsLimit: 2, memLimit: 64 * 1024 * 1024 }

/** crypto_pwhash_argon2id_{OPS,MEM}LIMIT_MIN: the smallest Argon2id accepts. For tests only, never for a real passphrase. */
export const MINIMUM_KDF_LIMITS: Readonly<KdfLimits> = { opsLimit: 1, memLimit: 8192 }

export function interactiveKdfLimits(): KdfLimits {
  return { ...INTERACTIVE_KDF_LIMITS }
}

export function minimumKdfLimits(): KdfLimits {
  return { ...MINIMUM_KDF_LIMITS }
}

export function newKdfParams(limits: KdfLimits = interactiveKdfLimits()): KdfParams {
  return { alg: 'argon2id13', opsLimit: limits.opsLimit, memLimit: limits.memLimit, salt: randomBytes(KDF_SALT_BYTES) }
}

/** True when params were made with weaker limits than `limits` (time to re-derive on the next unlock). */
export function kdfWeakerThan(params: KdfParams, limits: KdfLimits): boolean {
  return params.opsLimit < limits.opsLimit || params.memLimit < limits.memLimit
}

/**
 * Argon2id over the passphrase (Unicode NFC, so the same words typed on another keyboard give
 * the same key). Synchronous: it blocks for the whole derivation, so a UI shows its progress first.
 */
export function deriveKeyFromPassphrase(passphrase: string, params: KdfParams): Uint8Array {
  const s = sodium()
  if (params.alg !== 'argon2id13') throw new CryptoError('kdf-failed', `unknown key derivation ${String(params.alg)}`)
  if (params.salt.length !== KDF_SALT_BYTES) throw new CryptoError('kdf-failed', 'salt must be 16 bytes')
  const password = new TextEncoder().encode(passphrase.normalize('NFC'))
  try {
    return s.crypto_pwhash(KDF_KEY_BYTES, password, params.salt, params.opsLimit, params.memLimit, s.crypto_pwhash_ALG_ARGON2ID13)
  } catch {
    // out of memory, or limits outside what libsodium accepts
    throw new CryptoError('kdf-failed', 'the key could not be derived from the passphrase')
  } finally {
    password.fill(0)
  }
}

/** Overwrites key material that is no longer needed (what JS allows: the bytes we own). */
export function wipeBytes(...buffers: Array<Uint8Array | null | undefined>): void {
  for (const b of buffers) b?.fill(0)
}
