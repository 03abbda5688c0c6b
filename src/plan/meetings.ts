/**
 * Overleggen: a Kans!overleg, MDO, OT or evaluation, with its date, who was there, live notes per
 * agenda item in the standard order, the decisions taken and the next date.
 *
 * Notes are root-level Y.Texts named `meetings.<id>.<agendaItem>` (like voices), so the first
 * words two people type at once into a fresh item are both kept. Attendees are a Y.Map nested in
 * the meeting used as a set (key `m:<memberKey>` or `n:<name>`), so two people ticking someone
 * present at once agree; decisions are a nested Y.Array. Both are created with the meeting, on
 * one device.
 */
import * as Y from 'yjs'
import { createActions, type NewAction } from './actions'
import { PlanError } from './errors'
import { checkDate, checkMemberKey, checkOneOf, checkText, readDate, readNumber, readOneOf, readString } from './fields'
import { LINE_MAX, NAME_MAX } from './limits'
import { createGoals, type NewGoal } from './goals'
import { randomId } from './ids'
import { clearText, createRecordStore, newestFirst } from './records'

export const MEETINGS = 'meetings'

export const MEETING_TYPES = ['Kans!overleg', 'MDO', 'OT', 'evaluatie'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

/** The standard agenda, in its order. */
export const AGENDA_ITEMS = ['zorgen', 'krachten', 'doelen', 'afspraken', 'regie', 'volgende datum'] as const
export type AgendaItem = (typeof AGENDA_ITEMS)[number]

export function meetingNotesName(meetingId: string, item: AgendaItem): string {
  return `meetings.${meetingId}.${item}`
}

export type Attendee = { kind: 'member'; memberKey: string } | { kind: 'guest'; name: string }

export interface Decision {
  id: string
  text: string
  createdBy: string
  createdAt: number
}

export interface Meeting {
  id: string
  type: MeetingType
  /** yyyy-mm-dd */
  date: string
  /** members first (by key), then guests (by name) */
  attendees: Attendee[]
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
}
export type MeetingPatch = Partial<Pick<Meeting, 'type' | 'date' | 'nextDate'>>

/** Strips a list marker ("- ", "* ", "• ", "1. ", "[ ] ") from a line of notes. */
export function cleanNoteLine(line: string): string {
  return line.replace(/^\s*(?:[-*•–]|\d+[.)]|\[[ xX]?\])\s*/u, '').trim()
}

function attendeeKey(a: Attendee): string {
  if (a?.kind === 'member') return `m:${checkMemberKey('attendee', a.memberKey, { optional: false })}`
  if (a?.kind === 'guest') return `n:${checkText('attendee', a.name, { required: true, max: NAME_MAX })}`
  throw new PlanError('invalid-value', 'attendee', 'an attendee is a member (memberKey) or a guest (name)')
}

