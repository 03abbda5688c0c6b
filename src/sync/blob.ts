/**
 * The record format: one signed (and for content, encrypted) blob in the envelope's `log`.
 * Encoder and decoder mirror each other line by line; the field order is the format.
 * docs/PROTOCOL.md gives the same grammar in bytes.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

/**
 * 2: the header names the previous record of its session (`prev`, R15), updates and snapshots
 * may carry the writer's view (`view`), and covers carry the covered record's hash. Version 1
 * records (every plan written before) still decode, verify and load: they carry no link, so a
 * session's chain starts at its first version 2 record (docs/PROTOCOL.md).
 */
export const BLOB_VERSION = 2
/** the versions this decoder reads; writers write BLOB_VERSION only */
export const READABLE_VERSIONS: readonly number[] = [1, 2]

/** BLAKE2b-256 of a record's signed bytes: what the next record of its session names (R15) */
export const CHAIN_HASH_BYTES = 32
/**
 * Sessions one view may list (R9, P6): a view lists only sessions with records beyond what the
 * writer's snapshots cover (what was written since the last compaction), so a handful; past this
 * the writer keeps those with the highest seqs (`viewOf`, src/sync/chain.ts). ~50 bytes each.
 */
export const MAX_VIEW_SESSIONS = 256

export const PLAN_ID_BYTES = 32
export const KEY_BYTES = 32
export const SESSION_BYTES = 16
export const SALT_BYTES = 32
export const NONCE_BYTES = 24
export const COMMITMENT_BYTES = 32
export const SIGNATURE_BYTES = 64
/** an organisation is named in public fields only by a random id; its name is in the encrypted plan */
export const ORG_BYTES = 32
export const CONSENT_DETAILS_BYTES = 32
/** R16: a membership record is named by a BLAKE2b-256 hash of its signed bytes (`membershipId`) */
export const AFTER_BYTES = 32
/**
 * R16: a record names at most this many heads (membership records nothing it saw was written
 * on). More than one only after concurrent changes; a writer with more names the ones it took last.
 */
export const MAX_AFTER = 8
/**
 * Marks the optional `after` field of member and consent bodies. Never a party index (an
 * affiliation tail starts with one), so the field is told apart by its first byte, not by length.
 */
const AFTER_MARK = 0xff
/**
 * A lockbox seals one 32-byte epoch key with `crypto_box_seal`, which adds an ephemeral X25519
 * key (32) and a MAC (16): exactly 80 bytes, so a lockbox cannot be inflated to carry anything else.
 */
export const SEALED_KEY_BYTES = 32 + 32 + 16

export const KINDS = ['genesis', 'member', 'lockbox', 'update', 'snapshot', 'presence', 'consent', 'file', 'close', 'erase'] as const
export type Kind = (typeof KINDS)[number]

/** Ordered from least to most rights: a role's index is compared, so keep the order. */
export const ROLES = ['reader', 'contributor', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Whether `role` has at least the rights of `needed` (no role: none). */
export function roleAtLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed)
}

/**
 * Append only: a record stores the index. `device` is an invite for the author's own new device
 * (any member, at most the author's role, short expiry); the device claims it like any invite.
 */
export const MEMBER_OPS = ['add', 'role', 'remove', 'invite', 'claim', 'withdraw', 'device'] as const
export type MemberOp = (typeof MEMBER_OPS)[number]

/**
 * Who a member is to the child, public so the relay can enforce consent (R12):
 * `parent` a parent or carer without gezag, `gezag` a parent with gezag, `youth` the child under
 * 16, `youth16` the youth from 16 (who gives consent), `professional` someone from an organisation.
 * Appended to only: the index is the format.
 */
export const PARTIES = ['professional', 'parent', 'gezag', 'youth', 'youth16'] as const
export type Party = (typeof PARTIES)[number]

/** Parties whose members give and withdraw data-sharing consent. */
export const CONSENTING_PARTIES: readonly Party[] = ['gezag', 'youth16']

export const CONSENT_OPS = ['give', 'withdraw'] as const
export type ConsentOp = (typeof CONSENT_OPS)[number]

