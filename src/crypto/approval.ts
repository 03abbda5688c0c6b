/**
 * "Klopt" (or a correction) on a document compiled from the plan: an Ed25519 signature by a
 * parent's (or youth's) device key over exactly the version they read. Two kinds of document have
 * one: the verslag of a meeting, and the request to the gemeente ('aanvraag'). Each kind has its
 * own domains, so a signature on one kind never verifies as another, nor as an instemming.
 *
 *   signed = domain 0x00 ‖ planId (32) ‖ subject ‖ contentHash (32) ‖ signedAt (u64 BE, ms) [‖ remarkHash (32)]
 *   contentHash = BLAKE2b-256 over the kind's content domain and the compiled document's canonical bytes
 *   remarkHash  = BLAKE2b-256 over "samenplan/approval-remark/v1" and the correction's text ('' for klopt)
 *
 *   verslag:  domain "samenplan/verslag/v1" (a correction: "samenplan/verslag-correctie/v1"),
 *             subject = len (u8) ‖ meeting id (UTF-8, 1–64 bytes), remarkHash present,
 *             content domain "samenplan/verslag-inhoud/v1"
 *   aanvraag: domain "samenplan/request-approval/v1" (no correction), subject = the word "aanvraag"
 *             (a plan holds one request), no remarkHash, content domain "samenplan/request/v1":
 *             the bytes the request's "klopt" had before it joined this module, so every entry
 *             stored since still verifies
 *
 * The plan id binds it to one plan, the subject to one meeting (or the request), the content hash
 * to one version of what was read, the time cannot be moved, and the remark hash fixes what a
 * correction says. Within a domain every field has a fixed length or a length prefix, so no two
 * messages share bytes.
 */
import { CryptoError } from './errors'
import { HASH_BYTES, hashParts } from './hash'
import { signDetached, verifyDetached } from './sign'

export type ApprovalVerdict = 'klopt' | 'correctie'

interface KindFormat {
  /** the signing domain per verdict; a kind without corrections has none for 'correctie' */
  domains: { klopt: string; correctie: string | null }
  /** the domain of the content hash */
  contentDomain: string
  /** the subject's bytes in the message; throws on a subject id the kind cannot carry */
  subject(subjectId: string): Uint8Array
  /** whether the message ends with the hash of the correction's text */
  remark: boolean
}

const encoder = new TextEncoder()
/** A subject id is a record id (32 hex characters) today; 64 leaves room and keeps the prefix one byte. */
export const SUBJECT_ID_MAX_BYTES = 64
/** The request's subject: a plan holds one request, so the word names it. */
export const REQUEST_SUBJECT_ID = 'aanvraag'
const REQUEST_WORD = encoder.encode(REQUEST_SUBJECT_ID)

function lengthPrefixed(subjectId: string): Uint8Array {
  const bytes = encoder.encode(subjectId)
  if (bytes.length === 0 || bytes.length > SUBJECT_ID_MAX_BYTES) throw new CryptoError('bad-input', 'subject id must be 1 to 64 bytes')
  const out = new Uint8Array(1 + bytes.length)
  out[0] = bytes.length
  out.set(bytes, 1)
  return out
}

const FORMATS = {
  verslag: {
    domains: { klopt: 'samenplan/verslag/v1', correctie: 'samenplan/verslag-correctie/v1' },
    contentDomain: 'samenplan/verslag-inhoud/v1',
    subject: lengthPrefixed,
    remark: true,
  },
  aanvraag: {
    domains: { klopt: 'samenplan/request-approval/v1', correctie: null },
    contentDomain: 'samenplan/request/v1',
    subject(subjectId: string) {
      if (subjectId !== REQUEST_SUBJECT_ID) throw new CryptoError('bad-input', 'the request has one subject: aanvraag')
      return REQUEST_WORD
    },
    remark: false,
  },
} as const satisfies Record<string, KindFormat>

/** What can be approved: the verslag of a meeting, the request to the gemeente. */
export type ApprovalKind = keyof typeof FORMATS
export const APPROVAL_KINDS = Object.keys(FORMATS) as ApprovalKind[]

const PLAN_ID_BYTES = 32
const REMARK_DOMAIN = 'samenplan/approval-remark/v1'

function formatOf(kind: ApprovalKind): KindFormat {
  if (!Object.hasOwn(FORMATS, kind)) throw new CryptoError('bad-input', `unknown approval kind ${String(kind)}`)
  return FORMATS[kind]
}

/** Whether a kind takes a correction beside a "klopt". */
export function approvalTakesCorrection(kind: ApprovalKind): boolean {
  return formatOf(kind).domains.correctie !== null
}

export function approvalDomain(kind: ApprovalKind, verdict: ApprovalVerdict): string {
  const domain = formatOf(kind).domains[verdict]
  if (domain === null) throw new CryptoError('bad-input', `${kind} takes no ${verdict}`)
  return domain
}

/** The hash a "klopt" covers: of the compiled document's canonical bytes, per kind. */
export function hashApprovalContent(kind: ApprovalKind, canonical: Uint8Array): Uint8Array {
  return hashParts(formatOf(kind).contentDomain, canonical)
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
  const format = formatOf(f.kind)
  if (f.planId.length !== PLAN_ID_BYTES) throw new CryptoError('bad-input', 'plan id must be 32 bytes')
  if (f.contentHash.length !== HASH_BYTES) throw new CryptoError('bad-input', 'content hash must be 32 bytes')
  if (!Number.isSafeInteger(f.signedAt) || f.signedAt < 0) throw new CryptoError('bad-input', 'signedAt must be a time in ms')
  if (f.verdict === 'klopt' && f.remark !== '') throw new CryptoError('bad-input', 'a klopt carries no remark')
  const subject = format.subject(f.subjectId)
  const out = new Uint8Array(PLAN_ID_BYTES + subject.length + HASH_BYTES + 8 + (format.remark ? HASH_BYTES : 0))
  let at = 0
  out.set(f.planId, at)
  at += PLAN_ID_BYTES
  out.set(subject, at)
  at += subject.length
  out.set(f.contentHash, at)
  at += HASH_BYTES
  new DataView(out.buffer).setBigUint64(at, BigInt(f.signedAt))
  at += 8
  if (format.remark) out.set(hashRemark(f.remark), at)
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
