/**
 * The device link: one secret that lets a person's new device join every plan of the device that
 * made it. It travels in the URL fragment (never sent to a server) and fits a QR code.
 *
 *   link    = <appUrl>/#/koppel/<base64url(payload)>
 *   payload = v:varUint(1) secret:bytes[32] expiresAt:varUint(ms) name:varString
 *             count:varUint planId:bytes[32]*count
 *
 * Each plan's one-time invite key is derived from the secret and the plan id (keyed BLAKE2b), so
 * the link carries one secret however many plans it opens, and the key for one plan tells
 * nothing about another's.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { keyedHash, signingKeyPairFromSeed, type SigningKeyPair } from '../crypto'
import { fromBase64Url, toBase64Url } from '../sync/bytes'
import { AccessError } from './errors'

export const DEVICE_LINK_VERSION = 1
const SECRET_BYTES = 32
const PLAN_ID_BYTES = 32
/** ~1.5 KB of link at most: a QR code a phone camera still reads from a laptop screen */
export const MAX_LINK_PLANS = 32
export const MAX_LINK_NAME = 80
const SEED_DOMAIN = 'samenplan/device-link/v1'

export interface DeviceLinkPayload {
  secret: Uint8Array
  expiresAt: number
  /** the person's name, so the new device takes it */
  name: string
  /** base64url plan ids */
  planIds: string[]
}

export function formatDeviceLink(appUrl: string, payload: DeviceLinkPayload): string {
  if (payload.secret.length !== SECRET_BYTES) throw new Error('device link secret must be 32 bytes')
  if (payload.planIds.length === 0 || payload.planIds.length > MAX_LINK_PLANS) throw new Error(`a device link holds 1 to ${MAX_LINK_PLANS} plans`)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, DEVICE_LINK_VERSION)
  encoding.writeUint8Array(encoder, payload.secret)
  encoding.writeVarUint(encoder, payload.expiresAt)
  encoding.writeVarString(encoder, payload.name.slice(0, MAX_LINK_NAME))
  encoding.writeVarUint(encoder, payload.planIds.length)
  for (const id of payload.planIds) {
    const bytes = fromBase64Url(id)
    if (bytes.length !== PLAN_ID_BYTES) throw new Error('not a plan id')
    encoding.writeUint8Array(encoder, bytes)
  }
  return `${appUrl.replace(/\/$/, '')}/#/koppel/${toBase64Url(encoding.toUint8Array(encoder))}`
}

/** Strict: a link that does not decode exactly is `invite-invalid`, never a half-read payload. */
export function parseDeviceLink(link: string): DeviceLinkPayload {
  const match = /#\/koppel\/([A-Za-z0-9_-]+)$/.exec(link.trim())
  if (!match) throw new AccessError('invite-invalid', 'this is not a Samenplan device link')
  try {
    const bytes = fromBase64Url(match[1]!)
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== DEVICE_LINK_VERSION) throw new Error('unknown version')
    const secret = readFixed(decoder, SECRET_BYTES)
    const expiresAt = decoding.readVarUint(decoder)
    const name = decoding.readVarString(decoder)
    const count = decoding.readVarUint(decoder)
    if (count < 1 || count > MAX_LINK_PLANS) throw new Error('plan count out of range')
    const planIds: string[] = []
    for (let i = 0; i < count; i++) planIds.push(toBase64Url(readFixed(decoder, PLAN_ID_BYTES)))
    if (decoder.pos !== bytes.length) throw new Error('trailing bytes')
    return { secret, expiresAt, name: name.slice(0, MAX_LINK_NAME), planIds }
  } catch {
    throw new AccessError('invite-invalid', 'this device link is damaged')
  }
}

function readFixed(decoder: decoding.Decoder, length: number): Uint8Array {
  if (decoder.arr.length - decoder.pos < length) throw new Error('ends early')
  return decoding.readUint8Array(decoder, length)
}

/** The one-time invite key of one plan in a device link. */
export function deviceInviteKey(secret: Uint8Array, planId: string): SigningKeyPair {
  return signingKeyPairFromSeed(keyedHash(secret, SEED_DOMAIN, fromBase64Url(planId)))
}
