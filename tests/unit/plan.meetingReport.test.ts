/** The verslag of a meeting, compiled from the plan (pure), and the afspraken of last time. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalMeetingReport, compileMeetingReport, createActions, createGoals, createMeetings, previousActions } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function meetingWithNotes() {
  const doc = new Y.Doc()
  const meetings = createMeetings(doc)
  const id = meetings.add({ type: 'MDO', date: '2025-03-10', chair: ALICE, noteTaker: BOB, attendees: [{ kind: 'member', memberKey: BOB }] }, ALICE, 1)
  meetings.addAttendee(id, { kind: 'guest', name: 'Oma' })
  meetings.notes(id, 'zorgen').insert(0, 'Slaapt slecht')
  meetings.notes(id, 'doelen').insert(0, 'Rekenen gaat vooruit')
  meetings.addDecision(id, 'Doel rekenen loopt door', ALICE, 2, 'doelen')
  meetings.addDecision(id, 'Volgende keer met jeugdarts', ALICE, 3)
  const goal = meetings.noteLineToGoal(id, 'Sam leest elke dag 10 minuten', { domain: 'leren', targetDate: '2025-06-01' }, ALICE, 4)
  meetings.noteLineToAction(id, 'Juf oefent dagelijks', { who: 'leerkracht', when: 'dagelijks' }, ALICE, 5)
  createGoals(doc).addEvaluation(goal, { date: '2025-03-10', result: 'deels', decision: 'doorgaan', seen: 'Leest 5 minuten', meetingId: id }, ALICE, 6)
  meetings.update(id, { nextDate: '2025-06-01' })
  return { doc, meetings, id }
}

describe('the verslag (compileMeetingReport)', () => {
  it('carries who was there in which role, per item its notes and the decisions taken there, the afspraken, goals and evaluations, and the next date', () => {
    const { doc, id } = meetingWithNotes()
    const r = compileMeetingReport(doc, id)!
    expect(r).toMatchObject({ meetingId: id, type: 'MDO', date: '2025-03-10', chair: ALICE, noteTaker: BOB, nextDate: '2025-06-01' })
    expect(r.attendees).toEqual([
      { kind: 'member', memberKey: BOB },
      { kind: 'guest', name: 'Oma' },
    ])
    expect(r.items.find((i) => i.id === 'zorgen')).toMatchObject({ notes: 'Slaapt slecht', decisions: [] })
    expect(r.items.find((i) => i.id === 'doelen')).toMatchObject({ notes: 'Rekenen gaat vooruit', decisions: ['Doel rekenen loopt door'] })
    expect(r.decisions).toEqual(['Volgende keer met jeugdarts'])
    expect(r.actions).toEqual([{ what: 'Juf oefent dagelijks', who: 'leerkracht', whoKey: '', when: 'dagelijks', done: false }])
    expect(r.goals).toEqual([{ title: 'Sam leest elke dag 10 minuten', targetDate: '2025-06-01' }])
    expect(r.evaluations).toEqual([{ goalTitle: 'Sam leest elke dag 10 minuten', result: 'deels', decision: 'doorgaan', seen: 'Leest 5 minuten' }])
    expect(compileMeetingReport(doc, 'e'.repeat(32))).toBeNull()
  })

  it('its canonical bytes are the same on two devices that hold the same plan, and change with any word of the notes', () => {
    const { doc, meetings, id } = meetingWithNotes()
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    const before = canonicalMeetingReport(compileMeetingReport(doc, id)!)
    expect(canonicalMeetingReport(compileMeetingReport(copy, id)!)).toEqual(before)
    meetings.notes(id, 'zorgen').insert(13, '.')
    expect(canonicalMeetingReport(compileMeetingReport(doc, id)!)).not.toEqual(before)
  })

  it('a change outside the meeting (another meeting’s notes, an afspraak of another meeting) leaves it as it was', () => {
    const { doc, meetings, id } = meetingWithNotes()
    const before = canonicalMeetingReport(compileMeetingReport(doc, id)!)
    const other = meetings.add({ type: 'OT', date: '2025-04-01' }, ALICE)
    meetings.notes(other, 'zorgen').insert(0, 'Iets anders')
    createActions(doc).add({ what: 'Los' }, ALICE)
    expect(canonicalMeetingReport(compileMeetingReport(doc, id)!)).toEqual(before)
  })

  it('ticking an afspraak of this meeting done changes the verslag (it shows the state)', () => {
    const { doc, id } = meetingWithNotes()
    const before = canonicalMeetingReport(compileMeetingReport(doc, id)!)
    const a = createActions(doc).list()[0]!
    createActions(doc).setDone(a.id, true)
    expect(canonicalMeetingReport(compileMeetingReport(doc, id)!)).not.toEqual(before)
  })
})

describe('the afspraken of last time (previousActions)', () => {
  it('lists those made in the meeting held last before this one, with their state', () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const first = meetings.add({ type: 'MDO', date: '2025-01-10' }, ALICE, 1)
    const second = meetings.add({ type: 'MDO', date: '2025-03-10' }, ALICE, 2)
    const third = meetings.add({ type: 'OPP-evaluatie', date: '2025-06-10' }, ALICE, 3)
    const a1 = meetings.noteLineToAction(first, 'Oud', {}, ALICE, 4)
    const a2 = meetings.noteLineToAction(second, 'Voorlezen', { who: 'ouders' }, ALICE, 5)
    const a3 = meetings.noteLineToAction(second, 'Bellen met GGD', {}, ALICE, 6)
    createActions(doc).setDone(a3, true)
    const prev = previousActions(doc, third)
    expect(prev.meeting?.id).toBe(second)
    expect(prev.actions.map((a) => [a.id, a.done])).toEqual([
      [a2, false],
      [a3, true],
    ])
    expect(previousActions(doc, second).actions.map((a) => a.id)).toEqual([a1])
    expect(previousActions(doc, first)).toEqual({ meeting: null, actions: [] })
  })
})
