/**
 * Attachments on one open plan: adding a file (encrypted here, its ciphertext kept on this device
 * until the relay holds it, its key and metadata written into the plan), sending what waits
 * whenever the relay can be reached, opening a file on demand and keeping one for offline use.
 * The UI gets plaintext bytes from `open` and codes from errors; it never sees a key or a piece.
 *
 * What waits survives a reload: the pieces are on disk (attachmentStore.ts) and the same key
 * always makes the same pieces, so sending them later is the same upload, resumed where the relay
 * stopped (the relay is asked which it holds).
 */
import type * as Y from 'yjs'
import { encryptPiece, fileHash, generateFileKey, PIECE_FORMAT, pieceAddress, pieceCount, plaintextPiece } from '../../crypto'
import { checkAttachmentFile, createAttachments, randomId, type Attachment, type AttachmentPlace, PlanError } from '../../plan'
import { roleAtLeast } from '../../sync/blob'
import { fromBase64Url, toBase64Url, toHex } from '../../sync/bytes'
import {
  type FileManifest,
  FileTransferError,
  fetchRawPiece,
  fileOpener,
  inFlight,
  PIECES_IN_FLIGHT,
  type TransferOptions,
  uploadPieces,
} from '../../sync/fileTransfer'
import { AccessError } from '../errors'
import type { Role } from '../types'
import { type AttachmentStore, KEPT_STORE, UPLOADS_STORE } from './attachmentStore'

/** A file as the UI hands it over: from an <input type=file> or a drop. */
export interface FileToAttach {
  name: string
  /** the browser's MIME type ('' when it does not know) */
  type: string
  bytes: Uint8Array
}

export interface TransferProgress {
  op: 'upload' | 'download'
  /** pieces done, of total */
  done: number
  total: number
}

/** What this device knows of an attachment beyond the plan: never stored in the plan. */
export interface AttachmentLocalState {
  /** added on this device and not yet held by the relay ("wacht op verbinding") */
  waiting: boolean
  /** its encrypted pieces are kept on this device ("op dit apparaat") */
  kept: boolean
  /** a transfer under way */
  progress: TransferProgress | null
  /** the code of the last transfer that failed (FileTransferError codes), until one succeeds */
  error: string | null
}

export interface AttachmentsDeps {
  doc: Y.Doc
  me: string
  role(): Role
  isMine(memberKey: string): boolean
  /** who asks the relay, and where */
  transfer(): Omit<TransferOptions, 'onProgress'>
  /** whether the relay can be reached now (the socket is admitted) */
  online(): boolean
  store: AttachmentStore
  /** tells the relay the plan now references this attachment's pieces (R17: a signed `file` add) */
  announceFile(id: string, manifest: FileManifest): void
  /** tells the relay the plan no longer references them (a `file` drop), so it deletes them */
  dropFile(id: string): void
  /** the count of waiting attachments changed (the sync status shows it) */
  waitingChanged(): void
  /** how long a 429 is waited out (RATE_RETRY_MS; shorter in tests) */
  rateRetryMs?: number
}

/**
 * The relay takes a limited number of file requests a second per key (RELAY_MAX_FILE_REQUESTS_PER_S,
 * 20 by default) and answers 429 beyond it: a 25-piece file on a fast line meets that. Such an
 * answer is waited out, a second at a time (the limit's window), rather than left until the next
 * connection; every retry goes on where the last stopped, so this bounds time, not work.
 */
export const RATE_RETRY_MS = 1000
export const MAX_RATE_RETRIES = 60

async function retryWhenRateLimited<T>(work: () => Promise<T>, waitMs = RATE_RETRY_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work()
    } catch (err) {
      if (!(err instanceof FileTransferError && err.status === 429) || attempt >= MAX_RATE_RETRIES) throw err
      await new Promise((r) => setTimeout(r, waitMs))
    }
  }
}

export function manifestOf(a: Pick<Attachment, 'format' | 'pieces' | 'size' | 'hash'>): FileManifest {
  return { format: a.format, pieces: a.pieces, size: a.size, hash: a.hash }
}

export class SessionAttachments {
  private readonly model
  private readonly waitingIds = new Set<string>()
  /** In the plan, its pieces still being stored here: waiting too, but not yet sendable. */
  private readonly storingIds = new Set<string>()
  private readonly keptIds = new Set<string>()
  private readonly progress = new Map<string, TransferProgress>()
  private readonly errors = new Map<string, string>()
  private readonly listeners = new Set<(id: string) => void>()
  private sending: Promise<void> | null = null
  private sendAgain = false
  private closed = false

