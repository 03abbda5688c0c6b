/**
 * Agenda templates per kind of meeting, after handelingsgericht werken: (1) the question and goal
 * of this meeting, (2) the afspraken of last time with their state, (3) what goes well, (4)
 * worries, (5) what the child needs, (6) goals, (7) new afspraken, (8) who holds the regie, (9)
 * the next date. An eerste gesprek adds what people expect of each other and who does what; a
 * keukentafelgesprek (gemeente) asks who does what at home and around it.
 *
 * A meeting copies its template's items when it starts (its own `agenda`), so adapting a template
 * later never moves notes written under another agenda. An admin or editor adapts a template for
 * the plan: the root map `meetingTemplates` (meeting type → list of items, one plain value,
 * replaced whole). Contributors write no root outside what P1 gives them, so they cannot.
 */
import type * as Y from 'yjs'
import { PlanError } from './errors'
import { checkText } from './fields'
import { randomId } from './ids'
import { SHORT_TEXT_MAX } from './limits'

export const MEETING_TEMPLATES = 'meetingTemplates'

/** Every kind of meeting; 'OT' and 'evaluatie' are older kinds that stay readable and selectable. */
export const MEETING_TYPES = ['eerste gesprek', 'Kans!overleg', 'MDO', 'OPP-evaluatie', 'keukentafelgesprek', 'OT', 'evaluatie'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

/**
 * What an agenda item is, which decides what the meeting view shows beside its notes (the afspraken
 * of last time, the needs, the open goals, the next date). 'eigen' is an item an admin added.
 */
export const AGENDA_KINDS = [
  'vraag',
  'verwachtingen',
  'vorige afspraken',
  'gaat goed',
  'zorgen',
  'behoeften',
  'doelen',
  'afspraken',
  'wie doet wat',
  'regie',
  'volgende datum',
  'eigen',
] as const
export type AgendaKind = (typeof AGENDA_KINDS)[number]

export interface AgendaItem {
  /** stable within the meeting: its notes are the root text `meetings.<meeting id>.<id>` */
  id: string
  kind: AgendaKind
  /** '' for the standard wording of its kind (the UI's, in the reader's language) */
  title: string
  /** a time box in minutes, 0 for none */
  minutes: number
}

/** The longest time box: a meeting item of more than two hours is no time box. */
export const AGENDA_MINUTES_MAX = 120
/** Enough for any meeting; a limit so one stored value stays small. */
export const AGENDA_ITEMS_MAX = 30
/** An item id: a kind's name, a legacy item's name, or `x` and a random id for an admin's own item. */
const ITEM_ID = /^[a-z][a-z -]{0,39}$|^x[0-9a-f]{32}$/

const standard = (kind: AgendaKind, minutes = 0): AgendaItem => ({ id: kind, kind, title: '', minutes })

/** The goal-oriented discussion (handelingsgericht werken) every kind builds on. */
const HGW: AgendaKind[] = ['vraag', 'vorige afspraken', 'gaat goed', 'zorgen', 'behoeften', 'doelen', 'afspraken', 'regie', 'volgende datum']

const DEFAULTS: Record<MeetingType, AgendaKind[]> = {
  // a first meeting has no afspraken or goals of last time yet: it sets expectations and roles
  'eerste gesprek': ['vraag', 'verwachtingen', 'gaat goed', 'zorgen', 'behoeften', 'wie doet wat', 'afspraken', 'regie', 'volgende datum'],
  'Kans!overleg': HGW,
  MDO: HGW,
  'OPP-evaluatie': HGW,
  // at the kitchen table the gemeente asks what the family itself and its network can do
  keukentafelgesprek: ['vraag', 'gaat goed', 'zorgen', 'behoeften', 'wie doet wat', 'afspraken', 'regie', 'volgende datum'],
  OT: HGW,
  evaluatie: HGW,
}

/** The template a plan starts with for a kind of meeting. */
export function defaultTemplate(type: MeetingType): AgendaItem[] {
  return DEFAULTS[type].map((kind) => standard(kind))
}

/**
 * The agenda of a meeting begun before templates existed: its six fixed items, under their old
 * names, so the notes written there (`meetings.<id>.zorgen`, `… .volgende datum`) still show.
 */
export const LEGACY_AGENDA: readonly AgendaItem[] = [
  { id: 'zorgen', kind: 'zorgen', title: '', minutes: 0 },
  { id: 'krachten', kind: 'gaat goed', title: '', minutes: 0 },
  { id: 'doelen', kind: 'doelen', title: '', minutes: 0 },
  { id: 'afspraken', kind: 'afspraken', title: '', minutes: 0 },
  { id: 'regie', kind: 'regie', title: '', minutes: 0 },
  { id: 'volgende datum', kind: 'volgende datum', title: '', minutes: 0 },
]

/** One stored item, or null for anything that is not one (a newer or broken writer). */
function readItem(v: unknown): AgendaItem | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null
  const o = v as Record<string, unknown>
  if (typeof o.id !== 'string' || !ITEM_ID.test(o.id)) return null
  // a kind from a newer client is shown as an item of one's own: its notes stay visible
  const kind = (AGENDA_KINDS as readonly unknown[]).includes(o.kind) ? (o.kind as AgendaKind) : 'eigen'
  const title = typeof o.title === 'string' ? o.title : ''
  const minutes = typeof o.minutes === 'number' && Number.isInteger(o.minutes) && o.minutes > 0 && o.minutes <= AGENDA_MINUTES_MAX ? o.minutes : 0
  return { id: o.id, kind, title, minutes }
}