/** R17: a file record adds an attachment's piece list to the plan, or drops it. Appended to only. */
export const FILE_OPS = ['add', 'drop'] as const
export type FileOp = (typeof FILE_OPS)[number]
/** a file record names its attachment by 16 random bytes (no name, no hash of its content) */
export const FILE_REF_BYTES = 16
/** the BLAKE2b address of one ciphertext piece (src/crypto/filePieces.ts) */
export const PIECE_ADDRESS_BYTES = 32
/** pieces one file may have: 25 MiB in pieces of 1 MiB, and room for what a piece adds */
export const MAX_FILE_PIECES = 26
/** ciphertext bytes one file may have: MAX_FILE_PIECES full pieces */
export const MAX_FILE_RECORD_BYTES = MAX_FILE_PIECES * (1024 * 1024 + 16)

/** R19: a close record closes the plan (read-only for everyone) or reopens it. Appended to only. */
export const CLOSE_OPS = ['close', 'reopen'] as const
export type CloseOp = (typeof CLOSE_OPS)[number]
/**
 * Why a plan was closed, public so the relay needs nothing else; the words (and the text for
 * `other`) are in the encrypted plan. Appended to only: the index is the format.
 */
export const CLOSE_REASONS = ['goals-reached', 'moved', 'other-school', 'care-ended', 'other'] as const
export type CloseReason = (typeof CLOSE_REASONS)[number]
/**
 * Yjs client ids one close may name in its cut (the envelope's state vector when it was written:
 * its causal past). Each is ~8 bytes, so 4096 stay well within one blob; every open tab that ever
 * wrote is one client, so a plan written in more sessions than this cannot be closed (R9).
 */
export const MAX_CLOSE_CLIENTS = 4096

/**
 * R20: the two halves of an erasure. A parent with gezag (or the youth from 16) `request`s it,
 * an admin `confirm`s it, in either order; the pair erases the plan. Appended to only.
 */
export const ERASE_OPS = ['request', 'confirm'] as const
export type EraseOp = (typeof ERASE_OPS)[number]

/**
 * Party and organisation of a genesis' creator or a member record's subject. Absent in records
 * written before parties existed (v1 grammar): such a member counts as a professional without
 * organisation (docs/RULES.md R12).
 */
export interface Affiliation {
  party?: Party
  /** ORG_BYTES random bytes; only with party 'professional' */
  organisation?: Uint8Array
}

export interface Header {
  v: number
  plan: Uint8Array
  epoch: number
  author: Uint8Array
  session: Uint8Array
  seq: number
  /**
   * v2, seq > 1 only: the chain hash of this session's previous record (seq - 1), R15. Absent in
   * a session's first record and in every v1 record.
   */
  prev?: Uint8Array
}

export interface Cover {
  author: Uint8Array
  session: Uint8Array
  /** the highest seq of this (author, session) whose effect the snapshot includes */
  seq: number
  /** v2: the chain hash of the record at `seq`, so the chain outlives that record's deletion (R15) */
  hash?: Uint8Array
}

/** One entry of a writer's view: the last record of one session it holds (seen-heads). */
export interface Head {
  author: Uint8Array
  session: Uint8Array
  seq: number
  /** the chain hash of that record */
  hash: Uint8Array
}

export interface Encrypted {
  nonce: Uint8Array
  commitment: Uint8Array
  ciphertext: Uint8Array
}

