/**
 * R14: a Yjs client id of the envelope belongs to the author who first wrote under it. Another
 * member's records under it would take the clocks its owner writes next, and Yjs would drop the
 * owner's records as already known.
 */
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../../src/crypto'
import { toHex } from '../../../src/sync/bytes'
import { createRoomState, loadRoomState } from '../../../src/sync/roomState'
import { candidateBlobs, validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, type Fixture } from './fixtures'
import type { Writer } from '../../../src/sync/records'

beforeAll(async () => {
  await loadSodium()
})

/** An update that pushes `blobs` to the fixture's log under Yjs client `client`. */
function under(f: Fixture, client: number, blobs: Uint8Array[], from: Y.Doc = f.envelope): Uint8Array {
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(from))
  const before = Y.encodeStateVector(scratch)
  scratch.clientID = client
  scratch.getArray<Uint8Array>('log').push(blobs)
  return Y.encodeStateAsUpdate(scratch, before)
}

const hex = (w: Writer) => toHex(w.identity.publicKey)
const CLIENT = 4242

function refusedWith(result: ReturnType<typeof validateUpdate>): string {
  expect(result.ok).toBe(false)
  return result.ok ? '' : `${result.error.rule} ${result.error.code}`
}

describe('[R14] Yjs client ids bound to authors', () => {
  it("[R14] refuses a record under a client id another author wrote under first, and takes its owner's next one", () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const b = f.addMember('editor')
    expect(f.apply(under(f, CLIENT, [f.update(a, 'eerste')])).ok).toBe(true)
    expect(f.room.clientAuthors.get(CLIENT)).toBe(hex(a))

    const stolen = under(f, CLIENT, [f.update(b, 'vals')])
    expect(refusedWith(validateUpdate(f.envelope, f.room, stolen, { now: Date.now() }))).toBe('R14 client-id-taken')
    // clients judge what a relay sends the same way
    expect(refusedWith(validateUpdate(f.envelope, f.room, stolen, { now: Date.now(), historicContent: true }))).toBe('R14 client-id-taken')
    // before any signature: nothing of it is worth verifying
    expect(candidateBlobs(f.envelope, f.room, stolen)).toEqual([])

    expect(f.apply(under(f, CLIENT, [f.update(a, 'tweede')])).ok).toBe(true)
    expect(f.envelope.getArray('log').length).toBe(6)
    // one author under many client ids is fine (every session, every tab has its own)
    expect(f.apply(under(f, CLIENT + 1, [f.update(a, 'andere tab')])).ok).toBe(true)
  })

  it('[R14] within one update the first record under a new client id takes it', () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const b = f.addMember('editor')
    expect(refusedWith(f.apply(under(f, CLIENT, [f.update(a), f.update(b)])))).toBe('R14 client-id-taken')
    expect(f.room.clientAuthors.has(CLIENT)).toBe(false)
    expect(f.apply(under(f, CLIENT, [f.update(b), f.update(b)])).ok).toBe(true)
    expect(f.room.clientAuthors.get(CLIENT)).toBe(hex(b))
  })

  it('[R14] an aborted or refused update leaves no binding', () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const b = f.addMember('editor')
    const reader = f.addMember('reader')
    const validation = validateUpdate(f.envelope, f.room, under(f, CLIENT, [f.update(a)]), { now: Date.now() })
    expect(validation.ok).toBe(true)
    expect(f.room.clientAuthors.get(CLIENT)).toBe(hex(a)) // folded while open
    if (validation.ok) validation.abort()
    expect(f.room.clientAuthors.has(CLIENT)).toBe(false)
    // refused for another rule after the binding was folded: rolled back with the rest
    const mixed = Y.mergeUpdates([under(f, CLIENT, [f.update(a)]), under(f, CLIENT + 1, [f.update(reader)])])
    expect(refusedWith(f.apply(mixed))).toBe('R5 role-forbidden')
    expect(f.room.clientAuthors.has(CLIENT)).toBe(false)
    expect(f.room.clientAuthors.has(CLIENT + 1)).toBe(false)
    // so the client id is still free
    expect(f.apply(under(f, CLIENT, [f.update(b)])).ok).toBe(true)
    expect(f.room.clientAuthors.get(CLIENT)).toBe(hex(b))
  })

  it("[R14] a stored log loads: the first author of a client id in write order keeps it, the other's records are left out", () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const b = f.addMember('editor')
    // a log written before R14: one client id, b's record first (clock 0), then a's and b's
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(f.envelope))
    doc.clientID = CLIENT
    const log = doc.getArray<Uint8Array>('log')
    log.push([f.update(b, 'b eerst')])
    log.push([f.update(a, 'a erna')])
    // a crafted item of the same client placed left of its earlier one: write order is by clock
    log.insert(0, [f.update(b, 'b links')])
    const report = { checks: 0, leftOut: 0 }
    const state = loadRoomState(f.planId, doc, undefined, undefined, report)
    expect(state.clientAuthors.get(CLIENT)).toBe(hex(b))
    const fromClient = [...state.seen.values()].filter((item) => item.startsWith(`${CLIENT}:`))
    expect(fromClient.sort()).toEqual([`${CLIENT}:0`, `${CLIENT}:2`])
    expect(state.members.size).toBe(3)
  })

  it('[R14] the relay keeps every binding through compaction: its seen index names them', () => {
    const f = createFixture()
    const a = f.addMember('editor')
    const b = f.addMember('editor')
    expect(f.apply(under(f, CLIENT, [f.update(a)])).ok).toBe(true)
    // the relay reloads with its seen index while the record under CLIENT is compacted away
    const reloaded = createRoomState(f.planId, f.room.seen)
    expect(reloaded.clientAuthors.get(CLIENT)).toBe(hex(a))
    const state = loadRoomState(f.planId, new Y.Doc(), f.room.seen)
    expect(state.clientAuthors.get(CLIENT)).toBe(hex(a))
    // a seen index from before R14 holding a client id under two authors: the lowest clock wins
    const mixed = createRoomState(f.planId, [
      [`${hex(b)}:00:2`, `${CLIENT + 7}:5`],
      [`${hex(a)}:00:1`, `${CLIENT + 7}:3`],
    ])
    expect(mixed.clientAuthors.get(CLIENT + 7)).toBe(hex(a))
  })
})