function readAttendees(v: unknown): Attendee[] {
  if (!(v instanceof Y.Map)) return []
  const keys = [...v.keys()].filter((k) => v.get(k) === true)
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

function readDecisions(v: unknown): Decision[] {
  if (!(v instanceof Y.Array)) return []
  const out: Decision[] = []
  for (const d of v.toArray()) {
    if (!(d instanceof Y.Map) || typeof d.get('id') !== 'string') continue
    out.push({ id: readString(d, 'id'), text: readString(d, 'text'), createdBy: readString(d, 'createdBy'), createdAt: readNumber(d, 'createdAt') })
  }
  return out
}

function read(map: Y.Map<unknown>): Meeting {
  return {
    id: readString(map, 'id'),
    // a meeting type from a newer client reads as a generic MDO
    type: readOneOf(map, 'type', MEETING_TYPES, 'MDO'),
    date: readDate(map, 'date'),
    attendees: readAttendees(map.get('attendees')),
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
  return out
}

export interface MeetingsAccessor {
  /** newest first */
  list(): Meeting[]
  get(id: string): Meeting | null
  add(meeting: NewMeeting, createdBy: string, now?: number): string
  update(id: string, patch: MeetingPatch): void
  /** removes the meeting and empties its notes */
  remove(id: string): void
  /** the live notes of one agenda item, for an editor binding */
  notes(id: string, item: AgendaItem): Y.Text
  /** every agenda item's notes as plain text, in agenda order */
  notesSnapshot(id: string): Record<AgendaItem, string>
  addAttendee(id: string, attendee: Attendee): void
  removeAttendee(id: string, attendee: Attendee): void
  addDecision(id: string, text: string, by: string, now?: number): string
  removeDecision(id: string, decisionId: string): void
  /** turns a line of the notes into a goal from this meeting, in one transaction; returns the goal id */
  noteLineToGoal(meetingId: string, line: string, goal: Omit<NewGoal, 'title' | 'meetingId'>, by: string, now?: number): string
  /** turns a line of the notes into an afspraak from this meeting, in one transaction; returns its id */
  noteLineToAction(meetingId: string, line: string, action: Omit<NewAction, 'what' | 'meetingId'>, by: string, now?: number): string
  /** fires on any change to a meeting, its attendees or decisions, or its notes */
  observe(listener: (meetings: Meeting[]) => void): () => void
}

export function createMeetings(doc: Y.Doc): MeetingsAccessor {
  const store = createRecordStore(doc, MEETINGS, 'meeting', read)
  const list = () => newestFirst(store.list())
  const notes = (id: string, item: AgendaItem): Y.Text => {
    if (!AGENDA_ITEMS.includes(item)) throw new PlanError('invalid-value', 'item', `unknown agenda item ${String(item)}`)
    store.require(id)
    return doc.getText(meetingNotesName(id, item))
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
  return {
    list,
    get: store.get,
    add(meeting, createdBy, now = Date.now()) {
      const fields = check(meeting, true)
      const attendees = new Y.Map<boolean>()
      for (const a of meeting.attendees ?? []) attendees.set(attendeeKey(a), true)
      return store.insert(fields, createdBy, now, { attendees, decisions: new Y.Array<Y.Map<unknown>>() })
    },
    update: (id, patch) => store.patch(id, check(patch, false)),
    remove(id) {
      doc.transact(() => {
        if (!store.remove(id)) return
        for (const item of AGENDA_ITEMS) clearText(doc.getText(meetingNotesName(id, item)))
      })
    },
    notes,
    notesSnapshot(id) {
      const out = {} as Record<AgendaItem, string>
      for (const item of AGENDA_ITEMS) out[item] = notes(id, item).toString()
      return out
    },
    addAttendee(id, attendee) {
      const key = attendeeKey(attendee)
      const set = nested(id, 'attendees', Y.Map<unknown>)
      if (set.get(key) !== true) set.set(key, true)
    },
    removeAttendee(id, attendee) {
      const key = attendeeKey(attendee)
      const set = nested(id, 'attendees', Y.Map<unknown>)
      if (set.has(key)) set.delete(key)
    },
    addDecision(id, text, by, now = Date.now()) {
      const value = checkText('decision', text, { required: true, max: LINE_MAX })
      const decisions = nested(id, 'decisions', Y.Array<Y.Map<unknown>>)
      const map = new Y.Map<unknown>()
      const decisionId = randomId()
      map.set('id', decisionId)
      map.set('text', value)
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
    noteLineToGoal(meetingId, line, goal, by, now = Date.now()) {
      const title = fromLine(meetingId, line)
      let id = ''
      doc.transact(() => {
        id = createGoals(doc).add({ ...goal, title, meetingId }, by, now)
      })
      return id
    },
    noteLineToAction(meetingId, line, action, by, now = Date.now()) {
      const what = fromLine(meetingId, line)
      let id = ''
      doc.transact(() => {
        id = createActions(doc).add({ ...action, what, meetingId }, by, now)
      })
      return id
    },
    observe: (listener) => store.observe(() => listener(list()), `${MEETINGS}.`),
  }
}
