import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGoals, createObservations } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('observations (Observaties)', () => {
  it('adds dated notes with a context and goal links; lists newest first; finds them per goal', () => {
    const doc = new Y.Doc()
    const goals = createGoals(doc)
    const g1 = goals.add({ title: 'Slapen', domain: 'thuis' }, ALICE)
    const g2 = goals.add({ title: 'Lezen', domain: 'leren' }, ALICE)
    const obs = createObservations(doc)
    const old = obs.add({ date: '2024-10-01', text: 'Sliep door', context: 'thuis', goalIds: [g1] }, BOB, 100)
    const sameDayLater = obs.add({ date: '2024-10-02', text: ' Las zelf een boek ', context: 'school', goalIds: [g2, g1, g2] }, ALICE, 300)
    const sameDayEarlier = obs.add({ date: '2024-10-02', text: 'Bij de logopedist', context: 'zorg' }, ALICE, 200)
    expect(obs.list().map((o) => o.id)).toEqual([sameDayLater, sameDayEarlier, old])
    expect(obs.get(sameDayLater)).toEqual({
      id: sameDayLater,
      date: '2024-10-02',
      text: 'Las zelf een boek',
      context: 'school',
      goalIds: [g2, g1],
      meetingId: '',
      createdBy: ALICE,
      createdAt: 300,
    })
    expect(obs.forGoal(g1).map((o) => o.id)).toEqual([sameDayLater, old])
    expect(obs.forGoal(g2).map((o) => o.id)).toEqual([sameDayLater])
    obs.update(old, { goalIds: [g2], context: 'school' })
    expect(obs.forGoal(g2).map((o) => o.id)).toEqual([sameDayLater, old])
    obs.remove(old)
    expect(obs.list()).toHaveLength(2)
  })

  it('refuses bad values', () => {
    const obs = createObservations(new Y.Doc())
    const ok = { date: '2024-10-01', text: 'x', context: 'thuis' } as const
    expect(() => obs.add({ ...ok, date: '' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-date' }))
    expect(() => obs.add({ ...ok, text: '  ' }, ALICE)).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => obs.add({ ...ok, context: 'sport' as never }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-value', field: 'context' }))
    expect(() => obs.add({ ...ok, goalIds: ['nope'] }, ALICE)).toThrow(expect.objectContaining({ code: 'not-found', field: 'goalIds' }))
    expect(() => obs.add({ ...ok, goalIds: 'nope' as never }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(obs.list()).toEqual([])
  })

  it('reads values from a newer client safely', () => {
    const doc = new Y.Doc()
    const id = createObservations(doc).add({ date: '2024-10-01', text: 'x', context: 'school' }, ALICE)
    const map = doc.getArray<Y.Map<unknown>>('observations').get(0)
    map.set('context', 'sport')
    map.set('goalIds', ['g', 3, null])
    expect(createObservations(doc).get(id)).toMatchObject({ context: 'thuis', goalIds: ['g'] })
  })

  it('observes changes, in list order', () => {
    const obs = createObservations(new Y.Doc())
    const seen: string[] = []
    const stop = obs.observe((os) => seen.push(os.map((o) => o.text).join()))
    obs.add({ date: '2024-10-01', text: 'a', context: 'thuis' }, ALICE)
    obs.add({ date: '2024-10-03', text: 'b', context: 'thuis' }, ALICE)
    stop()
    expect(seen).toEqual(['a', 'b,a'])
  })

  it('notes added offline on two devices both arrive, in the same order everywhere', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createObservations(a).add({ date: '2024-10-01', text: 'thuis: rustig', context: 'thuis' }, ALICE, 1)
    createObservations(b).add({ date: '2024-10-01', text: 'school: rustig', context: 'school' }, BOB, 1)
    sync(a, b)
    expect(createObservations(a).list()).toEqual(createObservations(b).list())
    expect(createObservations(a).list()).toHaveLength(2)
  })

  it('two devices editing one note concurrently converge', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = createObservations(a).add({ date: '2024-10-01', text: 'x', context: 'thuis' }, ALICE)
    sync(a, b)
    createObservations(a).update(id, { text: 'y' })
    createObservations(b).update(id, { date: '2024-10-02' })
    sync(a, b)
    expect(createObservations(a).get(id)).toEqual(createObservations(b).get(id))
    expect(createObservations(a).get(id)).toMatchObject({ text: 'y', date: '2024-10-02' })
  })
})
