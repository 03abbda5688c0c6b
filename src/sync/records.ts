/**
 * Making and opening records: the only place in sync/ that signs, verifies, seals and opens.
 * Everything above uses these verbs and never sees libsodium.
 */
import {
  decrypt,
  encrypt,
  hashParts,
  randomBytes,
  sealToIdentity,
  openSealedForIdentity,
  signDetached,
  verifyDetached,
  preverifyDetached,
  CryptoError,
  type SigningKeyPair,
} from '../crypto'
import {
  BLOB_VERSION,
  MAX_AFTER,
  SALT_BYTES,
  SESSION_BYTES,
  encodeAdditionalData,
  encodeBlob,
  encodeSigned,
  type Affiliation,
  type Blob,
  type Body,
  type CloseOp,
  type CloseReason,
  type ConsentOp,
  type CutEntry,
  type FileOp,
  type EraseOp,
  type Cover,
  type DecodedBlob,
  type Head,
  type MemberOp,
  type Role,
  type UnsignedBlob,
} from './blob'
import { toHex } from './bytes'

export const BLOB_SIGNATURE_DOMAIN = 'samenplan/blob/v1'
export const CLAIM_PROOF_DOMAIN = 'samenplan/claim/v1'
const PLAN_ID_DOMAIN = 'samenplan/plan-id/v1'
const MEMBERSHIP_ID_DOMAIN = 'samenplan/membership/v1'
export const CHAIN_DOMAIN = 'samenplan/chain/v1'

/** Who writes: a device identity and the random id of this writing session (one per open tab). */
export interface Writer {
  identity: SigningKeyPair
  session: Uint8Array
  /** the last seq used by this session; each new record takes the next */
  seq: number
  /** the chain hash of this session's last record, which the next one names (R15) */
  head?: Uint8Array
}

export function createWriter(identity: SigningKeyPair): Writer {
  return { identity, session: randomBytes(SESSION_BYTES), seq: 0 }
}

/**
 * R15: the hash a record is chained by, over its signed bytes (everything before the signature;
 * Ed25519 signatures are deterministic, so these bytes fix the whole record).
 */
export function chainHashOf(signed: Uint8Array): Uint8Array {
  return hashParts(CHAIN_DOMAIN, signed)
}

export type OpenErrorCode = 'bad-signature' | 'no-key' | 'decrypt-failed' | 'wrong-kind'

export class OpenError extends Error {
  constructor(
    readonly code: OpenErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'OpenError'
  }
}

function nextHeader(writer: Writer, plan: Uint8Array, epoch: number) {
  writer.seq += 1
  const header = { v: BLOB_VERSION, plan, epoch, author: writer.identity.publicKey, session: writer.session, seq: writer.seq }
  if (writer.seq === 1) return header
  if (!writer.head) throw new Error('a writer past its first record knows its last hash')
  return { ...header, prev: writer.head }
}

export function signBlob(unsigned: UnsignedBlob, identity: SigningKeyPair): Uint8Array {
  const signature = signDetached(BLOB_SIGNATURE_DOMAIN, encodeSigned(unsigned), identity.secretKey)
  return encodeBlob({ ...unsigned, signature } as Blob)
}

/** Signs a record of `writer`'s session and makes it the session's head (what the next record names). */
function signAs(writer: Writer, unsigned: UnsignedBlob): Uint8Array {
  const signed = encodeSigned(unsigned)
  const signature = signDetached(BLOB_SIGNATURE_DOMAIN, signed, writer.identity.secretKey)
  writer.head = chainHashOf(signed)
  return encodeBlob({ ...unsigned, signature } as Blob)
}

export function verifyBlob(blob: DecodedBlob): boolean {
  return verifyDetached(BLOB_SIGNATURE_DOMAIN, blob.signed, blob.signature, blob.author)
}

/** Which of these blobs' signatures check out by WebCrypto (see preverifyDetached: only true counts). */
export function preverifyBlobs(blobs: readonly DecodedBlob[]): Promise<boolean[]> {
  return preverifyDetached(
    BLOB_SIGNATURE_DOMAIN,
    blobs.map((b) => ({ message: b.signed, signature: b.signature, publicKey: b.author })),
  )
}

/** The plan id is a hash of its genesis, so nobody can claim an id someone else made. */
export function planIdFromGenesis(author: Uint8Array, salt: Uint8Array, createdAt: number): Uint8Array {
  return hashParts(PLAN_ID_DOMAIN, author, salt, new TextEncoder().encode(String(createdAt)))
}