/** A stored agenda: its readable items, each id once; null when none is stored (a legacy meeting). */
export function readAgenda(v: unknown): AgendaItem[] | null {
  if (!Array.isArray(v)) return null
  const seen = new Set<string>()
  const out: AgendaItem[] = []
  for (const raw of v) {
    const item = readItem(raw)
    if (item === null || seen.has(item.id)) continue
    seen.add(item.id)
    out.push(item)
  }
  return out
}

/** Checks an agenda before it is stored: known kinds, unique ids, a title for an own item, sane time boxes. */
export function checkAgenda(items: readonly AgendaItem[]): AgendaItem[] {
  if (!Array.isArray(items) || items.length === 0) throw new PlanError('empty', 'agenda', 'an agenda has at least one item')
  if (items.length > AGENDA_ITEMS_MAX) throw new PlanError('too-long', 'agenda', `an agenda has at most ${AGENDA_ITEMS_MAX} items`, AGENDA_ITEMS_MAX)
  const seen = new Set<string>()
  return items.map((item) => {
    if (typeof item?.id !== 'string' || !ITEM_ID.test(item.id) || seen.has(item.id))
      throw new PlanError('invalid-value', 'agenda', `agenda item id ${JSON.stringify(item?.id)} is not a fresh item id`)
    seen.add(item.id)
    if (!(AGENDA_KINDS as readonly unknown[]).includes(item.kind)) throw new PlanError('invalid-value', 'agenda', `unknown agenda kind ${String(item.kind)}`)
    const title = checkText('title', item.title ?? '', { required: item.kind === 'eigen', max: SHORT_TEXT_MAX })
    const minutes = item.minutes ?? 0
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > AGENDA_MINUTES_MAX)
      throw new PlanError('invalid-value', 'minutes', `a time box is 0 to ${AGENDA_MINUTES_MAX} whole minutes`)
    return { id: item.id, kind: item.kind, title, minutes }
  })
}

/** A new item of an admin's own, with a fresh id. */
export function ownAgendaItem(title: string, minutes = 0): AgendaItem {
  return { id: `x${randomId()}`, kind: 'eigen', title, minutes }
}

export interface MeetingTemplatesAccessor {
  /** the plan's template for a kind of meeting: as adapted for the plan, else the default */
  get(type: MeetingType): AgendaItem[]
  /** whether the plan adapted this kind's template */
  adapted(type: MeetingType): boolean
  /** stores an adapted template (admins and editors: contributors write no such root, P1) */
  set(type: MeetingType, items: readonly AgendaItem[]): void
  /** back to the default template */
  reset(type: MeetingType): void
  observe(listener: () => void): () => void
}

export function createMeetingTemplates(doc: Y.Doc): MeetingTemplatesAccessor {
  const map = doc.getMap<unknown>(MEETING_TEMPLATES)
  const stored = (type: MeetingType) => {
    const items = readAgenda(map.get(type))
    return items && items.length > 0 ? items : null
  }
  return {
    get: (type) => stored(type) ?? defaultTemplate(type),
    adapted: (type) => stored(type) !== null,
    set(type, items) {
      if (!(MEETING_TYPES as readonly string[]).includes(type)) throw new PlanError('invalid-value', 'type', `unknown meeting type ${String(type)}`)
      map.set(type, checkAgenda(items))
    },
    reset(type) {
      if (map.has(type)) map.delete(type)
    },
    observe(listener) {
      const handler = () => listener()
      map.observe(handler)
      return () => map.unobserve(handler)
    },
  }
}
