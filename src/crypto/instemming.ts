/**
 * The parents' instemming (consent) with the action part of a plan: an Ed25519 signature by the
 * parent's device key over exactly what they agreed to.
 *
 *   signed = "samenplan/instemming/v1" 0x00 ‖ planId (32) ‖ actionsHash (32) ‖ signedAt (u64 BE, ms)
 *   actionsHash = BLAKE2b-256 over the domain "samenplan/actions/v1" and the canonical bytes of the
 *                 action part (canonicalActions in src/plan/actions.ts), length-prefixed (hashParts)
 *
 * The plan id binds a signature to one plan (a copy into another plan does not verify); the hash
 * binds it to one version of the afspraken; the time is signed so it cannot be moved either.
 * Every field has a fixed length, so no two messages share bytes.
 *
 * A parent withdraws an instemming with a signature over the same fields under its own domain:
 *
 *   signed = "samenplan/instemming-withdraw/v1" 0x00 ‖ planId (32) ‖ actionsHash (32) ‖ signedAt (u64 BE, ms)
 *
 * so an agreement can never be presented as a withdrawal, nor a withdrawal as an agreement (and an
 * older app, which knows only agreements, finds a withdrawal's signature bad and ignores it).
 *
 * Version 2 covers the whole handelingsdeel (goals, afspraken, the parts of the handelingsdeel,
 * afwijkingen: canonicalHandelingsdeel in src/plan/handelingsdeelCanonical.ts), hashed under
 * "samenplan/handelingsdeel/v1". Its acts are signed under their own domains, so the domain says
 * which canonical form was hashed and a version-1 entry stays verifiable as what it was:
 *
 *   agreement     "samenplan/instemming/v2"          0x00 ‖ planId ‖ hash ‖ signedAt
 *   withdrawal    "samenplan/instemming-withdraw/v2" 0x00 ‖ planId ‖ hash ‖ signedAt
 *   disagreement  "samenplan/instemming-disagree/v1" 0x00 ‖ planId ‖ hash ‖ signedAt ‖ reasonHash (32)
 *
 * reasonHash = BLAKE2b-256 over "samenplan/instemming-reason/v1" and the reason's UTF-8 (NFC), so
 * the reason a parent gave cannot be changed after she signed.
 */
import { CryptoError } from './errors'
import { HASH_BYTES, hashParts } from './hash'
import { signDetached, verifyDetached } from './sign'

export const INSTEMMING_DOMAIN = 'samenplan/instemming/v1'
export const INSTEMMING_WITHDRAW_DOMAIN = 'samenplan/instemming-withdraw/v1'
export const ACTIONS_HASH_DOMAIN = 'samenplan/actions/v1'
export const INSTEMMING_V2_DOMAIN = 'samenplan/instemming/v2'
export const INSTEMMING_WITHDRAW_V2_DOMAIN = 'samenplan/instemming-withdraw/v2'
export const INSTEMMING_DISAGREE_DOMAIN = 'samenplan/instemming-disagree/v1'
export const HANDELINGSDEEL_HASH_DOMAIN = 'samenplan/handelingsdeel/v1'
export const DISAGREE_REASON_DOMAIN = 'samenplan/instemming-reason/v1'
const PLAN_ID_BYTES = 32

/** The hash an instemming covers: of canonicalActions(doc), which changes with every edit that matters. */
export function hashActions(canonical: Uint8Array): Uint8Array {
  return hashParts(ACTIONS_HASH_DOMAIN, canonical)
}

export function instemmingMessage(planId: Uint8Array, actionsHash: Uint8Array, signedAt: number): Uint8Array {
  if (planId.length !== PLAN_ID_BYTES) throw new CryptoError('bad-input', 'plan id must be 32 bytes')
  if (actionsHash.length !== HASH_BYTES) throw new CryptoError('bad-input', 'actions hash must be 32 bytes')
  if (!Number.isSafeInteger(signedAt) || signedAt < 0) throw new CryptoError('bad-input', 'signedAt must be a time in ms')
  const out = new Uint8Array(PLAN_ID_BYTES + HASH_BYTES + 8)
  out.set(planId, 0)
  out.set(actionsHash, PLAN_ID_BYTES)
  new DataView(out.buffer).setBigUint64(PLAN_ID_BYTES + HASH_BYTES, BigInt(signedAt))
  return out
}

