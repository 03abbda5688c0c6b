/**
 * Moving an attachment's pieces between a device and its relay (server/http/files.ts answers):
 * upload resumes where the relay stopped (it is asked which pieces it holds, and the same key
 * makes the same pieces again), download checks every piece against its address before it is
 * decrypted and the whole file against its hash after. Every request carries a fresh token, as a
 * socket does. Only ciphertext leaves the device.
 */
import {
  decryptPiece,
  encryptPiece,
  fileHash,
  fileHasher,
  hashParts,
  PIECE_FORMAT,
  type PieceFormat,
  pieceAddress,
  pieceCount,
  piecePlaintextBytes,
  plaintextPiece,
  type SigningKeyPair,
} from '../crypto'
import { FILE_REF_BYTES } from './blob'
import { createAuthToken } from './authToken'
import { bytesEqual, fromHex, toBase64Url, toHex } from './bytes'

/** The relay's paths, under its sync path so proxies and load balancers treat them as the plan's. */
export const FILES_PATH = /^\/sync\/([A-Za-z0-9_-]{43})\/files(?:\/([0-9a-f]{64}))?$/
/** What one attachment may be (issue 11: a report, a letter, a beschikking) */
export const MAX_FILE_BYTES = 25 * 1024 * 1024
/** addresses one "have" question may name: a file of MAX_FILE_BYTES is 25 pieces in format 1, 7 in format 2 */
export const MAX_HAVE_ADDRESSES = 64
/**
 * Pieces in flight at once, each way: the device encrypts or checks one while the relay stores
 * or reads the next (a piece at a time leaves both waiting on each other and on every fsync)
 */
export const PIECES_IN_FLIGHT = 4

/** The ref a `file` record names an attachment by (R17): from its id in the plan, so nothing else is kept. */
export function fileRefOf(attachmentId: string): Uint8Array {
  return hashParts('samenplan/file-ref/v1', new TextEncoder().encode(attachmentId)).slice(0, FILE_REF_BYTES)
}

/** What the plan keeps of a file (encrypted with the plan): enough to fetch, check and open it. */
export interface FileManifest {
  /** how its pieces are cut and sealed (src/crypto/filePieces.ts); a file keeps its format */
  format: PieceFormat
  /** hex addresses of its pieces, in order */
  pieces: string[]
  /** plaintext bytes */
  size: number
  /** hex hash of the plaintext (fileHash) */
  hash: string
}

export type FileTransferErrorCode =
  /** no answer from the relay: try again when online */
  | 'offline'
  /** the relay would not take or give it: not a member (any more), no right to write, a stale token */
  | 'refused'
  /** larger than an attachment may be, or the plan's file space is full */
  | 'too-large'
  | 'quota'
  /** the relay does not hold a piece */
  | 'missing'
  /** a piece or the whole does not match what the plan says: altered, swapped or cut off */
  | 'tampered'

export class FileTransferError extends Error {
  constructor(
    readonly code: FileTransferErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'FileTransferError'
  }
}

export interface TransferOptions {
  /** the relay's WebSocket base, `ws(s)://host/sync` */
  syncUrl: string
  identity: SigningKeyPair
  planId: Uint8Array
  fetch?: typeof fetch
  /** pieces done so far and in all */
  onProgress?(done: number, total: number): void
}

export function filesUrl(syncUrl: string, planId: Uint8Array, token: string, address?: string, have?: string[]): string {
  const base = `${syncUrl.replace(/^ws/, 'http').replace(/\/$/, '')}/${toBase64Url(planId)}/files`
  const query = `auth=${encodeURIComponent(token)}${have ? `&have=${have.join(',')}` : ''}`
  return address ? `${base}/${address}?${query}` : `${base}?${query}`
}

