import { beforeAll, describe, expect, it } from 'vitest'
import {
  CryptoError,
  decrypt,
  encrypt,
  generateContentKey,
  generateSigningKeyPair,
  loadSodium,
  openSealedForIdentity,
  sealToIdentity,
  signDetached,
  signingKeyPairFromSeed,
  seedOf,
  verifyDetached,
  preverifyDetached,
} from '../../../src/crypto'

beforeAll(async () => {
  await loadSodium()
})

const bytes = (s: string) => new TextEncoder().encode(s)

describe('crypto facade', () => {
  it('encrypts and decrypts with additional data', () => {
    const key = generateContentKey()
    const sealed = encrypt(key, bytes('zorgen thuis'), bytes('header'))
    expect(new TextDecoder().decode(decrypt(key, sealed, bytes('header')))).toBe('zorgen thuis')
  })

  it('refuses a tampered ciphertext, nonce or additional data', () => {
    const key = generateContentKey()
    const sealed = encrypt(key, bytes('geheim'), bytes('header'))
    const flipped = sealed.ciphertext.slice()
    flipped[0]! ^= 1
    expect(() => decrypt(key, { ...sealed, ciphertext: flipped }, bytes('header'))).toThrow(CryptoError)
    expect(() => decrypt(key, sealed, bytes('headex'))).toThrow(/altered/)
    const nonce = sealed.nonce.slice()
    nonce[3]! ^= 1
    expect(() => decrypt(key, { ...sealed, nonce }, bytes('header'))).toThrow(CryptoError)
  })

  it('commits to the key: another key fails on the commitment before decrypting', () => {
    const sealed = encrypt(generateContentKey(), bytes('x'), bytes(''))
    try {
      decrypt(generateContentKey(), sealed, bytes(''))
      expect.unreachable()
    } catch (err) {
      expect((err as CryptoError).code).toBe('commitment-mismatch')
    }
  })

  it('signatures are domain-separated', () => {
    const kp = generateSigningKeyPair()
    const sig = signDetached('samenplan/a', bytes('m'), kp.secretKey)
    expect(verifyDetached('samenplan/a', bytes('m'), sig, kp.publicKey)).toBe(true)
    expect(verifyDetached('samenplan/b', bytes('m'), sig, kp.publicKey)).toBe(false)
    const bad = sig.slice()
    bad[10]! ^= 1
    expect(verifyDetached('samenplan/a', bytes('m'), bad, kp.publicKey)).toBe(false)
    expect(verifyDetached('samenplan/a', bytes('m'), sig, generateSigningKeyPair().publicKey)).toBe(false)
  })

  it('batch pre-verification (WebCrypto) says true only where libsodium does', async () => {
    const kp = generateSigningKeyPair()
    const other = generateSigningKeyPair()
    const message = new TextEncoder().encode('blob')
    const signature = signDetached('samenplan-blob', message, kp.secretKey)
    const tampered = message.slice()
    tampered[0]! ^= 1
    const flipped = signature.slice()
    flipped[10]! ^= 1
    const items = [
      { message, signature, publicKey: kp.publicKey },
      { message: tampered, signature, publicKey: kp.publicKey },
      { message, signature: flipped, publicKey: kp.publicKey },
      { message, signature, publicKey: other.publicKey },
      { message, signature: signature.slice(0, 63), publicKey: kp.publicKey },
      { message, signature, publicKey: new Uint8Array(32) }, // not a usable key
    ]
    const fast = await preverifyDetached('samenplan-blob', items)
    expect(fast).toEqual([true, false, false, false, false, false])
    for (const [i, item] of items.entries()) expect(verifyDetached('samenplan-blob', item.message, item.signature, item.publicKey)).toBe(fast[i])
    // domain-separated like verifyDetached
    expect(await preverifyDetached('samenplan-token', items.slice(0, 1))).toEqual([false])
  })

  it('seeds reproduce invite keys', () => {
    const kp = generateSigningKeyPair()
    expect(signingKeyPairFromSeed(seedOf(kp)).publicKey).toEqual(kp.publicKey)
  })

  it('seals a key to an identity that only that identity opens', () => {
    const alice = generateSigningKeyPair()
    const key = generateContentKey()
    const sealed = sealToIdentity(alice.publicKey, key)
    expect(openSealedForIdentity(alice, sealed)).toEqual(key)
    expect(() => openSealedForIdentity(generateSigningKeyPair(), sealed)).toThrow(CryptoError)
  })
})
