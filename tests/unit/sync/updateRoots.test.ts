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

describe('rootsOfUpdate with touches: which entry of a list and which key an update changes', () => {
  /** a doc with one afspraak and one meeting with an attendee set, and a copy of it */
  function setup() {
    const a = new Y.Doc()
    const action = new Y.Map<unknown>()
    a.getArray<Y.Map<unknown>>('actions').push([action])
    action.set('whoKey', 'aa')
    action.set('done', false)
    const meeting = new Y.Map<unknown>()
    a.getArray<Y.Map<unknown>>('meetings').push([meeting])
    meeting.set('attendees', new Y.Map<boolean>())
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const entryOf = (doc: Y.Doc, root: string) => doc.getArray<Y.Map<unknown>>(root).get(0)
    return { a, b, entryOf }
  }

  it('a map key set on an entry: the new value inserted and the old one deleted, both at that entry and key', () => {
    const { a, b, entryOf } = setup()
    const update = capture(a, () => entryOf(a, 'actions').set('done', true))
    const traced = rootsOfUpdate(b, update, { touches: true })
    expect(traced.roots).toEqual(['actions'])
    expect(traced.touches).toEqual([
      { op: 'insert', root: 'actions', entry: entryOf(b, 'actions'), path: [], key: 'done', values: [true] },
      { op: 'delete', root: 'actions', entry: entryOf(b, 'actions'), path: [], key: 'done', values: null },
    ])
  })

  it('a key in a map nested in an entry names the path down to it', () => {
    const { a, b, entryOf } = setup()
    const add = capture(a, () => (entryOf(a, 'meetings').get('attendees') as Y.Map<boolean>).set('m:aa', true))
    expect(rootsOfUpdate(b, add, { touches: true }).touches).toEqual([
      { op: 'insert', root: 'meetings', entry: entryOf(b, 'meetings'), path: ['attendees'], key: 'm:aa', values: [true] },
    ])
    Y.applyUpdate(b, add)
    const remove = capture(a, () => (entryOf(a, 'meetings').get('attendees') as Y.Map<boolean>).delete('m:aa'))
    expect(rootsOfUpdate(b, remove, { touches: true }).touches).toEqual([
      { op: 'delete', root: 'meetings', entry: entryOf(b, 'meetings'), path: ['attendees'], key: 'm:aa', values: null },
    ])
  })

  it('a new entry, its fields, and removing an entry are not inside a held entry (entry null)', () => {
    const { a, b, entryOf } = setup()
    const add = capture(a, () => {
      const m = new Y.Map<unknown>()
      m.set('done', true)
      a.getArray<Y.Map<unknown>>('actions').push([m])
    })
    const touches = rootsOfUpdate(b, add, { touches: true }).touches!
    expect(touches.map((t) => [t.op, t.entry, t.key])).toEqual([
      ['insert', null, null],
      ['insert', null, 'done'],
    ])
    const remove = capture(a, () => a.getArray('actions').delete(0, 1))
    const removed = rootsOfUpdate(b, remove, { touches: true }).touches!
    // the entry itself (an element of the root) and its fields (inside it)
    expect(removed.find((t) => t.key === null)?.entry).toBeNull()
    expect(removed.filter((t) => t.key !== null).every((t) => t.entry === entryOf(b, 'actions'))).toBe(true)
  })

  it('typing in a root text is a touch of the root, without an entry', () => {
    const { a, b } = setup()
    const update = capture(a, () => a.getText('voices.ouders.zorgen').insert(0, 'ab'))
    expect(rootsOfUpdate(b, update, { touches: true }).touches).toEqual([
      { op: 'insert', root: 'voices.ouders.zorgen', entry: null, path: [], key: null, values: null },
    ])
  })
})