/** fetch failures where a kept-alive connection died under the request: the relay is there, the connection was not */
const DEAD_CONNECTION = new Set(['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])
/** a few, as a pool may hold several connections the relay closed at once */
const MAX_ATTEMPTS = 3

/**
 * One request with a fresh token. A request written to a kept-alive connection the relay had
 * just closed as idle fails before any answer (EPIPE, a reset): it is made again at once, with a
 * new token, as browsers do by themselves; the failed connection is gone from the pool by then.
 * Every request here may be repeated: a piece is content-addressed (the same PUT stores nothing
 * new), the rest are reads. A relay that is away (refused, no route) is not asked again.
 */
async function request(opts: TransferOptions, address: string | undefined, init: RequestInit, have?: string[]): Promise<Response> {
  let res: Response
  for (let attempt = 1; ; attempt++) {
    try {
      const token = createAuthToken(opts.identity, opts.planId, Date.now())
      res = await (opts.fetch ?? fetch)(filesUrl(opts.syncUrl, opts.planId, token, address, have), { cache: 'no-store', ...init })
      break
    } catch (err) {
      // fetch says only "fetch failed"; its cause says what broke
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      if (attempt < MAX_ATTEMPTS && cause?.code && DEAD_CONNECTION.has(cause.code)) continue
      throw new FileTransferError('offline', `the relay did not answer: ${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`)
    }
  }
  if (res.ok) return res
  const code = await res
    .json()
    .then((body: { error?: unknown }) => String(body.error ?? ''))
    .catch(() => '')
  if (res.status === 413) throw new FileTransferError(code === 'file-quota-exceeded' ? 'quota' : 'too-large', code, res.status)
  if (res.status === 404) throw new FileTransferError('missing', code || 'not found', res.status)
  if (res.status === 401 || res.status === 403 || res.status === 429) throw new FileTransferError('refused', code || `HTTP ${res.status}`, res.status)
  throw new FileTransferError('offline', `HTTP ${res.status} ${code}`, res.status)
}

/** The pieces of `plaintext` under `key`, each with its address (what the manifest lists). */
export function encryptFile(key: Uint8Array, plaintext: Uint8Array, format: PieceFormat = PIECE_FORMAT): { piece: Uint8Array; address: string }[] {
  const count = pieceCount(plaintext.length, format)
  return Array.from({ length: count }, (_, i) => {
    const piece = encryptPiece(key, i, count, plaintextPiece(plaintext, i, format), format)
    return { piece, address: toHex(pieceAddress(piece)) }
  })
}

/** The addresses of the pieces of `plaintext` under `key`. */
export function pieceAddresses(key: Uint8Array, plaintext: Uint8Array): string[] {
  return encryptFile(key, plaintext).map((p) => p.address)
}

/**
 * Runs `work` for every item, at most `limit` at once; the first failure stops the rest. Items
 * start in order: the synchronous part of `work` (encrypting a piece) runs for item i before i+1.
 */
export async function inFlight<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  let failed = false
  const lane = async () => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        await work(items[index]!, index)
      } catch (err) {
        failed = true
        throw err
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

/**
 * Uploads a file. A fresh upload encrypts and hashes each piece as it sends the ones before (the
 * device's work and the relay's overlap, and nothing is done over the whole file before the first
 * piece leaves); `resume` (after an error or a reload) first asks the relay which pieces it
 * holds, and sends only the rest. Resolves with the manifest once the relay holds every piece.
 */
export async function uploadFile(opts: TransferOptions, key: Uint8Array, plaintext: Uint8Array, { resume = false } = {}): Promise<FileManifest> {
  if (plaintext.length > MAX_FILE_BYTES) throw new FileTransferError('too-large', `a file may be at most ${MAX_FILE_BYTES} bytes`)
  const format = PIECE_FORMAT
  const count = pieceCount(plaintext.length, format)
  const pieceAt = (i: number) => encryptPiece(key, i, count, plaintextPiece(plaintext, i, format), format)
  if (resume) {
    const pieces = pieceAddresses(key, plaintext)
    await uploadPieces(opts, pieces, pieceAt)
    return { format, pieces, size: plaintext.length, hash: toHex(fileHash(plaintext)) }
  }
  const addresses: string[] = new Array(count)
  const hasher = fileHasher(plaintext.length)
  let done = 0
  opts.onProgress?.(0, count)
  await inFlight([...addresses.keys()], PIECES_IN_FLIGHT, async (i) => {
    // pieces start in order (inFlight), so the plaintext hash is fed in order
    hasher.update(plaintextPiece(plaintext, i, format))
    const piece = pieceAt(i)
    addresses[i] = toHex(pieceAddress(piece))
    await putPiece(opts, addresses[i]!, piece)
    opts.onProgress?.(++done, count)
  })
  return { format, pieces: addresses, size: plaintext.length, hash: toHex(hasher.digest()) }
}

function putPiece(opts: TransferOptions, address: string, piece: Uint8Array): Promise<Response> {
  return request(opts, address, { method: 'PUT', body: piece as Uint8Array<ArrayBuffer>, headers: { 'Content-Type': 'application/octet-stream' } })
}

/**
 * Uploads pieces already encrypted (`piece(i)` gives the i-th of `addresses`), those the relay
 * does not hold: how a device resumes from the ciphertext it kept, after a reload, with neither
 * the plaintext nor any work but the missing pieces.
 */
export async function uploadPieces(opts: TransferOptions, addresses: string[], piece: (index: number) => Uint8Array | Promise<Uint8Array>): Promise<void> {
  const held = new Set<string>()
  for (let i = 0; i < addresses.length; i += MAX_HAVE_ADDRESSES) {
    const ask = addresses.slice(i, i + MAX_HAVE_ADDRESSES)
    const body = (await (await request(opts, undefined, { method: 'GET' }, ask)).json()) as { have?: unknown }
    if (Array.isArray(body.have)) for (const a of body.have) if (typeof a === 'string') held.add(a)
  }
  let done = addresses.filter((a) => held.has(a)).length
  opts.onProgress?.(done, addresses.length)
  const missing = [...addresses.keys()].filter((i) => !held.has(addresses[i]!))
  await inFlight(missing, PIECES_IN_FLIGHT, async (i) => {
    await putPiece(opts, addresses[i]!, await piece(i))
    opts.onProgress?.(++done, addresses.length)
  })
}

/**
 * One piece from the relay as it came: nothing checked yet. Feed it to a `fileOpener`, which
 * checks its address before it decrypts (once: a piece is hashed a single time on its way in).
 */
export async function fetchRawPiece(opts: TransferOptions, address: string): Promise<Uint8Array> {
  return new Uint8Array(await (await request(opts, address, { method: 'GET' })).arrayBuffer())
}

/**
 * Opens a file piece by piece, in whatever order the pieces come: each is checked against its
 * address and decrypted into place as it arrives (while the others are still on the wire), the
 * plaintext hash is fed as the pieces before it are in, and `finish` checks the whole against the
 * plan's hash. Every failure is 'tampered'.
 */
export function fileOpener(key: Uint8Array, manifest: FileManifest): { add(index: number, piece: Uint8Array): void; finish(): Uint8Array } {
  const { format, size } = manifest
  const count = manifest.pieces.length
  if (count !== pieceCount(size, format)) throw new FileTransferError('tampered', 'the manifest does not fit the file size')
  const full = piecePlaintextBytes(format)
  const out = new Uint8Array(size)
  const hasher = fileHasher(size)
  const opened = new Array<boolean>(count).fill(false)
  let hashed = 0
  return {
    add(index, piece) {
      if (!Number.isInteger(index) || index < 0 || index >= count || opened[index])
        throw new FileTransferError('tampered', `piece ${index} does not belong here`)
      if (toHex(pieceAddress(piece)) !== manifest.pieces[index]) throw new FileTransferError('tampered', `piece ${index} is not the one the plan names`)
      let plain: Uint8Array
      try {
        plain = decryptPiece(key, index, count, piece, format)
      } catch {
        throw new FileTransferError('tampered', `piece ${index} does not decrypt with the file's key`)
      }
      const at = index * full
      if (plain.length !== Math.min(full, size - at)) throw new FileTransferError('tampered', `piece ${index} is not as long as the plan says`)
      out.set(plain, at)
      opened[index] = true
      for (; hashed < count && opened[hashed]; hashed++) hasher.update(out.subarray(hashed * full, Math.min(size, (hashed + 1) * full)))
    },
    finish() {
      if (hashed !== count) throw new FileTransferError('tampered', 'pieces are missing')
      if (!bytesEqual(hasher.digest(), fromHex(manifest.hash))) throw new FileTransferError('tampered', 'the file is not the one the plan names')
      return out
    },
  }
}

/**
 * Decrypts and checks a whole file from its pieces, wherever they came from (the relay, or the
 * device's own store, which is checked the same way: its disk is no more trusted than the relay).
 */
export function openPieces(key: Uint8Array, manifest: FileManifest, pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length !== manifest.pieces.length) throw new FileTransferError('tampered', 'the manifest does not fit the file size')
  const opener = fileOpener(key, manifest)
  for (const [i, piece] of pieces.entries()) opener.add(i, piece)
  return opener.finish()
}

/** Downloads, checks and decrypts a file, each piece as it arrives; throws 'tampered' for anything that does not match the manifest. */
export async function downloadFile(opts: TransferOptions, key: Uint8Array, manifest: FileManifest): Promise<Uint8Array> {
  const opener = fileOpener(key, manifest)
  const count = manifest.pieces.length
  let done = 0
  await inFlight(manifest.pieces, PIECES_IN_FLIGHT, async (address, i) => {
    opener.add(i, await fetchRawPiece(opts, address))
    opts.onProgress?.(++done, count)
  })
  return opener.finish()
}