export type Body =
  | ({ kind: 'genesis'; salt: Uint8Array; createdAt: number } & Affiliation)
  | ({
      kind: 'member'
      op: MemberOp
      /** the member (or invite key) this record is about */
      subject: Uint8Array
      role: Role
      /** ms since epoch; 0 = never (invites always expire) */
      expiresAt: number
      /** claim only: the invite key's signature binding the claimer's key to the invite */
      proof: Uint8Array
      /**
       * add and invite only: ms since epoch when the membership ends (R13); absent = no end.
       * Written after the affiliation, so only with a party.
       */
      accessUntil?: number
      /**
       * R16: the ids (`membershipId`) of the membership records that were heads for its writer
       * (folded, and no folded record written on them): the causal past it was written on, in
       * ascending byte order. Absent in records from before R16. Written right after the proof.
       */
      after?: Uint8Array[]
    } & Affiliation)
  | { kind: 'lockbox'; recipient: Uint8Array; sealed: Uint8Array }
  | ({ kind: 'update'; part: number; parts: number; view?: Head[] } & Encrypted)
  | ({ kind: 'snapshot'; part: number; parts: number; covers: Cover[]; view?: Head[] } & Encrypted)
  | ({ kind: 'presence' } & Encrypted)
  | {
      kind: 'consent'
      op: ConsentOp
      organisation: Uint8Array
      /** ms since epoch; a consent always ends */
      expiresAt: number
      /** hash of the consent's details in the encrypted plan (organisation name, purpose, dates) */
      details: Uint8Array
      /** R16, as for member records: the heads its writer had folded (absent before R16) */
      after?: Uint8Array[]
    }
  | {
      kind: 'file'
      op: FileOp
      /** which attachment (FILE_REF_BYTES random bytes, also in the encrypted plan) */
      file: Uint8Array
      /** add: the piece addresses, in order (1..MAX_FILE_PIECES); drop: none */
      pieces: Uint8Array[]
      /** add: the ciphertext bytes of all pieces; drop: 0 */
      size: number
    }
  | {
      kind: 'close'
      op: CloseOp
      /** close: why; reopen: 'other' (not read) */
      reason: CloseReason
      /** ms since epoch, the writer's clock: when it was closed or reopened */
      at: number
      /** close: until when an admin may reopen it (ms); reopen: 0 */
      reopenUntil: number
      /**
       * close: the envelope's state vector when it was written (Yjs client id -> clock), in
       * ascending client order: its causal past. A record whose item is not below it was
       * written after or concurrently with the close (R19). reopen: empty.
       */
      cut: CutEntry[]
      /**
       * close: the plan's retention end (ms, R22), the organisation's policy applied to `at`: once
       * it passes the relay erases the plan. Absent in a reopen, and in closes from before R22.
       */
      keepUntil?: number
    }
  | {
      kind: 'erase'
      op: EraseOp
      /** ms since epoch when its writer signed it (the relay refuses one far from its clock, R20) */
      at: number
    }

/** One client of a close's cut: every item of `client` with a clock below `clock` is in its past. */
export interface CutEntry {
  client: number
  clock: number
}

export type UnsignedBlob = Header & Body
export type Blob = UnsignedBlob & { signature: Uint8Array }

/** A decoded blob keeps views of the exact bytes it was decoded from, so nothing is re-encoded to verify. */
export type DecodedBlob = Blob & {
  bytes: Uint8Array
  /** everything before the signature: what the signature covers */
  signed: Uint8Array
  /** header and public fields: the AEAD additional data of encrypted kinds */
  ad: Uint8Array
}

export class BlobFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BlobFormatError'
  }
}

export function isEncryptedKind(kind: Kind): kind is 'update' | 'snapshot' | 'presence' {
  return kind === 'update' || kind === 'snapshot' || kind === 'presence'
}

function writeFixed(encoder: encoding.Encoder, bytes: Uint8Array, length: number, field: string): void {
  if (bytes.length !== length) throw new BlobFormatError(`${field} must be ${length} bytes`)
  encoding.writeUint8Array(encoder, bytes)
}

/**
 * The optional tail of genesis and member bodies: present iff the writer knew parties. A v1
 * reader never sees it; this reader tells it apart because only the signature follows a v1 body.
 * A member body may end it with its access end (R13), a varuint, never 0 (absent means no end).
 */
function writeTail(encoder: encoding.Encoder, a: Affiliation, accessUntil?: number): void {
  if (a.party === undefined) {
    if (a.organisation !== undefined) throw new BlobFormatError('an organisation needs a party')
    if (accessUntil !== undefined) throw new BlobFormatError('an access end needs a party')
    return
  }
  encoding.writeUint8(encoder, PARTIES.indexOf(a.party))
  const org = a.organisation ?? new Uint8Array(0)
  if (org.length !== 0 && org.length !== ORG_BYTES) throw new BlobFormatError(`organisation must be ${ORG_BYTES} bytes`)
  encoding.writeVarUint8Array(encoder, org)
  if (accessUntil === undefined) return
  if (!Number.isSafeInteger(accessUntil) || accessUntil <= 0) throw new BlobFormatError('access end must be a positive integer (ms)')
  encoding.writeVarUint(encoder, accessUntil)
}

/** party byte, then the organisation's length (one varuint byte) and bytes: 2 or 2 + ORG_BYTES */
const AFFILIATION_SIZES = [2, 2 + ORG_BYTES]
/** a varuint of a safe integer takes at most 8 bytes: so 3..10 and 35..42 never meet 2 or 34 */
const MAX_ACCESS_UNTIL_BYTES = 8

