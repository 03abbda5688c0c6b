/**
 * [R17] File records: the grammar (an add names 1..26 pieces and their size, a drop neither),
 * who may add and drop, and the state the relay keeps and serves pieces by.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium, randomBytes } from '../../../src/crypto'
import { BlobFormatError, decodeBlob, MAX_FILE_PIECES } from '../../../src/sync/blob'
import { toHex } from '../../../src/sync/bytes'
import { createFileRecord } from '../../../src/sync/records'
import { referencedPieces } from '../../../src/sync/roomAccess'
import { createFixture, type Fixture } from './fixtures'

beforeAll(loadSodium)

const pieces = (n: number) => Array.from({ length: n }, () => randomBytes(32))

function refusal(f: Fixture, record: Uint8Array): string | null {
  const r = f.apply(f.updateWith([record]))
  return r.ok ? null : `${r.error.rule} ${r.error.code}`
}

describe('[R17] file records', () => {
  it('round-trips an add and a drop; shapes outside the grammar do not encode or decode', () => {
    const f = createFixture()
    const ref = randomBytes(16)
    const list = pieces(3)
    const add = decodeBlob(createFileRecord(f.admin, f.planId, { op: 'add', file: ref, pieces: list, size: 3 * 1024 }))
    expect(add).toMatchObject({ kind: 'file', op: 'add', size: 3 * 1024 })
    expect(add.kind === 'file' && add.pieces.map(toHex)).toEqual(list.map(toHex))
    const drop = decodeBlob(createFileRecord(f.admin, f.planId, { op: 'drop', file: ref }))
    expect(drop).toMatchObject({ kind: 'file', op: 'drop', pieces: [], size: 0 })
    expect(() => createFileRecord(f.admin, f.planId, { op: 'add', file: ref, pieces: [], size: 10 })).toThrow(BlobFormatError)
    expect(() => createFileRecord(f.admin, f.planId, { op: 'add', file: ref, pieces: pieces(MAX_FILE_PIECES + 1), size: 10_000_000 })).toThrow(BlobFormatError)
    expect(() => createFileRecord(f.admin, f.planId, { op: 'add', file: ref, pieces: pieces(2), size: 10 })).toThrow(BlobFormatError)
    expect(() => createFileRecord(f.admin, f.planId, { op: 'add', file: randomBytes(15), pieces: pieces(1), size: 100 })).toThrow(BlobFormatError)
  })

  it('a contributor adds and drops its own; a reader adds nothing; a contributor drops no one else’s; an editor drops any; each once', () => {
    const f = createFixture()
    const reader = f.addMember('reader')
    const parent = f.addMember('contributor')
    const teacher = f.addMember('contributor')
    const ib = f.addMember('editor')
    const mine = randomBytes(16)
    const theirs = randomBytes(16)
    const add = (w: typeof parent, ref: Uint8Array) => createFileRecord(w, f.planId, { op: 'add', file: ref, pieces: pieces(2), size: 2048 })
    const drop = (w: typeof parent, ref: Uint8Array) => createFileRecord(w, f.planId, { op: 'drop', file: ref })

    expect(refusal(f, add(reader, randomBytes(16)))).toBe('R5 role-forbidden')
    expect(refusal(f, add(parent, mine))).toBeNull()
    expect(refusal(f, add(teacher, theirs))).toBeNull()
    expect(referencedPieces(f.room).size).toBe(4)
    expect(refusal(f, add(parent, mine))).toBe('R17 file-exists')
    expect(refusal(f, drop(parent, theirs))).toBe('R17 file-not-yours')
    expect(refusal(f, drop(parent, randomBytes(16)))).toBe('R17 file-unknown')
    expect(refusal(f, drop(parent, mine))).toBeNull()
    expect(refusal(f, drop(parent, mine))).toBe('R17 file-unknown')
    expect(refusal(f, drop(ib, theirs))).toBeNull()
    expect(referencedPieces(f.room).size).toBe(0)
  })

  it('a drop sent before its add in one update waits for it (records are admitted in dependency order)', () => {
    const f = createFixture()
    const parent = f.addMember('contributor')
    const ref = randomBytes(16)
    const addRecord = createFileRecord(parent, f.planId, { op: 'add', file: ref, pieces: pieces(1), size: 100 })
    const dropRecord = createFileRecord(parent, f.planId, { op: 'drop', file: ref })
    // one update, the drop first in the log (another Yjs client of the same author)
    const r = f.apply(f.updateWith([dropRecord, addRecord]))
    expect(r.ok).toBe(true)
    expect(f.room.files.get(toHex(ref))?.dropped).toBe(true)
  })
})
