/**
 * Attachment pieces over HTTP (src/crypto/filePieces.ts has the format):
 *   PUT /sync/<planId>/files/<address>?auth=<token>   store one piece (body: its ciphertext)
 *   GET /sync/<planId>/files/<address>?auth=<token>   fetch one piece
 *   GET /sync/<planId>/files?have=<a>,<b>…&auth=<token>  which of these the plan holds (resuming)
 * Each request is admitted like a socket (server/admission.ts `admitMemberRequest`): a fresh,
 * single-use token of a member; writing takes a role that writes content. Every limit is checked
 * before the body is read: its declared length (one piece at most), the plan's file quota (with
 * the pieces being received). The body goes to a spool file as it arrives, hashed on the way
 * (spoolBody.ts), and must hash to its address before it is stored. A store of files (SQLite)
 * takes the spool file by a rename and streams a download from the piece's file: no piece is held
 * in memory. A store that takes a piece as one value (PostgreSQL) needs it in memory, within the
 * relay's piece memory (pieceMemory.ts), and only once the body is whole, or while it is sent.
 * A transfer either way that moves less than the minimum rate is cut (minRate.ts), so a slow or
 * hostile member holds a connection and a spool file for one window, never the memory others
 * need. Ciphertext only: the relay never sees a file key, name or type.
 */
import fs from 'node:fs/promises'
import type http from 'node:http'
import { Readable } from 'node:stream'
import { FILE_PIECE_MAX_BYTES } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { referencedPieces } from '../../src/sync/roomAccess'
import { MAX_HAVE_ADDRESSES } from '../../src/sync/fileTransfer'
import { admitMemberRequest, type AdmissionDeps } from '../admission'
import { describeError, log } from '../log'
import type { KeyedBuckets } from '../rateLimit'
import type { Spool } from '../storage/spool'
import { type RatePolicy, streamAtLeast } from './minRate'
import type { PieceMemory } from './pieceMemory'
import { spoolBody } from './spoolBody'

export interface FileDeps extends Pick<AdmissionDeps, 'store' | 'rooms'> {
  perKey: KeyedBuckets
  planFileQuotaBytes: number
  pieceMemory: PieceMemory
  spool: Spool
  /** the least a transfer must move (RELAY_FILE_MIN_BYTES_PER_S over RELAY_FILE_RATE_WINDOW_MS) */
  rate: RatePolicy
  /** transfers under way now (the health view) */
  transfers: { receiving: number; sending: number }
}

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }
/** a piece held in memory is sent in slices, so the rate it leaves at can be told */
const SEND_SLICE_BYTES = 64 * 1024

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
  let reserved = 0
  try {
    // pieces being received count as stored: a device sends several at once, and each checked
    // alone before any was stored would pass together over the quota. The in-flight bytes are read
    // after the store answered, in the same turn of the event loop as this one's room is taken.
    if ((await deps.store.files.planFileBytes(plan)) + (inFlight.get(plan) ?? 0) + length > deps.planFileQuotaBytes) {
      // a member's device is sending this body now: the connection stays and Node reads the rest
      // (at most one piece) and drops it, so the answer is not lost to a reset and the device
      // hears "full" (and stops), not a broken connection it would retry for ever
      return fail(res, 413, 'file-quota-exceeded')
    }
    reserved = length
    inFlight.set(plan, (inFlight.get(plan) ?? 0) + reserved)
    const file = deps.spool.fileFor()
    let outcome: UploadOutcome
    try {
      outcome = await receiveAndStore(deps, req, plan, address, length, file)
    } finally {
      // whatever happened, before the answer: a body moved into place is gone from the spool already
      await deps.spool.remove(file).catch((err) => log('error', 'file-spool-remove-failed', describeError(err)))
    }
    if ('error' in outcome) {
      if (outcome.error === 'too-slow') log('info', 'file-transfer-too-slow', { room: admission.room.name, direction: 'up' })
      return fail(res, outcome.status, outcome.error, outcome.bodyUnread)
    }
    log('info', 'file-piece-stored', { room: admission.room.name, bytes: length, fresh: outcome.fresh })
    res.writeHead(outcome.fresh ? 201 : 200, JSON_HEADERS).end(JSON.stringify({ stored: address }))
  } finally {
    if (reserved > 0) {
      const left = (inFlight.get(plan) ?? 0) - reserved
      if (left > 0) inFlight.set(plan, left)
      else inFlight.delete(plan)
    }
    deps.rooms.release(admission.room)
  }
}

