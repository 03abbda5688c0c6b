/**
 * "Klopt" (or a correction) on a document compiled from the plan: an Ed25519 signature by a
 * parent's (or youth's) device key over exactly the version they read. Used for the verslag of a
 * meeting now, and made to serve the request to the gemeente later: the subject's kind names the
 * domain, so a signature on one kind never verifies as another.
 *
 *   signed = "samenplan/<kind>/v1" 0x00 ‖ planId (32) ‖ len (u8) ‖ subjectId (UTF-8, 1–64 bytes)
 *            ‖ contentHash (32) ‖ signedAt (u64 BE, ms) ‖ remarkHash (32)
 *   a correction: the same fields under "samenplan/<kind>-correctie/v1"
 *   contentHash = BLAKE2b-256 over "samenplan/<kind>-inhoud/v1" and the compiled document's canonical bytes
 *   remarkHash  = BLAKE2b-256 over "samenplan/approval-remark/v1" and the correction's text ('' for klopt)
 *
 * The plan id binds it to one plan, the subject id to one meeting (or request), the content hash
 * to one version of what was read, the time cannot be moved, and the remark hash fixes what a
 * correction says. The subject id is length-prefixed and every other field has a fixed length, so
 * no two messages share bytes.
 */
import { CryptoError } from './errors'
import { HASH_BYTES, hashParts } from './hash'
import { signDetached, verifyDetached } from './sign'

/** What can be approved: the verslag of a meeting (the request to the gemeente will follow). */
export const APPROVAL_KINDS = ['verslag'] as const
export type ApprovalKind = (typeof APPROVAL_KINDS)[number]
export type ApprovalVerdict = 'klopt' | 'correctie'

const PLAN_ID_BYTES = 32
/** A subject id is a record id (32 hex characters) today; 64 leaves room and keeps the prefix one byte. */
export const SUBJECT_ID_MAX_BYTES = 64
const REMARK_DOMAIN = 'samenplan/approval-remark/v1'
const encoder = new TextEncoder()

export function approvalDomain(kind: ApprovalKind, verdict: ApprovalVerdict): string {
  if (!(APPROVAL_KINDS as readonly string[]).includes(kind)) throw new CryptoError('bad-input', `unknown approval kind ${String(kind)}`)
  return verdict === 'klopt' ? `samenplan/${kind}/v1` : `samenplan/${kind}-correctie/v1`
}

/** The hash a "klopt" covers: of the compiled document's canonical bytes, per kind. */
export function hashApprovalContent(kind: ApprovalKind, canonical: Uint8Array): Uint8Array {
  return hashParts(`samenplan/${kind}-inhoud/v1`, canonical)
}

export function hashRemark(remark: string): Uint8Array {
  return hashParts(REMARK_DOMAIN, encoder.encode(remark))
}

export interface ApprovalFields {
  kind: ApprovalKind
  verdict: ApprovalVerdict
  planId: Uint8Array
  subjectId: string
  contentHash: Uint8Array
  signedAt: number
  /** the correction's text; '' for klopt */
  remark: string
}

export function approvalMessage(f: ApprovalFields): Uint8Array {
  if (f.planId.length !== PLAN_ID_BYTES) throw new CryptoError('bad-input', 'plan id must be 32 bytes')
  if (f.contentHash.length !== HASH_BYTES) throw new CryptoError('bad-input', 'content hash must be 32 bytes')
  if (!Number.isSafeInteger(f.signedAt) || f.signedAt < 0) throw new CryptoError('bad-input', 'signedAt must be a time in ms')
  const subject = encoder.encode(f.subjectId)
  if (subject.length === 0 || subject.length > SUBJECT_ID_MAX_BYTES) throw new CryptoError('bad-input', 'subject id must be 1 to 64 bytes')
  if (f.verdict === 'klopt' && f.remark !== '') throw new CryptoError('bad-input', 'a klopt carries no remark')
  const out = new Uint8Array(PLAN_ID_BYTES + 1 + subject.length + HASH_BYTES + 8 + HASH_BYTES)
  let at = 0
  out.set(f.planId, at)
  at += PLAN_ID_BYTES
  out[at++] = subject.length
  out.set(subject, at)
  at += subject.length
  out.set(f.contentHash, at)
  at += HASH_BYTES
  new DataView(out.buffer).setBigUint64(at, BigInt(f.signedAt))
  at += 8
  out.set(hashRemark(f.remark), at)
  return out
}

export function signApproval(f: ApprovalFields, secretKey: Uint8Array): Uint8Array {
  return signDetached(approvalDomain(f.kind, f.verdict), approvalMessage(f), secretKey)
}

/** False for anything that does not verify, inputs of the wrong shape included: never throws. */
export function verifyApproval(f: ApprovalFields, signature: Uint8Array, publicKey: Uint8Array): boolean {
  let message: Uint8Array
  let domain: string
  try {
    message = approvalMessage(f)
    domain = approvalDomain(f.kind, f.verdict)
  } catch {
    return false
  }
  return verifyDetached(domain, message, signature, publicKey)
}