/** `creator`: the creator's party and organisation (left out, the genesis is written in the v1 grammar). */
export function createGenesis(writer: Writer, createdAt: number, creator: Affiliation = {}): { planId: Uint8Array; bytes: Uint8Array } {
  const salt = randomBytes(SALT_BYTES)
  const planId = planIdFromGenesis(writer.identity.publicKey, salt, createdAt)
  const bytes = signAs(writer, { ...nextHeader(writer, planId, 0), kind: 'genesis', salt, createdAt, ...affiliation(creator) })
  return { planId, bytes }
}

export function createMemberRecord(
  writer: Writer,
  plan: Uint8Array,
  /**
   * party and organisation belong to `add` and `invite`: who the subject is (R12); so does
   * `accessUntil`, when the membership ends (R13; absent or 0: no end)
   */
  fields: { op: Exclude<MemberOp, 'claim'>; subject: Uint8Array; role: Role; expiresAt?: number; accessUntil?: number; after?: Uint8Array[] } & Affiliation,
): Uint8Array {
  return signAs(writer, {
    ...nextHeader(writer, plan, 0),
    kind: 'member',
    op: fields.op,
    subject: fields.subject,
    role: fields.role,
    expiresAt: fields.expiresAt ?? 0,
    proof: new Uint8Array(0),
    ...afterOf(fields.after),
    ...affiliation(fields),
    ...(fields.accessUntil ? { accessUntil: fields.accessUntil } : {}),
  })
}

/**
 * R16: `after` only when given (a record without it keeps the grammar from before R16), as a set:
 * ascending, each id once, at most MAX_AFTER (the last ones given: the heads taken last).
 */
