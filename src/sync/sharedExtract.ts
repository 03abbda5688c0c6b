/**
 * A shared extract (issue 11 §2, R18): one document from the plan, frozen, signed by the member
 * who shares it and encrypted under a fresh key that travels only in the link's fragment. The
 * relay stores the ciphertext and counts openings; it never sees the key, so it never reads the
 * document (docs/PROTOCOL.md "Shared extracts" has the bytes).
 *
 *   stored      = 0x01 ‖ nonce[24] ‖ commitment[32] ‖ XChaCha20-Poly1305(key, signed, ad)
 *   ad          = "samenplan/share-ad/v1" 0x00 ‖ shareId[16]
 *   signed      = 0x01 ‖ signature[64] ‖ extract (UTF-8 JSON)
 *   signature   = Ed25519 by the sharer over "samenplan/share/v1" 0x00 ‖ shareId[16] ‖ extract
 *
 * The extract names the sharer's public key; the opener checks the signature against it and that
 * it is the key the relay admitted as the uploader (a member whose role writes, R18). Binding the
 * share id into both the AEAD and the signature means a relay cannot answer one link with another
 * share's bytes. The document itself is opaque here (`unknown`): src/plan/sharedDocument.ts reads it.
 */
import {
  COMMITMENT_BYTES,
  decrypt,
  encrypt,
  generateContentKey,
  KEY_BYTES,
  NONCE_BYTES,
  randomBytes,
  signDetached,
  SIGNATURE_BYTES,
  verifyDetached,
  type SigningKeyPair,
} from '../crypto'
import { fromBase64Url, fromHex, toBase64Url, toHex } from './bytes'

export const SHARE_DOMAIN = 'samenplan/share/v1'
const SHARE_AD_DOMAIN = 'samenplan/share-ad/v1'
const FORMAT_VERSION = 1
export const EXTRACT_FORMAT = 'samenplan.shared.v1'

/** 128 random bits: a link cannot be guessed, and the relay indexes shares by it */
export const SHARE_ID_BYTES = 16
/** What one extract may weigh as stored: the whole OPP of a five-year plan as text fits many times over */
export const MAX_SHARE_BYTES = 4 * 1024 * 1024
/** A link lives at most this long (issue 11: ≤ 30 days); the relay refuses a later expiry */
export const MAX_SHARE_MS = 30 * 24 * 60 * 60 * 1000
/** Openings one link may allow: enough for a consultant and a colleague, few enough to notice a leak */
export const MAX_SHARE_OPENS = 25
/** Live (not withdrawn, not expired, not used up) links one plan may hold at once */
export const MAX_LIVE_SHARES_PER_PLAN = 50

/** What is shared; public on the relay (it lists it to members), never the content */
export const SHARE_KINDS = ['request', 'opp', 'sections'] as const
export type ShareKind = (typeof SHARE_KINDS)[number]

/** The signed, encrypted content of a link, as the opener reads it. */
export interface SharedExtract {
  format: typeof EXTRACT_FORMAT
  /** base64url of the share id */
  shareId: string
  kind: ShareKind
  /** who shared it: hex public key, name and organisation as the plan knows them ('' for none) */
  sharer: { key: string; name: string; organisation: string }
  /** the organisation it is for (hex id, with live consent when shared) and its name */
  recipient: { organisationId: string; name: string }
  /** ms */
  sharedAt: number
  expiresAt: number
  /** the document, read by src/plan/sharedDocument.ts */
  document: unknown
}

export type ShareFormatErrorCode =
  /** the bytes are not a shared extract, or not this version */
  | 'share-malformed'
  /** the key in the link does not open these bytes: the link or the stored bytes were changed */
  | 'share-wrong-key'
  /** the signature does not verify against the key the extract names */
  | 'share-bad-signature'
  /** signed for another link, or by another key than the relay admitted */
  | 'share-mismatch'

export class ShareFormatError extends Error {
  constructor(
    readonly code: ShareFormatErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ShareFormatError'
  }
}

const encoder = new TextEncoder()

export function newShareId(): Uint8Array {
  return randomBytes(SHARE_ID_BYTES)
}

export function newShareKey(): Uint8Array {
  return generateContentKey()
}

