import { sodium } from './sodium'

const encoder = new TextEncoder()

export const HASH_BYTES = 32

/** BLAKE2b-256 over a domain label and the parts, each length-prefixed so parts cannot slide. */
export function hashParts(domain: string, ...parts: Uint8Array[]): Uint8Array {
  const s = sodium()
  const state = s.crypto_generichash_init(null, HASH_BYTES)
  const label = encoder.encode(domain)
  s.crypto_generichash_update(state, lengthPrefix(label.length))
  s.crypto_generichash_update(state, label)
  for (const part of parts) {
    s.crypto_generichash_update(state, lengthPrefix(part.length))
    s.crypto_generichash_update(state, part)
  }
  return s.crypto_generichash_final(state, HASH_BYTES)
}

/**
 * `hashParts(domain, part)` for one part of `length` bytes fed in slices, in order: the same
 * digest, without the part ever held whole.
 */
export function startHash(domain: string, length: number): { update(slice: Uint8Array): void; digest(): Uint8Array } {
  const s = sodium()
  const state = s.crypto_generichash_init(null, HASH_BYTES)
  const label = encoder.encode(domain)
  s.crypto_generichash_update(state, lengthPrefix(label.length))
  s.crypto_generichash_update(state, label)
  s.crypto_generichash_update(state, lengthPrefix(length))
  return {
    update: (slice) => s.crypto_generichash_update(state, slice),
    digest: () => s.crypto_generichash_final(state, HASH_BYTES),
  }
}

/** Keyed BLAKE2b-256 (a MAC); used for key commitments. */
export function keyedHash(key: Uint8Array, domain: string, data: Uint8Array): Uint8Array {
  const label = encoder.encode(domain)
  const input = new Uint8Array(label.length + 1 + data.length)
  input.set(label, 0)
  input.set(data, label.length + 1)
  return sodium().crypto_generichash(HASH_BYTES, input, key)
}

function lengthPrefix(n: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n)
  return out
}
