/**
 * Shared extracts over HTTP (R18; src/sync/shareTransfer.ts has the routes, src/sync/sharedExtract.ts
 * the bytes). A member stores a link's ciphertext with its organisation, kind, expiry and count of
 * openings; anyone with the link opens it, counted, without an account; the sharer or an admin
 * withdraws it; members list their plan's links with every opening's time.
 *
 * Checked in this order, cheapest first: the parameters and the declared length (before the body
 * and before any token or room), the member's token (admitMemberRequest: fresh, single use, not
 * shut out, a role that writes), the expiry (≤ 30 days), the organisation's live consent in the
 * room state (R12), the plan's live links; only then is the body read, and it must be exactly as
 * long as declared. An opening is rate-limited per address (the address is not stored), looked up
 * by id, checked against the consent again, and counted atomically by the store.
 */
import type http from 'node:http'
import { fromHex, toHex } from '../../src/sync/bytes'
import { MAX_LIVE_SHARES_PER_PLAN, MAX_SHARE_BYTES, MAX_SHARE_MS, MAX_SHARE_OPENS, SHARE_KINDS, type ShareKind } from '../../src/sync/sharedExtract'
import { mayShareWith, mayWithdrawShare } from '../../src/sync/shareRules'
import { SHARE_HEADERS } from '../../src/sync/shareTransfer'
import { consentLive } from '../../src/sync/roomState'
import { admitMemberRequest, openCurrent, type AdmissionDeps } from '../admission'
import { log } from '../log'
import type { KeyedBuckets } from '../rateLimit'
import type { StoredShare } from '../storage/types'
import { readBody } from './files'

export interface ShareDeps extends Pick<AdmissionDeps, 'store' | 'rooms'> {
  /** member requests per key (shared with attachments) */
  perKey: KeyedBuckets
  /** openings per client address */
  perAddress: KeyedBuckets
}

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }

function fail(res: http.ServerResponse, status: number, code: string, bodyUnread = false): void {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, bodyUnread ? { ...JSON_HEADERS, Connection: 'close' } : JSON_HEADERS).end(JSON.stringify({ error: code }))
}

export async function serveShares(
  deps: ShareDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  planId: Uint8Array,
  shareId: string | null,
  searchParams: URLSearchParams,
): Promise<void> {
  const token = searchParams.get('auth')
  if (req.method === 'PUT' && shareId) return upload(deps, req, res, planId, shareId, searchParams, token)
  if (req.method === 'DELETE' && shareId) return withdraw(deps, res, planId, shareId, token)
  if (req.method === 'GET' && !shareId) return list(deps, res, planId, token)
  return fail(res, 405, 'method-not-allowed', true)
}

interface UploadParams {
  organisation: string
  kind: ShareKind
  expiresAt: number
  maxOpens: number
}

function uploadParams(q: URLSearchParams): UploadParams | null {
  const organisation = q.get('org') ?? ''
  const kind = q.get('kind') as ShareKind
  const expiresAt = Number(q.get('expires'))
  const maxOpens = Number(q.get('opens'))
  if (!/^[0-9a-f]{64}$/.test(organisation) || !SHARE_KINDS.includes(kind)) return null
  if (!Number.isSafeInteger(expiresAt) || !Number.isSafeInteger(maxOpens) || maxOpens < 1 || maxOpens > MAX_SHARE_OPENS) return null
  return { organisation, kind, expiresAt, maxOpens }
}

async function upload(
  deps: ShareDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  planId: Uint8Array,
  shareId: string,
  q: URLSearchParams,
  token: string | null,
) {
  const params = uploadParams(q)
  if (!params) return fail(res, 400, 'bad-share', true)
  const declared = req.headers['content-length']
  const length = declared === undefined ? Number.NaN : Number(declared)
  if (!Number.isSafeInteger(length) || length < 1) return fail(res, 411, 'length-required', true)
  if (length > MAX_SHARE_BYTES) return fail(res, 413, 'share-too-large', true)
  const admission = await admitMemberRequest(deps, planId, token, 'write')
  if (!admission.ok) return fail(res, admission.status, admission.code, true)
  const plan = toHex(planId)
  try {
    const now = Date.now()
    if (params.expiresAt <= now || params.expiresAt > now + MAX_SHARE_MS) return fail(res, 400, 'share-expiry', true)
    // R18: only to an organisation the parents consent to now (R12)
    const allowed = mayShareWith(admission.room.state, admission.key, params.organisation, now)
    if (allowed !== 'ok') return fail(res, 403, allowed, true)
    if ((await deps.store.shares.liveCount(plan, now)) >= MAX_LIVE_SHARES_PER_PLAN) return fail(res, 413, 'share-quota-exceeded', true)
    const body = await readBody(req, length)
    if (!body) return fail(res, 400, 'length-mismatch', true)
    const stored = await deps.store.shares.put(
      {
        id: shareId,
        plan,
        by: admission.key,
        organisation: params.organisation,
        kind: params.kind,
        createdAt: now,
        expiresAt: params.expiresAt,
        maxOpens: params.maxOpens,
      },
      body,
      MAX_LIVE_SHARES_PER_PLAN,
      now,
    )
    if (stored === 'exists') return fail(res, 409, 'share-exists')
    if (stored === 'quota') return fail(res, 413, 'share-quota-exceeded')
    log('info', 'share-stored', { room: admission.room.name, bytes: body.length, kind: params.kind, opens: params.maxOpens })
    res.writeHead(201, JSON_HEADERS).end(JSON.stringify({ stored: shareId }))
  } finally {
    deps.rooms.release(admission.room)
  }
}

