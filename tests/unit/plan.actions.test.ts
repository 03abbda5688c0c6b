import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CANONICAL_ACTIONS_FORMAT, canonicalActions, createActions, createGoals } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('actions (Afspraken, handelingsdeel)', () => {
  it('adds afspraken linked to a goal, and finds them by goal and by member', () => {
    const doc = new Y.Doc()
    const goal = createGoals(doc).add({ title: 'Lezen', domain: 'leren' }, ALICE)
    const actions = createActions(doc)
    const id = actions.add({ what: ' Samen lezen ', who: 'ouders', whoKey: BOB, when: 'elke avond 15 min', goalId: goal, fundedBy: 'onderwijs' }, ALICE, 4)
    const other = actions.add({ what: 'Gesprek plannen' }, ALICE, 5)
    expect(actions.get(id)).toEqual({
      id,
      what: 'Samen lezen',
      who: 'ouders',
      whoKey: BOB,
      when: 'elke avond 15 min',
      dueDate: '',
      goalId: goal,
      fundedBy: 'onderwijs',
      done: false,
      meetingId: '',
      createdBy: ALICE,
      createdAt: 4,
    })
    expect(actions.get(other)).toMatchObject({ who: '', whoKey: '', goalId: '', fundedBy: '', done: false })
    expect(actions.forGoal(goal).map((a) => a.id)).toEqual([id])
    expect(actions.forMember(BOB).map((a) => a.id)).toEqual([id])
    expect(actions.forMember('')).toEqual([])
    actions.setDone(other, true)
    actions.update(id, { fundedBy: 'gezamenlijk', when: 'wekelijks' })
    expect(actions.get(other)?.done).toBe(true)
    expect(actions.get(id)).toMatchObject({ fundedBy: 'gezamenlijk', when: 'wekelijks' })
    actions.remove(other)
    expect(actions.list().map((a) => a.id)).toEqual([id])
  })

  it('refuses bad values and links to goals that do not exist', () => {
    const actions = createActions(new Y.Doc())
    expect(() => actions.add({ what: '' }, ALICE)).toThrow(expect.objectContaining({ code: 'empty', field: 'what' }))
    expect(() => actions.add({ what: 'x', fundedBy: 'gemeente' as never }, ALICE)).toThrow(
      expect.objectContaining({ code: 'invalid-value', field: 'fundedBy' }),
    )
    expect(() => actions.add({ what: 'x', goalId: 'nope' }, ALICE)).toThrow(expect.objectContaining({ code: 'not-found', field: 'goalId' }))
    expect(() => actions.add({ what: 'x', whoKey: 'mama' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-member-key' }))
    expect(() => actions.add({ what: 'x', done: 'ja' as never }, ALICE)).toThrow(expect.objectContaining({ field: 'done' }))
    expect(actions.list()).toEqual([])
  })

  it('reads a funder from a newer client as not yet agreed', () => {
    const doc = new Y.Doc()
    const id = createActions(doc).add({ what: 'x', fundedBy: 'Jeugdwet' }, ALICE)
    doc.getArray<Y.Map<unknown>>('actions').get(0).set('fundedBy', 'Wmo')
    expect(createActions(doc).get(id)?.fundedBy).toBe('')
  })

  it('observes changes', () => {
    const actions = createActions(new Y.Doc())
    const seen: boolean[] = []
    const stop = actions.observe((as) => seen.push(as[0]?.done ?? false))
    const id = actions.add({ what: 'x' }, ALICE)
    actions.setDone(id, true)
    actions.setDone(id, true)
    stop()
    expect(seen).toEqual([false, true])
  })

  it('two devices editing one afspraak concurrently converge', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = createActions(a).add({ what: 'Time-out plek in de klas' }, ALICE)
    sync(a, b)
    createActions(a).update(id, { who: 'leerkracht' })
    createActions(b).update(id, { fundedBy: 'onderwijs', done: true })
    sync(a, b)
    expect(createActions(a).list()).toEqual(createActions(b).list())
    expect(createActions(a).get(id)).toMatchObject({ who: 'leerkracht', fundedBy: 'onderwijs', done: true })
  })

  describe('canonicalActions (what the instemming signs)', () => {
    it('is JSON with the format tag, afspraken sorted by id, signed fields in a fixed order', () => {
      const doc = new Y.Doc()
      const actions = createActions(doc)
      actions.add({ what: 'B', fundedBy: 'Jeugdwet' }, ALICE)
      actions.add({ what: 'A', who: 'school' }, ALICE)
      const parsed = JSON.parse(text(canonicalActions(doc))) as { format: string; actions: Record<string, string>[] }
      expect(parsed.format).toBe(CANONICAL_ACTIONS_FORMAT)
      const ids = parsed.actions.map((a) => a.id)
      expect(ids).toEqual([...ids].sort())
      for (const a of parsed.actions) expect(Object.keys(a)).toEqual(['id', 'what', 'who', 'whoKey', 'when', 'goalId', 'fundedBy'])
      expect(text(canonicalActions(new Y.Doc()))).toBe(`{"format":"${CANONICAL_ACTIONS_FORMAT}","actions":[]}`)
    })

    it('is the same on two devices with the same content, whatever the array and key order', () => {
      // the same two afspraken, built in a different order and with fields set in a different order
      const a = new Y.Doc()
      const b = new Y.Doc()
      const records = [
        {
          id: '1'.repeat(32),
          what: 'Samen lezen',
          who: 'ouders',
          whoKey: '',
          when: 'dagelijks',
          goalId: '',
          fundedBy: 'onderwijs',
          done: false,
          meetingId: '',
          createdBy: ALICE,
          createdAt: 1,
        },
        {
          id: '2'.repeat(32),
          what: 'Ambulant begeleider',
          who: 'zorg',
          whoKey: BOB,
          when: 'wekelijks',
          goalId: '',
          fundedBy: 'Jeugdwet',
          done: false,
          meetingId: '',
          createdBy: BOB,
          createdAt: 2,
        },
      ]
      const put = (doc: Y.Doc, recs: typeof records, reverseKeys: boolean) => {
        for (const r of recs) {
          const m = new Y.Map<unknown>()
          const entries = Object.entries(r)
          for (const [k, v] of reverseKeys ? entries.reverse() : entries) m.set(k, v)
          doc.getArray<Y.Map<unknown>>('actions').push([m])
        }
      }
      put(a, records, false)
      put(b, [...records].reverse(), true)
      expect(text(canonicalActions(a))).toBe(text(canonicalActions(b)))
      expect(canonicalActions(a)).toEqual(canonicalActions(b))
      expect(canonicalActions(a)).toEqual(canonicalActions(a)) // stable on repeat
    })

    it('is identical on synced docs, ignores done and bookkeeping, changes with the content', () => {
      const a = new Y.Doc()
      const b = new Y.Doc()
      const id = createActions(a).add({ what: 'Samen lezen', fundedBy: 'onderwijs' }, ALICE)
      createActions(b).add({ what: 'Huiswerkklas', meetingId: 'm' }, BOB)
      sync(a, b)
      const before = canonicalActions(a)
      expect(canonicalActions(b)).toEqual(before)
      createActions(a).setDone(id, true)
      expect(canonicalActions(a)).toEqual(before)
      createActions(a).update(id, { when: 'dagelijks' })
      expect(canonicalActions(a)).not.toEqual(before)
    })

    it('treats composed and decomposed accents as the same text', () => {
      const a = new Y.Doc()
      const b = new Y.Doc()
      for (const [doc, form] of [
        [a, 'NFC'],
        [b, 'NFD'],
      ] as const) {
        const m = new Y.Map<unknown>()
        m.set('id', 'c'.repeat(32))
        m.set('what', 'Eén keer per week café-bezoek'.normalize(form))
        doc.getArray<Y.Map<unknown>>('actions').push([m])
      }
      expect(canonicalActions(a)).toEqual(canonicalActions(b))
    })
  })
})