function adFor(shareId: Uint8Array): Uint8Array {
  const label = encoder.encode(SHARE_AD_DOMAIN)
  const out = new Uint8Array(label.length + 1 + shareId.length)
  out.set(label, 0)
  out.set(shareId, label.length + 1)
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Signs and encrypts an extract; the result is what the relay stores. */
export function sealExtract(extract: SharedExtract, sharer: SigningKeyPair, shareId: Uint8Array, key: Uint8Array): Uint8Array {
  if (shareId.length !== SHARE_ID_BYTES || key.length !== KEY_BYTES) throw new ShareFormatError('share-malformed', 'share id or key of the wrong size')
  if (extract.sharer.key !== toHex(sharer.publicKey)) throw new ShareFormatError('share-mismatch', 'the extract names another sharer')
  const body = encoder.encode(JSON.stringify(extract))
  const signature = signDetached(SHARE_DOMAIN, concat(shareId, body), sharer.secretKey)
  const sealed = encrypt(key, concat(Uint8Array.of(FORMAT_VERSION), signature, body), adFor(shareId))
  return concat(Uint8Array.of(FORMAT_VERSION), sealed.nonce, sealed.commitment, sealed.ciphertext)
}

/**
 * Decrypts, checks and reads stored bytes: the key opens them (else `share-wrong-key`), the
 * signature verifies against the sharer's key the extract names (`share-bad-signature`), the
 * extract is for this share id and, when `uploader` (hex) is given, signed by that key
 * (`share-mismatch`). Only a checked extract comes back.
 */
export function openExtract(stored: Uint8Array, shareId: Uint8Array, key: Uint8Array, uploader?: string): SharedExtract {
  const head = 1 + NONCE_BYTES + COMMITMENT_BYTES
  if (stored.length <= head || stored[0] !== FORMAT_VERSION) throw new ShareFormatError('share-malformed', 'not a shared extract of a known version')
  if (key.length !== KEY_BYTES || shareId.length !== SHARE_ID_BYTES) throw new ShareFormatError('share-wrong-key', 'the link holds no key of the right size')
  let signed: Uint8Array
  try {
    signed = decrypt(
      key,
      { nonce: stored.slice(1, 1 + NONCE_BYTES), commitment: stored.slice(1 + NONCE_BYTES, head), ciphertext: stored.slice(head) },
      adFor(shareId),
    )
  } catch {
    throw new ShareFormatError('share-wrong-key', 'the key in the link does not open this document')
  }
  if (signed.length <= 1 + SIGNATURE_BYTES || signed[0] !== FORMAT_VERSION)
    throw new ShareFormatError('share-malformed', 'the signed part is not of a known version')
  const signature = signed.slice(1, 1 + SIGNATURE_BYTES)
  const body = signed.slice(1 + SIGNATURE_BYTES)
  let extract: SharedExtract
  try {
    extract = readExtract(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)))
  } catch (err) {
    if (err instanceof ShareFormatError) throw err
    throw new ShareFormatError('share-malformed', 'the extract is not JSON')
  }
  if (!verifyDetached(SHARE_DOMAIN, concat(shareId, body), signature, fromHex(extract.sharer.key))) {
    throw new ShareFormatError('share-bad-signature', 'the sharer’s signature does not verify')
  }
  if (extract.shareId !== toBase64Url(shareId)) throw new ShareFormatError('share-mismatch', 'signed for another link')
  if (uploader !== undefined && uploader !== extract.sharer.key)
    throw new ShareFormatError('share-mismatch', 'signed by another key than the member who stored it')
  return extract
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isText = (v: unknown, max = 1000): v is string => typeof v === 'string' && v.length <= max
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const HEX_KEY = /^[0-9a-f]{64}$/

/** The envelope fields of an extract, strictly: anything else is `share-malformed`. */
function readExtract(v: unknown): SharedExtract {
  const bad = (what: string) => new ShareFormatError('share-malformed', `the extract's ${what} is not valid`)
  if (!isObject(v) || v.format !== EXTRACT_FORMAT) throw bad('format')
  const { shareId, kind, sharer, recipient, sharedAt, expiresAt, document } = v
  if (typeof shareId !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(shareId)) throw bad('share id')
  if (!SHARE_KINDS.includes(kind as ShareKind)) throw bad('kind')
  if (!isObject(sharer) || typeof sharer.key !== 'string' || !HEX_KEY.test(sharer.key) || !isText(sharer.name) || !isText(sharer.organisation))
    throw bad('sharer')
  if (!isObject(recipient) || typeof recipient.organisationId !== 'string' || !HEX_KEY.test(recipient.organisationId) || !isText(recipient.name)) {
    throw bad('recipient')
  }
  if (!isTime(sharedAt) || !isTime(expiresAt) || expiresAt <= sharedAt) throw bad('dates')
  return {
    format: EXTRACT_FORMAT,
    shareId,
    kind: kind as ShareKind,
    sharer: { key: sharer.key, name: sharer.name, organisation: sharer.organisation },
    recipient: { organisationId: recipient.organisationId, name: recipient.name },
    sharedAt,
    expiresAt,
    document,
  }
}

/** The link: the app's address, then the share id and key in the fragment, which browsers never send. */
export function formatShareLink(appUrl: string, shareId: Uint8Array, key: Uint8Array): string {
  return `${appUrl.replace(/\/$/, '')}/#/gedeeld/${toBase64Url(shareId)}/${toBase64Url(key)}`
}

/** The share id and key of a link (or of its fragment alone), or null when it is not one. */
export function parseShareFragment(text: string): { shareId: Uint8Array; key: Uint8Array } | null {
  const m = /#\/gedeeld\/([A-Za-z0-9_-]{22})\/([A-Za-z0-9_-]{43})$/.exec(text.trim())
  if (!m) return null
  const shareId = fromBase64Url(m[1]!)
  const key = fromBase64Url(m[2]!)
  // one spelling per id: trailing bits that do not round-trip are another link
  if (toBase64Url(shareId) !== m[1] || toBase64Url(key) !== m[2]) return null
  return { shareId, key }
}
