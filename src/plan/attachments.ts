/**
 * Bijlagen: files added to the plan, to one of its sections or to a meeting (issue 11 §1). The
 * plan holds what is needed to fetch, check and open a file (its pieces' addresses, size,
 * plaintext hash) and its key: the plan is encrypted, so only members read the key, and a member
 * removed before a file was added never gets it. The file's bytes live elsewhere, encrypted: on
 * the relay and, while waiting or kept for offline use, on the device (src/access/session).
 *
 * A record is written once and never edited: a new version is a new attachment. Who may remove
 * one is P8 (docs/RULES.md): its adder, or an editor or admin.
 */
import * as Y from 'yjs'
import { isPieceFormat, type PieceFormat, pieceCount } from '../crypto/filePieces'
import { roleAtLeast, type Role } from '../sync/blob'
import { MAX_FILE_BYTES } from '../sync/fileTransfer'
import { PlanError } from './errors'
import { checkText, readNumber, readString, readStrings } from './fields'
import { SHORT_TEXT_MAX } from './limits'
import { MEETINGS } from './meetings'
import { createRecordStore } from './records'

export const ATTACHMENTS = 'attachments'

/** What an attachment may be, by MIME type: reports and letters (PDF, Word, ODT, text) and photos. */
export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/msword': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'text/plain': 'text',
} as const
export type AttachmentType = keyof typeof ATTACHMENT_TYPES
/** How the app shows a type: in the app (pdf, image) or only saved (document, text). */
export type AttachmentKind = (typeof ATTACHMENT_TYPES)[AttachmentType]

/** A browser that does not know a type (often on Windows for .odt, or a .doc) leaves it empty: the name's ending says it. */
const TYPE_BY_ENDING: Record<string, AttachmentType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
}

/** The same limit the relay and the transfer hold to (src/sync/fileTransfer.ts). */
export const MAX_ATTACHMENT_BYTES = MAX_FILE_BYTES

/** Where an attachment belongs: the plan as a whole, one section (by its root name), or one meeting. */
export type AttachmentPlace = { kind: 'plan' } | { kind: 'section'; id: string } | { kind: 'meeting'; id: string }

export interface Attachment {
  id: string
  /** the file's name as it was added */
  name: string
  type: AttachmentType
  /** plaintext bytes */
  size: number
  /** hex BLAKE2b of the plaintext (fileHash): what an opened file must match */
  hash: string
  /** base64url file key (32 bytes); never leaves the encrypted plan */
  key: string
  /** how the file is cut into pieces (src/crypto/filePieces.ts); records from before format 2 have none: 1 */
  format: PieceFormat
  /** hex addresses of the encrypted pieces, in order */
  pieces: string[]
  place: AttachmentPlace
  /** the adder's member key */
  createdBy: string
  createdAt: number
}

export type NewAttachment = Pick<Attachment, 'name' | 'type' | 'size' | 'hash' | 'key' | 'format' | 'pieces' | 'place'>

const HEX_64 = /^[0-9a-f]{64}$/
/** 32 bytes in base64url without padding */
const KEY_B64URL = /^[A-Za-z0-9_-]{43}$/
const SECTION_ID = /^[a-z][a-zA-Z.]{0,40}$/
/** a record id (ids.ts): 16 bytes in hex */
const RECORD_ID = /^[0-9a-f]{32}$/

/** The type a file is taken as: what the browser says, else what its name's ending says; null when neither is allowed. */
export function attachmentTypeOf(name: string, browserType: string): AttachmentType | null {
  const declared = browserType.toLowerCase().split(';')[0]!.trim()
  if (declared in ATTACHMENT_TYPES) return declared as AttachmentType
  if (declared !== '' && declared !== 'application/octet-stream') return null
  const ending = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  return ending ? (TYPE_BY_ENDING[ending] ?? null) : null
}

export function attachmentKind(type: AttachmentType): AttachmentKind {
  return ATTACHMENT_TYPES[type]
}

/**
 * Checks a file before anything is encrypted: its type allowed, its size within 25 MB, its name
 * a name. Throws PlanError 'file-type' or 'file-too-large' (or a name's 'empty'/'too-long').
 */
export function checkAttachmentFile(file: { name: string; type: string; size: number }): { name: string; type: AttachmentType } {
  const name = checkText('name', file.name, { required: true, max: SHORT_TEXT_MAX })
  const type = attachmentTypeOf(name, file.type)
  if (type === null) throw new PlanError('file-type', 'type', `${file.type || 'this kind of file'} cannot be attached`)
  if (!Number.isSafeInteger(file.size) || file.size < 0) throw new PlanError('invalid-value', 'size', 'size must be a byte count')
  if (file.size > MAX_ATTACHMENT_BYTES)
    throw new PlanError('file-too-large', 'size', `a file may be at most ${MAX_ATTACHMENT_BYTES} bytes, got ${file.size}`, MAX_ATTACHMENT_BYTES)
  return { name, type }
}

