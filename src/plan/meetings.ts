/**
 * Overleggen: an eerste gesprek, Kans!overleg, MDO, OPP-evaluatie or keukentafelgesprek, with its
 * date, who was there, its chair and note-taker, live notes per item of its own agenda (copied from
 * the plan's template for its kind when it starts, src/plan/meetingTemplates.ts), the decisions
 * taken inside the item they belong to, and the next date.
 *
 * Notes are root-level Y.Texts named `meetings.<id>.<item id>` (like voices), so the first words
 * two people type at once into a fresh item are both kept. A meeting begun before templates has no
 * stored agenda: it reads as the six fixed items it had (LEGACY_AGENDA), under their old names, so
 * no note is lost. Attendees are a Y.Map nested in the meeting used as a set (key `m:<memberKey>`
 * or `n:<name>`): `true` when someone who edits the meeting set it, `'self'` when a contributor
 * marked its own presence (P1); only the first lets a parent or youth write the notes (P9).
 * Decisions are a nested Y.Array. Both are created with the meeting, on one device.
 */
import * as Y from 'yjs'
import { createActions, type NewAction } from './actions'
import { PlanError } from './errors'
import { createFactors, type NewFactor } from './factors'
import { checkDate, checkMemberKey, checkOneOf, checkText, readDate, readNumber, readOneOf, readString } from './fields'
import { createGoals, type NewGoal } from './goals'
import { randomId } from './ids'
import { LINE_MAX, NAME_MAX } from './limits'
import { LEGACY_AGENDA, MEETING_TYPES, checkAgenda, createMeetingTemplates, readAgenda, type AgendaItem, type MeetingType } from './meetingTemplates'
import { createNeedLines, type NeedHolder } from './needLines'
import { createObservations, type NewObservation } from './observations'
import { clearText, createRecordStore, newestFirst } from './records'

export const MEETINGS = 'meetings'
export { MEETING_TYPES, type MeetingType, type AgendaItem }

/** The value of an attendee someone who edits the meeting set: it counts for P9. */
export const PRESENT = true
/** The value of a contributor's own mark (P1): present, but it opens no notes to its author (P9). */
export const SELF_MARKED = 'self'

export function meetingNotesName(meetingId: string, itemId: string): string {
  return `meetings.${meetingId}.${itemId}`
}

/** The meeting and item a root text of notes belongs to (`meetings.<id>.<item id>`), or null. */
export function notesOfRoot(root: string): { meetingId: string; itemId: string } | null {
  const m = /^meetings\.([0-9a-f]{32})\.(.+)$/.exec(root)
  return m ? { meetingId: m[1]!, itemId: m[2]! } : null
}

export type Attendee = { kind: 'member'; memberKey: string } | { kind: 'guest'; name: string }

export interface Decision {
  id: string
  text: string
  /** the agenda item it was taken in, or '' (a decision of the whole meeting) */
  item: string
  createdBy: string
  createdAt: number
}

export interface Meeting {
  id: string
  type: MeetingType
  /** yyyy-mm-dd */
  date: string
  /** its own agenda, in order (a meeting from before templates: LEGACY_AGENDA) */
  agenda: AgendaItem[]
  /** true for a meeting from before templates: its notes are written by editors only (P9) */
  legacy: boolean
  /** member key of the chair, or '' */
  chair: string
  /** member key of who keeps the notes, or '' */
  noteTaker: string
  /** members first (by key), then guests (by name) */
  attendees: Attendee[]
  /** members who marked their own presence and were not confirmed yet (by key) */
  selfMarked: string[]
  decisions: Decision[]
  /** yyyy-mm-dd or '' */
  nextDate: string
  createdBy: string
  createdAt: number
}

export interface NewMeeting {
  type: MeetingType
  date: string
  attendees?: Attendee[]
  nextDate?: string
  chair?: string
  noteTaker?: string
  /** the agenda to start with; the plan's template for the type when left out */
  agenda?: AgendaItem[]
}
export type MeetingPatch = Partial<Pick<Meeting, 'type' | 'date' | 'nextDate' | 'chair' | 'noteTaker'>>

