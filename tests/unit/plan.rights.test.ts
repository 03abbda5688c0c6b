/** [P1] What a contributor may change, by their party: the roots that are theirs and nothing else, and Gedaan / presence entry by entry. [P3] What a reader with gezag may. [P4] Whose voice is whose. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PERSPECTIVES,
  VOICE_FIELDS,
  consentingReaderMayChange,
  contributorMayChange,
  contributorMayChangeEntry,
  attendeeMayWriteNotes,
  mayWriteNotesWhenPresent,
  contributorRoots,
  isOwnKey,
  mayChangeAll,
  mayChangeRoot,
  mayGiveInstemming,
  mayWriteVoice,
  ownPerspective,
  voiceCommentName,
  voiceOfRoot,
  voiceTextName,
  type ContentAuthor,
  type EntryChange,
  type KeyOwners,
  type OrganisationKind,
  type Party,
} from '../../src/plan'
import type { Role } from '../../src/sync/blob'

const PARTIES: Party[] = ['professional', 'parent', 'gezag', 'youth', 'youth16']
const voiceRoots = (p: (typeof PERSPECTIVES)[number]) => VOICE_FIELDS.map((f) => voiceTextName(p, f))
const OUTSIDE = [
  'goals',
  'actions',
  'meetings',
  'meta',
  'child',
  'factors',
  'socialMap',
  'route',
  'goals.abc.title',
  'meetings.x.afspraken',
  'needs.kind',
  'perspective.analyse',
  'log',
  '',
]

describe('[P1] contributorMayChange by party', () => {
  it('every contributor adds observations, its own name to the team list, and consent details (R12 judges those)', () => {
    for (const party of [...PARTIES, undefined]) {
      for (const root of ['observations', 'team', 'consents', 'organisations']) expect(contributorMayChange(root, party)).toBe(true)
    }
  })

  it("parents (with or without gezag) write the parents' voice, and the child's on its behalf (P4)", () => {
    for (const party of ['parent', 'gezag'] as const) {
      for (const root of voiceRoots('ouders')) expect(contributorMayChange(root, party)).toBe(true)
      for (const root of voiceRoots('kind')) expect(contributorMayChange(root, party)).toBe(true)
    }
  })

  it("the youth writes the child's voice, not the parents'", () => {
    for (const party of ['youth', 'youth16'] as const) {
      for (const root of voiceRoots('kind')) expect(contributorMayChange(root, party)).toBe(true)
      for (const root of voiceRoots('ouders')) expect(contributorMayChange(root, party)).toBe(false)
    }
  })

  it('a professional contributor writes observations only, no voice', () => {
    for (const p of PERSPECTIVES) for (const root of voiceRoots(p)) expect(contributorMayChange(root, 'professional')).toBe(false)
  })

  it("nobody's contributor writes the school's or care's voice, goals, afspraken or meetings", () => {
    for (const party of [...PARTIES, undefined]) {
      for (const root of [...voiceRoots('school'), ...voiceRoots('zorg'), ...OUTSIDE]) expect(contributorMayChange(root, party), `${party} ${root}`).toBe(false)
    }
  })

  it('a name that only starts like a voice is not one', () => {
    expect(contributorMayChange('voices.oudersX.zorgen', 'parent')).toBe(false)
    expect(contributorMayChange('voices.ouders', 'parent')).toBe(false)
    expect(contributorMayChange('xvoices.ouders.zorgen', 'parent')).toBe(false)
  })

  it('[P11] a parent with gezag and the youth from 16 (who signs itself from 18) write the instemming list; entries of others would not count anyway', () => {
    expect(PARTIES.filter((p) => contributorMayChange('instemming', p))).toEqual(['gezag', 'youth16'])
    expect(contributorMayChange('instemming', undefined)).toBe(false)
    expect(PARTIES.filter(mayGiveInstemming)).toEqual(['gezag'])
  })

  it('a member whose party the log does not name (before parties) counts as a professional: no voice', () => {
    for (const p of PERSPECTIVES) for (const root of voiceRoots(p)) expect(contributorMayChange(root, undefined)).toBe(false)
  })

  it('tells the UI what is theirs', () => {
    expect(PARTIES.map(ownPerspective)).toEqual([null, 'ouders', 'ouders', 'kind', 'kind'])
    expect(contributorRoots('gezag')).toEqual({ voices: ['ouders'], instemming: true })
    expect(contributorRoots('youth16')).toEqual({ voices: ['kind'], instemming: false })
    expect(contributorRoots('professional')).toEqual({ voices: [], instemming: false })
    expect(contributorRoots(undefined)).toEqual({ voices: [], instemming: false })
  })
})

describe('[P3] consentingReaderMayChange', () => {
  it('a reader with gezag changes the consent details and organisation names, nothing else', () => {
    for (const root of ['consents', 'organisations']) expect(consentingReaderMayChange(root)).toBe(true)
    for (const root of ['observations', 'team', 'instemming', ...voiceRoots('ouders'), ...voiceRoots('kind'), ...OUTSIDE])
      expect(consentingReaderMayChange(root), root).toBe(false)
  })
})

const ME = 'a'.repeat(64)
const OTHER = 'b'.repeat(64)
const isMine = (k: string) => k === ME

/** an entry as the plan holds it: a Y.Map in its root */
function entry(root: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const doc = new Y.Doc()
  const m = new Y.Map<unknown>()
  doc.getArray<Y.Map<unknown>>(root).push([m])
  for (const [k, v] of Object.entries(fields)) m.set(k, v)
  return m
}
const change = (c: Partial<EntryChange> & Pick<EntryChange, 'root'>): EntryChange => ({ op: 'insert', entry: null, path: [], key: null, values: null, ...c })

