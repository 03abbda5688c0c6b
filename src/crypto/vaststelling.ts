/**
 * The school's vaststelling of an OPP: an Ed25519 signature by the device key of a professional of
 * the school over the version of the handelingsdeel it sets, and on what ground.
 *
 *   signed = "samenplan/vaststelling/v1" 0x00 ‖ planId (32) ‖ handelingsdeel hash (32) ‖ signedAt (u64 BE, ms) ‖ basis (1)
 *   basis  = 1: after instemming; 2: with the parents' recorded disagreement
 *
 * Every field has a fixed length; the basis is signed so a vaststelling "after instemming" can
 * never be shown as one over a disagreement, or the other way round.
 */
import { CryptoError } from './errors'
import { instemmingMessage } from './instemming'
import { signDetached, verifyDetached } from './sign'

export const VASTSTELLING_DOMAIN = 'samenplan/vaststelling/v1'

export type VaststellingBasis = 'instemming' | 'disagreement'
const BASIS_BYTE: Record<VaststellingBasis, number> = { instemming: 1, disagreement: 2 }

export interface VaststellingFields {
  planId: Uint8Array
  hash: Uint8Array
  signedAt: number
  basis: VaststellingBasis
}

export function vaststellingMessage(f: VaststellingFields): Uint8Array {
  const byte = BASIS_BYTE[f.basis]
  if (byte === undefined) throw new CryptoError('bad-input', 'unknown vaststelling basis')
  const base = instemmingMessage(f.planId, f.hash, f.signedAt)
  const out = new Uint8Array(base.length + 1)
  out.set(base, 0)
  out[base.length] = byte
  return out
}

export function signVaststelling(f: VaststellingFields, secretKey: Uint8Array): Uint8Array {
  return signDetached(VASTSTELLING_DOMAIN, vaststellingMessage(f), secretKey)
}

/** False for anything that does not verify, inputs of the wrong shape included: never throws. */
export function verifyVaststelling(f: VaststellingFields, signature: Uint8Array, publicKey: Uint8Array): boolean {
  let message: Uint8Array
  try {
    message = vaststellingMessage(f)
  } catch {
    return false
  }
  return verifyDetached(VASTSTELLING_DOMAIN, message, signature, publicKey)
}
