import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AGENDA_ITEMS, cleanNoteLine, createActions, createGoals, createMeetings, meetingNotesName } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('meetings (Overleggen)', () => {
  it('the agenda is in the standard order', () => {
    expect(AGENDA_ITEMS).toEqual(['zorgen', 'krachten', 'doelen', 'afspraken', 'regie', 'volgende datum'])
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
      decisions: [],
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
    expect(meetings.get(id)?.decisions).toEqual([{ id: d2, text: 'Aanmelden bij jeugd-GGZ', createdBy: BOB, createdAt: 6 }])
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
    const line = meetings.notesSnapshot(id).doelen.split('\n')[0] ?? ''
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
    createMeetings(a).notes(id, 'krachten').insert(0, 'Sociaal sterk. ')
    createMeetings(b).notes(id, 'krachten').insert(0, 'Creatief. ')
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
    const notes = ma.notesSnapshot(id).krachten
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