describe('[P1] isOwnKey: whose key a member key is', () => {
  const PHONE = 'c'.repeat(64) // a second device of ME's person
  const INVITE = 'd'.repeat(64) // the invite ME joined by, named on the team list before she joined
  const OTHER_INVITE = 'e'.repeat(64) // claimed by OTHER
  const OPEN_INVITE = 'f'.repeat(64) // nobody claimed it yet
  const persons = new Map([[PHONE, ME]])
  const claims = new Map([
    [INVITE, ME],
    [OTHER_INVITE, OTHER],
  ])
  const keys: KeyOwners = { personOf: (k) => persons.get(k) ?? k, claimedBy: (k) => claims.get(k) }

  it('mine: my own key, another device of my person, an invite my person claimed (from either device)', () => {
    for (const key of [ME, PHONE, INVITE]) {
      expect(isOwnKey(keys, ME, key), key).toBe(true)
      expect(isOwnKey(keys, PHONE, key), key).toBe(true)
    }
  })

  it('not mine: someone else, an invite someone else claimed, an open invite, no key', () => {
    for (const key of [OTHER, OTHER_INVITE, OPEN_INVITE, '']) expect(isOwnKey(keys, ME, key), key).toBe(false)
    expect(isOwnKey(keys, OTHER, INVITE)).toBe(false)
    expect(isOwnKey(keys, '', '')).toBe(false)
  })

  it('ticking Gedaan on an afspraak named by the invite she claimed is hers (the rule every client applies)', () => {
    const named = entry('actions', { whoKey: INVITE, what: 'Samen lezen', done: false })
    const tick = change({ root: 'actions', entry: named, key: 'done', values: [true] })
    expect(contributorMayChangeEntry(tick, (k) => isOwnKey(keys, ME, k))).toBe(true)
    expect(contributorMayChangeEntry(tick, (k) => isOwnKey(keys, OTHER, k))).toBe(false)
  })
})

