import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createGoals, createMeetings, createTeam, initPlan } from '../../src/plan'
import { closingSummary } from '../../src/plan/closingSummary'
import { createClosureNote } from '../../src/plan/closureNote'
import { PlanError } from '../../src/plan/errors'

const ANNA = 'a'.repeat(64)
const BRAM = 'b'.repeat(64)
const NOW = Date.UTC(2026, 11, 1, 12)

function newPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlan(doc, { childName: 'Sam', createdBy: ANNA, creatorName: 'Anna (moeder)', now: Date.UTC(2025, 8, 1, 12) })
  return doc
}

describe('closing summary', () => {
  it('sorts the goals into reached, still open and ended; names the last evaluation and meeting held and everyone who took part', () => {
    const doc = newPlan()
    createTeam(doc).add({ memberKey: BRAM, name: 'Bram (IB)', role: 'editor', organisation: 'De Linde' }, ANNA, NOW)
    const goals = createGoals(doc)
    const lezen = goals.add({ title: 'Lezen op niveau', domain: 'leren', status: 'behaald' }, ANNA, NOW)
    goals.add({ title: 'Rustig aan tafel', domain: 'werkhouding', status: 'deels' }, ANNA, NOW)
    goals.add({ title: 'Zwemdiploma', domain: 'motoriek', status: 'gestopt' }, ANNA, NOW)
    goals.add({ title: 'Vriendjes maken', domain: 'sociaal-emotioneel', status: 'open' }, ANNA, NOW)
    goals.addEvaluation(lezen, { date: '2026-06-10', result: 'behaald', decision: 'afschalen' }, BRAM, NOW)
    goals.addEvaluation(lezen, { date: '2026-03-01', result: 'deels', decision: 'doorgaan' }, BRAM, NOW)
    goals.addEvaluation(lezen, { date: '2027-01-01', result: 'niet', decision: 'doorgaan' }, BRAM, NOW) // not yet: in the future
    const meetings = createMeetings(doc)
    meetings.add(
      {
        type: 'evaluatie',
        date: '2026-06-10',
        attendees: [
          { kind: 'member', memberKey: BRAM },
          { kind: 'guest', name: 'Dr. Vos' },
        ],
      },
      ANNA,
      NOW,
    )
    meetings.add({ type: 'MDO', date: '2027-02-01', attendees: [{ kind: 'guest', name: 'Nog niet' }] }, ANNA, NOW)

    const s = closingSummary(doc, NOW)
    expect(s.childName).toBe('Sam')
    expect(s.startedOn).toBe('2025-09-01')
    expect(s.on).toBe('2026-12-01')
    expect(s.reached.map((g) => g.title)).toEqual(['Lezen op niveau'])
    expect(s.open.map((g) => g.title).sort()).toEqual(['Rustig aan tafel', 'Vriendjes maken'])
    expect(s.ended.map((g) => g.title)).toEqual(['Zwemdiploma'])
    expect(s.lastEvaluation).toEqual({ date: '2026-06-10', goalTitle: 'Lezen op niveau', result: 'behaald' })
    expect(s.lastMeeting).toEqual({ date: '2026-06-10', type: 'evaluatie' })
    expect(s.participants).toEqual(['Anna (moeder)', 'Bram (IB)', 'Dr. Vos'])
  })

  it('says plainly when there is nothing: no goals, no evaluation, no meeting', () => {
    const s = closingSummary(newPlan(), NOW)
    expect(s).toMatchObject({ reached: [], open: [], ended: [], lastEvaluation: null, lastMeeting: null, participants: ['Anna (moeder)'] })
  })

  it('the closure note keeps the reason and the summary; "anders" needs words', () => {
    const doc = newPlan()
    const note = createClosureNote(doc)
    expect(note.get()).toBeNull()
    const summary = closingSummary(doc, NOW)
    expect(() => note.set({ reason: 'other', otherText: '  ', summary, closedAt: NOW })).toThrow(PlanError)
    note.set({ reason: 'other', otherText: ' Verhuisd ', summary, closedAt: NOW })
    expect(note.get()).toEqual({ reason: 'other', otherText: 'Verhuisd', summary, closedAt: NOW })
    note.set({ reason: 'moved', otherText: 'vergeten', summary, closedAt: NOW })
    expect(note.get()?.otherText).toBe('')
  })
})
