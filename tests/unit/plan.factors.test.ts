import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { FACTOR_DOMAINS, PlanError, createFactors } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('factors (Bevorderende en belemmerende factoren)', () => {
  it('adds factors with source and date, and lays them out as a matrix', () => {
    const f = createFactors(new Y.Doc())
    const id1 = f.add({ domain: 'thuis', kind: 'helpt', text: 'Vaste avondroutine', sourceKey: BOB, date: '2024-09-01' }, ALICE, 1)
    const id2 = f.add({ domain: 'vrije tijd', kind: 'belemmert', text: 'Druk op de voetbalclub', source: 'trainer', date: '2024-09-02' }, ALICE, 2)
    expect(f.get(id1)).toEqual({
      id: id1,
      domain: 'thuis',
      kind: 'helpt',
      text: 'Vaste avondroutine',
      source: '',
      sourceKey: BOB,
      date: '2024-09-01',
      meetingId: '',
      createdBy: ALICE,
      createdAt: 1,
    })
    const m = f.matrix()
    expect(Object.keys(m)).toEqual([...FACTOR_DOMAINS])
    expect(m.thuis.helpt.map((x) => x.id)).toEqual([id1])
    expect(m['vrije tijd'].belemmert.map((x) => x.source)).toEqual(['trainer'])
    expect(m.school).toEqual({ helpt: [], belemmert: [] })
    f.update(id2, { kind: 'helpt', text: 'Voetbal geeft energie' })
    expect(f.matrix()['vrije tijd'].helpt.map((x) => x.text)).toEqual(['Voetbal geeft energie'])
    f.remove(id1)
    expect(f.list().map((x) => x.id)).toEqual([id2])
  })

  it('refuses unknown domains and kinds, bad dates, empty text and bad member keys', () => {
    const f = createFactors(new Y.Doc())
    const ok = { domain: 'kind', kind: 'helpt', text: 'Nieuwsgierig', date: '2024-09-01' } as const
    expect(() => f.add({ ...ok, domain: 'buurt' as never }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-value', field: 'domain' }))
    expect(() => f.add({ ...ok, kind: 'neutraal' as never }, ALICE)).toThrow(PlanError)
    expect(() => f.add({ ...ok, date: '2024-13-01' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-date' }))
    expect(() => f.add({ ...ok, text: ' ' }, ALICE)).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => f.add({ ...ok, sourceKey: 'juf' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-member-key' }))
    expect(f.list()).toEqual([])
    const id = f.add(ok, ALICE)
    expect(() => f.update(id, { date: '' })).toThrow(expect.objectContaining({ code: 'invalid-date' }))
  })

  it('reads a domain or kind from a newer client without throwing', () => {
    const doc = new Y.Doc()
    const f = createFactors(doc)
    const id = f.add({ domain: 'school', kind: 'belemmert', text: 'Lawaai in de klas', date: '2024-09-01' }, ALICE)
    const map = doc.getArray<Y.Map<unknown>>('factors').get(0)
    map.set('domain', 'buurt')
    map.set('kind', 'neutraal')
    map.set('date', 12)
    expect(f.get(id)).toMatchObject({ domain: 'kind', kind: 'helpt', date: '' })
    expect(() => f.matrix()).not.toThrow()
  })

  it('observes changes', () => {
    const f = createFactors(new Y.Doc())
    let calls = 0
    const stop = f.observe(() => calls++)
    const id = f.add({ domain: 'kind', kind: 'helpt', text: 'x', date: '2024-01-01' }, ALICE)
    f.update(id, { text: 'y' })
    stop()
    f.remove(id)
    expect(calls).toBe(2)
  })

  it('two devices editing one factor concurrently converge', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = createFactors(a).add({ domain: 'kind', kind: 'helpt', text: 'Sociaal', date: '2024-01-01' }, ALICE)
    sync(a, b)
    createFactors(a).update(id, { text: 'Sociaal sterk' })
    createFactors(b).update(id, { source: 'ouders', date: '2024-02-01' })
    sync(a, b)
    expect(createFactors(a).list()).toEqual(createFactors(b).list())
    expect(createFactors(a).get(id)).toMatchObject({ text: 'Sociaal sterk', source: 'ouders', date: '2024-02-01' })
  })
})