function readTail(decoder: decoding.Decoder, withAccessUntil: boolean): Affiliation & { accessUntil?: number } {
  const extra = decoder.arr.length - decoder.pos - SIGNATURE_BYTES
  if (extra <= 0) return {}
  // anything else is not a tail this grammar writes: say so as a v1 reader would
  const fits = AFFILIATION_SIZES.some((size) => extra === size || (withAccessUntil && extra > size && extra <= size + MAX_ACCESS_UNTIL_BYTES))
  if (!fits) throw new BlobFormatError('trailing bytes after signature')
  const party = readEnum(PARTIES, decoding.readUint8(decoder), 'party')
  const org = decoding.readVarUint8Array(decoder)
  if (org.length !== 0 && org.length !== ORG_BYTES) throw new BlobFormatError(`organisation must be ${ORG_BYTES} bytes`)
  const affiliation: Affiliation = org.length === 0 ? { party } : { party, organisation: org }
  if (decoder.arr.length - decoder.pos - SIGNATURE_BYTES <= 0) return affiliation
  const accessUntil = decoding.readVarUint(decoder)
  if (accessUntil === 0 || !Number.isSafeInteger(accessUntil)) throw new BlobFormatError('access end must be a positive integer (ms)')
  return { ...affiliation, accessUntil }
}

/** R16's `after`: the mark, the count and the ids, or nothing (records from before R16). */
function writeAfter(encoder: encoding.Encoder, after: Uint8Array[] | undefined): void {
  if (after === undefined) return
  checkAfterCount(after.length)
  encoding.writeUint8(encoder, AFTER_MARK)
  encoding.writeUint8(encoder, after.length)
  after.forEach((id, i) => {
    writeFixed(encoder, id, AFTER_BYTES, 'after')
    if (i > 0) checkAscending(after[i - 1]!, id)
  })
}

/** Reads `after` when the next byte is its mark (only the signature follows a body without it). */
function readAfter(decoder: decoding.Decoder): { after?: Uint8Array[] } {
  if (decoder.arr.length - decoder.pos - SIGNATURE_BYTES <= 0 || decoder.arr[decoder.pos] !== AFTER_MARK) return {}
  decoding.readUint8(decoder)
  const count = decoding.readUint8(decoder)
  checkAfterCount(count)
  const after: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    after.push(readFixed(decoder, AFTER_BYTES))
    if (i > 0) checkAscending(after[i - 1]!, after[i]!)
  }
  return { after }
}

function checkAfterCount(count: number): void {
  if (count < 1 || count > MAX_AFTER) throw new BlobFormatError(`after names 1 to ${MAX_AFTER} records`)
}

/** One way to write a set: ascending, no id twice, so no record can be re-encoded another way. */
function checkAscending(a: Uint8Array, b: Uint8Array): void {
  for (let i = 0; i < AFTER_BYTES; i++) {
    if (a[i]! < b[i]!) return
    if (a[i]! > b[i]!) break
  }
  throw new BlobFormatError('after ids must be ascending and distinct')
}

function readFixed(decoder: decoding.Decoder, length: number): Uint8Array {
  if (decoder.arr.length - decoder.pos < length) throw new BlobFormatError('blob ends early')
  return decoding.readUint8Array(decoder, length)
}

