/**
 * "Klopt": a parent with gezag (or a youth from 16) has read the request to the gemeente and says
 * it is right, signed with the device key over exactly the version read.
 *
 *   signed = "samenplan/request-approval/v1" 0x00 ‖ planId (32) ‖ "aanvraag" (8) ‖ requestHash (32) ‖ signedAt (u64 BE, ms)
 *   requestHash = BLAKE2b-256 over the domain "samenplan/request/v1" and the canonical bytes of the
 *                 request's content (canonicalRequest in src/plan/substantiation.ts), length-prefixed
 *
 * The subject word "aanvraag" names what is approved, so when more documents get a signed "klopt"
 * (the verslag of a meeting) one message can never be read as another's; the domain alone already
 * keeps it apart from an instemming. Every field has a fixed length, so no two messages share bytes.
 */
import { CryptoError } from './errors'
import { HASH_BYTES, hashParts } from './hash'
import { signDetached, verifyDetached } from './sign'

export const REQUEST_APPROVAL_DOMAIN = 'samenplan/request-approval/v1'
export const REQUEST_HASH_DOMAIN = 'samenplan/request/v1'
const SUBJECT = new TextEncoder().encode('aanvraag')
const PLAN_ID_BYTES = 32

/** The hash a "klopt" covers: of the request's content, which changes with every edit the request shows. */
export function hashRequest(canonical: Uint8Array): Uint8Array {
  return hashParts(REQUEST_HASH_DOMAIN, canonical)
}

export function requestApprovalMessage(planId: Uint8Array, requestHash: Uint8Array, signedAt: number): Uint8Array {
  if (planId.length !== PLAN_ID_BYTES) throw new CryptoError('bad-input', 'plan id must be 32 bytes')
  if (requestHash.length !== HASH_BYTES) throw new CryptoError('bad-input', 'request hash must be 32 bytes')
  if (!Number.isSafeInteger(signedAt) || signedAt < 0) throw new CryptoError('bad-input', 'signedAt must be a time in ms')
  const out = new Uint8Array(PLAN_ID_BYTES + SUBJECT.length + HASH_BYTES + 8)
  out.set(planId, 0)
  out.set(SUBJECT, PLAN_ID_BYTES)
  out.set(requestHash, PLAN_ID_BYTES + SUBJECT.length)
  new DataView(out.buffer).setBigUint64(PLAN_ID_BYTES + SUBJECT.length + HASH_BYTES, BigInt(signedAt))
  return out
}

export function signRequestApproval(planId: Uint8Array, requestHash: Uint8Array, signedAt: number, secretKey: Uint8Array): Uint8Array {
  return signDetached(REQUEST_APPROVAL_DOMAIN, requestApprovalMessage(planId, requestHash, signedAt), secretKey)
}

/** False for anything that does not verify, including inputs of the wrong shape: never throws. */
export function verifyRequestApproval(planId: Uint8Array, requestHash: Uint8Array, signedAt: number, signature: Uint8Array, publicKey: Uint8Array): boolean {
  let message: Uint8Array
  try {
    message = requestApprovalMessage(planId, requestHash, signedAt)
  } catch {
    return false
  }
  return verifyDetached(REQUEST_APPROVAL_DOMAIN, message, signature, publicKey)
}
