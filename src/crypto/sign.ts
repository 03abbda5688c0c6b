import { sodium } from './sodium'
import { CryptoError } from './errors'

export const PUBLIC_KEY_BYTES = 32
export const SIGNATURE_BYTES = 64
export const SEED_BYTES = 32

export interface SigningKeyPair {
  publicKey: Uint8Array
  /** libsodium's 64-byte form: seed followed by public key */
  secretKey: Uint8Array
}

const encoder = new TextEncoder()

export function generateSigningKeyPair(): SigningKeyPair {
  const kp = sodium().crypto_sign_keypair()
  return { publicKey: kp.publicKey, secretKey: kp.privateKey }
}

/** One-time invite keys travel as a 32-byte seed in the link's fragment. */
export function signingKeyPairFromSeed(seed: Uint8Array): SigningKeyPair {
  if (seed.length !== SEED_BYTES) throw new CryptoError('bad-key', 'seed must be 32 bytes')
  const kp = sodium().crypto_sign_seed_keypair(seed)
  return { publicKey: kp.publicKey, secretKey: kp.privateKey }
}

export function seedOf(keyPair: SigningKeyPair): Uint8Array {
  return keyPair.secretKey.slice(0, SEED_BYTES)
}

/**
 * Signatures are domain-separated: the label is signed with the message so a signature made
 * for one purpose (a token, a blob, a claim) can never be presented as another.
 */
export function signDetached(domain: string, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 64) throw new CryptoError('bad-key', 'secret key must be 64 bytes')
  return sodium().crypto_sign_detached(withDomain(domain, message), secretKey)
}

export function verifyDetached(domain: string, message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false
  try {
    return sodium().crypto_sign_verify_detached(signature, withDomain(domain, message), publicKey)
  } catch {
    // libsodium throws on keys that are not valid curve points: that is a failed verification
    return false
  }
}

function withDomain(domain: string, message: Uint8Array): Uint8Array {
  const label = encoder.encode(domain)
  const out = new Uint8Array(label.length + 1 + message.length)
  out.set(label, 0)
  out.set(message, label.length + 1)
  return out
}

export interface SignedMessage {
  message: Uint8Array
  signature: Uint8Array
  publicKey: Uint8Array
}

/**
 * Many signatures at once through WebCrypto's Ed25519, where the platform has it: a browser
 * verifies them off the main thread (opening a large plan checks hundreds). Only `true` is a
 * verdict. A `false` (or a platform without Ed25519 in WebCrypto) leaves it to verifyDetached,
 * which decides everywhere, so no two implementations ever disagree on what is refused.
 */
export async function preverifyDetached(domain: string, items: readonly SignedMessage[]): Promise<boolean[]> {
  const subtle = globalThis.crypto?.subtle
  if (!subtle || items.length === 0) return items.map(() => false)
  const keys = new Map<string, Promise<CryptoKey | null>>()
  const keyOf = (publicKey: Uint8Array) => {
    const id = publicKey.join(',')
    let key = keys.get(id)
    if (!key) {
      key = subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']).catch(() => null)
      keys.set(id, key)
    }
    return key
  }
  const verifyOne = async ({ message, signature, publicKey }: SignedMessage): Promise<boolean> => {
    if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false
    const key = await keyOf(publicKey)
    if (!key) return false
    try {
      return await subtle.verify({ name: 'Ed25519' }, key, signature as BufferSource, withDomain(domain, message) as BufferSource)
    } catch {
      return false
    }
  }
  // Setting up a verification costs the calling thread tens of microseconds: thousands at once
  // would hold it (a relay's other plans, a page's input) for a third of a second. In batches,
  // with the event loop served between them.
  const results: Promise<boolean>[] = []
  for (let start = 0; start < items.length; start += PREVERIFY_BATCH) {
    if (start > 0) await yieldToEventLoop()
    for (const item of items.slice(start, start + PREVERIFY_BATCH)) results.push(verifyOne(item))
  }
  return Promise.all(results)
}

/** Signatures handed to WebCrypto per turn of the event loop (about 5 ms of setup each). */
const PREVERIFY_BATCH = 128

/** A macrotask boundary: setImmediate where there is one (Node), else a message (browsers clamp timers). */
function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate
  if (immediate) return new Promise((resolve) => immediate(resolve))
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}