/** Writes header and public fields: the part that is AEAD additional data. */
function writePublic(encoder: encoding.Encoder, blob: UnsignedBlob): void {
  encoding.writeVarUint(encoder, blob.v)
  encoding.writeUint8(encoder, KINDS.indexOf(blob.kind))
  writeFixed(encoder, blob.plan, PLAN_ID_BYTES, 'plan')
  encoding.writeVarUint(encoder, blob.epoch)
  writeFixed(encoder, blob.author, KEY_BYTES, 'author')
  writeFixed(encoder, blob.session, SESSION_BYTES, 'session')
  encoding.writeVarUint(encoder, blob.seq)
  const v2 = blob.v >= 2
  if (v2 && blob.seq > 1) writeFixed(encoder, blob.prev ?? new Uint8Array(0), CHAIN_HASH_BYTES, 'prev')
  else if (blob.prev !== undefined) throw new BlobFormatError('only a v2 record after its session’s first names a previous one')
  switch (blob.kind) {
    case 'genesis':
      writeFixed(encoder, blob.salt, SALT_BYTES, 'salt')
      encoding.writeVarUint(encoder, blob.createdAt)
      writeTail(encoder, blob)
      break
    case 'member':
      encoding.writeUint8(encoder, MEMBER_OPS.indexOf(blob.op))
      writeFixed(encoder, blob.subject, KEY_BYTES, 'subject')
      encoding.writeUint8(encoder, ROLES.indexOf(blob.role))
      encoding.writeVarUint(encoder, blob.expiresAt)
      if (blob.proof.length !== proofBytes(blob.op)) throw new BlobFormatError(`proof of a ${blob.op} must be ${proofBytes(blob.op)} bytes`)
      encoding.writeVarUint8Array(encoder, blob.proof)
      writeAfter(encoder, blob.after)
      writeTail(encoder, blob, blob.accessUntil)
      break
    case 'lockbox':
      writeFixed(encoder, blob.recipient, KEY_BYTES, 'recipient')
      if (blob.sealed.length !== SEALED_KEY_BYTES) throw new BlobFormatError(`sealed key must be ${SEALED_KEY_BYTES} bytes`)
      encoding.writeVarUint8Array(encoder, blob.sealed)
      break
    case 'update':
      encoding.writeVarUint(encoder, blob.part)
      encoding.writeVarUint(encoder, blob.parts)
      if (v2) writeView(encoder, blob.view ?? [])
      else if (blob.view?.length) throw new BlobFormatError('a v1 record carries no view')
      break
    case 'snapshot':
      encoding.writeVarUint(encoder, blob.part)
      encoding.writeVarUint(encoder, blob.parts)
      encoding.writeVarUint(encoder, blob.covers.length)
      for (const c of blob.covers) {
        writeFixed(encoder, c.author, KEY_BYTES, 'cover author')
        writeFixed(encoder, c.session, SESSION_BYTES, 'cover session')
        encoding.writeVarUint(encoder, c.seq)
        // a cover whose hash is not known (its session's records were v1) names all zeros
        if (v2) writeFixed(encoder, c.hash ?? new Uint8Array(CHAIN_HASH_BYTES), CHAIN_HASH_BYTES, 'cover hash')
      }
      if (v2) writeView(encoder, blob.view ?? [])
      else if (blob.view?.length) throw new BlobFormatError('a v1 record carries no view')
      break
    case 'presence':
      break
    case 'consent':
      encoding.writeUint8(encoder, CONSENT_OPS.indexOf(blob.op))
      writeFixed(encoder, blob.organisation, ORG_BYTES, 'organisation')
      encoding.writeVarUint(encoder, blob.expiresAt)
      writeFixed(encoder, blob.details, CONSENT_DETAILS_BYTES, 'details')
      writeAfter(encoder, blob.after)
      break
    case 'file':
      checkFileShape(blob.op, blob.pieces.length, blob.size)
      encoding.writeUint8(encoder, FILE_OPS.indexOf(blob.op))
      writeFixed(encoder, blob.file, FILE_REF_BYTES, 'file')
      encoding.writeVarUint(encoder, blob.pieces.length)
      for (const piece of blob.pieces) writeFixed(encoder, piece, PIECE_ADDRESS_BYTES, 'piece')
      encoding.writeVarUint(encoder, blob.size)
      break
    case 'close':
      checkCloseShape(blob.op, blob.reopenUntil, blob.cut.length)
      encoding.writeUint8(encoder, CLOSE_OPS.indexOf(blob.op))
      encoding.writeUint8(encoder, CLOSE_REASONS.indexOf(blob.reason))
      encoding.writeVarUint(encoder, blob.at)
      encoding.writeVarUint(encoder, blob.reopenUntil)
      encoding.writeVarUint(encoder, blob.cut.length)
      blob.cut.forEach((entry, i) => {
        if (i > 0 && blob.cut[i - 1]!.client >= entry.client) throw new BlobFormatError('cut clients must be ascending and distinct')
        encoding.writeVarUint(encoder, entry.client)
        encoding.writeVarUint(encoder, entry.clock)
      })
      if (blob.keepUntil !== undefined) {
        checkKeepUntil(blob.op, blob.keepUntil)
        encoding.writeVarUint(encoder, blob.keepUntil)
      }
      break
    case 'erase':
      encoding.writeUint8(encoder, ERASE_OPS.indexOf(blob.op))
      encoding.writeVarUint(encoder, blob.at)
      break
  }
}

/**
 * One shape per op: a close names its cut (1..MAX_CLOSE_CLIENTS clients: at least the genesis'
 * writer) and a reopen date, a reopen neither (it is judged against the close it ends).
 */
function checkCloseShape(op: CloseOp, reopenUntil: number, clients: number): void {
  if (op === 'reopen' ? reopenUntil !== 0 || clients !== 0 : clients < 1 || clients > MAX_CLOSE_CLIENTS) {
    throw new BlobFormatError(`a ${op} with a cut of ${clients} clients`)
  }
}

