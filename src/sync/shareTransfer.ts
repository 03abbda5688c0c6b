/**
 * Shared extracts over HTTP (server/http/shares.ts answers; docs/PROTOCOL.md has the routes):
 *   PUT    /sync/<planId>/shares/<shareId>?auth=…&org=…&kind=…&expires=…&opens=…   store one (member that writes)
 *   DELETE /sync/<planId>/shares/<shareId>?auth=…                                  withdraw (its sharer or an admin)
 *   GET    /sync/<planId>/shares?auth=…                                            the plan's links and their openings
 *   POST   /sync/shared/<shareId>                                                  open: counted, no account
 * A member's request carries a fresh signed token, as a socket does; opening carries nothing but
 * the share id (the key stays in the fragment). Only ciphertext travels.
 */
import type { SigningKeyPair } from '../crypto'
import { createAuthToken } from './authToken'
import { fromHex, toBase64Url, toHex } from './bytes'
import { SHARE_KINDS, type ShareKind } from './sharedExtract'

/** A plan's links, under its sync path so proxies and load balancers treat them as the plan's. */
export const SHARES_PATH = /^\/sync\/([A-Za-z0-9_-]{43})\/shares(?:\/([A-Za-z0-9_-]{22}))?$/
/** Opening a link: no plan id (the recipient need not learn it), only the share id. */
export const SHARE_OPEN_PATH = /^\/sync\/shared\/([A-Za-z0-9_-]{22})$/

/** The relay's answer headers on an opening: what the opener checks the extract against. */
export const SHARE_HEADERS = {
  /** hex key of the member who stored it: the extract must be signed by it */
  by: 'x-share-by',
  expiresAt: 'x-share-expires',
  /** openings so far, this one included, and how many the link allows */
  opens: 'x-share-opens',
  maxOpens: 'x-share-max-opens',
} as const

export class ShareTransferError extends Error {
  constructor(
    /** the relay's error code (docs/ERRORS.md), or `offline` when it did not answer */
    readonly code: string,
    readonly status?: number,
  ) {
    super(code)
    this.name = 'ShareTransferError'
  }
}

export interface ShareRequestOptions {
  /** the relay's WebSocket base, `ws(s)://host/sync` */
  syncUrl: string
  identity: SigningKeyPair
  planId: Uint8Array
  fetch?: typeof fetch
}

/** One link as the relay lists it to the plan's members. */
export interface ShareListing {
  /** base64url */
  id: string
  /** hex key of the member who shared it */
  by: string
  /** hex organisation id it is for */
  organisation: string
  kind: ShareKind
  createdAt: number
  expiresAt: number
  maxOpens: number
  /** ms of every opening, oldest first */
  openings: number[]
  /** ms, null while not withdrawn */
  withdrawnAt: number | null
}

export interface ShareUpload {
  shareId: Uint8Array
  organisationId: string
  kind: ShareKind
  expiresAt: number
  maxOpens: number
  /** sealExtract's output */
  bytes: Uint8Array
}

function httpBase(syncUrl: string): string {
  return syncUrl.replace(/^ws/, 'http').replace(/\/$/, '')
}

export function sharesUrl(syncUrl: string, planId: Uint8Array, token: string, shareId?: Uint8Array, extra: Record<string, string> = {}): string {
  const base = `${httpBase(syncUrl)}/${toBase64Url(planId)}/shares${shareId ? `/${toBase64Url(shareId)}` : ''}`
  return `${base}?${new URLSearchParams({ auth: token, ...extra }).toString()}`
}

export function shareOpenUrl(syncUrl: string, shareId: Uint8Array): string {
  return `${httpBase(syncUrl)}/shared/${toBase64Url(shareId)}`
}

async function send(doFetch: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  let res: Response
  try {
    res = await doFetch(url, { cache: 'no-store', credentials: 'omit', ...init })
  } catch {
    throw new ShareTransferError('offline')
  }
  if (res.ok) return res
  const code = await res
    .json()
    .then((body: { error?: unknown }) => String(body.error ?? ''))
    .catch(() => '')
  throw new ShareTransferError(code || `http-${res.status}`, res.status)
}

function memberRequest(opts: ShareRequestOptions, init: RequestInit, shareId?: Uint8Array, extra?: Record<string, string>): Promise<Response> {
  const token = createAuthToken(opts.identity, opts.planId, Date.now())
  return send(opts.fetch ?? fetch, sharesUrl(opts.syncUrl, opts.planId, token, shareId, extra), init)
}

export async function uploadShare(opts: ShareRequestOptions, upload: ShareUpload): Promise<void> {
  await memberRequest(
    opts,
    { method: 'PUT', body: upload.bytes as Uint8Array<ArrayBuffer>, headers: { 'Content-Type': 'application/octet-stream' } },
    upload.shareId,
    { org: upload.organisationId, kind: upload.kind, expires: String(upload.expiresAt), opens: String(upload.maxOpens) },
  )
}

export async function withdrawShare(opts: ShareRequestOptions, shareId: Uint8Array): Promise<void> {
  await memberRequest(opts, { method: 'DELETE' }, shareId)
}

export async function listShares(opts: ShareRequestOptions): Promise<ShareListing[]> {
  const body = (await (await memberRequest(opts, { method: 'GET' })).json()) as { shares?: unknown }
  return Array.isArray(body.shares) ? body.shares.flatMap((s) => readListing(s)) : []
}

/** A listing as the relay sent it; one that does not fit is left out, not trusted half. */
function readListing(v: unknown): ShareListing[] {
  if (typeof v !== 'object' || v === null) return []
  const s = v as Record<string, unknown>
  const num = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x)
  if (typeof s.id !== 'string' || typeof s.by !== 'string' || typeof s.organisation !== 'string') return []
  if (!SHARE_KINDS.includes(s.kind as ShareKind) || !num(s.createdAt) || !num(s.expiresAt) || !num(s.maxOpens)) return []
  if (!Array.isArray(s.openings) || !s.openings.every(num) || !(s.withdrawnAt === null || num(s.withdrawnAt))) return []
  return [
    {
      id: s.id,
      by: s.by,
      organisation: s.organisation,
      kind: s.kind as ShareKind,
      createdAt: s.createdAt as number,
      expiresAt: s.expiresAt as number,
      maxOpens: s.maxOpens as number,
      openings: s.openings as number[],
      withdrawnAt: s.withdrawnAt as number | null,
    },
  ]
}

export interface FetchedShare {
  bytes: Uint8Array
  /** hex key of the member who stored it */
  by: string
  expiresAt: number
  opens: number
  maxOpens: number
}

/** Opens a link at the relay: counts as one opening (refused once expired, withdrawn or used up). */
export async function fetchShare(syncUrl: string, shareId: Uint8Array, doFetch: typeof fetch = fetch): Promise<FetchedShare> {
  const res = await send(doFetch, shareOpenUrl(syncUrl, shareId), { method: 'POST' })
  const header = (name: string) => res.headers.get(name) ?? ''
  const by = header(SHARE_HEADERS.by)
  // the opener checks the signature against this key: a malformed one is no answer
  try {
    if (toHex(fromHex(by)) !== by || by.length !== 64) throw new Error()
  } catch {
    throw new ShareTransferError('share-malformed')
  }
  return {
    bytes: new Uint8Array(await res.arrayBuffer()),
    by,
    expiresAt: Number(header(SHARE_HEADERS.expiresAt)),
    opens: Number(header(SHARE_HEADERS.opens)),
    maxOpens: Number(header(SHARE_HEADERS.maxOpens)),
  }
}