/** What a line of the notes can become; each keeps the meeting's id as the link back. */
export type LineTarget =
  | { kind: 'goal'; goal: Omit<NewGoal, 'title' | 'meetingId'> }
  | { kind: 'action'; action: Omit<NewAction, 'what' | 'meetingId'> }
  | { kind: 'factor'; factor: Omit<NewFactor, 'text' | 'meetingId'> }
  | { kind: 'need'; holder: NeedHolder }
  | { kind: 'observation'; observation: Omit<NewObservation, 'text' | 'meetingId'> }

/** Strips a list marker ("- ", "* ", "• ", "1. ", "[ ] ") from a line of notes. */
export function cleanNoteLine(line: string): string {
  return line.replace(/^\s*(?:[-*•–]|\d+[.)]|\[[ xX]?\])\s*/u, '').trim()
}

function attendeeKey(a: Attendee): string {
  if (a?.kind === 'member') return `m:${checkMemberKey('attendee', a.memberKey, { optional: false })}`
  if (a?.kind === 'guest') return `n:${checkText('attendee', a.name, { required: true, max: NAME_MAX })}`
  throw new PlanError('invalid-value', 'attendee', 'an attendee is a member (memberKey) or a guest (name)')
}

const isPresence = (v: unknown) => v === PRESENT || v === SELF_MARKED

function readAttendees(v: unknown): Attendee[] {
  if (!(v instanceof Y.Map)) return []
  const keys = [...v.keys()].filter((k) => isPresence(v.get(k)))
  const members = keys
    .filter((k) => k.startsWith('m:'))
    .map((k) => k.slice(2))
    .sort()
  const guests = keys
    .filter((k) => k.startsWith('n:'))
    .map((k) => k.slice(2))
    .sort((a, b) => a.localeCompare(b, 'nl'))
  return [...members.map((memberKey): Attendee => ({ kind: 'member', memberKey })), ...guests.map((name): Attendee => ({ kind: 'guest', name }))]
}

function readSelfMarked(v: unknown): string[] {
  if (!(v instanceof Y.Map)) return []
  return [...v.keys()]
    .filter((k) => k.startsWith('m:') && v.get(k) === SELF_MARKED)
    .map((k) => k.slice(2))
    .sort()
}

function readDecisions(v: unknown): Decision[] {
  if (!(v instanceof Y.Array)) return []
  const out: Decision[] = []
  for (const d of v.toArray()) {
    if (!(d instanceof Y.Map) || typeof d.get('id') !== 'string') continue
    out.push({
      id: readString(d, 'id'),
      text: readString(d, 'text'),
      item: readString(d, 'item'),
      createdBy: readString(d, 'createdBy'),
      createdAt: readNumber(d, 'createdAt'),
    })
  }
  return out
}