export function signInstemming(planId: Uint8Array, actionsHash: Uint8Array, signedAt: number, secretKey: Uint8Array): Uint8Array {
  return signDetached(INSTEMMING_DOMAIN, instemmingMessage(planId, actionsHash, signedAt), secretKey)
}

/** False for anything that does not verify, including inputs of the wrong shape: never throws. */
export function verifyInstemming(planId: Uint8Array, actionsHash: Uint8Array, signedAt: number, signature: Uint8Array, publicKey: Uint8Array): boolean {
  let message: Uint8Array
  try {
    message = instemmingMessage(planId, actionsHash, signedAt)
  } catch {
    return false
  }
  return verifyDetached(INSTEMMING_DOMAIN, message, signature, publicKey)
}

/** The withdrawal of an instemming: the fields of instemmingMessage, signed under INSTEMMING_WITHDRAW_DOMAIN. */
export function signInstemmingWithdrawal(planId: Uint8Array, actionsHash: Uint8Array, signedAt: number, secretKey: Uint8Array): Uint8Array {
  return signDetached(INSTEMMING_WITHDRAW_DOMAIN, instemmingMessage(planId, actionsHash, signedAt), secretKey)
}

/** False for anything that does not verify as a withdrawal (an agreement's signature among them): never throws. */
export function verifyInstemmingWithdrawal(
  planId: Uint8Array,
  actionsHash: Uint8Array,
  signedAt: number,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  let message: Uint8Array
  try {
    message = instemmingMessage(planId, actionsHash, signedAt)
  } catch {
    return false
  }
  return verifyDetached(INSTEMMING_WITHDRAW_DOMAIN, message, signature, publicKey)
}

/** The hash a version-2 act covers: of canonicalHandelingsdeel(doc). */
export function hashHandelingsdeel(canonical: Uint8Array): Uint8Array {
  return hashParts(HANDELINGSDEEL_HASH_DOMAIN, canonical)
}

/** What a parent (or the adult pupil) signs: agreeing, withdrawing, or recording disagreement. */
export type InstemmingAct = 'agree' | 'withdraw' | 'disagree'
/** 1: the afspraken only (canonicalActions); 2: the whole handelingsdeel. */
export type InstemmingVersion = 1 | 2

const ACT_DOMAINS: Record<InstemmingVersion, Partial<Record<InstemmingAct, string>>> = {
  1: { agree: INSTEMMING_DOMAIN, withdraw: INSTEMMING_WITHDRAW_DOMAIN },
  2: { agree: INSTEMMING_V2_DOMAIN, withdraw: INSTEMMING_WITHDRAW_V2_DOMAIN, disagree: INSTEMMING_DISAGREE_DOMAIN },
}

function reasonHash(reason: string): Uint8Array {
  return hashParts(DISAGREE_REASON_DOMAIN, new TextEncoder().encode(reason.normalize('NFC')))
}

function actMessage(act: InstemmingAct, planId: Uint8Array, hash: Uint8Array, signedAt: number, reason: string): Uint8Array {
  const base = instemmingMessage(planId, hash, signedAt)
  if (act !== 'disagree') return base
  const out = new Uint8Array(base.length + HASH_BYTES)
  out.set(base, 0)
  out.set(reasonHash(reason), base.length)
  return out
}

/** Signs one act of a version; `reason` only for a disagreement (a disagreement exists only in version 2). */
export function signInstemmingAct(
  act: InstemmingAct,
  version: InstemmingVersion,
  fields: { planId: Uint8Array; hash: Uint8Array; signedAt: number; reason?: string },
  secretKey: Uint8Array,
): Uint8Array {
  const domain = ACT_DOMAINS[version][act]
  if (!domain) throw new CryptoError('bad-input', `no ${act} in instemming version ${version}`)
  return signDetached(domain, actMessage(act, fields.planId, fields.hash, fields.signedAt, fields.reason ?? ''), secretKey)
}

/** False for anything that does not verify as exactly this act of this version: never throws. */
export function verifyInstemmingAct(
  act: InstemmingAct,
  version: InstemmingVersion,
  fields: { planId: Uint8Array; hash: Uint8Array; signedAt: number; reason?: string },
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  const domain = ACT_DOMAINS[version]?.[act]
  if (!domain) return false
  let message: Uint8Array
  try {
    message = actMessage(act, fields.planId, fields.hash, fields.signedAt, fields.reason ?? '')
  } catch {
    return false
  }
  return verifyDetached(domain, message, signature, publicKey)
}