describe('[P1] contributorMayChangeEntry: Gedaan on one’s own afspraak, one’s own presence', () => {
  const mine = entry('actions', { whoKey: ME, what: 'Voorlezen', done: false })
  const theirs = entry('actions', { whoKey: OTHER, what: 'Bellen', done: false })
  const nobody = entry('actions', { whoKey: '', what: 'Iets', done: false })
  const meeting = entry('meetings', { id: 'm1' })

  it('ticks and unticks "Gedaan" on an afspraak whose whoKey is theirs', () => {
    for (const v of [true, false]) expect(contributorMayChangeEntry(change({ root: 'actions', entry: mine, key: 'done', values: [v] }), isMine)).toBe(true)
    expect(contributorMayChangeEntry(change({ op: 'delete', root: 'actions', entry: mine, key: 'done' }), isMine)).toBe(true)
  })

  it('refuses just outside it: someone else’s afspraak, one without whoKey, another field, a non-boolean, a new or removed entry', () => {
    expect(contributorMayChangeEntry(change({ root: 'actions', entry: theirs, key: 'done', values: [true] }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ op: 'delete', root: 'actions', entry: theirs, key: 'done' }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'actions', entry: nobody, key: 'done', values: [true] }), () => true)).toBe(false)
    for (const key of ['what', 'whoKey', 'when', 'fundedBy'])
      expect(contributorMayChangeEntry(change({ root: 'actions', entry: mine, key, values: ['x'] }), isMine), key).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'actions', entry: mine, key: 'done', values: ['ja'] }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'actions', entry: mine, key: 'done', values: null }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'actions', entry: null, key: 'done', values: [true] }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ op: 'delete', root: 'actions', entry: null }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'actions', entry: mine, path: ['x'], key: 'done', values: [true] }), isMine)).toBe(false)
  })

  it('marks and unmarks their own presence in a meeting, nobody else’s, nothing else of the meeting', () => {
    expect(contributorMayChangeEntry(change({ root: 'meetings', entry: meeting, path: ['attendees'], key: `m:${ME}`, values: ['self'] }), isMine)).toBe(true)
    // [P9] `true` is the mark of someone who edits the meeting, which opens the notes: never one's own
    expect(contributorMayChangeEntry(change({ root: 'meetings', entry: meeting, path: ['attendees'], key: `m:${ME}`, values: [true] }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ op: 'delete', root: 'meetings', entry: meeting, path: ['attendees'], key: `m:${ME}` }), isMine)).toBe(true)
    expect(contributorMayChangeEntry(change({ root: 'meetings', entry: meeting, path: ['attendees'], key: `m:${OTHER}`, values: ['self'] }), isMine)).toBe(
      false,
    )
    expect(contributorMayChangeEntry(change({ op: 'delete', root: 'meetings', entry: meeting, path: ['attendees'], key: `m:${OTHER}` }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'meetings', entry: meeting, path: ['attendees'], key: 'n:Oma', values: ['self'] }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'meetings', entry: meeting, path: ['attendees'], key: `m:${ME}`, values: [false] }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'meetings', entry: meeting, path: [], key: 'date', values: ['2030-01-01'] }), isMine)).toBe(false)
    expect(contributorMayChangeEntry(change({ root: 'meetings', entry: meeting, path: ['decisions'], key: null }), isMine)).toBe(false)
  })

  it('in any other root, nothing', () => {
    expect(contributorMayChangeEntry(change({ root: 'goals', entry: mine, key: 'done', values: [true] }), isMine)).toBe(false)
  })
})

