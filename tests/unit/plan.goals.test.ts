import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PlanError, createGoals, goalTextName } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('goals (Doelen)', () => {
  it('adds a SMART goal with title and description as collaborative text', () => {
    const doc = new Y.Doc()
    const goals = createGoals(doc)
    const id = goals.add(
      { title: ' Sam leest AVI-E4 ', description: 'Voor de kerst, 3x per week oefenen.', domain: 'leren', owner: BOB, targetDate: '2024-12-20' },
      ALICE,
      9,
    )
    expect(goals.get(id)).toEqual({
      id,
      title: 'Sam leest AVI-E4',
      description: 'Voor de kerst, 3x per week oefenen.',
      domain: 'leren',
      owner: BOB,
      targetDate: '2024-12-20',
      status: 'open',
      evaluations: [],
      meetingId: '',
      createdBy: ALICE,
      createdAt: 9,
    })
    expect(goals.text(id, 'title')).toBe(doc.getText(goalTextName(id, 'title')))
    goals.text(id, 'title').insert(0, 'Doel: ')
    expect(goals.get(id)?.title).toBe('Doel: Sam leest AVI-E4')
  })

  it('updates, lists open goals, and removes a goal with its texts', () => {
    const doc = new Y.Doc()
    const goals = createGoals(doc)
    const a = goals.add({ title: 'A', domain: 'werkhouding' }, ALICE)
    const b = goals.add({ title: 'B', domain: 'sociaal-emotioneel' }, ALICE)
    goals.update(a, { status: 'behaald', owner: ALICE })
    expect(goals.open().map((g) => g.id)).toEqual([b])
    expect(goals.get(a)).toMatchObject({ status: 'behaald', owner: ALICE })
    goals.remove(a)
    expect(goals.list().map((g) => g.id)).toEqual([b])
    expect(doc.getText(goalTextName(a, 'title')).toString()).toBe('')
    expect(() => goals.text(a, 'title')).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('refuses bad values', () => {
    const goals = createGoals(new Y.Doc())
    expect(() => goals.add({ title: '', domain: 'leren' }, ALICE)).toThrow(expect.objectContaining({ code: 'empty', field: 'title' }))
    expect(() => goals.add({ title: 'x', domain: 'rekenen' as never }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-value', field: 'domain' }))
    expect(() => goals.add({ title: 'x', domain: 'leren', owner: 'juf' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-member-key' }))
    expect(() => goals.add({ title: 'x', domain: 'leren', targetDate: '2024-02-30' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-date' }))
    expect(() => goals.add({ title: 'x', domain: 'leren', status: 'klaar' as never }, ALICE)).toThrow(PlanError)
    expect(goals.list()).toEqual([])
    const id = goals.add({ title: 'x', domain: 'leren' }, ALICE)
    expect(() => goals.update(id, { status: 'half' as never })).toThrow(expect.objectContaining({ field: 'status' }))
    expect(() => goals.update('nope', { status: 'open' })).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('records evaluations: result, what was seen, decision, by whom', () => {
    const goals = createGoals(new Y.Doc())
    const id = goals.add({ title: 'Zelf starten met werk', domain: 'werkhouding' }, ALICE)
    const e1 = goals.addEvaluation(id, { date: '2024-11-01', result: 'deels', seen: 'Start 3 van 5 keer zelf', decision: 'doorgaan', meetingId: 'm1' }, BOB, 10)
    const e2 = goals.addEvaluation(id, { date: '2025-01-10', result: 'behaald', decision: 'afschalen' }, ALICE, 11)
    expect(goals.get(id)?.evaluations).toEqual([
      { id: e1, date: '2024-11-01', result: 'deels', seen: 'Start 3 van 5 keer zelf', decision: 'doorgaan', meetingId: 'm1', createdBy: BOB, createdAt: 10 },
      { id: e2, date: '2025-01-10', result: 'behaald', seen: '', decision: 'afschalen', meetingId: '', createdBy: ALICE, createdAt: 11 },
    ])
    expect(() => goals.addEvaluation(id, { date: '2025-01-10', result: 'niet behaald' as never, decision: 'doorgaan' }, ALICE)).toThrow(
      expect.objectContaining({ field: 'result' }),
    )
    expect(() => goals.addEvaluation(id, { date: '2025-01-10', result: 'niet', decision: 'stoppen' as never }, ALICE)).toThrow(
      expect.objectContaining({ field: 'decision' }),
    )
    expect(() => goals.addEvaluation(id, { date: 'gisteren', result: 'niet', decision: 'opschalen' }, ALICE)).toThrow(
      expect.objectContaining({ code: 'invalid-date' }),
    )
    expect(() => goals.addEvaluation('nope', { date: '2025-01-10', result: 'niet', decision: 'opschalen' }, ALICE)).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    )
    goals.removeEvaluation(id, e1)
    expect(goals.get(id)?.evaluations.map((e) => e.id)).toEqual([e2])
  })

  it('reads values from a newer client safely', () => {
    const doc = new Y.Doc()
    const goals = createGoals(doc)
    const id = goals.add({ title: 'x', domain: 'leren' }, ALICE)
    goals.addEvaluation(id, { date: '2025-01-10', result: 'niet', decision: 'opschalen' }, ALICE)
    const map = doc.getArray<Y.Map<unknown>>('goals').get(0)
    map.set('domain', 'digitale vaardigheden')
    map.set('status', 'gepauzeerd')
    ;(map.get('evaluations') as Y.Array<Y.Map<unknown>>).get(0).set('result', 'onbekend')
    expect(goals.get(id)).toMatchObject({ domain: 'overig', status: 'open' })
    expect(goals.get(id)?.evaluations[0]?.result).toBe('deels')
  })

  it('observes record changes, evaluations and title edits', () => {
    const goals = createGoals(new Y.Doc())
    const seen: string[] = []
    const stop = goals.observe((gs) => seen.push(gs.map((g) => `${g.title}/${g.status}/${g.evaluations.length}`).join()))
    const id = goals.add({ title: 'Lezen', domain: 'leren' }, ALICE)
    goals.text(id, 'title').insert(6, ' AVI')
    goals.update(id, { status: 'deels' })
    goals.addEvaluation(id, { date: '2025-01-10', result: 'deels', decision: 'bijstellen' }, ALICE)
    stop()
    goals.remove(id)
    expect(seen).toEqual(['Lezen/open/0', 'Lezen AVI/open/0', 'Lezen AVI/deels/0', 'Lezen AVI/deels/1'])
  })

  it('two devices editing one goal concurrently converge: fields, title and evaluations', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = createGoals(a).add({ title: 'Rekent tot 100', domain: 'leren' }, ALICE)
    sync(a, b)
    createGoals(a).update(id, { targetDate: '2025-03-01' })
    createGoals(a).text(id, 'title').insert(0, 'Sam ')
    createGoals(a).addEvaluation(id, { date: '2025-01-10', result: 'deels', decision: 'doorgaan' }, ALICE)
    createGoals(b).update(id, { owner: BOB })
    const tb = createGoals(b).text(id, 'title')
    tb.insert(tb.length, ' zonder hulp')
    createGoals(b).addEvaluation(id, { date: '2025-01-11', result: 'niet', decision: 'opschalen' }, BOB)
    sync(a, b)
    const ga = createGoals(a).get(id)
    expect(ga).toEqual(createGoals(b).get(id))
    expect(ga).toMatchObject({ title: 'Sam Rekent tot 100 zonder hulp', targetDate: '2025-03-01', owner: BOB })
    expect(ga?.evaluations).toHaveLength(2)
  })
})
