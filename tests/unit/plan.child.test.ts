import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createChild } from '../../src/plan'

describe('child (Basisgegevens)', () => {
  it('reads empty strings on a fresh doc', () => {
    expect(createChild(new Y.Doc()).get()).toEqual({ name: '', dateOfBirth: '', school: '', group: '' })
  })

  it('sets fields and notifies observers', () => {
    const doc = new Y.Doc()
    const child = createChild(doc)
    const seen: string[] = []
    const stop = child.observe((d) => seen.push(d.school))
    child.set({ name: 'Sam', dateOfBirth: '2015-03-02', school: 'De Regenboog', group: '5' })
    stop()
    child.set({ school: 'Other' })
    expect(seen).toEqual(['De Regenboog'])
    expect(child.get()).toEqual({ name: 'Sam', dateOfBirth: '2015-03-02', school: 'Other', group: '5' })
  })

  it('refuses a malformed date of birth', () => {
    expect(() => createChild(new Y.Doc()).set({ dateOfBirth: '2-3-2015' })).toThrow()
  })

  it('stores only the four minimal fields (no BSN, no diagnosis)', () => {
    const doc = new Y.Doc()
    createChild(doc).set({ name: 'Sam', bsn: '123' } as never)
    expect([...doc.getMap('child').keys()]).toEqual(['name'])
  })

  it('reads a name written as Y.Text by another client version', () => {
    const doc = new Y.Doc()
    const t = new Y.Text('Noor')
    doc.getMap('child').set('name', t)
    expect(createChild(doc).get().name).toBe('Noor')
  })
})