function read(map: Y.Map<unknown>): Meeting {
  const agenda = readAgenda(map.get('agenda'))
  return {
    id: readString(map, 'id'),
    // a meeting type from a newer client reads as a generic MDO
    type: readOneOf(map, 'type', MEETING_TYPES, 'MDO'),
    date: readDate(map, 'date'),
    agenda: agenda ?? [...LEGACY_AGENDA],
    legacy: agenda === null,
    chair: readString(map, 'chair'),
    noteTaker: readString(map, 'noteTaker'),
    attendees: readAttendees(map.get('attendees')),
    selfMarked: readSelfMarked(map.get('attendees')),
    decisions: readDecisions(map.get('decisions')),
    nextDate: readDate(map, 'nextDate'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(p: MeetingPatch, isNew: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (isNew || p.type !== undefined) out.type = checkOneOf('type', p.type, MEETING_TYPES)
  if (isNew || p.date !== undefined) out.date = checkDate('date', p.date)
  if (isNew || p.nextDate !== undefined) out.nextDate = checkDate('nextDate', p.nextDate ?? '', { optional: true })
  if (isNew || p.chair !== undefined) out.chair = checkMemberKey('chair', p.chair ?? '')
  if (isNew || p.noteTaker !== undefined) out.noteTaker = checkMemberKey('noteTaker', p.noteTaker ?? '')
  return out
}

/** The agenda item `itemId` of a meeting as stored (for the rules: its map, read here only). */
export function agendaHasItem(meeting: Y.Map<unknown>, itemId: string): boolean {
  return readAgenda(meeting.get('agenda'))?.some((i) => i.id === itemId) ?? false
}

/** Whether a meeting's attendee `m:<key>` was set by someone who edits the meeting (not a self-mark). */
export function presenceConfirmed(meeting: Y.Map<unknown>, memberKey: string): boolean {
  const set = meeting.get('attendees')
  return set instanceof Y.Map && set.get(`m:${memberKey}`) === PRESENT
}

/** The meeting's map as the plan holds it (for the rules, which judge against the plan now). */
export function meetingMap(doc: Y.Doc, meetingId: string): Y.Map<unknown> | undefined {
  for (const m of doc.getArray<unknown>(MEETINGS).toArray()) if (m instanceof Y.Map && m.get('id') === meetingId) return m
  return undefined
}

export interface MeetingsAccessor {
  /** newest first */
  list(): Meeting[]
  get(id: string): Meeting | null
  add(meeting: NewMeeting, createdBy: string, now?: number): string
  update(id: string, patch: MeetingPatch): void
  /** replaces the meeting's agenda (an item whose notes are not empty stays: PlanError 'forbidden') */
  setAgenda(id: string, agenda: readonly AgendaItem[]): void
  /** removes the meeting and empties its notes */
  remove(id: string): void
  /** the live notes of one agenda item, for an editor binding */
  notes(id: string, itemId: string): Y.Text
  /** every agenda item's notes as plain text, by item id, in agenda order */
  notesSnapshot(id: string): Record<string, string>
  /** present, as set by someone who edits the meeting (it opens the notes to a parent or youth, P9) */
  addAttendee(id: string, attendee: Attendee): void
  /** a contributor marks its own presence (P1): present, but it opens no notes (P9) */
  markOwnPresence(id: string, memberKey: string): void
  removeAttendee(id: string, attendee: Attendee): void
  addDecision(id: string, text: string, by: string, now?: number, item?: string): string
  removeDecision(id: string, decisionId: string): void
  /** turns a line of the notes into a goal from this meeting, in one transaction; returns the goal id */
  noteLineToGoal(meetingId: string, line: string, goal: Omit<NewGoal, 'title' | 'meetingId'>, by: string, now?: number): string
  /** turns a line of the notes into an afspraak from this meeting, in one transaction; returns its id */
  noteLineToAction(meetingId: string, line: string, action: Omit<NewAction, 'what' | 'meetingId'>, by: string, now?: number): string
  /** turns a line into a goal, afspraak, factor, need or observation that names this meeting; returns its id */
  noteLineTo(meetingId: string, line: string, target: LineTarget, by: string, now?: number): string
  /** fires on any change to a meeting, its attendees or decisions, or its notes */
  observe(listener: (meetings: Meeting[]) => void): () => void
}

export function createMeetings(doc: Y.Doc): MeetingsAccessor {
  const store = createRecordStore(doc, MEETINGS, 'meeting', read)
  const list = () => newestFirst(store.list())
  const agendaOf = (id: string): AgendaItem[] => read(store.require(id)).agenda
  const notes = (id: string, itemId: string): Y.Text => {
    if (!agendaOf(id).some((i) => i.id === itemId)) throw new PlanError('invalid-value', 'item', `meeting ${id} has no agenda item ${String(itemId)}`)
    return doc.getText(meetingNotesName(id, itemId))
  }
  const nested = <T>(id: string, key: string, Type: new () => T): T => {
    const v = store.require(id).get(key)
    if (!(v instanceof Type)) throw new PlanError('invalid-value', key, `meeting ${id} has no ${key} list (written by another client)`)
    return v
  }
  const fromLine = (meetingId: string, line: string): string => {
    store.require(meetingId)
    return checkText('line', cleanNoteLine(line), { required: true, max: LINE_MAX })
  }
  const setPresence = (id: string, key: string, value: typeof PRESENT | typeof SELF_MARKED) => {
    const set = nested(id, 'attendees', Y.Map<unknown>)
    if (set.get(key) !== value) set.set(key, value)
  }
  const noteLineTo = (meetingId: string, line: string, target: LineTarget, by: string, now = Date.now()): string => {
    const text = fromLine(meetingId, line)
    let id = ''
    doc.transact(() => {
      switch (target.kind) {
        case 'goal':
          id = createGoals(doc).add({ ...target.goal, title: text, meetingId }, by, now)
          break
        case 'action':
          id = createActions(doc).add({ ...target.action, what: text, meetingId }, by, now)
          break
        case 'factor':
          id = createFactors(doc).add({ ...target.factor, text, meetingId }, by, now)
          break
        case 'need':
          id = createNeedLines(doc).add({ holder: target.holder, text, meetingId }, by, now)
          break
        case 'observation':
          id = createObservations(doc).add({ ...target.observation, text, meetingId }, by, now)
          break
      }
    })
    return id
  }
  return {
    list,
    get: store.get,
    add(meeting, createdBy, now = Date.now()) {
      const fields = check(meeting, true)
      fields.agenda = checkAgenda(meeting.agenda ?? createMeetingTemplates(doc).get(fields.type as MeetingType))
      const attendees = new Y.Map<unknown>()
      for (const a of meeting.attendees ?? []) attendees.set(attendeeKey(a), PRESENT)
      return store.insert(fields, createdBy, now, { attendees, decisions: new Y.Array<Y.Map<unknown>>() })
    },
    update: (id, patch) => store.patch(id, check(patch, false)),
    setAgenda(id, agenda) {
      const next = checkAgenda(agenda)
      for (const item of agendaOf(id)) {
        if (!next.some((i) => i.id === item.id) && doc.getText(meetingNotesName(id, item.id)).length > 0)
          throw new PlanError('forbidden', 'agenda', `agenda item ${item.id} has notes: it stays`)
      }
      store.patch(id, { agenda: next })
    },
    remove(id) {
      doc.transact(() => {
        const m = store.map(id)
        const agenda = m ? read(m).agenda : []
        if (!store.remove(id)) return
        for (const item of agenda) clearText(doc.getText(meetingNotesName(id, item.id)))
      })
    },
    notes,
    notesSnapshot(id) {
      const out: Record<string, string> = {}
      for (const item of agendaOf(id)) out[item.id] = notes(id, item.id).toString()
      return out
    },
    addAttendee(id, attendee) {
      setPresence(id, attendeeKey(attendee), PRESENT)
    },
    markOwnPresence(id, memberKey) {
      const key = attendeeKey({ kind: 'member', memberKey })
      // already present (confirmed by someone who edits the meeting): a self-mark would undo that
      if (nested(id, 'attendees', Y.Map<unknown>).get(key) === PRESENT) return
      setPresence(id, key, SELF_MARKED)
    },
    removeAttendee(id, attendee) {
      const key = attendeeKey(attendee)
      const set = nested(id, 'attendees', Y.Map<unknown>)
      if (set.has(key)) set.delete(key)
    },
    addDecision(id, text, by, now = Date.now(), item = '') {
      const value = checkText('decision', text, { required: true, max: LINE_MAX })
      if (item !== '' && !agendaOf(id).some((i) => i.id === item)) throw new PlanError('invalid-value', 'item', `meeting ${id} has no agenda item ${item}`)
      const decisions = nested(id, 'decisions', Y.Array<Y.Map<unknown>>)
      const map = new Y.Map<unknown>()
      const decisionId = randomId()
      map.set('id', decisionId)
      map.set('text', value)
      if (item !== '') map.set('item', item)
      map.set('createdBy', by)
      map.set('createdAt', now)
      decisions.push([map])
      return decisionId
    },
    removeDecision(id, decisionId) {
      const decisions = nested(id, 'decisions', Y.Array<Y.Map<unknown>>)
      const i = decisions.toArray().findIndex((d) => d instanceof Y.Map && d.get('id') === decisionId)
      if (i >= 0) decisions.delete(i, 1)
    },
    noteLineToGoal: (meetingId, line, goal, by, now) => noteLineTo(meetingId, line, { kind: 'goal', goal }, by, now),
    noteLineToAction: (meetingId, line, action, by, now) => noteLineTo(meetingId, line, { kind: 'action', action }, by, now),
    noteLineTo,
    observe: (listener) => store.observe(() => listener(list()), `${MEETINGS}.`),
  }
}