type UploadOutcome = { fresh: boolean } | { status: number; error: string; bodyUnread: boolean }

async function receiveAndStore(deps: FileDeps, req: http.IncomingMessage, plan: string, address: string, length: number, file: string): Promise<UploadOutcome> {
  deps.transfers.receiving++
  const body = await spoolBody(req, length, file, deps.rate).finally(() => deps.transfers.receiving--)
  if (!body.ok) {
    // 408: a device sends the piece again later, as after any broken connection
    const status = body.why === 'too-slow' ? 408 : body.why === 'spool-failed' ? 507 : 400
    return { status, error: body.why, bodyUnread: true }
  }
  if (body.address !== address) return { status: 400, error: 'address-mismatch', bodyUnread: false }
  return { fresh: await storeSpooled(deps, plan, address, file, length) }
}

/** A whole, checked body from its spool file into the store. */
async function storeSpooled(deps: FileDeps, plan: string, address: string, file: string, length: number): Promise<boolean> {
  const files = deps.store.files
  if (files.putPieceFile) return files.putPieceFile(plan, address, file, Date.now())
  // a store that takes a piece as one value: in memory for the insert only, the body already whole
  const releaseMemory = await deps.pieceMemory.take(length)
  try {
    return await files.putPiece(plan, address, await fs.readFile(file), Date.now())
  } finally {
    releaseMemory()
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
  const plan = toHex(planId)
  const files = deps.store.files
  let releaseMemory = () => {}
  try {
    // R17: only what the plan references (a file record names it, and no drop since)
    if (!referencedPieces(admission.room.state).has(address)) return fail(res, 404, 'unknown-piece')
    if (files.openPiece) {
      const opened = await files.openPiece(plan, address)
      if (!opened) return fail(res, 404, 'unknown-piece')
      // the stream closes the file when it ends, however it ends
      return await send(deps, req, res, admission.room.name, opened.handle.createReadStream(), opened.size)
    }
    // a piece's size is known only once read: the largest a piece may be is asked for
    releaseMemory = await deps.pieceMemory.take(FILE_PIECE_MAX_BYTES)
    // gone while it waited: nobody to send it to
    if (req.destroyed) return
    const piece = await files.getPiece(plan, address)
    if (!piece) return fail(res, 404, 'unknown-piece')
    // held until the response is done, its connection closed, or it is cut for being too slow
    await send(deps, req, res, admission.room.name, Readable.from(slices(piece), { objectMode: false }), piece.byteLength)
  } finally {
    releaseMemory()
    deps.rooms.release(admission.room)
  }
}

function* slices(piece: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < piece.byteLength; at += SEND_SLICE_BYTES) yield piece.subarray(at, at + SEND_SLICE_BYTES)
}

/** Sends a piece as fast as the reader takes it, cut if that is below the minimum rate. */
async function send(deps: FileDeps, req: http.IncomingMessage, res: http.ServerResponse, room: string, body: Readable, size: number): Promise<void> {
  if (req.destroyed || res.destroyed) return void body.destroy()
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-store' })
  deps.transfers.sending++
  try {
    const sent = await streamAtLeast(deps.rate, body, res, size)
    // the status is out already: all a cut can do is close the connection (done)
    if (sent === 'too-slow') log('info', 'file-transfer-too-slow', { room, direction: 'down' })
  } finally {
    deps.transfers.sending--
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
