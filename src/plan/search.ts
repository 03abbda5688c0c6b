/**
 * Search within a plan: every text a person wrote, in every section, case- and accent-insensitive
 * ("geevalueerd" finds "geëvalueerd", "ZORG" finds "zorg"). Every word of the query must occur in
 * the same field; a hit names the section, the record id ('' for a section without records), the
 * field, and a snippet of the original text around the first word found.
 */
import type * as Y from 'yjs'
import { createActions } from './actions'
import { createChild, CHILD_FIELDS } from './child'
import { createFactors } from './factors'
import { createGoals } from './goals'
import { createMeetings } from './meetings'
import { createNeeds, NEED_HOLDERS } from './needs'
import { createObservations } from './observations'
import { createPerspective } from './perspective'
import { createRoute } from './route'
import { createSocialMap } from './socialMap'
import { createTeam } from './team'
import { createVoices, PERSPECTIVES, VOICE_FIELDS } from './voices'

export const SEARCH_SECTIONS = [
  'child',
  'team',
  'socialMap',
  'voices',
  'factors',
  'needs',
  'perspective',
  'goals',
  'actions',
  'route',
  'observations',
  'meetings',
] as const
export type SearchSection = (typeof SEARCH_SECTIONS)[number]

export interface SearchHit {
  section: SearchSection
  /** record id; for voices the perspective; '' for child, needs and perspective */
  id: string
  /** e.g. 'text', 'zorgen', 'evaluations.<id>.seen', 'notes.regie', 'decisions.<id>' */
  field: string
  snippet: string
}

const SNIPPET_CONTEXT = 40 // characters either side of the match: about one line on a phone
const MARKS = /\p{M}/gu

/** Lower case without diacritics: the form search compares in. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().normalize('NFD').replace(MARKS, '')
}

/**
 * Folds per code point, remembering where each folded unit came from, so a match in the folded
 * text maps back to the original for the snippet (folding changes lengths: NFC 'ë' stays one
 * unit, NFD 'e' + '¨' becomes one, 'İ' lower-cases to two before the dot is dropped).
 */
function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = ''
  const origin: number[] = []
  let i = 0
  for (const ch of text) {
    const f = foldForSearch(ch)
    folded += f
    for (let k = 0; k < f.length; k++) origin.push(i)
    i += ch.length
  }
  origin.push(text.length)
  return { folded, origin }
}

function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_CONTEXT)
  const to = Math.min(text.length, end + SNIPPET_CONTEXT)
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim()
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`
}

function match(text: string, terms: string[]): string | null {
  if (!text) return null
  // the cheap test first: most fields do not match, and only a hit needs the position map
  const whole = foldForSearch(text)
  if (!terms.every((t) => whole.includes(t))) return null
  const first = terms[0] ?? ''
  const { folded, origin } = foldWithMap(text)
  const at = folded.indexOf(first)
  if (at < 0) return snippet(text, 0, 0) // folding in context differed (e.g. a final sigma): show the start
  return snippet(text, origin[at] ?? 0, origin[at + first.length] ?? text.length)
}

export function searchPlan(doc: Y.Doc, query: string): SearchHit[] {
  const terms = foldForSearch(query).split(/\s+/).filter(Boolean)
  if (terms.length === 0) return []
  const hits: SearchHit[] = []
  const look = (section: SearchSection, id: string, field: string, text: string) => {
    const s = match(text, terms)
    if (s !== null) hits.push({ section, id, field, snippet: s })
  }

  const child = createChild(doc).get()
  for (const f of CHILD_FIELDS) look('child', '', f, child[f])
  for (const m of createTeam(doc).list()) for (const f of ['name', 'organisation', 'callFor', 'reach'] as const) look('team', m.id, f, m[f])
  for (const c of createSocialMap(doc).list()) for (const f of ['name', 'role', 'organisation', 'callFor', 'reach'] as const) look('socialMap', c.id, f, c[f])
  const voices = createVoices(doc).snapshot()
  for (const p of PERSPECTIVES) for (const f of VOICE_FIELDS) look('voices', p, f, voices[p][f])
  for (const x of createFactors(doc).list()) for (const f of ['text', 'source'] as const) look('factors', x.id, f, x[f])
  const needs = createNeeds(doc).snapshot()
  for (const h of NEED_HOLDERS) look('needs', '', h, needs[h])
  const opp = createPerspective(doc).snapshot()
  for (const f of ['uitstroom', 'onderbouwing', 'afwijkingen'] as const) look('perspective', '', f, opp[f])
  for (const g of createGoals(doc).list()) {
    look('goals', g.id, 'title', g.title)
    look('goals', g.id, 'description', g.description)
    for (const e of g.evaluations) look('goals', g.id, `evaluations.${e.id}.seen`, e.seen)
  }
  for (const a of createActions(doc).list()) for (const f of ['what', 'who', 'when'] as const) look('actions', a.id, f, a[f])
  for (const r of createRoute(doc).list()) for (const f of ['provider', 'effect', 'whyNotEnough'] as const) look('route', r.id, f, r[f])
  for (const o of createObservations(doc).list()) look('observations', o.id, 'text', o.text)
  const meetings = createMeetings(doc)
  for (const m of meetings.list()) {
    look('meetings', m.id, 'type', m.type)
    const notes = meetings.notesSnapshot(m.id)
    for (const item of m.agenda) look('meetings', m.id, `notes.${item.id}`, notes[item.id] ?? '')
    for (const d of m.decisions) look('meetings', m.id, `decisions.${d.id}`, d.text)
    for (const a of m.attendees) if (a.kind === 'guest') look('meetings', m.id, 'attendees', a.name)
  }
  return hits
}
