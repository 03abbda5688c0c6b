import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createActions, createChild, createMeetings, decodeHomeSummary, encodeHomeSummary, homeSummary, initPlan, sameHomeSummary } from '../../src/plan'

const ALICE = 'a'.repeat(64)

describe('home summary', () => {
  it('an empty plan: the child only', () => {
    const doc = new Y.Doc()
    initPlan(doc, { childName: 'Sam', createdBy: ALICE, creatorName: 'Anna' })
    expect(homeSummary(doc, { today: '2026-12-01' })).toEqual({ childName: 'Sam', school: '', nextMeeting: '', openActions: 0 })
  })

  it('the next meeting is the soonest date from today among meetings and their "volgende datum"; open afspraken are those not done', () => {
    const doc = new Y.Doc()
    createChild(doc).set({ name: ' Sam ', school: 'De Linde' })
    const meetings = createMeetings(doc)
    meetings.add({ type: 'MDO', date: '2026-11-20', nextDate: '2027-01-15' }, ALICE)
    meetings.add({ type: 'OT', date: '2026-11-30' }, ALICE)
    const actions = createActions(doc)
    actions.add({ what: 'Dagritmekaart' }, ALICE)
    const done = actions.add({ what: 'Gesprek met juf' }, ALICE)
    actions.add({ what: 'Aanmelden sportclub' }, ALICE)
    actions.setDone(done, true)
    expect(homeSummary(doc, { today: '2026-12-01' })).toEqual({ childName: 'Sam', school: 'De Linde', nextMeeting: '2027-01-15', openActions: 2 })
    const todays = meetings.add({ type: 'evaluatie', date: '2026-12-01' }, ALICE)
    expect(homeSummary(doc, { today: '2026-12-01' }).nextMeeting).toBe('2026-12-01') // later today
    meetings.update(todays, { nextDate: '2026-12-20' }) // held: it set the next date
    expect(homeSummary(doc, { today: '2026-12-01' }).nextMeeting).toBe('2026-12-20')
    meetings.add({ type: 'OT', date: '2026-12-10', nextDate: '2027-03-01' }, ALICE) // planned, with a date after it
    expect(homeSummary(doc, { today: '2026-12-01' }).nextMeeting).toBe('2026-12-10')
    expect(homeSummary(doc, { today: '2027-02-01' }).nextMeeting).toBe('2027-03-01')
    expect(homeSummary(doc, { today: '2027-04-01' }).nextMeeting).toBe('')
  })

  it('round-trips through bytes; anything else reads as null', () => {
    const s = { childName: 'Zoë', school: 'De Linde', nextMeeting: '2027-01-15', openActions: 3 }
    const back = decodeHomeSummary(encodeHomeSummary(s))
    expect(back).toEqual(s)
    expect(sameHomeSummary(s, back!)).toBe(true)
    expect(sameHomeSummary(s, { ...s, openActions: 2 })).toBe(false)
    expect(decodeHomeSummary(new TextEncoder().encode('Sam'))).toBeNull()
    expect(decodeHomeSummary(new TextEncoder().encode('[2,"a","b","c",1]'))).toBeNull()
    expect(decodeHomeSummary(new TextEncoder().encode('[1,"a","b","c","x"]'))).toBeNull()
  })
})