function placeText(place: AttachmentPlace): string {
  return place.kind === 'plan' ? 'plan' : `${place.kind}:${place.id}`
}

function readPlace(text: string): AttachmentPlace {
  const [kind, id] = [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)]
  if (kind === 'section' && SECTION_ID.test(id)) return { kind, id }
  if (kind === 'meeting' && RECORD_ID.test(id)) return { kind, id }
  // a place from a newer client, or the plan itself: shown with the plan
  return { kind: 'plan' }
}

function checkPlace(doc: Y.Doc, place: AttachmentPlace): string {
  if (place.kind === 'plan') return 'plan'
  if (place.kind === 'section' && SECTION_ID.test(place.id)) return placeText(place)
  if (place.kind === 'meeting') {
    const exists = doc
      .getArray<Y.Map<unknown>>(MEETINGS)
      .toArray()
      .some((m) => m instanceof Y.Map && m.get('id') === place.id)
    if (!exists) throw new PlanError('not-found', 'meeting', `no meeting ${place.id}`)
    return placeText(place)
  }
  throw new PlanError('invalid-value', 'place', 'an attachment belongs to the plan, a section or a meeting')
}

function read(map: Y.Map<unknown>): Attachment | null {
  const type = readString(map, 'type')
  // a type this client does not know (a newer client allowed more): not shown rather than mislabelled
  if (!(type in ATTACHMENT_TYPES)) return null
  // a format this client does not know (a newer client's) would not open: not shown, as a type
  const format = map.get('format') ?? 1
  if (!isPieceFormat(format)) return null
  return {
    id: readString(map, 'id'),
    name: readString(map, 'name'),
    type: type as AttachmentType,
    size: readNumber(map, 'size'),
    hash: readString(map, 'hash'),
    key: readString(map, 'key'),
    format,
    pieces: readStrings(map, 'pieces'),
    place: readPlace(readString(map, 'place')),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(doc: Y.Doc, a: NewAttachment): Record<string, unknown> {
  const { name, type } = checkAttachmentFile({ name: a.name, type: a.type, size: a.size })
  if (!HEX_64.test(a.hash)) throw new PlanError('invalid-value', 'hash', 'hash must be 64 hex characters')
  if (!KEY_B64URL.test(a.key)) throw new PlanError('invalid-value', 'key', 'key must be 32 bytes in base64url')
  if (!isPieceFormat(a.format)) throw new PlanError('invalid-value', 'format', 'not a piece format')
  const count = pieceCount(a.size, a.format)
  if (!Array.isArray(a.pieces) || a.pieces.length !== count || !a.pieces.every((p) => HEX_64.test(p)))
    throw new PlanError('invalid-value', 'pieces', `a file of ${a.size} bytes has ${count} piece addresses`)
  return { name, type, size: a.size, hash: a.hash, key: a.key, format: a.format, pieces: [...a.pieces], place: checkPlace(doc, a.place) }
}

/** P8: an attachment is removed by whoever added it (any device of that person) or by an editor or admin. */
export function mayRemoveAttachment(attachment: Pick<Attachment, 'createdBy'>, role: Role, isMine: (memberKey: string) => boolean): boolean {
  return roleAtLeast(role, 'editor') || (roleAtLeast(role, 'contributor') && isMine(attachment.createdBy))
}

const samePlace = (a: AttachmentPlace, b: AttachmentPlace) => placeText(a) === placeText(b)

export interface AttachmentsAccessor {
  /** oldest first (the order they were added) */
  list(): Attachment[]
  /** the attachments of one place, oldest first */
  at(place: AttachmentPlace): Attachment[]
  get(id: string): Attachment | null
  /** `id`: a fresh randomId the device already keeps the pieces under (the session's attach) */
  add(attachment: NewAttachment, createdBy: string, now?: number, id?: string): string
  /** P8: PlanError 'forbidden' unless `mayRemoveAttachment` */
  remove(id: string, by: { role: Role; isMine(memberKey: string): boolean }): void
  /** the plaintext bytes of every attachment the plan holds: what the admins see against the quota */
  totalBytes(): number
  observe(listener: (attachments: Attachment[]) => void): () => void
}

export function createAttachments(doc: Y.Doc): AttachmentsAccessor {
  const store = createRecordStore(doc, ATTACHMENTS, 'attachment', read)
  const list = () => store.list().sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  return {
    list,
    at: (place) => list().filter((a) => samePlace(a.place, place)),
    get: store.get,
    add: (attachment, createdBy, now = Date.now(), id) => store.insert(check(doc, attachment), createdBy, now, {}, id),
    remove(id, by) {
      const found = store.get(id)
      if (!found) throw new PlanError('not-found', 'attachment', `no attachment ${id}`)
      if (!mayRemoveAttachment(found, by.role, by.isMine)) throw new PlanError('forbidden', 'attachment', 'only its adder or an editor removes an attachment')
      store.remove(id)
    },
    totalBytes: () => list().reduce((sum, a) => sum + a.size, 0),
    observe: (listener) => store.observe(() => listener(list())),
  }
}
