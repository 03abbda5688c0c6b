/**
 * Voorbereiding of a meeting: three answers per person, kept under the person's key; the answers
 * to one question open an agenda item; "Voor jou" asks for the meetings ahead not yet prepared.
 * [P10] a preparation is its writer's, whatever the role.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PREPARATION_QUESTIONS,
  createMeetings,
  createPreparations,
  isPreparationRoot,
  mayChangeAll,
  mayChangeRoot,
  meetingsToPrepare,
  preparationOfRoot,
  preparationTextName,
  preparationsForItem,
  type ContentAuthor,
  type Party,
} from '../../src/plan'
import type { Role } from '../../src/sync/blob'

const MUM = 'a'.repeat(64)
const MUM_PHONE = 'b'.repeat(64)
const IB = 'c'.repeat(64)
const DAD = 'd'.repeat(64)
const MEETING = '0123456789abcdef0123456789abcdef'

describe('preparations', () => {
  it('keeps each answer under meeting, person and question; lists who answered, empty answers left out', () => {
    const doc = new Y.Doc()
    const prep = createPreparations(doc)
    prep.text(MEETING, MUM, 'goes-well').insert(0, 'Hij leest graag voor.')
    prep.text(MEETING, MUM, 'worries').insert(0, '  Slaapt slecht.  ')
    prep.text(MEETING, IB, 'discuss').insert(0, 'De toets van juni')
    prep.text(MEETING, DAD, 'worries').insert(0, '   ') // only spaces: nothing said
    prep.text('f'.repeat(32), MUM, 'worries').insert(0, 'Ander overleg')

    expect(doc.share.has(preparationTextName(MEETING, MUM, 'goes-well'))).toBe(true)
    expect(prep.forMeeting(MEETING)).toEqual([
      { memberKey: MUM, answers: { discuss: '', 'goes-well': 'Hij leest graag voor.', worries: 'Slaapt slecht.' } },
      { memberKey: IB, answers: { discuss: 'De toets van juni', 'goes-well': '', worries: '' } },
    ])
    expect(prep.hasPrepared(MEETING, MUM)).toBe(true)
    expect(prep.hasPrepared(MEETING, DAD)).toBe(false)
    expect(prep.preparedBy(MUM)).toEqual(new Set([MEETING, 'f'.repeat(32)]))
    expect(prep.preparedBy(DAD)).toEqual(new Set())
    expect(() => prep.text('not-a-meeting', MUM, 'worries')).toThrow()
    expect(() => prep.text(MEETING, 'mum', 'worries')).toThrow()
  })

  it('answers typed on another device arrive as roots nobody asked for, and are listed', () => {
    const a = new Y.Doc()
    createPreparations(a).text(MEETING, MUM, 'worries').insert(0, 'Slaapt slecht.')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(
      createPreparations(b)
        .forMeeting(MEETING)
        .map((p) => p.answers.worries),
    ).toEqual(['Slaapt slecht.'])
  })

  it('preparationsForItem gives one question’s answers, narrowed to some people (the parents) when asked', () => {
    const doc = new Y.Doc()
    const prep = createPreparations(doc)
    prep.text(MEETING, MUM, 'goes-well').insert(0, 'Thuis gaat het goed.')
    prep.text(MEETING, IB, 'goes-well').insert(0, 'Rekenen gaat beter.')
    prep.text(MEETING, IB, 'worries').insert(0, 'Veel afwezig.')
    expect(preparationsForItem(doc, MEETING, 'goes-well')).toEqual([
      { memberKey: MUM, text: 'Thuis gaat het goed.' },
      { memberKey: IB, text: 'Rekenen gaat beter.' },
    ])
    const parents = (key: string) => key === MUM
    expect(preparationsForItem(doc, MEETING, 'goes-well', parents)).toEqual([{ memberKey: MUM, text: 'Thuis gaat het goed.' }])
    expect(preparationsForItem(doc, MEETING, 'worries', parents)).toEqual([])
    expect(preparationsForItem(doc, MEETING, 'discuss')).toEqual([])
  })

  it('the root names parse back exactly; anything else under preparations. is no answer', () => {
    for (const q of PREPARATION_QUESTIONS)
      expect(preparationOfRoot(preparationTextName(MEETING, MUM, q))).toEqual({ meetingId: MEETING, memberKey: MUM, question: q })
    for (const bad of [
      `preparations.${MEETING}.${MUM}.other`,
      `preparations.${MEETING}.${MUM}`,
      `preparations.${MEETING}.${MUM}.worries.x`,
      `preparations.xyz.${MUM}.worries`,
      `preparations.${MEETING}.${MUM.toUpperCase()}.worries`,
    ]) {
      expect(preparationOfRoot(bad), bad).toBeNull()
      expect(isPreparationRoot(bad)).toBe(true)
    }
    expect(isPreparationRoot('preparationsX')).toBe(false)
  })
})

describe('meetingsToPrepare ("Voor jou")', () => {
  const meeting = (id: string, date: string, members: string[] = [], chair = '') => ({
    id,
    date,
    chair,
    attendees: members.map((memberKey) => ({ kind: 'member' as const, memberKey })),
  })
  const mine = (key: string) => key === MUM || key === MUM_PHONE

  it('asks for meetings today or later, not yet prepared, soonest first; past ones never', () => {
    const meetings = [meeting('m3', '2030-05-01'), meeting('m1', '2030-03-01'), meeting('m0', '2030-02-28'), meeting('m2', '2030-03-02')]
    expect(meetingsToPrepare(meetings, '2030-03-01', () => false, mine)).toEqual([
      { meetingId: 'm1', date: '2030-03-01' },
      { meetingId: 'm2', date: '2030-03-02' },
      { meetingId: 'm3', date: '2030-05-01' },
    ])
    expect(meetingsToPrepare(meetings, '2030-03-01', (id) => id !== 'm3', mine)).toEqual([{ meetingId: 'm3', date: '2030-05-01' }])
  })

  it('a meeting that names who attends asks only them (any device of theirs)', () => {
    const meetings = [meeting('ib-only', '2030-03-05', [IB]), meeting('with-mum', '2030-03-06', [IB, MUM_PHONE])]
    expect(meetingsToPrepare(meetings, '2030-03-01', () => false, mine)).toEqual([{ meetingId: 'with-mum', date: '2030-03-06' }])
  })

  it('who starts a meeting is present and chairs it: that alone asks everyone; naming others asks them and the chair', () => {
    const started = [meeting('started', '2030-03-05', [IB], IB), meeting('with-dad', '2030-03-06', [IB, DAD], IB)]
    expect(meetingsToPrepare(started, '2030-03-01', () => false, mine)).toEqual([{ meetingId: 'started', date: '2030-03-05' }])
    const ib = (key: string) => key === IB
    expect(meetingsToPrepare(started, '2030-03-01', () => false, ib).map((m) => m.meetingId)).toEqual(['started', 'with-dad'])
    // a chair who is not marked present is still asked
    expect(meetingsToPrepare([meeting('chaired', '2030-03-05', [DAD], MUM)], '2030-03-01', () => false, mine)).toEqual([
      { meetingId: 'chaired', date: '2030-03-05' },
    ])
  })

  it('a meeting started as the meetings section starts it asks the others too', () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const id = meetings.add({ type: 'MDO', date: '2030-03-01', attendees: [{ kind: 'member', memberKey: IB }], chair: IB }, IB)
    expect(meetingsToPrepare(meetings.list(), '2030-01-01', () => false, mine)).toEqual([{ meetingId: id, date: '2030-03-01' }])
  })

  it('works on meetings as the plan holds them', () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const id = meetings.add({ type: 'MDO', date: '2030-03-01' }, IB)
    expect(meetingsToPrepare(meetings.list(), '2030-01-01', () => false, mine)).toEqual([{ meetingId: id, date: '2030-03-01' }])
    createPreparations(doc).text(id, MUM, 'discuss').insert(0, 'Huiswerk')
    expect(meetingsToPrepare(meetings.list(), '2030-01-01', (m) => createPreparations(doc).hasPrepared(m, MUM), mine)).toEqual([])
  })
})

describe('[P10] a preparation is its writer’s', () => {
  const author = (role: Role, party: Party | undefined, me = MUM): ContentAuthor => ({
    role,
    party,
    orgKind: party === 'professional' ? 'school' : undefined,
    // a device of the same person: the person's first key and its second device
    isMine: (key) => (me === MUM ? key === MUM || key === MUM_PHONE : key === me),
  })
  const root = (key: string, q: (typeof PREPARATION_QUESTIONS)[number] = 'worries') => preparationTextName(MEETING, key, q)

  it('its writer writes it, from any of its devices, whatever the role; a reader writes none (P3)', () => {
    for (const role of ['contributor', 'editor', 'admin'] as const)
      for (const q of PREPARATION_QUESTIONS) {
        expect(mayChangeRoot(author(role, 'gezag'), root(MUM, q), []), `${role} ${q}`).toBe(true)
        expect(mayChangeRoot(author(role, 'gezag'), root(MUM_PHONE, q), []), `${role} ${q} second device`).toBe(true)
      }
    expect(mayChangeRoot(author('reader', 'gezag'), root(MUM), [])).toBe(false)
  })

  it('nobody writes another’s, admin included; a professional’s is as much its own as a parent’s', () => {
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      expect(mayChangeRoot(author(role, 'professional', IB), root(MUM), []), role).toBe(false)
      expect(mayChangeRoot(author(role, 'gezag'), root(IB), []), role).toBe(false)
      expect(mayChangeRoot(author(role, 'professional', IB), root(IB), []), role).toBe(true)
    }
    expect(mayChangeAll(author('admin', 'professional', IB), [root(IB), root(MUM)], [])).toBe(false)
  })

  it('a root under preparations. that is no answer is refused to everyone, also its “owner”', () => {
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      expect(mayChangeRoot(author(role, 'gezag'), `preparations.${MEETING}.${MUM}.other`, []), role).toBe(false)
      expect(mayChangeRoot(author(role, 'gezag'), `preparations.${MEETING}`, []), role).toBe(false)
    }
  })
})
