/**
 * Herinneringen (issue 10 §3): the dates coming up in a plan, at the edges: today, overdue,
 * exactly 30 days ahead and one day past that, and nothing at all.
 */
import { describe, expect, it } from 'vitest'
import { addDays, nextMeetingDate, nextOppEvaluation, remindersOf, type RemindersInput } from '../../src/plan/reminders'
import { readReminder } from '../../src/plan/reminders'

/** 10:00 on 7 December 2026 on this device's calendar */
const NOW = new Date(2026, 11, 7, 10, 0).getTime()
const TODAY = '2026-12-07'
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime()

const empty: RemindersInput = {
  now: NOW,
  goals: [],
  actions: [],
  meetings: [],
  nextEvaluation: '',
  oppEvaluations: [],
  vastgesteldOn: '',
  consents: [],
  members: [],
}
const goal = (id: string, targetDate: string, status = 'open', evaluations: { date: string }[] = []) => ({
  id,
  title: `Doel ${id}`,
  targetDate,
  status,
  evaluations,
})

describe('remindersOf', () => {
  it('nothing in the plan: no reminders', () => {
    expect(remindersOf(empty)).toEqual([])
  })

  it('goals: overdue, today and up to 30 days ahead; not 31, not finished ones, not once evaluated on or after the date', () => {
    const reminders = remindersOf({
      ...empty,
      goals: [
        goal('late', '2026-11-30'),
        goal('today', TODAY, 'deels'),
        goal('edge', addDays(TODAY, 30)),
        goal('beyond', addDays(TODAY, 31)),
        goal('done', TODAY, 'behaald'),
        goal('stopped', TODAY, 'gestopt'),
        goal('evaluated', '2026-11-30', 'open', [{ date: '2026-11-30' }]),
        goal('evaluatedBefore', '2026-11-30', 'open', [{ date: '2026-11-01' }]),
        goal('noDate', ''),
      ],
    })
    expect(reminders.map((r) => (r.kind === 'goal' ? [r.goalId, r.date, r.overdue] : r.kind))).toEqual([
      ['late', '2026-11-30', true],
      ['evaluatedBefore', '2026-11-30', true],
      ['today', TODAY, false],
      ['edge', '2027-01-06', false],
    ])
  })

  it('afspraken with a date: overdue ("over datum"), today and up to 30 days ahead, with whom they are for; not 31, not done, not without a date', () => {
    const action = (id: string, dueDate: string, done = false, who = 'Moeder') => ({ id, what: `Afspraak ${id}`, who, dueDate, done })
    const reminders = remindersOf({
      ...empty,
      actions: [
        action('late', '2026-11-30'),
        action('today', TODAY, false, ''),
        action('edge', addDays(TODAY, 30)),
        action('beyond', addDays(TODAY, 31)),
        action('doneLate', '2026-11-30', true),
        action('noDate', ''),
      ],
    })
    expect(reminders).toEqual([
      { kind: 'action', actionId: 'late', what: 'Afspraak late', who: 'Moeder', date: '2026-11-30', overdue: true },
      { kind: 'action', actionId: 'today', what: 'Afspraak today', who: '', date: TODAY, overdue: false },
      { kind: 'action', actionId: 'edge', what: 'Afspraak edge', who: 'Moeder', date: '2027-01-06', overdue: false },
    ])
  })

  it('the next meeting within 30 days, as the home card reckons it; a past one is none', () => {
    expect(remindersOf({ ...empty, meetings: [{ type: 'MDO', date: '2026-12-01', nextDate: '' }] })).toEqual([])
    expect(remindersOf({ ...empty, meetings: [{ type: 'MDO', date: TODAY, nextDate: '' }] })).toEqual([{ kind: 'meeting', date: TODAY }])
    expect(remindersOf({ ...empty, meetings: [{ type: 'MDO', date: TODAY, nextDate: '2027-01-06' }] })).toEqual([{ kind: 'meeting', date: '2027-01-06' }])
    expect(remindersOf({ ...empty, meetings: [{ type: 'MDO', date: '2027-01-07', nextDate: '' }] })).toEqual([])
    expect(
      nextMeetingDate(
        [
          { date: '2026-12-20', nextDate: '' },
          { date: '2026-12-01', nextDate: '2026-12-10' },
        ],
        TODAY,
      ),
    ).toBe('2026-12-10')
  })

  it('the plan’s evaluation: the planstatus’s date when set, overdue too', () => {
    expect(remindersOf({ ...empty, nextEvaluation: '2026-12-01' })).toEqual([{ kind: 'planEvaluation', date: '2026-12-01', overdue: true }])
    expect(remindersOf({ ...empty, nextEvaluation: '2027-03-01' })).toEqual([])
  })

  it('[P11] the yearly OPP evaluation: a year after the last evaluation with the parents, else after the vaststelling; none before either', () => {
    // a year after 2025-12-20 is 2026-12-20: within 30 days
    expect(remindersOf({ ...empty, oppEvaluations: ['2025-06-01', '2025-12-20'] })).toEqual([{ kind: 'oppYearly', date: '2026-12-20', overdue: false }])
    expect(remindersOf({ ...empty, oppEvaluations: ['2025-11-01'] })).toEqual([{ kind: 'oppYearly', date: '2026-11-01', overdue: true }])
    // no evaluation yet: a year after the vaststelling
    expect(remindersOf({ ...empty, vastgesteldOn: '2025-12-10' })).toEqual([{ kind: 'oppYearly', date: '2026-12-10', overdue: false }])
    // the newer of the two counts: set again after the last evaluation, the year runs from the vaststelling
    expect(remindersOf({ ...empty, oppEvaluations: ['2025-11-01'], vastgesteldOn: '2026-02-01' })).toEqual([])
    expect(remindersOf({ ...empty, oppEvaluations: ['2026-02-01'], vastgesteldOn: '2025-11-01' })).toEqual([])
    // an evaluation dated in the future is not held yet; an OPP never set nor evaluated asks nothing
    expect(nextOppEvaluation(['2027-05-01'], '', TODAY)).toBe('')
    expect(remindersOf(empty)).toEqual([])
    // it stands beside the planstatus's own date; meetings of type evaluatie no longer stand in for it
    expect(remindersOf({ ...empty, nextEvaluation: '2026-12-30', vastgesteldOn: '2025-12-10' }).map((r) => r.kind)).toEqual(['oppYearly', 'planEvaluation'])
    expect(remindersOf({ ...empty, meetings: [{ type: 'evaluatie', date: '2025-11-01', nextDate: '' }] })).toEqual([])
    // 29 February: the same day a year later is 28 February
    expect(nextOppEvaluation(['2024-02-29'], '', TODAY)).toBe('2025-02-28')
  })

  it('consent that ends within 30 days, live only; guests whose access ends within 30 days', () => {
    const consent = (organisationId: string, expiresAt: number, status = 'live') => ({
      organisationId,
      organisationName: `Org ${organisationId}`,
      expiresAt,
      status,
    })
    const reminders = remindersOf({
      ...empty,
      consents: [
        consent('soon', at(2026, 12, 20)),
        consent('edge', at(2027, 1, 6, 23)),
        consent('later', at(2027, 1, 7, 1)),
        consent('ended', at(2026, 12, 7, 9)),
        consent('withdrawn', at(2026, 12, 20), 'withdrawn'),
      ],
      members: [
        { memberKey: 'g', name: 'Gast', accessUntil: at(2026, 12, 7, 18) },
        { memberKey: 'gone', name: 'Weg', accessUntil: at(2026, 12, 7, 9) },
        { memberKey: 'far', name: 'Ver', accessUntil: at(2027, 2, 1) },
        { memberKey: 'always', name: 'Vast' },
      ],
    })
    expect(reminders).toEqual([
      { kind: 'guest', memberKey: 'g', name: 'Gast', date: TODAY },
      { kind: 'consent', organisationId: 'soon', organisationName: 'Org soon', date: '2026-12-20' },
      { kind: 'consent', organisationId: 'edge', organisationName: 'Org edge', date: '2027-01-06' },
    ])
  })

  it('every reminder reads back from its stored form; anything else does not', () => {
    const all = remindersOf({
      ...empty,
      goals: [goal('x', TODAY)],
      actions: [{ id: 'a', what: 'Bellen', who: 'Moeder', dueDate: '2026-12-01', done: false }],
      meetings: [{ type: 'MDO', date: TODAY, nextDate: '' }],
      nextEvaluation: TODAY,
      consents: [{ organisationId: 'o', organisationName: 'O', expiresAt: at(2026, 12, 8), status: 'live' }],
      members: [{ memberKey: 'g', name: 'G', accessUntil: at(2026, 12, 8) }],
    })
    expect(all).toHaveLength(6)
    for (const r of all) expect(readReminder(JSON.parse(JSON.stringify(r)))).toEqual(r)
    expect(readReminder({ kind: 'meeting', date: 'morgen' })).toBeNull()
    expect(readReminder({ kind: 'goal', date: TODAY, goalId: 'x', title: 'y' })).toBeNull()
    expect(readReminder({ kind: 'action', date: TODAY, actionId: 'a', what: 'Bellen', overdue: false })).toBeNull()
    expect(readReminder({ kind: 'other', date: TODAY })).toBeNull()
  })
})
