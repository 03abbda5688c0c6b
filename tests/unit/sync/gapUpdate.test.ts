import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { gapOf } from '../../../src/sync/gapUpdate'
import { rootsOfUpdate } from '../../../src/sync/updateRoots'

/** one writer's successive updates, as its bridge would seal them */
function writer() {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  return { doc, updates }
}

describe("gapOf: a refused update keeps its place in its author's history", () => {
  it('left out, a refused update holds back every later update of its author', () => {
    const w = writer()
    w.doc.getText('voices.school.zorgen').insert(0, 'NIET-VAN-OUDER') // refused
    w.doc.getArray('observations').push(['later'])
    const reader = new Y.Doc()
    Y.applyUpdate(reader, w.updates[1]!)
    expect(reader.getArray('observations').length).toBe(0) // what gapOf is for
    expect(reader.store.pendingStructs).not.toBeNull()
  })

  it('its gap lets the later updates in, without any of its content', () => {
    const w = writer()
    w.doc.getArray('observations').push(['eerst'])
    w.doc.getText('voices.school.zorgen').insert(0, 'NIET-VAN-OUDER')
    w.doc.getArray('observations').push(['later'])
    w.doc.getText('voices.school.zorgen').insert(14, ' EN-MEER') // builds on the refused text
    w.doc.getText('voices.ouders.zorgen').insert(0, 'eigen stem')
    const reader = new Y.Doc()
    Y.applyUpdate(reader, w.updates[0]!)
    Y.applyUpdate(reader, gapOf(w.updates[1]!))
    for (const u of w.updates.slice(2)) Y.applyUpdate(reader, u)
    expect(reader.getArray('observations').toArray()).toEqual(['eerst', 'later'])
    expect(reader.getText('voices.school.zorgen').toString()).toBe('')
    expect(reader.getText('voices.ouders.zorgen').toString()).toBe('eigen stem')
    expect(reader.store.pendingStructs).toBeNull()
    // the same clocks as the refused update: the reader's history of that author is complete
    expect(Y.encodeStateVector(reader)).toEqual(Y.encodeStateVector(w.doc))
  })

  it('holds no deletions, and covers merged updates with holes', () => {
    const w = writer()
    w.doc.getText('t').insert(0, 'abc')
    w.doc.getText('t').insert(3, 'def')
    w.doc.getText('t').delete(0, 6)
    w.doc.getText('t').insert(0, 'ghi')
    // updates 1 and 3 merged: clocks 3..5 and 6..8, no hole; 0 and 3: a hole between
    const holey = Y.mergeUpdates([w.updates[0]!, w.updates[3]!])
    const gap = gapOf(holey)
    const decoded = Y.decodeUpdate(gap)
    expect(decoded.ds.clients.size).toBe(0)
    expect(decoded.structs.map((s) => [s.constructor.name, s.id.clock, s.length])).toEqual([
      ['GC', 0, 3],
      ['Skip', 3, 3],
      ['GC', 6, 3],
    ])
    const reader = new Y.Doc()
    Y.applyUpdate(reader, gap)
    Y.applyUpdate(reader, w.updates[1]!)
    expect(Y.encodeStateVector(reader)).toEqual(Y.encodeStateVector(w.doc))
  })

  it('an item that builds on a gap is dropped: it counts towards no root and is not untraceable', () => {
    const w = writer()
    w.doc.getText('voices.school.zorgen').insert(0, 'NIET')
    w.doc.getText('voices.school.zorgen').insert(4, ' MEER')
    const reader = new Y.Doc()
    Y.applyUpdate(reader, gapOf(w.updates[0]!))
    expect(rootsOfUpdate(reader, w.updates[1]!)).toEqual({ roots: [], unresolved: false })
    // without the gap, the same update cannot be traced
    expect(rootsOfUpdate(new Y.Doc(), w.updates[1]!).unresolved).toBe(true)
  })
})
