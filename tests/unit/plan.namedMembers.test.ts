/**
 * Which members a change names, for "only my afspraken and meetings" pushes (issue 10 §3): an
 * afspraak added or changed names whom it is for, a meeting added or moved its attendees, an
 * attendee added that member; a goal, ticking an afspraak off, notes, a guest or a removed attendee
 * name nobody.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createActions, createGoals, createMeetings } from '../../src/plan'
import { membersNamedBy } from '../../src/plan/namedMembers'

const IB = 'c'.repeat(64)
const MUM = 'a'.repeat(64)
const DAD = 'b'.repeat(64)

/** Watches the doc; `during(fn)` says which members the changes fn makes name, sorted. */
function watch(doc: Y.Doc): { during: (fn: () => void) => string[] } {
  let named = new Set<string>()
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const k of membersNamedBy(doc, events)) named.add(k)
  }
  doc.getArray('actions').observeDeep(onChange)
  doc.getArray('meetings').observeDeep(onChange)
  return {
    during(fn) {
      named = new Set()
      fn()
      return [...named].sort()
    },
  }
}

describe('membersNamedBy', () => {
  it('an afspraak for a member, added or changed in a signed field, names that member; done, other afspraken and goals do not', () => {
    const doc = new Y.Doc()
    const { during } = watch(doc)
    const actions = createActions(doc)
    const goals = createGoals(doc)
    let goal = ''
    expect(during(() => (goal = goals.add({ title: 'Lezen', domain: 'leren' }, IB)))).toEqual([])
    expect(during(() => goals.update(goal, { owner: MUM, targetDate: '2027-02-01' }))).toEqual([])
    let forMum = ''
    let forNobody = ''
    expect(during(() => (forMum = actions.add({ what: 'Samen lezen', whoKey: MUM }, IB)))).toEqual([MUM])
    expect(during(() => (forNobody = actions.add({ what: 'Dagritmekaart', who: 'school' }, IB)))).toEqual([])
    expect(during(() => actions.setDone(forMum, true))).toEqual([])
    expect(during(() => actions.update(forMum, { dueDate: '2027-01-15' }))).toEqual([MUM])
    expect(during(() => actions.update(forNobody, { when: 'elke dag' }))).toEqual([])
    expect(during(() => actions.update(forMum, { whoKey: DAD }))).toEqual([DAD])
  })

  it('a meeting added names its member attendees (not guests); a new date names them again; an attendee added names that member, removed nobody', () => {
    const doc = new Y.Doc()
    const { during } = watch(doc)
    const meetings = createMeetings(doc)
    let id = ''
    const attendees = [
      { kind: 'member' as const, memberKey: MUM },
      { kind: 'guest' as const, name: 'Opa' },
    ]
    expect(during(() => (id = meetings.add({ type: 'MDO', date: '2027-01-10', attendees }, IB)))).toEqual([MUM])
    expect(during(() => meetings.update(id, { date: '2027-01-12' }))).toEqual([MUM])
    expect(during(() => meetings.update(id, { nextDate: '2027-03-01' }))).toEqual([])
    expect(during(() => meetings.addAttendee(id, { kind: 'member', memberKey: DAD }))).toEqual([DAD])
    expect(during(() => meetings.removeAttendee(id, { kind: 'member', memberKey: MUM }))).toEqual([])
    expect(during(() => meetings.notes(id, meetings.get(id)!.agenda[0]!.id).insert(0, 'Het gaat goed'))).toEqual([])
    expect(during(() => meetings.update(id, { date: '2027-01-14' }))).toEqual([DAD])
  })
})