  constructor(private readonly deps: AttachmentsDeps) {
    this.model = createAttachments(deps.doc)
  }

  /** What an earlier visit left waiting or kept; then sends what waits, if it can. */
  async load(): Promise<void> {
    const [uploads, kept] = await Promise.all([this.deps.store.holds(UPLOADS_STORE), this.deps.store.holds(KEPT_STORE)])
    for (const h of uploads) this.waitingIds.add(h.id)
    for (const h of kept) this.keptIds.add(h.id)
    this.deps.waitingChanged()
    void this.sendWaiting()
  }

  /** How many attachments added here wait for the relay. */
  waiting(): number {
    return this.waitingIds.size + this.storingIds.size
  }

  state(id: string): AttachmentLocalState {
    return {
      waiting: this.waitingIds.has(id) || this.storingIds.has(id),
      kept: this.keptIds.has(id),
      progress: this.progress.get(id) ?? null,
      error: this.errors.get(id) ?? null,
    }
  }

  /** Calls back with an attachment's id whenever its local state (waiting, kept, progress, error) changes. */
  onChange(listener: (id: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(id: string): void {
    for (const l of [...this.listeners]) l(id)
  }

  /**
   * Encrypts the file, keeps its pieces here, writes it into the plan and sends it when it can.
   * PlanError 'file-type' / 'file-too-large' before any work; AccessError 'forbidden' for a reader.
   */
  async attach(file: FileToAttach, place: AttachmentPlace, now = Date.now()): Promise<string> {
    const { name, type } = checkAttachmentFile({ name: file.name, type: file.type, size: file.bytes.length })
    if (!roleAtLeast(this.deps.role(), 'contributor')) throw new AccessError('forbidden', 'a reader adds no attachments')
    const key = generateFileKey()
    const format = PIECE_FORMAT
    const count = pieceCount(file.bytes.length, format)
    const pieces = Array.from({ length: count }, (_, i) => encryptPiece(key, i, count, plaintextPiece(file.bytes, i, format), format))
    const manifest: FileManifest = { format, pieces: pieces.map((p) => toHex(pieceAddress(p))), size: file.bytes.length, hash: toHex(fileHash(file.bytes)) }
    // the pieces are on the disk before the plan names the file: no member ever sees a file nobody
    // holds, and this view never shows one being stored as sent
    const id = randomId()
    this.storingIds.add(id)
    this.deps.waitingChanged()
    try {
      await this.deps.store.hold(UPLOADS_STORE, { id, pieces: manifest.pieces }, pieces)
      try {
        this.model.add({ name, type, ...manifest, key: toBase64Url(key), place }, this.deps.me, now, id)
      } catch (err) {
        await this.deps.store.release(UPLOADS_STORE, id)
        throw err
      }
    } catch (err) {
      // a full disk, or a place gone meanwhile
      this.storingIds.delete(id)
      this.deps.waitingChanged()
      throw err
    }
    this.storingIds.delete(id)
    this.deps.announceFile(id, manifest)
    this.waitingIds.add(id)
    this.deps.waitingChanged()
    this.emit(id)
    void this.sendWaiting()
    return id
  }

  /**
   * Sends every waiting attachment the relay lacks, one after another, while the relay can be
   * reached. Called after adding, and whenever the connection is (back) up; calls made while it
   * runs make it go round once more.
   */
  sendWaiting(): Promise<void> {
    if (this.sending !== null) {
      this.sendAgain = true
      return this.sending
    }
    this.sending = (async () => {
      do {
        this.sendAgain = false
        for (const id of [...this.waitingIds]) {
          if (this.closed || !this.deps.online()) return
          if (!(await this.sendOne(id))) break
        }
      } while (this.sendAgain && !this.closed)
    })().finally(() => {
      this.sending = null
    })
    return this.sending
  }

  /** false: the relay cannot be reached, stop for now */
  private async sendOne(id: string): Promise<boolean> {
    const attachment = this.model.get(id)
    if (!attachment) {
      // removed meanwhile (here or on another device): nothing to send
      await this.dropWaiting(id)
      return true
    }
    try {
      await retryWhenRateLimited(
        () =>
          uploadPieces(this.withProgress(id, 'upload'), attachment.pieces, async (i) => {
            // a closed session sends no more: the rest goes out when the plan is opened again
            if (this.closed) throw new FileTransferError('offline', 'the session closed')
            const piece = await this.deps.store.piece(attachment.pieces[i]!)
            if (!piece) throw new FileTransferError('missing', `piece ${i} is no longer on this device`)
            return piece
          }),
        this.deps.rateRetryMs,
      )
      this.errors.delete(id)
      await this.dropWaiting(id)
      return true
    } catch (err) {
      const code = err instanceof FileTransferError ? err.code : 'generic'
      this.errors.set(id, code)
      return code !== 'offline'
    } finally {
      this.progress.delete(id)
      this.emit(id)
    }
  }

  private async dropWaiting(id: string): Promise<void> {
    await this.deps.store.release(UPLOADS_STORE, id)
    this.waitingIds.delete(id)
    this.deps.waitingChanged()
    this.emit(id)
  }

  private withProgress(id: string, op: TransferProgress['op']): TransferOptions {
    return {
      ...this.deps.transfer(),
      onProgress: (done, total) => {
        this.progress.set(id, { op, done, total })
        this.emit(id)
      },
    }
  }

  private require(id: string): Attachment {
    const attachment = this.model.get(id)
    if (!attachment) throw new PlanError('not-found', 'attachment', `no attachment ${id}`)
    return attachment
  }

  /**
   * The file, opened piece by piece as they come: from this device where it has them, else from
   * the relay, several at once as an upload sends them. Each piece, wherever it came from (this
   * device's disk is trusted no more than the relay), is checked against its address once and
   * decrypted while the others are on the way; the whole is checked against the plan's hash.
   */
  private async opened(attachment: Attachment): Promise<{ bytes: Uint8Array; pieces: Uint8Array[]; fetched: boolean }> {
    const opts = this.withProgress(attachment.id, 'download')
    const pieces: Uint8Array[] = new Array(attachment.pieces.length)
    let fetched = false
    let done = 0
    try {
      const opener = fileOpener(fromBase64Url(attachment.key), manifestOf(attachment))
      await inFlight(attachment.pieces, PIECES_IN_FLIGHT, async (address, i) => {
        let piece = await this.deps.store.piece(address)
        if (!piece) {
          piece = await retryWhenRateLimited(() => fetchRawPiece(opts, address), this.deps.rateRetryMs)
          fetched = true
        }
        opener.add(i, piece)
        pieces[i] = piece
        opts.onProgress?.(++done, attachment.pieces.length)
      })
      const bytes = opener.finish()
      this.errors.delete(attachment.id)
      return { bytes, pieces, fetched }
    } catch (err) {
      this.errors.set(attachment.id, err instanceof FileTransferError ? err.code : 'generic')
      throw err
    } finally {
      this.progress.delete(attachment.id)
      this.emit(attachment.id)
    }
  }

  /** The file's plaintext, checked whole against the plan's hash: for the UI to show or save, never stored. */
  async open(id: string): Promise<Uint8Array> {
    const attachment = this.require(id)
    const { bytes, pieces, fetched } = await this.opened(attachment)
    if (fetched && this.keptIds.has(id)) await this.deps.store.hold(KEPT_STORE, { id, pieces: attachment.pieces }, pieces)
    return bytes
  }

  /** "Bewaar offline": keeps (or lets go of) the file's encrypted pieces on this device. */
  async keepOffline(id: string, on: boolean): Promise<void> {
    if (!on) {
      await this.deps.store.release(KEPT_STORE, id)
      this.keptIds.delete(id)
      this.emit(id)
      return
    }
    const attachment = this.require(id)
    // what is kept must open: a piece that does not is not worth the disk
    const { pieces } = await this.opened(attachment)
    await this.deps.store.hold(KEPT_STORE, { id, pieces: attachment.pieces }, pieces)
    this.keptIds.add(id)
    this.emit(id)
  }

  /** Removes it from the plan (P8) and from this device. The relay's pieces go once no plan state names them. */
  async remove(id: string): Promise<void> {
    this.model.remove(id, { role: this.deps.role(), isMine: (k) => this.deps.isMine(k) })
    this.deps.dropFile(id)
    await this.deps.store.release(KEPT_STORE, id)
    this.keptIds.delete(id)
    await this.dropWaiting(id)
  }

  /** Stops sending (a transfer under way ends at its next piece) and closes the database. */
  close(): void {
    this.closed = true
    this.listeners.clear()
    this.deps.store.close()
  }
}
