import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  LEGACY_AGENDA,
  SELF_MARKED,
  cleanNoteLine,
  createActions,
  createFactors,
  createGoals,
  createMeetings,
  createNeedLines,
  createObservations,
  defaultTemplate,
  meetingNotesName,
  notesOfRoot,
} from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('meetings (Overleggen)', () => {
  it('a new meeting copies its type’s template as its own agenda', () => {
    const meetings = createMeetings(new Y.Doc())
    const id = meetings.add({ type: 'MDO', date: '2024-11-05' }, ALICE, 2)
    expect(meetings.get(id)?.agenda).toEqual(defaultTemplate('MDO'))
    expect(meetings.get(id)?.legacy).toBe(false)
  })

  it('a meeting from before templates reads with its six fixed items, and every note written there still shows', () => {
    const doc = new Y.Doc()
    // as the app wrote a meeting before templates: no agenda, attendees true, notes under the old names
    const map = new Y.Map<unknown>()
    const id = 'c'.repeat(32)
    doc.getArray<Y.Map<unknown>>('meetings').push([map])
    map.set('id', id)
    map.set('type', 'OT')
    map.set('date', '2023-05-01')
    const attendees = new Y.Map<unknown>()
    map.set('attendees', attendees)
    attendees.set(`m:${BOB}`, true)
    map.set('decisions', new Y.Array())
    map.set('createdBy', ALICE)
    map.set('createdAt', 1)
    const old = ['zorgen', 'krachten', 'doelen', 'afspraken', 'regie', 'volgende datum']
    for (const item of old) doc.getText(`meetings.${id}.${item}`).insert(0, `oud: ${item}`)
    const meetings = createMeetings(doc)
    const m = meetings.get(id)
    expect(m?.legacy).toBe(true)
    expect(m?.agenda.map((i) => i.id)).toEqual(old)
    expect(m?.agenda).toEqual(LEGACY_AGENDA)
    expect(m?.attendees).toEqual([{ kind: 'member', memberKey: BOB }])
    expect(Object.values(meetings.notesSnapshot(id))).toEqual(old.map((i) => `oud: ${i}`))
  })

  it('starts a meeting with attendees; lists newest first; updates and removes it with its notes', () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const old = meetings.add({ type: 'Kans!overleg', date: '2024-09-10' }, ALICE, 1)
    const id = meetings.add(
      {
        type: 'MDO',
        date: '2024-11-05',
        attendees: [
          { kind: 'guest', name: ' Juf Anja ' },
          { kind: 'member', memberKey: BOB },
          { kind: 'member', memberKey: ALICE },
        ],
      },
      ALICE,
      2,
    )
    expect(meetings.list().map((m) => m.id)).toEqual([id, old])
    expect(meetings.get(id)).toEqual({
      id,
      type: 'MDO',
      date: '2024-11-05',
      attendees: [
        { kind: 'member', memberKey: ALICE },
        { kind: 'member', memberKey: BOB },
        { kind: 'guest', name: 'Juf Anja' },
      ],
      selfMarked: [],
      decisions: [],
      agenda: defaultTemplate('MDO'),
      legacy: false,
      chair: '',
      noteTaker: '',
      nextDate: '',
      createdBy: ALICE,
      createdAt: 2,
    })
    meetings.update(id, { nextDate: '2025-02-01', type: 'OT' })
    expect(meetings.get(id)).toMatchObject({ nextDate: '2025-02-01', type: 'OT' })
    meetings.notes(id, 'zorgen').insert(0, 'Veel ziekteverzuim')
    expect(doc.getText(meetingNotesName(id, 'zorgen')).toString()).toBe('Veel ziekteverzuim')
    meetings.remove(id)
    expect(meetings.list().map((m) => m.id)).toEqual([old])
    expect(doc.getText(meetingNotesName(id, 'zorgen')).toString()).toBe('')
    expect(() => meetings.notes(id, 'zorgen')).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('keeps attendees as a set, and decisions as a list', () => {
    const meetings = createMeetings(new Y.Doc())
    const id = meetings.add({ type: 'evaluatie', date: '2025-01-10' }, ALICE)
    meetings.addAttendee(id, { kind: 'member', memberKey: BOB })
    meetings.addAttendee(id, { kind: 'member', memberKey: BOB })
    meetings.addAttendee(id, { kind: 'guest', name: 'Opa' })
    meetings.removeAttendee(id, { kind: 'guest', name: 'Opa' })
    expect(meetings.get(id)?.attendees).toEqual([{ kind: 'member', memberKey: BOB }])
    const d1 = meetings.addDecision(id, 'Doorgaan met begeleiding', ALICE, 5)
    const d2 = meetings.addDecision(id, 'Aanmelden bij jeugd-GGZ', BOB, 6)
    meetings.removeDecision(id, d1)
    expect(meetings.get(id)?.decisions).toEqual([{ id: d2, text: 'Aanmelden bij jeugd-GGZ', item: '', createdBy: BOB, createdAt: 6 }])
  })

  it('takes a decision inside the agenda item it belongs to', () => {
    const meetings = createMeetings(new Y.Doc())
    const id = meetings.add({ type: 'MDO', date: '2025-01-10' }, ALICE)
    const d = meetings.addDecision(id, 'Doel rekenen bijstellen', ALICE, 5, 'doelen')
    expect(meetings.get(id)?.decisions).toEqual([{ id: d, text: 'Doel rekenen bijstellen', item: 'doelen', createdBy: ALICE, createdAt: 5 }])
    expect(() => meetings.addDecision(id, 'x', ALICE, 6, 'rondvraag')).toThrow(expect.objectContaining({ code: 'invalid-value', field: 'item' }))
  })

  it('a contributor’s own mark is "self": present, listed as not yet confirmed; someone who edits the meeting confirms with true', () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const id = meetings.add({ type: 'MDO', date: '2025-01-10' }, ALICE)
    meetings.markOwnPresence(id, BOB)
    const set = doc.getArray<Y.Map<unknown>>('meetings').get(0).get('attendees') as Y.Map<unknown>
    expect(set.get(`m:${BOB}`)).toBe(SELF_MARKED)
    expect(meetings.get(id)).toMatchObject({ attendees: [{ kind: 'member', memberKey: BOB }], selfMarked: [BOB] })
    meetings.addAttendee(id, { kind: 'member', memberKey: BOB })
    expect(set.get(`m:${BOB}`)).toBe(true)
    expect(meetings.get(id)?.selfMarked).toEqual([])
    // marking oneself again never undoes a confirmation
    meetings.markOwnPresence(id, BOB)
    expect(set.get(`m:${BOB}`)).toBe(true)
  })

  it('chair and note-taker are named members', () => {
    const meetings = createMeetings(new Y.Doc())
    const id = meetings.add({ type: 'Kans!overleg', date: '2025-01-10', chair: ALICE }, ALICE)
    meetings.update(id, { noteTaker: BOB })
    expect(meetings.get(id)).toMatchObject({ chair: ALICE, noteTaker: BOB })
    expect(() => meetings.update(id, { chair: 'juf' })).toThrow(expect.objectContaining({ code: 'invalid-member-key', field: 'chair' }))
  })

  it('adapts a meeting’s agenda, but never drops an item that holds notes', () => {
    const meetings = createMeetings(new Y.Doc())
    const id = meetings.add({ type: 'keukentafelgesprek', date: '2025-01-10' }, ALICE)
    const agenda = meetings.get(id)!.agenda
    meetings.setAgenda(
      id,
      agenda.map((i) => (i.id === 'zorgen' ? { ...i, minutes: 10 } : i)),
    )
    expect(meetings.get(id)?.agenda.find((i) => i.id === 'zorgen')?.minutes).toBe(10)
    meetings.notes(id, 'zorgen').insert(0, 'Slaapt slecht')
    expect(() =>
      meetings.setAgenda(
        id,
        agenda.filter((i) => i.id !== 'zorgen'),
      ),
    ).toThrow(expect.objectContaining({ code: 'forbidden', field: 'agenda' }))
    meetings.setAgenda(
      id,
      agenda.filter((i) => i.id !== 'gaat goed'),
    )
    expect(meetings.get(id)?.agenda.some((i) => i.id === 'gaat goed')).toBe(false)
  })

  it('names its notes texts so the rules can find the meeting and item back', () => {
    const id = 'd'.repeat(32)
    expect(notesOfRoot(meetingNotesName(id, 'volgende datum'))).toEqual({ meetingId: id, itemId: 'volgende datum' })
    expect(notesOfRoot('meetings')).toBeNull()
    expect(notesOfRoot('meetings.x.zorgen')).toBeNull()
    expect(notesOfRoot('goals.abc.title')).toBeNull()
  })

  it('refuses bad values', () => {
    const meetings = createMeetings(new Y.Doc())
    expect(() => meetings.add({ type: 'koffie' as never, date: '2025-01-10' }, ALICE)).toThrow(
      expect.objectContaining({ code: 'invalid-value', field: 'type' }),
    )
    expect(() => meetings.add({ type: 'MDO', date: '10-01-2025' }, ALICE)).toThrow(expect.objectContaining({ code: 'invalid-date' }))
    expect(() => meetings.add({ type: 'MDO', date: '2025-01-10', attendees: [{ kind: 'member', memberKey: 'bob' }] }, ALICE)).toThrow(
      expect.objectContaining({ code: 'invalid-member-key' }),
    )
    expect(() => meetings.add({ type: 'MDO', date: '2025-01-10', attendees: [{ kind: 'guest', name: '' }] }, ALICE)).toThrow(
      expect.objectContaining({ code: 'empty' }),
    )
    expect(meetings.list()).toEqual([])
    const id = meetings.add({ type: 'MDO', date: '2025-01-10' }, ALICE)
    expect(() => meetings.notes(id, 'rondvraag' as never)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => meetings.addDecision(id, ' ', ALICE)).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => meetings.update(id, { nextDate: 'morgen' })).toThrow(expect.objectContaining({ code: 'invalid-date' }))
  })

  it('reads a type from a newer client and odd attendee entries safely', () => {
    const doc = new Y.Doc()
    const id = createMeetings(doc).add({ type: 'OT', date: '2025-01-10' }, ALICE)
    const map = doc.getArray<Y.Map<unknown>>('meetings').get(0)
    map.set('type', 'Groeidocument-overleg')
    ;(map.get('attendees') as Y.Map<unknown>).set('x:iets', true)
    expect(createMeetings(doc).get(id)).toMatchObject({ type: 'MDO', attendees: [] })
  })

  it('turns a line of notes into a goal or an afspraak, in one transaction', () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const id = meetings.add({ type: 'MDO', date: '2025-01-10' }, ALICE)
    meetings.notes(id, 'doelen').insert(0, '- Sam vraagt zelf om hulp bij rekenen\n')
    const line = meetings.notesSnapshot(id).doelen?.split('\n')[0] ?? ''
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    const goalId = meetings.noteLineToGoal(id, line, { domain: 'leren', owner: BOB, targetDate: '2025-04-01' }, ALICE, 7)
    expect(transactions).toBe(1)
    expect(createGoals(doc).get(goalId)).toMatchObject({
      title: 'Sam vraagt zelf om hulp bij rekenen',
      owner: BOB,
      targetDate: '2025-04-01',
      meetingId: id,
      status: 'open',
      createdBy: ALICE,
      createdAt: 7,
    })

    const actionId = meetings.noteLineToAction(
      id,
      '2. Juf oefent dagelijks 10 minuten',
      { who: 'leerkracht', when: 'dagelijks', goalId, fundedBy: 'onderwijs' },
      ALICE,
      8,
    )
    expect(transactions).toBe(2)
    expect(createActions(doc).get(actionId)).toMatchObject({ what: 'Juf oefent dagelijks 10 minuten', goalId, meetingId: id, fundedBy: 'onderwijs' })

    expect(() => meetings.noteLineToGoal(id, '-  ', { domain: 'leren' }, ALICE)).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => meetings.noteLineToGoal('nope', 'x', { domain: 'leren' }, ALICE)).toThrow(expect.objectContaining({ code: 'not-found' }))
    expect(() => meetings.noteLineToAction(id, 'x', { fundedBy: 'Wmo' as never }, ALICE)).toThrow(expect.objectContaining({ field: 'fundedBy' }))
    expect(createGoals(doc).list()).toHaveLength(1)
    expect(createActions(doc).list()).toHaveLength(1)
  })

  it('turns a line into a factor, a need or an observation, each naming the meeting it came from', () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const id = meetings.add({ type: 'MDO', date: '2025-01-10' }, ALICE)
    const f = meetings.noteLineTo(id, '- Houdt van voetbal', { kind: 'factor', factor: { domain: 'vrije tijd', kind: 'helpt', date: '2025-01-10' } }, ALICE, 9)
    expect(createFactors(doc).get(f)).toMatchObject({ text: 'Houdt van voetbal', domain: 'vrije tijd', meetingId: id })
    const n = meetings.noteLineTo(id, '* Een vaste plek in de klas', { kind: 'need', holder: 'kind' }, ALICE, 10)
    expect(createNeedLines(doc).forHolder('kind')).toEqual([
      { id: n, holder: 'kind', text: 'Een vaste plek in de klas', meetingId: id, createdBy: ALICE, createdAt: 10 },
    ])
    const o = meetings.noteLineTo(id, 'Thuis rustiger na school', { kind: 'observation', observation: { date: '2025-01-10', context: 'thuis' } }, ALICE, 11)
    expect(createObservations(doc).get(o)).toMatchObject({ text: 'Thuis rustiger na school', context: 'thuis', meetingId: id })
    expect(() => meetings.noteLineTo(id, 'x', { kind: 'need', holder: 'opa' as never }, ALICE)).toThrow(expect.objectContaining({ field: 'holder' }))
    expect(createNeedLines(doc).list()).toHaveLength(1)
  })

  it('cleans list markers from a line of notes', () => {
    expect(['- a', '* a', '• a', '1. a', '12) a', '[ ] a', '[x] a', '  a  '].map(cleanNoteLine)).toEqual(Array(8).fill('a'))
  })

  it('observes meeting fields, attendees, decisions and notes', () => {
    const meetings = createMeetings(new Y.Doc())
    let calls = 0
    const stop = meetings.observe(() => calls++)
    const id = meetings.add({ type: 'MDO', date: '2025-01-10' }, ALICE) // 1
    meetings.addAttendee(id, { kind: 'member', memberKey: BOB }) // 2
    meetings.addDecision(id, 'x', ALICE) // 3
    meetings.notes(id, 'regie').insert(0, 'Moeder houdt regie') // 4
    meetings.update(id, { nextDate: '2025-03-01' }) // 5
    stop()
    meetings.notes(id, 'regie').insert(0, '!')
    expect(calls).toBe(5)
  })

  it('several people taking notes at once, ticking attendees and adding decisions all converge', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = createMeetings(a).add({ type: 'Kans!overleg', date: '2025-01-10' }, ALICE)
    sync(a, b)
    // both type the first words into the same fresh agenda item at once
    createMeetings(a).notes(id, 'gaat goed').insert(0, 'Sociaal sterk. ')
    createMeetings(b).notes(id, 'gaat goed').insert(0, 'Creatief. ')
    createMeetings(a).addAttendee(id, { kind: 'member', memberKey: BOB })
    createMeetings(b).addAttendee(id, { kind: 'member', memberKey: BOB })
    createMeetings(b).addAttendee(id, { kind: 'guest', name: 'Oma' })
    createMeetings(a).addDecision(id, 'A', ALICE)
    createMeetings(b).addDecision(id, 'B', BOB)
    createMeetings(a).update(id, { nextDate: '2025-03-01' })
    sync(a, b)
    const ma = createMeetings(a)
    expect(ma.get(id)).toEqual(createMeetings(b).get(id))
    expect(ma.notesSnapshot(id)).toEqual(createMeetings(b).notesSnapshot(id))
    const notes = ma.notesSnapshot(id)['gaat goed']
    expect(notes).toContain('Sociaal sterk. ')
    expect(notes).toContain('Creatief. ')
    expect(ma.get(id)?.attendees).toEqual([
      { kind: 'member', memberKey: BOB },
      { kind: 'guest', name: 'Oma' },
    ])
    expect(
      ma
        .get(id)
        ?.decisions.map((d) => d.text)
        .sort(),
    ).toEqual(['A', 'B'])
    expect(ma.get(id)?.nextDate).toBe('2025-03-01')
  })
})
