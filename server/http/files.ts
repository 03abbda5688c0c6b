/**
 * Attachment pieces over HTTP (src/crypto/filePieces.ts has the format):
 *   PUT /sync/<planId>/files/<address>?auth=<token>   store one piece (body: its ciphertext)
 *   GET /sync/<planId>/files/<address>?auth=<token>   fetch one piece
 *   GET /sync/<planId>/files?have=<a>,<b>…&auth=<token>  which of these the plan holds (resuming)
 * Each request is admitted like a socket (server/admission.ts `admitMemberRequest`): a fresh,
 * single-use token of a member; writing takes a role that writes content. Every limit is checked
 * before the body is read: its declared length (one piece at most), the plan's file quota. The
 * body must hash to its address. A piece is held in memory only within the relay's piece memory
 * (pieceMemory.ts): a request waits for its share before it reads a byte, so many uploads at once
 * hold no more than that. Ciphertext only: the relay never sees a file key, name or type.
 */
import type http from 'node:http'
import { FILE_PIECE_MAX_BYTES, pieceAddress } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { referencedPieces } from '../../src/sync/roomAccess'
import { MAX_HAVE_ADDRESSES } from '../../src/sync/fileTransfer'
import { admitMemberRequest, type AdmissionDeps } from '../admission'
import { describeError, log } from '../log'
import type { KeyedBuckets } from '../rateLimit'
import type { PieceMemory } from './pieceMemory'

export interface FileDeps extends Pick<AdmissionDeps, 'store' | 'rooms'> {
  perKey: KeyedBuckets
  planFileQuotaBytes: number
  pieceMemory: PieceMemory
}

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }

/** Answers an error; a body not read is not waited for (the connection closes after it). */
function fail(res: http.ServerResponse, status: number, code: string, bodyUnread = false): void {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, bodyUnread ? { ...JSON_HEADERS, Connection: 'close' } : JSON_HEADERS).end(JSON.stringify({ error: code }))
}

export async function serveFiles(
  deps: FileDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  planId: Uint8Array,
  address: string | null,
  searchParams: URLSearchParams,
): Promise<void> {
  const token = searchParams.get('auth')
  if (req.method === 'PUT' && address) return upload(deps, req, res, planId, address, token)
  if (req.method !== 'GET') return fail(res, 405, 'method-not-allowed', true)
  if (address) return download(deps, req, res, planId, address, token)
  return have(deps, res, planId, searchParams.get('have'), token)
}

async function upload(deps: FileDeps, req: http.IncomingMessage, res: http.ServerResponse, planId: Uint8Array, address: string, token: string | null) {
  const declared = req.headers['content-length']
  const length = declared === undefined ? Number.NaN : Number(declared)
  if (!Number.isSafeInteger(length) || length < 0) return fail(res, 411, 'length-required', true)
  if (length > FILE_PIECE_MAX_BYTES) return fail(res, 413, 'piece-too-large', true)
  const admission = await admitMemberRequest(deps, planId, token, 'write')
  if (!admission.ok) return fail(res, admission.status, admission.code, true)
  const plan = toHex(planId)
  const inFlight = inFlightOf(deps.store.files)
  let releaseMemory = () => {}
  let reserved = 0
  try {
    // pieces being received count as stored: a device sends several at once, and each checked
    // alone before any was stored would pass together over the quota
    const overQuota = async () => (await deps.store.files.planFileBytes(plan)) + (inFlight.get(plan) ?? 0) + length > deps.planFileQuotaBytes
    if (await overQuota()) return fail(res, 413, 'file-quota-exceeded', true)
    releaseMemory = await deps.pieceMemory.take(length)
    // the plan may have filled up while this one waited its turn: asked again before a byte is read,
    // and its room taken in the same turn of the event loop as the answer
    if (await overQuota()) return fail(res, 413, 'file-quota-exceeded', true)
    reserved = length
    inFlight.set(plan, (inFlight.get(plan) ?? 0) + reserved)
    const body = await readBody(req, length)
    if (!body) return fail(res, 400, 'length-mismatch', true)
    if (toHex(pieceAddress(body)) !== address) return fail(res, 400, 'address-mismatch')
    const stored = await deps.store.files.putPiece(plan, address, body, Date.now())
    log('info', 'file-piece-stored', { room: admission.room.name, bytes: body.length, fresh: stored })
    res.writeHead(stored ? 201 : 200, JSON_HEADERS).end(JSON.stringify({ stored: address }))
  } finally {
    if (reserved > 0) {
      const left = (inFlight.get(plan) ?? 0) - reserved
      if (left > 0) inFlight.set(plan, left)
      else inFlight.delete(plan)
    }
    releaseMemory()
    deps.rooms.release(admission.room)
  }
}

