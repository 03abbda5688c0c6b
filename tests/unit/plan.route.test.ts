import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ROUTE_LEVELS, createRoute } from '../../src/plan'

const ALICE = 'a'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('route (Ingezette hulp)', () => {
  it('levels are the school and care steps, without "geen"', () => {
    expect(ROUTE_LEVELS).toEqual([
      'basisondersteuning',
      'extra ondersteuning',
      'arrangement',
      'TLV',
      'vrij toegankelijk',
      'niet-vrij toegankelijk',
      'specialistisch',
    ])
  })

  it('adds, lists chronologically, updates and removes', () => {
    const route = createRoute(new Y.Doc())
    const later = route.add({ level: 'niet-vrij toegankelijk', provider: 'Jeugd-GGZ', from: '2024-03-01' }, ALICE, 2)
    const first = route.add(
      { level: 'vrij toegankelijk', provider: ' Wijkteam ', from: '2023-09-01', to: '2024-01-31', effect: 'Rust thuis, op school niet.' },
      ALICE,
      1,
    )
    expect(route.list().map((s) => s.id)).toEqual([first, later])
    expect(route.get(first)).toEqual({
      id: first,
      level: 'vrij toegankelijk',
      provider: 'Wijkteam',
      from: '2023-09-01',
      to: '2024-01-31',
      effect: 'Rust thuis, op school niet.',
      whyNotEnough: '',
      createdBy: ALICE,
      createdAt: 1,
    })
    expect(route.get(later)?.to).toBe('')
    route.update(later, { to: '2024-12-31', effect: 'Angst minder.', whyNotEnough: ' Op school bleef het moeilijk. ' })
    expect(route.get(later)).toMatchObject({ to: '2024-12-31', effect: 'Angst minder.', whyNotEnough: 'Op school bleef het moeilijk.' })
    route.remove(first)
    expect(route.list().map((s) => s.id)).toEqual([later])
  })

  it('refuses unknown levels, bad dates, an empty provider, and a period that ends before it starts', () => {
    const route = createRoute(new Y.Doc())
    const ok = { level: 'arrangement', provider: 'SWV', from: '2024-01-01' } as const
    expect(() => route.add({ ...ok, level: 'licht' as never }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-value', field: 'level' }))
    expect(() => route.add({ ...ok, level: 'geen' as never }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => route.add({ ...ok, from: '' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-date', field: 'from' }))
    expect(() => route.add({ ...ok, to: '2023-12-31' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-period' }))
    expect(() => route.add({ ...ok, provider: '' }, ALICE)).toThrow(expect.objectContaining({ code: 'empty' }))
    const id = route.add({ ...ok, to: '2024-06-30' }, ALICE)
    expect(() => route.update(id, { from: '2024-07-01' })).toThrow(expect.objectContaining({ code: 'invalid-period' }))
    expect(() => route.update('nope', { effect: 'x' })).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('reads a level from a newer client without throwing, and observes changes', () => {
    const doc = new Y.Doc()
    const route = createRoute(doc)
    const seen: number[] = []
    const stop = route.observe((steps) => seen.push(steps.length))
    const id = route.add({ level: 'TLV', provider: 'SBO De Brug', from: '2024-01-01' }, ALICE)
    doc.getArray<Y.Map<unknown>>('route').get(0).set('level', 'residentieel')
    stop()
    expect(seen).toEqual([1, 1])
    expect(route.get(id)?.level).toBe('basisondersteuning')
  })

  it('two devices editing one step concurrently converge', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = createRoute(a).add({ level: 'vrij toegankelijk', provider: 'Wijkteam', from: '2024-01-01' }, ALICE)
    sync(a, b)
    createRoute(a).update(id, { effect: 'Helpt wat.' })
    createRoute(b).update(id, { to: '2024-05-01' })
    sync(a, b)
    expect(createRoute(a).list()).toEqual(createRoute(b).list())
    expect(createRoute(a).get(id)).toMatchObject({ effect: 'Helpt wat.', to: '2024-05-01' })
  })
})
