/** Bijlagen: the plan's typed slice (what is kept, what is refused) and [P8] who may add and remove one, traced from real updates. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ATTACHMENTS,
  attachmentTypeOf,
  checkAttachmentFile,
  createAttachments,
  createMeetings,
  MAX_ATTACHMENT_BYTES,
  mayChangeAll,
  type PlanError,
  type ContentAuthor,
  type NewAttachment,
} from '../../src/plan'
import type { Role } from '../../src/sync/blob'
import { rootsOfUpdate } from '../../src/sync/updateRoots'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)
const hex = (c: string) => c.repeat(64)

function report(over: Partial<NewAttachment> = {}): NewAttachment {
  return {
    name: 'verslag psycholoog.pdf',
    type: 'application/pdf',
    size: 3 * 1024 * 1024 + 5,
    hash: hex('1'),
    key: 'A'.repeat(43),
    format: 2,
    pieces: [hex('2')],
    place: { kind: 'plan' },
    ...over,
  }
}

function codeOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    return (e as PlanError).code
  }
  return 'none'
}

describe('attachments in the plan', () => {
  it('keeps what is needed to fetch, check and open the file, with who added it when and where it belongs', () => {
    const doc = new Y.Doc()
    const files = createAttachments(doc)
    const id = files.add(report(), ALICE, 1000)
    expect(files.get(id)).toEqual({ id, ...report(), createdBy: ALICE, createdAt: 1000 })
    const meeting = createMeetings(doc).add({ type: 'MDO', date: '2026-12-01' }, ALICE, 1)
    const m = files.add(report({ name: 'foto.png', type: 'image/png', size: 10, pieces: [hex('6')], place: { kind: 'meeting', id: meeting } }), BOB, 2000)
    const s = files.add(report({ name: 'brief.txt', type: 'text/plain', size: 0, pieces: [hex('7')], place: { kind: 'section', id: 'goals' } }), BOB, 3000)
    expect(files.list().map((a) => a.id)).toEqual([id, m, s])
    expect(files.at({ kind: 'plan' }).map((a) => a.id)).toEqual([id])
    expect(files.at({ kind: 'meeting', id: meeting }).map((a) => a.id)).toEqual([m])
    expect(files.at({ kind: 'section', id: 'goals' }).map((a) => a.id)).toEqual([s])
    expect(files.totalBytes()).toBe(3 * 1024 * 1024 + 5 + 10)
  })

  it('takes PDF, images, Word/ODT and text; by the name when the browser gives no type; refuses the rest with file-type', () => {
    expect(attachmentTypeOf('a.pdf', 'application/pdf')).toBe('application/pdf')
    expect(attachmentTypeOf('a.odt', '')).toBe('application/vnd.oasis.opendocument.text')
    expect(attachmentTypeOf('a.DOC', 'application/octet-stream')).toBe('application/msword')
    expect(attachmentTypeOf('a.jpg', '')).toBe('image/jpeg')
    // a declared type wins over the name: an .exe called .pdf is still an executable
    expect(attachmentTypeOf('a.pdf', 'application/x-msdownload')).toBeNull()
    expect(codeOf(() => checkAttachmentFile({ name: 'virus.exe', type: 'application/x-msdownload', size: 10 }))).toBe('file-type')
    expect(codeOf(() => checkAttachmentFile({ name: 'plaatje.svg', type: 'image/svg+xml', size: 10 }))).toBe('file-type')
    expect(codeOf(() => checkAttachmentFile({ name: 'geen-einde', type: '', size: 10 }))).toBe('file-type')
    expect(codeOf(() => createAttachments(new Y.Doc()).add(report({ type: 'text/html' as never }), ALICE))).toBe('file-type')
  })

  it('reads a record from before piece formats as format 1, and leaves out one of a format it does not know', () => {
    const doc = new Y.Doc()
    const files = createAttachments(doc)
    const old = files.add(report({ format: 1, pieces: [hex('2'), hex('3'), hex('4'), hex('5')] }), ALICE, 1000)
    const newer = files.add(report(), ALICE, 2000)
    const records = doc.getArray<Y.Map<unknown>>(ATTACHMENTS).toArray()
    const recordOf = (id: string) => records.find((m) => m.get('id') === id)!
    doc.transact(() => {
      recordOf(old).delete('format')
      recordOf(newer).set('format', 3)
    })
    expect(files.list().map((a) => [a.id, a.format, a.pieces.length])).toEqual([[old, 1, 4]])
  })

  it('refuses a file over 25 MB with file-too-large (the limit in bytes); exactly 25 MB is fine', () => {
    expect(checkAttachmentFile({ name: 'groot.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }).type).toBe('application/pdf')
    let err: PlanError | undefined
    try {
      checkAttachmentFile({ name: 'groot.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 })
    } catch (e) {
      err = e as PlanError
    }
    expect(err?.code).toBe('file-too-large')
    expect(err?.max).toBe(25 * 1024 * 1024)
  })

  it('refuses a record that does not fit: piece count for the size, hash, key, an unknown meeting, no name', () => {
    const files = createAttachments(new Y.Doc())
    expect(codeOf(() => files.add(report({ pieces: [hex('2'), hex('3')] }), ALICE))).toBe('invalid-value')
    // 3 MiB is one piece in format 2, four in format 1
    expect(codeOf(() => files.add(report({ format: 1 }), ALICE))).toBe('invalid-value')
    expect(codeOf(() => files.add(report({ format: 3 as never }), ALICE))).toBe('invalid-value')
    expect(codeOf(() => files.add(report({ hash: 'xyz' }), ALICE))).toBe('invalid-value')
    expect(codeOf(() => files.add(report({ key: 'kort' }), ALICE))).toBe('invalid-value')
    expect(codeOf(() => files.add(report({ place: { kind: 'meeting', id: 'f'.repeat(32) } }), ALICE))).toBe('not-found')
    expect(codeOf(() => files.add(report({ name: '  ' }), ALICE))).toBe('empty')
    expect(files.list()).toEqual([])
  })

  it('[P8] is removed by its adder (any of its devices) or an editor, never by another contributor or a reader', () => {
    const files = createAttachments(new Y.Doc())
    const id = files.add(report(), ALICE)
    const mine = (key: string) => key === ALICE
    const notMine = () => false
    expect(codeOf(() => files.remove(id, { role: 'contributor', isMine: notMine }))).toBe('forbidden')
    expect(codeOf(() => files.remove(id, { role: 'reader', isMine: mine }))).toBe('forbidden')
    expect(files.get(id)).not.toBeNull()
    files.remove(id, { role: 'contributor', isMine: mine })
    expect(files.get(id)).toBeNull()
    const other = files.add(report(), ALICE)
    files.remove(other, { role: 'editor', isMine: notMine })
    expect(files.list()).toEqual([])
    expect(codeOf(() => files.remove(other, { role: 'admin', isMine: notMine }))).toBe('not-found')
  })
})

describe('[P8] every client judges attachment changes a contributor made (traced from the update)', () => {
  const author = (role: Role, me: string): ContentAuthor => ({ role, party: 'parent', orgKind: undefined, isMine: (k) => k === me })

  /** `change` on a copy of `base`; whether `by` (a contributor unless said) may write what it did */
  function judged(base: Y.Doc, change: (doc: Y.Doc) => void, by: string, role: Role = 'contributor'): boolean {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
    const before = Y.encodeStateVector(copy)
    change(copy)
    const update = Y.encodeStateAsUpdate(copy, before)
    const { roots, touches, unresolved } = rootsOfUpdate(base, update, { touches: true })
    expect(unresolved).toBe(false)
    expect(roots).toEqual([ATTACHMENTS])
    return mayChangeAll(author(role, by), roots, touches ?? [])
  }

  const planWithAlicesFile = () => {
    const doc = new Y.Doc()
    const id = createAttachments(doc).add(report(), ALICE)
    return { doc, id }
  }

  it('a contributor adds one in its own name, not in another’s', () => {
    const doc = new Y.Doc()
    expect(judged(doc, (d) => createAttachments(d).add(report(), BOB), BOB)).toBe(true)
    expect(judged(doc, (d) => createAttachments(d).add(report(), ALICE), BOB)).toBe(false)
  })

  it('a contributor removes its own, not another’s; an editor removes any', () => {
    const { doc, id } = planWithAlicesFile()
    const remove = (d: Y.Doc) => createAttachments(d).remove(id, { role: 'editor', isMine: () => true })
    expect(judged(doc, remove, ALICE)).toBe(true)
    expect(judged(doc, remove, BOB)).toBe(false)
    expect(judged(doc, remove, BOB, 'editor')).toBe(true)
  })

  it('a contributor never edits an entry, not even its own (a new version is a new attachment)', () => {
    const { doc, id } = planWithAlicesFile()
    const rename = (d: Y.Doc) => createAttachments(d).list() && d.getArray<Y.Map<unknown>>(ATTACHMENTS).get(0).set('name', 'ander.pdf')
    expect(createAttachments(doc).get(id)?.name).toBe('verslag psycholoog.pdf')
    expect(judged(doc, rename, ALICE)).toBe(false)
    expect(judged(doc, rename, BOB)).toBe(false)
  })

  it('a reader adds none', () => {
    expect(judged(new Y.Doc(), (d) => createAttachments(d).add(report(), BOB), BOB, 'reader')).toBe(false)
  })
})