describe('[P9] a parent or youth writes the notes of a meeting it was marked present in', () => {
  const MID = '1'.repeat(32)
  const OTHER_MID = '2'.repeat(32)
  /** a plan with one meeting (an agenda, as every new meeting has) and `presence` for ME */
  function plan(presence: unknown, agenda: unknown = [{ id: 'zorgen', kind: 'zorgen', title: '', minutes: 0 }]) {
    // null: a meeting from before templates, which stored no agenda
    const doc = new Y.Doc()
    const maps = [MID, OTHER_MID].map((id) => {
      const m = new Y.Map<unknown>()
      doc.getArray<Y.Map<unknown>>('meetings').push([m])
      m.set('id', id)
      if (agenda !== null) m.set('agenda', agenda)
      m.set('attendees', new Y.Map<unknown>())
      return m
    })
    if (presence !== undefined) (maps[0]!.get('attendees') as Y.Map<unknown>).set(`m:${ME}`, presence)
    return (id: string) => maps.find((m) => m.get('id') === id)
  }
  const author = (party: Party | undefined, meeting: ReturnType<typeof plan>, role: Role = 'contributor'): ContentAuthor => ({
    role,
    party,
    orgKind: undefined,
    isMine,
    meeting,
  })
  const notes = (id = MID, item = 'zorgen') => `meetings.${id}.${item}`

  it('parents and the youth, marked present by someone who edits the meeting, write its notes', () => {
    for (const party of ['parent', 'gezag', 'youth', 'youth16'] as const) expect(mayChangeRoot(author(party, plan(true)), notes(), []), party).toBe(true)
  })

  it('refused just outside it: a professional, a party the log does not name, a reader', () => {
    expect(mayChangeRoot(author('professional', plan(true)), notes(), [])).toBe(false)
    expect(mayChangeRoot(author(undefined, plan(true)), notes(), [])).toBe(false)
    expect(mayChangeRoot(author('gezag', plan(true), 'reader'), notes(), [])).toBe(false)
  })

  it('refused: her own mark ("self"), no presence, someone else’s presence', () => {
    expect(mayChangeRoot(author('gezag', plan('self')), notes(), [])).toBe(false)
    expect(mayChangeRoot(author('gezag', plan(undefined)), notes(), [])).toBe(false)
    const other = plan(undefined)
    ;(other(MID)!.get('attendees') as Y.Map<unknown>).set(`m:${OTHER}`, true)
    expect(mayChangeRoot(author('gezag', other), notes(), [])).toBe(false)
  })

  it('refused: another meeting’s notes, an item not on the agenda, a meeting from before templates, no meeting, anything else of the meeting', () => {
    const present = plan(true)
    expect(mayChangeRoot(author('gezag', present), notes(OTHER_MID), [])).toBe(false)
    expect(mayChangeRoot(author('gezag', present), notes(MID, 'doelen'), [])).toBe(false)
    expect(mayChangeRoot(author('gezag', plan(true, null)), notes(), [])).toBe(false)
    expect(mayChangeRoot(author('gezag', present), notes('3'.repeat(32)), [])).toBe(false)
    expect(mayChangeRoot(author('gezag', present), 'meetings', [change({ root: 'meetings', entry: present(MID)!, key: 'date', values: ['2030-01-01'] })])).toBe(
      false,
    )
    expect(mayChangeRoot(author('gezag', present), 'goals', [])).toBe(false)
    expect(mayChangeRoot(author('gezag', present), `meetings.${MID}`, [])).toBe(false)
  })

  it('attendeeMayWriteNotes is the rule mayChangeRoot applies; mayWriteNotesWhenPresent names the parties', () => {
    expect(attendeeMayWriteNotes(notes(), 'youth', plan(true), isMine)).toBe(true)
    expect(attendeeMayWriteNotes(notes(), 'youth', plan(true), () => false)).toBe(false)
    expect(PARTIES.filter(mayWriteNotesWhenPresent)).toEqual(['parent', 'gezag', 'youth', 'youth16'])
  })

  it('without a way to find meetings (a caller that gives none), no notes are opened', () => {
    expect(mayChangeRoot({ role: 'contributor', party: 'gezag', orgKind: undefined, isMine }, notes(), [])).toBe(false)
  })
})