/** R22: only a close names a retention end, a positive whole number of ms. */
function checkKeepUntil(op: CloseOp, keepUntil: number): void {
  if (op !== 'close' || keepUntil <= 0 || !Number.isSafeInteger(keepUntil)) throw new BlobFormatError(`a ${op} with a retention end of ${keepUntil}`)
}

/** One shape per op: an add names 1..MAX_FILE_PIECES pieces and their size, a drop neither. */
function checkFileShape(op: FileOp, pieces: number, bytes: number): void {
  if (op === 'drop' ? pieces !== 0 || bytes !== 0 : pieces < 1 || pieces > MAX_FILE_PIECES || bytes < pieces * 16 || bytes > MAX_FILE_RECORD_BYTES) {
    throw new BlobFormatError(`a file ${op} with ${pieces} pieces of ${bytes} bytes`)
  }
}

/**
 * A view: sessions grouped by author, authors and each author's sessions in strictly ascending
 * byte order, so one view has one encoding (no duplicates, nothing to inflate).
 */
function writeView(encoder: encoding.Encoder, view: readonly Head[]): void {
  if (view.length > MAX_VIEW_SESSIONS) throw new BlobFormatError(`a view lists at most ${MAX_VIEW_SESSIONS} sessions`)
  const sorted = [...view].sort((a, b) => compareBytes(a.author, b.author) || compareBytes(a.session, b.session))
  const groups: Head[][] = []
  for (const h of sorted) {
    const last = groups[groups.length - 1]
    if (last && compareBytes(last[0]!.author, h.author) === 0) {
      if (compareBytes(last[last.length - 1]!.session, h.session) === 0) throw new BlobFormatError('a view lists a session once')
      last.push(h)
    } else groups.push([h])
  }
  encoding.writeVarUint(encoder, groups.length)
  for (const group of groups) {
    writeFixed(encoder, group[0]!.author, KEY_BYTES, 'view author')
    encoding.writeVarUint(encoder, group.length)
    for (const h of group) {
      writeFixed(encoder, h.session, SESSION_BYTES, 'view session')
      encoding.writeVarUint(encoder, h.seq)
      writeFixed(encoder, h.hash, CHAIN_HASH_BYTES, 'view hash')
    }
  }
}

function readView(decoder: decoding.Decoder): Head[] {
  const authors = decoding.readVarUint(decoder)
  if (authors > MAX_VIEW_SESSIONS) throw new BlobFormatError(`a view lists at most ${MAX_VIEW_SESSIONS} sessions`)
  const view: Head[] = []
  let lastAuthor: Uint8Array | null = null
  for (let a = 0; a < authors; a++) {
    const author = readFixed(decoder, KEY_BYTES)
    if (lastAuthor && compareBytes(lastAuthor, author) >= 0) throw new BlobFormatError('view authors out of order')
    lastAuthor = author
    const sessions = decoding.readVarUint(decoder)
    if (sessions === 0 || view.length + sessions > MAX_VIEW_SESSIONS) throw new BlobFormatError(`a view lists 1 to ${MAX_VIEW_SESSIONS} sessions per author`)
    let lastSession: Uint8Array | null = null
    for (let i = 0; i < sessions; i++) {
      const session = readFixed(decoder, SESSION_BYTES)
      if (lastSession && compareBytes(lastSession, session) >= 0) throw new BlobFormatError('view sessions out of order')
      lastSession = session
      const seq = decoding.readVarUint(decoder)
      if (seq < 1) throw new BlobFormatError('a view names seqs from 1')
      view.push({ author, session, seq, hash: readFixed(decoder, CHAIN_HASH_BYTES) })
    }
  }
  return view
}

/** Byte order, for canonical views. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

function writeEncrypted(encoder: encoding.Encoder, blob: UnsignedBlob): void {
  if (!isEncryptedKind(blob.kind)) return
  const e = blob as Encrypted
  writeFixed(encoder, e.nonce, NONCE_BYTES, 'nonce')
  writeFixed(encoder, e.commitment, COMMITMENT_BYTES, 'commitment')
  encoding.writeVarUint8Array(encoder, e.ciphertext)
}

/** The additional data an encrypted kind is sealed with: header and public fields. */
export function encodeAdditionalData(blob: UnsignedBlob): Uint8Array {
  const encoder = encoding.createEncoder()
  writePublic(encoder, blob)
  return encoding.toUint8Array(encoder)
}

