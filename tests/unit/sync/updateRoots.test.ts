import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { rootsOfUpdate } from '../../../src/sync/updateRoots'

function capture(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null
  const on = (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u)
  doc.on('update', on)
  doc.transact(change)
  doc.off('update', on)
  return update!
}

describe('rootsOfUpdate', () => {
  it('names the roots of an update before it is applied, through origins and nested types', () => {
    const a = new Y.Doc()
    a.getText('voices.ouders.zorgen').insert(0, 'Slaapt slecht.')
    a.getArray<Y.Map<unknown>>('goals').push([new Y.Map()])
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const update = capture(a, () => {
      a.getText('voices.ouders.zorgen').insert(5, 'X') // parent omitted: traced through its origin
      a.getArray<Y.Map<unknown>>('goals').get(0).set('title', 'lezen') // a nested type
      a.getText('notes').insert(0, 'nieuw') // a new root
    })
    expect(rootsOfUpdate(b, update)).toEqual({ roots: ['goals', 'notes', 'voices.ouders.zorgen'], unresolved: false })
  })

  it('an item whose left origin is unknown is unresolved, even when its right origin is known', () => {
    const a = new Y.Doc()
    a.getText('observations.x').insert(0, 'xz')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    capture(a, () => a.getText('observations.x').insert(1, 'L')) // never reaches b
    const next = capture(a, () => a.getText('observations.x').insert(2, 'M')) // between L and z
    expect(rootsOfUpdate(b, next).unresolved).toBe(true)
  })

  it('follows items earlier in the same update, and deletions across several roots', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const typing = capture(a, () => {
      for (const ch of 'abc') a.getText('observations.x').insert(a.getText('observations.x').length, ch)
    })
    expect(rootsOfUpdate(b, typing).roots).toEqual(['observations.x'])
    Y.applyUpdate(b, typing)
    const more = capture(a, () => a.getText('voices.kind.vraag').insert(0, 'q'))
    Y.applyUpdate(b, more)
    // one transaction deleting in two roots: consecutive clocks, one range in the delete set
    const deletes = capture(a, () => {
      a.getText('observations.x').delete(0, 3)
      a.getText('voices.kind.vraag').delete(0, 1)
    })
    expect(rootsOfUpdate(b, deletes).roots).toEqual(['observations.x', 'voices.kind.vraag'])
  })

  it('says when an item hangs off something the doc has not seen', () => {
    const a = new Y.Doc()
    a.getText('t').insert(0, 'abc')
    const later = capture(a, () => a.getText('t').insert(1, 'Z'))
    expect(rootsOfUpdate(new Y.Doc(), later).unresolved).toBe(true)
  })
})