describe('[P4] voices belong to their owners, whatever the role', () => {
  const author = (role: Role, party: Party | undefined, orgKind?: OrganisationKind): ContentAuthor => ({ role, party, orgKind, isMine })
  const writes = (a: ContentAuthor) => PERSPECTIVES.filter((p) => voiceRoots(p).every((root) => mayChangeRoot(a, root, [])))

  it('parents the parents’ voice and the child’s; the youth the child’s; school staff the school’s; care the care’s', () => {
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      expect(writes(author(role, 'gezag')), role).toEqual(['kind', 'ouders'])
      expect(writes(author(role, 'parent')), role).toEqual(['kind', 'ouders'])
      expect(writes(author(role, 'youth16')), role).toEqual(['kind'])
      expect(writes(author(role, 'youth')), role).toEqual(['kind'])
      expect(writes(author(role, 'professional', 'school')), role).toEqual(['school'])
      expect(writes(author(role, 'professional', 'zorg')), role).toEqual(['zorg'])
      expect(writes(author(role, 'professional')), role).toEqual([])
    }
  })

  it('an admin professional may not write the parents’ voice (the IB), nor may a parent admin write the school’s', () => {
    expect(mayChangeRoot(author('admin', 'professional', 'school'), 'voices.ouders.zorgen', [])).toBe(false)
    expect(mayChangeRoot(author('admin', 'gezag'), 'voices.school.zorgen', [])).toBe(false)
    expect(mayChangeRoot(author('editor', 'professional', 'zorg'), 'voices.school.vraag', [])).toBe(false)
  })

  it('a reader writes no voice (P3)', () => {
    expect(writes(author('reader', 'gezag'))).toEqual([])
  })

  it('a member whose party the log does not name (before parties): an editor or admin as before, a contributor no voice', () => {
    expect(writes(author('admin', undefined))).toEqual([...PERSPECTIVES])
    expect(writes(author('contributor', undefined))).toEqual([])
  })

  it('mayWriteVoice is the table; voiceOfRoot names only the four perspectives', () => {
    expect(mayWriteVoice('school', 'parent', 'school')).toBe(false)
    expect(voiceOfRoot('voices.zorg.vraag')).toBe('zorg')
    expect(voiceOfRoot('voices.oudersX.zorgen')).toBeNull()
    expect(voiceOfRoot('voices.andere.zorgen')).toBeNull()
  })

  it('a comment beside a voice is written only by the member it names, any role but a reader', () => {
    for (const role of ['contributor', 'editor', 'admin'] as const) {
      expect(mayChangeRoot(author(role, 'professional'), voiceCommentName('ouders', ME), [])).toBe(true)
      expect(mayChangeRoot(author(role, 'gezag'), voiceCommentName('school', OTHER), [])).toBe(false)
    }
    expect(mayChangeRoot(author('reader', 'gezag'), voiceCommentName('ouders', ME), [])).toBe(false)
  })

  it('the kinds of organisation (who is school, who is care) only an admin writes', () => {
    expect(mayChangeRoot(author('admin', 'professional'), 'organisationKinds', [])).toBe(true)
    for (const role of ['reader', 'contributor', 'editor'] as const)
      expect(mayChangeRoot(author(role, 'professional'), 'organisationKinds', []), role).toBe(false)
  })

  it('editors change the rest; a contributor actions and meetings only entry by entry (P1)', () => {
    expect(mayChangeAll(author('editor', 'professional'), ['goals', 'actions', 'meetings', 'meetings.x.zorgen'], [])).toBe(true)
    const mine = entry('actions', { whoKey: ME, done: false })
    const tick = change({ root: 'actions', entry: mine, key: 'done', values: [true] })
    const text = change({ root: 'actions', entry: mine, key: 'what', values: ['anders'] })
    expect(mayChangeAll(author('contributor', 'gezag'), ['actions', 'observations'], [tick])).toBe(true)
    expect(mayChangeAll(author('contributor', 'gezag'), ['actions'], [tick, text])).toBe(false)
    expect(mayChangeAll(author('contributor', 'gezag'), ['goals'], [])).toBe(false)
  })
})
