/** Agenda templates per kind of meeting (handelingsgericht werken), and a plan adapting its own. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  AGENDA_MINUTES_MAX,
  MEETING_TYPES,
  checkAgenda,
  createMeetingTemplates,
  createMeetings,
  defaultTemplate,
  ownAgendaItem,
  readAgenda,
  sectionOfRoot,
  type AgendaKind,
} from '../../src/plan'

const ALICE = 'a'.repeat(64)
const kinds = (type: (typeof MEETING_TYPES)[number]) => defaultTemplate(type).map((i) => i.kind)
const HGW: AgendaKind[] = ['vraag', 'vorige afspraken', 'gaat goed', 'zorgen', 'behoeften', 'doelen', 'afspraken', 'regie', 'volgende datum']

describe('meeting templates', () => {
  it('Kans!overleg, MDO and OPP-evaluatie follow the nine steps of a goal-oriented discussion, in order', () => {
    for (const type of ['Kans!overleg', 'MDO', 'OPP-evaluatie'] as const) expect(kinds(type), type).toEqual(HGW)
  })

  it('an eerste gesprek asks what people expect of each other and who does what, with no afspraken of last time', () => {
    expect(kinds('eerste gesprek')).toEqual([
      'vraag',
      'verwachtingen',
      'gaat goed',
      'zorgen',
      'behoeften',
      'wie doet wat',
      'afspraken',
      'regie',
      'volgende datum',
    ])
  })

  it('a keukentafelgesprek asks who does what, and has no school goals to evaluate', () => {
    expect(kinds('keukentafelgesprek')).toEqual(['vraag', 'gaat goed', 'zorgen', 'behoeften', 'wie doet wat', 'afspraken', 'regie', 'volgende datum'])
  })

  it('the older kinds (OT, evaluatie) get the standard discussion too', () => {
    expect(kinds('OT')).toEqual(HGW)
    expect(kinds('evaluatie')).toEqual(HGW)
  })

  it('every template item has a standard title (the kind’s words) and no time box', () => {
    for (const type of MEETING_TYPES) for (const item of defaultTemplate(type)) expect(item).toEqual({ id: item.kind, kind: item.kind, title: '', minutes: 0 })
  })

  it('an admin adapts a template for the plan; a new meeting of that kind starts with it; reset brings the default back', () => {
    const doc = new Y.Doc()
    const templates = createMeetingTemplates(doc)
    expect(templates.adapted('MDO')).toBe(false)
    const own = ownAgendaItem('Rondvraag', 5)
    const adapted = [...defaultTemplate('MDO').map((i) => (i.kind === 'zorgen' ? { ...i, minutes: 15 } : i)), own]
    templates.set('MDO', adapted)
    expect(templates.get('MDO')).toEqual(adapted)
    expect(templates.adapted('MDO')).toBe(true)
    const meetings = createMeetings(doc)
    const id = meetings.add({ type: 'MDO', date: '2025-02-01' }, ALICE)
    expect(meetings.get(id)?.agenda).toEqual(adapted)
    meetings.notes(id, own.id).insert(0, 'Vraag van opa')
    // adapting the template later never moves an agenda a meeting already has
    templates.reset('MDO')
    expect(templates.get('MDO')).toEqual(defaultTemplate('MDO'))
    expect(meetings.get(id)?.agenda).toEqual(adapted)
    expect(meetings.notesSnapshot(id)[own.id]).toBe('Vraag van opa')
  })

  it('refuses an agenda that is empty, repeats an id, has an unknown kind, an own item without title or a bad time box', () => {
    const base = defaultTemplate('MDO')
    expect(() => checkAgenda([])).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => checkAgenda([base[0]!, base[0]!])).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => checkAgenda([{ ...base[0]!, kind: 'koffie' as never }])).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => checkAgenda([{ ...ownAgendaItem(''), title: ' ' }])).toThrow(expect.objectContaining({ code: 'empty', field: 'title' }))
    expect(() => checkAgenda([{ ...base[0]!, minutes: AGENDA_MINUTES_MAX + 1 }])).toThrow(expect.objectContaining({ field: 'minutes' }))
    expect(() => checkAgenda([{ ...base[0]!, minutes: 2.5 }])).toThrow(expect.objectContaining({ field: 'minutes' }))
    // an id that would break the notes' root name
    expect(() => checkAgenda([{ ...base[0]!, id: 'a.b' }])).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => createMeetingTemplates(new Y.Doc()).set('koffie' as never, base)).toThrow(expect.objectContaining({ field: 'type' }))
  })

  it('reads what a newer or broken writer stored without losing notes: an unknown kind is an own item, junk is skipped', () => {
    expect(readAgenda(undefined)).toBeNull()
    expect(
      readAgenda([
        { id: 'zorgen', kind: 'zorgen', title: '', minutes: 10 },
        { id: 'rondvraag', kind: 'rondvraag', title: 'Rondvraag', minutes: -3 },
        { id: 'zorgen', kind: 'zorgen' },
        { id: 'A.B', kind: 'vraag' },
        'x',
      ]),
    ).toEqual([
      { id: 'zorgen', kind: 'zorgen', title: '', minutes: 10 },
      { id: 'rondvraag', kind: 'eigen', title: 'Rondvraag', minutes: 0 },
    ])
  })

  it("a change to the templates, a verslag's klopt or a need from a meeting shows as new in its section", () => {
    expect(sectionOfRoot('meetingTemplates')).toBe('overleggen')
    expect(sectionOfRoot('approvals')).toBe('overleggen')
    expect(sectionOfRoot('needLines')).toBe('behoeften')
  })
})
