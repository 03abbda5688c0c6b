/**
 * Web Push subscriptions over HTTP (server/push/pushSender.ts sends):
 *   GET    /sync/push-key                          the relay's VAPID public key (404 push-off)
 *   PUT    /sync/<planId>/push?auth=<token>        body {endpoint, p256dh, auth, tag, mode?}: subscribe
 *                                                   (mode `all`, the default, or `mine`: PushMode)
 *   DELETE /sync/<planId>/push?auth=<token>&endpoint=<url>   unsubscribe
 * A subscription is a member's (admitted like a socket), to a trusted push service only, for one
 * plan under a tag the device chose; the body is at most 4 KiB and read only after admission.
 */
import type http from 'node:http'
import { fromBase64Url, toHex } from '../../src/sync/bytes'
import { admitMemberRequest, type AdmissionDeps } from '../admission'
import type { PushSender } from '../push/pushSender'
import { PUSH_MODES, type PushMode } from '../storage/types'
import type { KeyedBuckets } from '../rateLimit'

export const PUSH_KEY_PATH = '/sync/push-key'
export const PUSH_PATH = /^\/sync\/([A-Za-z0-9_-]{43})\/push$/
const MAX_BODY_BYTES = 4096

export interface PushDeps extends Pick<AdmissionDeps, 'store' | 'rooms'> {
  perKey: KeyedBuckets
  sender: PushSender
}

export const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }

export function fail(res: http.ServerResponse, status: number, code: string): void {
  res.writeHead(status, { ...JSON_HEADERS, Connection: 'close' }).end(JSON.stringify({ error: code }))
}

export function answerPushKey(sender: PushSender, res: http.ServerResponse): void {
  if (!sender.publicKey) return fail(res, 404, 'push-off')
  res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ publicKey: sender.publicKey }))
}

/** What a subscription names, checked field by field: anything else is refused whole. */
export function parseSubscription(body: unknown): { endpoint: string; p256dh: string; auth: string; tag: string; mode: PushMode } | null {
  if (typeof body !== 'object' || body === null) return null
  const { endpoint, p256dh, auth, tag, mode = 'all' } = body as Record<string, unknown>
  if (!(PUSH_MODES as readonly unknown[]).includes(mode)) return null
  if (typeof endpoint !== 'string' || endpoint.length > 1024) return null
  if (typeof tag !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(tag)) return null
  if (typeof p256dh !== 'string' || typeof auth !== 'string') return null
  try {
    const point = fromBase64Url(p256dh)
    if (point.length !== 65 || point[0] !== 4 || fromBase64Url(auth).length !== 16) return null
  } catch {
    return null
  }
  return { endpoint, p256dh, auth, tag, mode: mode as PushMode }
}

export async function servePush(deps: PushDeps, req: http.IncomingMessage, res: http.ServerResponse, planId: Uint8Array, searchParams: URLSearchParams) {
  if (!deps.sender.publicKey) return fail(res, 404, 'push-off')
  if (req.method !== 'PUT' && req.method !== 'DELETE') return fail(res, 405, 'method-not-allowed')
  const declared = Number(req.headers['content-length'] ?? 0)
  if (req.method === 'PUT' && (!Number.isSafeInteger(declared) || declared <= 0 || declared > MAX_BODY_BYTES)) return fail(res, 413, 'subscription-too-large')
  const admission = await admitMemberRequest(deps, planId, searchParams.get('auth'), 'read')
  if (!admission.ok) return fail(res, admission.status, admission.code)
  const plan = toHex(planId)
  try {
    if (req.method === 'DELETE') {
      const endpoint = searchParams.get('endpoint')
      if (!endpoint) return fail(res, 400, 'bad-subscription')
      await deps.sender.unsubscribe(plan, admission.key, endpoint)
      return void res.writeHead(204, JSON_HEADERS).end()
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(await readText(req, declared))
    } catch {
      return fail(res, 400, 'bad-subscription')
    }
    const sub = parseSubscription(parsed)
    if (!sub) return fail(res, 400, 'bad-subscription')
    if (!deps.sender.endpointAllowed(sub.endpoint)) return fail(res, 400, 'push-service-unknown')
    await deps.sender.subscribe({ plan, key: admission.key, ...sub }, Date.now())
    res.writeHead(204, JSON_HEADERS).end()
  } finally {
    deps.rooms.release(admission.room)
  }
}

export function readText(req: http.IncomingMessage, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > length) {
        req.destroy()
        return reject(new Error('longer than declared'))
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
    req.on('aborted', () => reject(new Error('aborted')))
  })
}
