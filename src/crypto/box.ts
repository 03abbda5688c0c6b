import { sodium } from './sodium'
import { CryptoError } from './errors'
import type { SigningKeyPair } from './sign'

/** Seals data (an epoch key) to a member's Ed25519 identity via its X25519 form. */
export function sealToIdentity(recipientSigningPublicKey: Uint8Array, data: Uint8Array): Uint8Array {
  const s = sodium()
  let curvePk: Uint8Array
  try {
    curvePk = s.crypto_sign_ed25519_pk_to_curve25519(recipientSigningPublicKey)
  } catch {
    throw new CryptoError('bad-key', 'recipient is not a valid Ed25519 key')
  }
  return s.crypto_box_seal(data, curvePk)
}

export function openSealedForIdentity(identity: SigningKeyPair, sealed: Uint8Array): Uint8Array {
  const s = sodium()
  try {
    const pk = s.crypto_sign_ed25519_pk_to_curve25519(identity.publicKey)
    const sk = s.crypto_sign_ed25519_sk_to_curve25519(identity.secretKey)
    return s.crypto_box_seal_open(sealed, pk, sk)
  } catch {
    throw new CryptoError('unseal-failed', 'this lockbox is not for this key, or it was altered')
  }
}
