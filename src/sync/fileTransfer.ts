/**
 * Moving an attachment's pieces between a device and its relay (server/http/files.ts answers):
 * upload resumes where the relay stopped (it is asked which pieces it holds, and the same key
 * makes the same pieces again), download checks every piece against its address before it is
 * decrypted and the whole file against its hash after. Every request carries a fresh token, as a
 * socket does. Only ciphertext leaves the device.
 */
import { decryptPiece, encryptPiece, FILE_PIECE_PLAINTEXT_BYTES, fileHash, pieceAddress, pieceCount, plaintextPiece, type SigningKeyPair } from '../crypto'
import { createAuthToken } from './authToken'
import { bytesEqual, fromHex, toBase64Url, toHex } from './bytes'

/** The relay's paths, under its sync path so proxies and load balancers treat them as the plan's. */
export const FILES_PATH = /^\/sync\/([A-Za-z0-9_-]{43})\/files(?:\/([0-9a-f]{64}))?$/
/** What one attachment may be (issue 11: a report, a letter, a beschikking) */
export const MAX_FILE_BYTES = 25 * 1024 * 1024
/** addresses one "have" question may name: a file of MAX_FILE_BYTES is 25 pieces */
export const MAX_HAVE_ADDRESSES = 64

/** What the plan keeps of a file (encrypted with the plan): enough to fetch, check and open it. */
export interface FileManifest {
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

async function request(opts: TransferOptions, address: string | undefined, init: RequestInit, have?: string[]): Promise<Response> {
  const token = createAuthToken(opts.identity, opts.planId, Date.now())
  let res: Response
  try {
    res = await (opts.fetch ?? fetch)(filesUrl(opts.syncUrl, opts.planId, token, address, have), { cache: 'no-store', ...init })
  } catch (err) {
    throw new FileTransferError('offline', `the relay did not answer: ${(err as Error).message}`)
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

/** The addresses of the pieces of `plaintext` under `key` (what the manifest lists). */
export function pieceAddresses(key: Uint8Array, plaintext: Uint8Array): string[] {
  const count = pieceCount(plaintext.length)
  return Array.from({ length: count }, (_, i) => toHex(pieceAddress(encryptPiece(key, i, count, plaintextPiece(plaintext, i)))))
}

/**
 * Uploads the file's pieces the relay does not hold yet; resolves with the manifest once the relay
 * holds all. Call it again after an error: it goes on where it stopped.
 */
export async function uploadFile(opts: TransferOptions, key: Uint8Array, plaintext: Uint8Array): Promise<FileManifest> {
  if (plaintext.length > MAX_FILE_BYTES) throw new FileTransferError('too-large', `a file may be at most ${MAX_FILE_BYTES} bytes`)
  const pieces = pieceAddresses(key, plaintext)
  await uploadPieces(opts, pieces, (i) => encryptPiece(key, i, pieces.length, plaintextPiece(plaintext, i)))
  return { pieces, size: plaintext.length, hash: toHex(fileHash(plaintext)) }
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
  for (const [i, address] of addresses.entries()) {
    if (held.has(address)) continue
    const bytes = await piece(i)
    await request(opts, address, { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer>, headers: { 'Content-Type': 'application/octet-stream' } })
    opts.onProgress?.(++done, addresses.length)
  }
}

/** One piece from the relay, checked against its address before anyone decrypts it. */
export async function fetchPiece(opts: TransferOptions, address: string, index = 0): Promise<Uint8Array> {
  const piece = new Uint8Array(await (await request(opts, address, { method: 'GET' })).arrayBuffer())
  if (toHex(pieceAddress(piece)) !== address) throw new FileTransferError('tampered', `piece ${index} is not the one the plan names`)
  return piece
}

/**
 * Decrypts and checks a whole file from its pieces, wherever they came from (the relay, or the
 * device's own store, which is checked the same way: its disk is no more trusted than the relay).
 */
export function openPieces(key: Uint8Array, manifest: FileManifest, pieces: readonly Uint8Array[]): Uint8Array {
  const count = manifest.pieces.length
  if (count !== pieceCount(manifest.size) || pieces.length !== count) throw new FileTransferError('tampered', 'the manifest does not fit the file size')
  const out = new Uint8Array(manifest.size)
  for (const [i, piece] of pieces.entries()) {
    if (toHex(pieceAddress(piece)) !== manifest.pieces[i]) throw new FileTransferError('tampered', `piece ${i} is not the one the plan names`)
    let plain: Uint8Array
    try {
      plain = decryptPiece(key, i, count, piece)
    } catch {
      throw new FileTransferError('tampered', `piece ${i} does not decrypt with the file's key`)
    }
    const at = i * FILE_PIECE_PLAINTEXT_BYTES
    if (at + plain.length > out.length) throw new FileTransferError('tampered', 'the file is longer than the plan says')
    out.set(plain, at)
  }
  if (!bytesEqual(fileHash(out), fromHex(manifest.hash))) throw new FileTransferError('tampered', 'the file is not the one the plan names')
  return out
}

/** Downloads, checks and decrypts a file; throws 'tampered' for anything that does not match the manifest. */
export async function downloadFile(opts: TransferOptions, key: Uint8Array, manifest: FileManifest): Promise<Uint8Array> {
  const count = manifest.pieces.length
  if (count !== pieceCount(manifest.size)) throw new FileTransferError('tampered', 'the manifest does not fit the file size')
  const pieces: Uint8Array[] = []
  for (const [i, address] of manifest.pieces.entries()) {
    pieces.push(await fetchPiece(opts, address, i))
    opts.onProgress?.(i + 1, count)
  }
  return openPieces(key, manifest, pieces)
}