/** The bytes the signature covers. */
export function encodeSigned(blob: UnsignedBlob): Uint8Array {
  const encoder = encoding.createEncoder()
  writePublic(encoder, blob)
  writeEncrypted(encoder, blob)
  return encoding.toUint8Array(encoder)
}

export function encodeBlob(blob: Blob): Uint8Array {
  const encoder = encoding.createEncoder()
  writePublic(encoder, blob)
  writeEncrypted(encoder, blob)
  writeFixed(encoder, blob.signature, SIGNATURE_BYTES, 'signature')
  return encoding.toUint8Array(encoder)
}

/**
 * Only a claim carries a proof (the invite key's signature); every other member record an empty
 * one. Any other length is refused, so no member record can be inflated (a `device` record once
 * carried 60 KiB of "proof", and member records are never deleted).
 */
function proofBytes(op: MemberOp): number {
  return op === 'claim' ? SIGNATURE_BYTES : 0
}

/** A length-prefixed field whose length is fixed by the grammar: the prefix must say exactly that. */
function readVarFixed(decoder: decoding.Decoder, length: number, field: string): Uint8Array {
  const bytes = decoding.readVarUint8Array(decoder)
  if (bytes.length !== length) throw new BlobFormatError(`${field} must be ${length} bytes`)
  return bytes
}

function readEnum<T>(values: readonly T[], index: number, field: string): T {
  const value = values[index]
  if (value === undefined) throw new BlobFormatError(`unknown ${field} ${index}`)
  return value
}

/** Strict: unknown versions, kinds, enum values, short fields and trailing bytes are errors. */
export function decodeBlob(bytes: Uint8Array): DecodedBlob {
  try {
    return decodeStrict(bytes)
  } catch (err) {
    if (err instanceof BlobFormatError) throw err
    throw new BlobFormatError(`malformed blob: ${(err as Error).message}`)
  }
}

