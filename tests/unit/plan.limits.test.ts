/**
 * Text limits (src/plan/limits.ts), defined once and held on write by every accessor: an
 * 11,600-character goal title was accepted and shown as a giant heading (issue 14).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  LINE_MAX,
  LONG_TEXT_MAX,
  NAME_MAX,
  PlanError,
  SHORT_TEXT_MAX,
  TITLE_MAX,
  clipText,
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createObservations,
  createPerspective,
  createRoute,
  createSocialMap,
  createTeam,
  goalTextName,
  textLength,
} from '../../src/plan'

const ALICE = 'a'.repeat(64)

/** What a write threw, or null. */
function thrown(write: () => unknown): PlanError | null {
  try {
    write()
    return null
  } catch (e) {
    if (e instanceof PlanError) return e
    throw e
  }
}

describe('text limits', () => {
  it('the limits grow from a title to a written-out text', () => {
    expect(NAME_MAX).toBeLessThan(TITLE_MAX)
    expect(TITLE_MAX).toBeLessThan(SHORT_TEXT_MAX)
    expect(SHORT_TEXT_MAX).toBeLessThan(LINE_MAX)
    expect(LINE_MAX).toBeLessThan(LONG_TEXT_MAX)
  })

  it('counts characters as a person does: NFC code points, an emoji once', () => {
    expect(textLength('e\u0301')).toBe(1)
    expect(textLength('👍')).toBe(1)
    expect(textLength('abc')).toBe(3)
  })

  it('a goal title at the limit is taken; one character more is refused with too-long and the limit, and nothing is written', () => {
    const doc = new Y.Doc()
    const goals = createGoals(doc)
    const id = goals.add({ title: 'x'.repeat(TITLE_MAX), domain: 'leren' }, ALICE)
    expect(goals.get(id)!.title).toHaveLength(TITLE_MAX)
    const e = thrown(() => goals.add({ title: 'x'.repeat(TITLE_MAX + 1), domain: 'leren' }, ALICE))
    expect(e).toMatchObject({ code: 'too-long', field: 'title', max: TITLE_MAX })
    expect(goals.list()).toHaveLength(1)
  })

  it('the 11,600-character title of the report is refused; spaces around a title do not count', () => {
    const goals = createGoals(new Y.Doc())
    expect(thrown(() => goals.add({ title: 'Sam leest. '.repeat(1055), domain: 'leren' }, ALICE))?.code).toBe('too-long')
    expect(thrown(() => goals.add({ title: `  ${'x'.repeat(TITLE_MAX)}  `, domain: 'leren' }, ALICE))).toBeNull()
  })

  it('a title stored longer (by an older client, in the shared text) reads cut to the limit with an ellipsis', () => {
    const doc = new Y.Doc()
    const goals = createGoals(doc)
    const id = goals.add({ title: 'kort', domain: 'leren' }, ALICE)
    doc.getText(goalTextName(id, 'title')).insert(4, ' en lang'.repeat(1500))
    const title = goals.get(id)!.title
    expect(textLength(title)).toBe(TITLE_MAX)
    expect(title.startsWith('kort en lang')).toBe(true)
    expect(title.endsWith('…')).toBe(true)
  })

  it('clipText leaves a text that fits alone', () => {
    expect(clipText('Sam leest', 9)).toBe('Sam leest')
    expect(clipText('Sam leest graag', 9)).toBe('Sam lees…')
  })

  it("every section refuses a text past its field's limit, naming the field", () => {
    const doc = new Y.Doc()
    const meetings = createMeetings(doc)
    const meeting = meetings.add({ type: 'MDO', date: '2026-03-01' }, ALICE)
    const cases: [string, number, (text: string) => unknown][] = [
      ['what', LINE_MAX, (t) => createActions(doc).add({ what: t }, ALICE)],
      ['who', SHORT_TEXT_MAX, (t) => createActions(doc).add({ what: 'Lezen', who: t }, ALICE)],
      ['when', SHORT_TEXT_MAX, (t) => createActions(doc).add({ what: 'Lezen', when: t }, ALICE)],
      ['provider', SHORT_TEXT_MAX, (t) => createRoute(doc).add({ level: 'basisondersteuning', provider: t, from: '2026-01-01' }, ALICE)],
      ['effect', LONG_TEXT_MAX, (t) => createRoute(doc).add({ level: 'basisondersteuning', provider: 'RT', from: '2026-01-01', effect: t }, ALICE)],
      ['description', LONG_TEXT_MAX, (t) => createGoals(doc).add({ title: 'Doel', description: t, domain: 'leren' }, ALICE)],
      ['name', NAME_MAX, (t) => createSocialMap(doc).add({ name: t }, ALICE)],
      ['reach', SHORT_TEXT_MAX, (t) => createSocialMap(doc).add({ name: 'Opa', reach: t }, ALICE)],
      ['text', LONG_TEXT_MAX, (t) => createFactors(doc).add({ domain: 'kind', kind: 'helpt', text: t, date: '2026-01-01' }, ALICE)],
      ['text', LONG_TEXT_MAX, (t) => createObservations(doc).add({ date: '2026-01-01', context: 'school', text: t }, ALICE)],
      ['decision', LINE_MAX, (t) => meetings.addDecision(meeting, t, ALICE)],
      ['uitstroom', SHORT_TEXT_MAX, (t) => createPerspective(doc).setUitstroom(t)],
      ['name', NAME_MAX, (t) => createChild(doc).set({ name: t })],
      ['school', NAME_MAX, (t) => createChild(doc).set({ school: t })],
      ['group', NAME_MAX, (t) => createChild(doc).set({ group: t })],
      ['name', NAME_MAX, (t) => createTeam(doc).add({ memberKey: '', name: t, role: 'reader', organisation: '' }, ALICE)],
      ['organisation', SHORT_TEXT_MAX, (t) => createTeam(doc).add({ memberKey: '', name: 'Juf Anja', role: 'reader', organisation: t }, ALICE)],
      ['callFor', SHORT_TEXT_MAX, (t) => createTeam(doc).add({ memberKey: '', name: 'Juf Anja', role: 'reader', organisation: '', callFor: t }, ALICE)],
      ['reach', SHORT_TEXT_MAX, (t) => createTeam(doc).add({ memberKey: '', name: 'Juf Anja', role: 'reader', organisation: '', reach: t }, ALICE)],
    ]
    for (const [field, max, write] of cases) {
      expect(
        thrown(() => write('y'.repeat(max))),
        `${field} at ${max}`,
      ).toBeNull()
      expect(
        thrown(() => write('y'.repeat(max + 1))),
        `${field} past ${max}`,
      ).toMatchObject({ code: 'too-long', field, max })
    }
  })
  it('a child patch with one field too long writes none of it', () => {
    const doc = new Y.Doc()
    const child = createChild(doc)
    child.set({ name: 'Sam', school: 'De Regenboog' })
    const e = thrown(() => child.set({ name: 'Daan', school: 'x'.repeat(NAME_MAX + 1) }))
    expect(e).toMatchObject({ code: 'too-long', field: 'school', max: NAME_MAX })
    expect(child.get()).toMatchObject({ name: 'Sam', school: 'De Regenboog' })
    // spaces around a name do not count, and are not stored
    child.set({ group: `  ${'5'.repeat(NAME_MAX)}  ` })
    expect(child.get().group).toBe('5'.repeat(NAME_MAX))
  })

  it("a team member's change past a limit is refused and nothing of it is written; a text stored longer before stays when it is not changed", () => {
    const doc = new Y.Doc()
    const team = createTeam(doc)
    const id = team.add({ memberKey: '', name: 'Juf Anja', role: 'reader', organisation: 'OBS De Linde' }, ALICE)
    for (const [field, max] of [
      ['name', NAME_MAX],
      ['organisation', SHORT_TEXT_MAX],
      ['callFor', SHORT_TEXT_MAX],
      ['reach', SHORT_TEXT_MAX],
    ] as const) {
      expect(
        thrown(() => team.update(id, { reach: '06-12345678', [field]: 'y'.repeat(max + 1) })),
        field,
      ).toMatchObject({ code: 'too-long', field, max })
      expect(
        thrown(() => team.update(id, { [field]: 'y'.repeat(max) })),
        field,
      ).toBeNull()
    }
    // an older client wrote a longer name: the member can still be given a key and a role
    const stored = doc.getArray<Y.Map<unknown>>('team').get(0)
    const long = 'n'.repeat(NAME_MAX + 20)
    stored.set('name', long)
    team.update(id, { memberKey: ALICE, name: long, role: 'contributor' })
    expect(team.list()[0]).toMatchObject({ memberKey: ALICE, name: long, role: 'contributor' })
    expect(thrown(() => team.add({ memberKey: '', name: long, role: 'reader', organisation: '' }, ALICE))?.code).toBe('too-long')
    expect(team.list()).toHaveLength(1)
  })
})
