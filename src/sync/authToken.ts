/**
 * The connection token: proof that the connecting device holds a key, made fresh for every
 * (re)connect. The relay keeps each nonce until the token expires, so a token works once.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { randomBytes, signDetached, verifyDetached, type SigningKeyPair } from '../crypto'
import { bytesEqual, fromBase64Url, toBase64Url, toHex } from './bytes'

const TOKEN_DOMAIN = 'samenplan/token/v1'
const TOKEN_VERSION = 1
/** Clock skew between a phone and the relay is tolerated up to this much either way. */
export const TOKEN_MAX_AGE_MS = 120_000
const NONCE_BYTES = 16

export type TokenErrorCode = 'token-malformed' | 'token-wrong-plan' | 'token-stale' | 'token-bad-signature'

export type TokenCheck = { ok: true; key: Uint8Array; nonce: string; issuedAt: number; expiresAt: number } | { ok: false; code: TokenErrorCode }

export function createAuthToken(identity: SigningKeyPair, planId: Uint8Array, now: number): string {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, TOKEN_VERSION)
  encoding.writeUint8Array(encoder, planId)
  encoding.writeUint8Array(encoder, identity.publicKey)
  encoding.writeVarUint(encoder, now)
  encoding.writeUint8Array(encoder, randomBytes(NONCE_BYTES))
  const signed = encoding.toUint8Array(encoder)
  return toBase64Url(new Uint8Array([...signed, ...signDetached(TOKEN_DOMAIN, signed, identity.secretKey)]))
}

export function verifyAuthToken(token: string, planId: Uint8Array, now: number): TokenCheck {
  let bytes: Uint8Array
  let fields: { plan: Uint8Array; key: Uint8Array; issuedAt: number; nonce: Uint8Array; signed: Uint8Array; sig: Uint8Array }
  try {
    bytes = fromBase64Url(token)
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== TOKEN_VERSION) return { ok: false, code: 'token-malformed' }
    const plan = decoding.readUint8Array(decoder, 32)
    const key = decoding.readUint8Array(decoder, 32)
    const issuedAt = decoding.readVarUint(decoder)
    const nonce = decoding.readUint8Array(decoder, NONCE_BYTES)
    const signedEnd = decoder.pos
    const sig = decoding.readUint8Array(decoder, 64)
    if (decoder.pos !== bytes.length) return { ok: false, code: 'token-malformed' }
    fields = { plan, key, issuedAt, nonce, signed: bytes.subarray(0, signedEnd), sig }
  } catch {
    return { ok: false, code: 'token-malformed' }
  }
  if (!bytesEqual(fields.plan, planId)) return { ok: false, code: 'token-wrong-plan' }
  if (Math.abs(now - fields.issuedAt) > TOKEN_MAX_AGE_MS) return { ok: false, code: 'token-stale' }
  if (!verifyDetached(TOKEN_DOMAIN, fields.signed, fields.sig, fields.key)) return { ok: false, code: 'token-bad-signature' }
  return {
    ok: true,
    key: fields.key,
    nonce: toHex(fields.nonce),
    issuedAt: fields.issuedAt,
    expiresAt: fields.issuedAt + TOKEN_MAX_AGE_MS,
  }
}