async function withdraw(deps: ShareDeps, res: http.ServerResponse, planId: Uint8Array, shareId: string, token: string | null) {
  const admission = await admitMemberRequest(deps, planId, token, 'read')
  if (!admission.ok) return fail(res, admission.status, admission.code)
  try {
    const share = await deps.store.shares.get(shareId)
    if (!share || share.plan !== toHex(planId)) return fail(res, 404, 'share-not-found')
    if (!mayWithdrawShare(admission.room.state, admission.key, share.by)) return fail(res, 403, 'share-not-yours')
    const withdrawn = await deps.store.shares.withdraw(shareId, Date.now())
    log('info', 'share-withdrawn', { room: admission.room.name, fresh: withdrawn })
    res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ withdrawn: shareId }))
  } finally {
    deps.rooms.release(admission.room)
  }
}

async function list(deps: ShareDeps, res: http.ServerResponse, planId: Uint8Array, token: string | null) {
  const admission = await admitMemberRequest(deps, planId, token, 'read')
  if (!admission.ok) return fail(res, admission.status, admission.code)
  try {
    const shares = (await deps.store.shares.forPlan(toHex(planId))).map((s) => ({
      id: s.id,
      by: s.by,
      organisation: s.organisation,
      kind: s.kind,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      maxOpens: s.maxOpens,
      openings: s.openings,
      withdrawnAt: s.withdrawnAt,
    }))
    res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ shares }))
  } finally {
    deps.rooms.release(admission.room)
  }
}

/** Why a link may not be opened now, or null when it may (the store still has the last word). */
function closedBecause(share: StoredShare | null, now: number): { status: number; code: string } | null {
  if (!share) return { status: 404, code: 'share-not-found' }
  if (share.withdrawnAt !== null) return { status: 410, code: 'share-withdrawn' }
  if (share.expiresAt <= now) return { status: 410, code: 'share-expired' }
  if (share.opens >= share.maxOpens || !share.held) return { status: 410, code: 'share-used-up' }
  return null
}

/** POST /sync/shared/<shareId>: one opening, by anyone holding the link. */
export async function openShare(deps: ShareDeps, req: http.IncomingMessage, res: http.ServerResponse, shareId: string, address: string): Promise<void> {
  if (req.method !== 'POST') return fail(res, 405, 'method-not-allowed', true)
  const now = Date.now()
  // before any lookup: guessing ids costs a stranger its rate, not the relay's disk
  if (!deps.perAddress.take(address, now)) return fail(res, 429, 'rate-limited', true)
  const share = await deps.store.shares.get(shareId)
  const closed = closedBecause(share, now)
  if (closed || !share) return fail(res, closed?.status ?? 404, closed?.code ?? 'share-not-found', true)
  // R18: the consent it was shared under must still be live (a withdrawal stops the link at once)
  const room = await openCurrent(deps.rooms, fromHex(share.plan))
  try {
    if (!consentLive(room.state, share.organisation, now)) return fail(res, 403, 'consent-missing', true)
  } finally {
    deps.rooms.release(room)
  }
  const opened = await deps.store.shares.open(shareId, now)
  if (!opened) {
    // another opening took the last one, or it ended in between: say which
    const after = closedBecause(await deps.store.shares.get(shareId), now)
    return fail(res, after?.status ?? 410, after?.code ?? 'share-used-up', true)
  }
  log('info', 'share-opened', { opens: opened.share.opens, maxOpens: opened.share.maxOpens })
  res
    .writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': opened.data.byteLength,
      'Cache-Control': 'no-store',
      [SHARE_HEADERS.by]: opened.share.by,
      [SHARE_HEADERS.expiresAt]: String(opened.share.expiresAt),
      [SHARE_HEADERS.opens]: String(opened.share.opens),
      [SHARE_HEADERS.maxOpens]: String(opened.share.maxOpens),
    })
    .end(opened.data)
}