function decodeStrict(bytes: Uint8Array): DecodedBlob {
  const decoder = decoding.createDecoder(bytes)
  const v = decoding.readVarUint(decoder)
  if (!READABLE_VERSIONS.includes(v)) throw new BlobFormatError(`unsupported blob version ${v}`)
  const v2 = v >= 2
  const kind = readEnum(KINDS, decoding.readUint8(decoder), 'kind')
  const header: Header = {
    v,
    plan: readFixed(decoder, PLAN_ID_BYTES),
    epoch: decoding.readVarUint(decoder),
    author: readFixed(decoder, KEY_BYTES),
    session: readFixed(decoder, SESSION_BYTES),
    seq: decoding.readVarUint(decoder),
  }
  if (v2 && header.seq > 1) header.prev = readFixed(decoder, CHAIN_HASH_BYTES)
  const marks = { publicEnd: -1 }
  let body: Body
  switch (kind) {
    case 'genesis':
      body = { kind, salt: readFixed(decoder, SALT_BYTES), createdAt: decoding.readVarUint(decoder) }
      body = { ...body, ...readTail(decoder, false) }
      break
    case 'member': {
      const op = readEnum(MEMBER_OPS, decoding.readUint8(decoder), 'member op')
      body = {
        kind,
        op,
        subject: readFixed(decoder, KEY_BYTES),
        role: readEnum(ROLES, decoding.readUint8(decoder), 'role'),
        expiresAt: decoding.readVarUint(decoder),
        proof: readVarFixed(decoder, proofBytes(op), 'proof'),
        ...readAfter(decoder),
      }
      body = { ...body, ...readTail(decoder, true) }
      break
    }
    case 'lockbox':
      body = { kind, recipient: readFixed(decoder, KEY_BYTES), sealed: readVarFixed(decoder, SEALED_KEY_BYTES, 'sealed key') }
      break
    case 'update': {
      const part = decoding.readVarUint(decoder)
      const parts = decoding.readVarUint(decoder)
      const view = v2 ? readView(decoder) : []
      body = { kind, part, parts, ...(view.length > 0 ? { view } : {}), ...readEncrypted(decoder, marks) }
      break
    }
    case 'snapshot': {
      const part = decoding.readVarUint(decoder)
      const parts = decoding.readVarUint(decoder)
      const count = decoding.readVarUint(decoder)
      if (count > bytes.length) throw new BlobFormatError('cover count exceeds blob size')
      const covers: Cover[] = []
      for (let i = 0; i < count; i++) {
        const cover: Cover = {
          author: readFixed(decoder, KEY_BYTES),
          session: readFixed(decoder, SESSION_BYTES),
          seq: decoding.readVarUint(decoder),
        }
        if (v2) cover.hash = readFixed(decoder, CHAIN_HASH_BYTES)
        covers.push(cover)
      }
      const view = v2 ? readView(decoder) : []
      body = { kind, part, parts, covers, ...(view.length > 0 ? { view } : {}), ...readEncrypted(decoder, marks) }
      break
    }
    case 'presence':
      body = { kind, ...readEncrypted(decoder, marks) }
      break
    case 'consent':
      body = {
        kind,
        op: readEnum(CONSENT_OPS, decoding.readUint8(decoder), 'consent op'),
        organisation: readFixed(decoder, ORG_BYTES),
        expiresAt: decoding.readVarUint(decoder),
        details: readFixed(decoder, CONSENT_DETAILS_BYTES),
        ...readAfter(decoder),
      }
      break
    case 'file': {
      const op = readEnum(FILE_OPS, decoding.readUint8(decoder), 'file op')
      const file = readFixed(decoder, FILE_REF_BYTES)
      const count = decoding.readVarUint(decoder)
      // the count before any piece is read: a made-up count costs nothing
      if (count > MAX_FILE_PIECES) throw new BlobFormatError(`a file names at most ${MAX_FILE_PIECES} pieces`)
      const pieces: Uint8Array[] = []
      for (let i = 0; i < count; i++) pieces.push(readFixed(decoder, PIECE_ADDRESS_BYTES))
      const fileBytes = decoding.readVarUint(decoder)
      checkFileShape(op, count, fileBytes)
      body = { kind, op, file, pieces, size: fileBytes }
      break
    }
    case 'close': {
      const op = readEnum(CLOSE_OPS, decoding.readUint8(decoder), 'close op')
      const reason = readEnum(CLOSE_REASONS, decoding.readUint8(decoder), 'close reason')
      const at = decoding.readVarUint(decoder)
      const reopenUntil = decoding.readVarUint(decoder)
      const count = decoding.readVarUint(decoder)
      // the count before any entry is read: a made-up count costs nothing
      checkCloseShape(op, reopenUntil, count)
      const cut: CutEntry[] = []
      for (let i = 0; i < count; i++) {
        const entry = { client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) }
        if (i > 0 && cut[i - 1]!.client >= entry.client) throw new BlobFormatError('cut clients must be ascending and distinct')
        cut.push(entry)
      }
      // the retention end is all that may follow the cut (closes from before R22 end with it)
      if (decoder.arr.length - decoder.pos - SIGNATURE_BYTES > 0) {
        const keepUntil = decoding.readVarUint(decoder)
        checkKeepUntil(op, keepUntil)
        body = { kind, op, reason, at, reopenUntil, cut, keepUntil }
      } else body = { kind, op, reason, at, reopenUntil, cut }
      break
    }
    case 'erase':
      body = { kind, op: readEnum(ERASE_OPS, decoding.readUint8(decoder), 'erase op'), at: decoding.readVarUint(decoder) }
      break
  }
  return finish(bytes, decoder, header, body, marks.publicEnd)
}

/** Records where the public part ends, so the additional data is a view, not a re-encoding. */
function readEncrypted(decoder: decoding.Decoder, marks: { publicEnd: number }): Encrypted {
  marks.publicEnd = decoder.pos
  const nonce = readFixed(decoder, NONCE_BYTES)
  const commitment = readFixed(decoder, COMMITMENT_BYTES)
  const ciphertext = decoding.readVarUint8Array(decoder)
  return { nonce, commitment, ciphertext }
}

function finish(bytes: Uint8Array, decoder: decoding.Decoder, header: Header, body: Body, encryptedStart: number): DecodedBlob {
  const signedEnd = decoder.pos
  const publicEnd = encryptedStart >= 0 ? encryptedStart : signedEnd
  const signature = readFixed(decoder, SIGNATURE_BYTES)
  if (decoder.pos !== bytes.length) throw new BlobFormatError('trailing bytes after signature')
  if ((body.kind === 'update' || body.kind === 'snapshot') && (body.parts < 1 || body.part >= body.parts)) {
    throw new BlobFormatError('part out of range')
  }
  return {
    ...header,
    ...body,
    signature,
    bytes,
    signed: bytes.subarray(0, signedEnd),
    ad: bytes.subarray(0, publicEnd),
  }
}