/** Bytes of pieces being received per plan, per store (one relay process; across relays the quota may still be passed by what is in flight at once). */
const inFlightByStore = new WeakMap<object, Map<string, number>>()
function inFlightOf(store: object): Map<string, number> {
  let map = inFlightByStore.get(store)
  if (!map) inFlightByStore.set(store, (map = new Map()))
  return map
}

async function download(deps: FileDeps, req: http.IncomingMessage, res: http.ServerResponse, planId: Uint8Array, address: string, token: string | null) {
  const admission = await admitMemberRequest(deps, planId, token, 'read')
  if (!admission.ok) return fail(res, admission.status, admission.code)
  let releaseMemory = () => {}
  try {
    // R17: only what the plan references (a file record names it, and no drop since)
    if (!referencedPieces(admission.room.state).has(address)) return fail(res, 404, 'unknown-piece')
    // a piece's size is known only once read: the largest a piece may be is asked for
    releaseMemory = await deps.pieceMemory.take(FILE_PIECE_MAX_BYTES)
    // gone while it waited: nobody to send it to
    if (req.destroyed) return
    const piece = await deps.store.files.getPiece(toHex(planId), address)
    if (!piece) return fail(res, 404, 'unknown-piece')
    if (req.destroyed || res.destroyed) return
    // held until the response is done or its connection closed (checked just above, so the event is still to come)
    const sent = new Promise<void>((resolve) => res.once('close', resolve))
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': piece.byteLength, 'Cache-Control': 'no-store' }).end(piece)
    await sent
  } finally {
    releaseMemory()
    deps.rooms.release(admission.room)
  }
}

async function have(deps: FileDeps, res: http.ServerResponse, planId: Uint8Array, list: string | null, token: string | null) {
  const addresses = list ? list.split(',') : []
  if (addresses.length === 0 || addresses.length > MAX_HAVE_ADDRESSES || !addresses.every((a) => /^[0-9a-f]{64}$/.test(a))) {
    return fail(res, 400, 'bad-have')
  }
  const admission = await admitMemberRequest(deps, planId, token, 'read')
  if (!admission.ok) return fail(res, admission.status, admission.code)
  try {
    res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ have: await deps.store.files.havePieces(toHex(planId), addresses) }))
  } finally {
    deps.rooms.release(admission.room)
  }
}

/** The body, if it is exactly `length` bytes; null if it is longer, shorter or broken off. */
export function readBody(req: http.IncomingMessage, length: number): Promise<Uint8Array | null> {
  // broken off while it waited for its share of memory: no event will come any more
  if (req.destroyed) return Promise.resolve(null)
  return new Promise((resolve) => {
    const body = new Uint8Array(length)
    let at = 0
    let done = false
    const finish = (result: Uint8Array | null) => {
      if (done) return
      done = true
      resolve(result)
    }
    req.on('data', (chunk: Buffer) => {
      if (at + chunk.length > length) {
        // more than it declared: stop reading now, not at the end
        req.destroy()
        return finish(null)
      }
      body.set(chunk, at)
      at += chunk.length
    })
    req.on('end', () => finish(at === length ? body : null))
    req.on('aborted', () => finish(null))
    // a connection closed without 'aborted' (or after it was emitted): never wait on it
    req.on('close', () => finish(at === length ? body : null))
    req.on('error', (err) => {
      log('warn', 'file-upload-broken', describeError(err))
      finish(null)
    })
  })
}