function afterOf(after: readonly Uint8Array[] | undefined): { after?: Uint8Array[] } {
  if (!after || after.length === 0) return {}
  const unique = new Map(after.map((id) => [toHex(id), id]))
  const last = [...unique.values()].slice(-MAX_AFTER)
  return { after: last.sort(compareBytes) }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/**
 * R16: the id of a membership record (genesis, member, consent), which the next one its writer
 * makes names as `after`. A hash of the signed bytes: the same record has one id everywhere.
 */
export function membershipId(blob: DecodedBlob): Uint8Array {
  return hashParts(MEMBERSHIP_ID_DOMAIN, blob.signed)
}

/** Only defined fields: an absent party must stay absent, not become `undefined` in the body. */
function affiliation(a: Affiliation): Affiliation {
  if (a.party === undefined) return a.organisation ? { organisation: a.organisation } : {}
  return a.organisation ? { party: a.party, organisation: a.organisation } : { party: a.party }
}

/**
 * A signed consent (R12): give or withdraw sharing with one organisation. `details` is the hash
 * of what the plan says about it (consentDetailsHash in src/plan/consent.ts), so the signature
 * covers the purpose without the relay learning it.
 */
export function createConsentRecord(
  writer: Writer,
  plan: Uint8Array,
  fields: { op: ConsentOp; organisation: Uint8Array; expiresAt: number; details: Uint8Array; after?: Uint8Array[] },
): Uint8Array {
  return signAs(writer, {
    ...nextHeader(writer, plan, 0),
    kind: 'consent',
    op: fields.op,
    organisation: fields.organisation,
    expiresAt: fields.expiresAt,
    details: fields.details,
    ...afterOf(fields.after),
  })
}

/**
 * R17: tells the relay the plan references an attachment's pieces (`add`: their addresses and
 * ciphertext size, nothing of the file itself), or no longer does (`drop`), so it keeps and
 * serves exactly those. `file` is the attachment's random ref, also kept in the encrypted plan.
 */
export function createFileRecord(writer: Writer, plan: Uint8Array, fields: { op: FileOp; file: Uint8Array; pieces?: Uint8Array[]; size?: number }): Uint8Array {
  return signAs(writer, {
    ...nextHeader(writer, plan, 0),
    kind: 'file',
    op: fields.op,
    file: fields.file,
    pieces: fields.op === 'add' ? (fields.pieces ?? []) : [],
    size: fields.op === 'add' ? (fields.size ?? 0) : 0,
  })
}

/**
 * R19: closes the plan (read-only for everyone from its cut on) or reopens it. `cut` is the
 * envelope's state vector as this device holds it (`cutOf`), so every record it had is in the
 * close's past and every later or concurrent one is not.
 */
export function createCloseRecord(
  writer: Writer,
  plan: Uint8Array,
  fields: { op: CloseOp; at: number; reason?: CloseReason; reopenUntil?: number; cut?: CutEntry[]; keepUntil?: number },
): Uint8Array {
  const close = fields.op === 'close'
  return signAs(writer, {
    ...nextHeader(writer, plan, 0),
    kind: 'close',
    op: fields.op,
    reason: close ? (fields.reason ?? 'other') : 'other',
    at: fields.at,
    reopenUntil: close ? (fields.reopenUntil ?? 0) : 0,
    cut: close ? (fields.cut ?? []) : [],
    ...(close && fields.keepUntil !== undefined ? { keepUntil: fields.keepUntil } : {}),
  })
}

/**
 * R20: one half of an erasure, signed at `at` (this device's clock): a parent with gezag or the
 * youth from 16 `request`s it, an admin `confirm`s it. The plan is erased once both are in its log.
 */
export function createEraseRecord(writer: Writer, plan: Uint8Array, op: EraseOp, at: number): Uint8Array {
  return signAs(writer, { ...nextHeader(writer, plan, 0), kind: 'erase', op, at })
}

/** What the invite key signs: that this claimer may take the invite's place. */
function claimMessage(plan: Uint8Array, claimer: Uint8Array): Uint8Array {
  const out = new Uint8Array(plan.length + claimer.length)
  out.set(plan, 0)
  out.set(claimer, plan.length)
  return out
}

export function createClaim(writer: Writer, plan: Uint8Array, invite: SigningKeyPair, role: Role, after?: Uint8Array[]): Uint8Array {
  const proof = signDetached(CLAIM_PROOF_DOMAIN, claimMessage(plan, writer.identity.publicKey), invite.secretKey)
  return signAs(writer, {
    ...nextHeader(writer, plan, 0),
    kind: 'member',
    op: 'claim',
    subject: invite.publicKey,
    role,
    expiresAt: 0,
    proof,
    ...afterOf(after),
  })
}

export function verifyClaimProof(blob: DecodedBlob): boolean {
  if (blob.kind !== 'member' || blob.op !== 'claim') return false
  return verifyDetached(CLAIM_PROOF_DOMAIN, claimMessage(blob.plan, blob.author), blob.proof, blob.subject)
}

export function createLockbox(writer: Writer, plan: Uint8Array, epoch: number, recipient: Uint8Array, epochKey: Uint8Array): Uint8Array {
  return signAs(writer, { ...nextHeader(writer, plan, epoch), kind: 'lockbox', recipient, sealed: sealToIdentity(recipient, epochKey) })
}

export function openLockbox(blob: DecodedBlob, identity: SigningKeyPair): Uint8Array {
  if (blob.kind !== 'lockbox') throw new OpenError('wrong-kind', 'not a lockbox')
  try {
    return openSealedForIdentity(identity, blob.sealed)
  } catch (err) {
    if (err instanceof CryptoError) throw new OpenError('decrypt-failed', err.message)
    throw err
  }
}

type EncryptedBody =
  | { kind: 'update'; part: number; parts: number; view?: Head[] }
  | { kind: 'snapshot'; part: number; parts: number; covers: Cover[]; view?: Head[] }
  | { kind: 'presence' }

/** Seals plaintext under the epoch key; the header is the additional data, so it cannot be moved. */
export function sealRecord(writer: Writer, plan: Uint8Array, epoch: number, epochKey: Uint8Array, body: EncryptedBody, plaintext: Uint8Array): Uint8Array {
  const placeholder = { nonce: new Uint8Array(0), commitment: new Uint8Array(0), ciphertext: new Uint8Array(0) }
  const unsigned = { ...nextHeader(writer, plan, epoch), ...body, ...placeholder } as UnsignedBlob
  const sealed = encrypt(epochKey, plaintext, encodeAdditionalData(unsigned))
  return signAs(writer, { ...unsigned, ...sealed } as UnsignedBlob)
}

/**
 * Opens an encrypted record. Verify first (the relay did, but a client trusts no relay), then
 * decrypt with the key of the blob's epoch.
 */
export function openRecord(
  blob: DecodedBlob,
  keyForEpoch: (epoch: number) => Uint8Array | undefined,
  /** set only by callers that ran `checkRecord` on this very blob: verifying twice is the cost of opening a plan */
  alreadyVerified = false,
): Uint8Array {
  if (blob.kind !== 'update' && blob.kind !== 'snapshot' && blob.kind !== 'presence') {
    throw new OpenError('wrong-kind', `${blob.kind} records are not encrypted`)
  }
  if (!alreadyVerified && !verifyBlob(blob)) throw new OpenError('bad-signature', 'signature does not match author')
  const key = keyForEpoch(blob.epoch)
  if (!key) throw new OpenError('no-key', `no key for epoch ${blob.epoch}`)
  try {
    return decrypt(key, blob, blob.ad)
  } catch (err) {
    if (err instanceof CryptoError) throw new OpenError('decrypt-failed', err.message)
    throw err
  }
}

export type { Body }
