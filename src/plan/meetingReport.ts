/**
 * The verslag of a meeting, compiled from the plan at the end: who was there and in which role,
 * per agenda item its notes and the decisions taken there, the afspraken and goals made in it, the
 * goals evaluated in it, and the next date. A pure function of the plan doc, language-neutral (the
 * UI puts it into words), so its canonical bytes are the same on every device and in every
 * language: parents say "klopt" over their hash (src/plan/approvals.ts), and any later change to
 * the verslag shows as "gewijzigd na akkoord".
 *
 * Also here: the afspraken of last time, listed with their state, for the agenda item that asks for
 * them (the afspraken made in the meeting held last before this one).
 */
import type * as Y from 'yjs'
import { createActions, type Action } from './actions'
import { createGoals, type EvaluationDecision, type EvaluationResult } from './goals'
import type { AgendaKind } from './meetingTemplates'
import { createMeetings, type Attendee, type Meeting, type MeetingType } from './meetings'
import { blocksToText, richTextBlocks } from './richText'

/** Names the format inside the bytes, so a signature over one format never matches another. */
export const MEETING_REPORT_FORMAT = 'samenplan/verslag/1'

export interface ReportItem {
  id: string
  kind: AgendaKind
  /** '' for the standard wording of its kind */
  title: string
  /** the notes as plain text (lists as "- " lines) */
  notes: string
  decisions: string[]
}

export interface ReportAction {
  what: string
  who: string
  whoKey: string
  when: string
  done: boolean
}

export interface ReportEvaluation {
  goalTitle: string
  result: EvaluationResult
  decision: EvaluationDecision
  seen: string
}

export interface MeetingReport {
  meetingId: string
  type: MeetingType
  date: string
  chair: string
  noteTaker: string
  attendees: Attendee[]
  items: ReportItem[]
  /** decisions of the whole meeting, not taken inside an item */
  decisions: string[]
  actions: ReportAction[]
  goals: { title: string; targetDate: string }[]
  evaluations: ReportEvaluation[]
  nextDate: string
}

const byCreation = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const reportAction = (a: Action): ReportAction => ({ what: a.what, who: a.who, whoKey: a.whoKey, when: a.when, done: a.done })

/** The verslag of one meeting as the plan holds it now; null when there is no such meeting. */
export function compileMeetingReport(doc: Y.Doc, meetingId: string): MeetingReport | null {
  const meetings = createMeetings(doc)
  const m = meetings.get(meetingId)
  if (m === null) return null
  const items: ReportItem[] = m.agenda.map((item) => ({
    id: item.id,
    kind: item.kind,
    title: item.title,
    notes: blocksToText(richTextBlocks(meetings.notes(meetingId, item.id))).trim(),
    decisions: m.decisions.filter((d) => d.item === item.id).map((d) => d.text),
  }))
  const onAgenda = new Set(m.agenda.map((i) => i.id))
  const goals = createGoals(doc).list()
  return {
    meetingId,
    type: m.type,
    date: m.date,
    chair: m.chair,
    noteTaker: m.noteTaker,
    attendees: m.attendees,
    items,
    // a decision whose item left the agenda is still a decision of the meeting
    decisions: m.decisions.filter((d) => !onAgenda.has(d.item)).map((d) => d.text),
    actions: createActions(doc)
      .list()
      .filter((a) => a.meetingId === meetingId)
      .sort(byCreation)
      .map(reportAction),
    goals: goals
      .filter((g) => g.meetingId === meetingId)
      .sort(byCreation)
      .map((g) => ({ title: g.title, targetDate: g.targetDate })),
    evaluations: goals.flatMap((g) =>
      g.evaluations.filter((e) => e.meetingId === meetingId).map((e) => ({ goalTitle: g.title, result: e.result, decision: e.decision, seen: e.seen })),
    ),
    nextDate: m.nextDate,
  }
}

/**
 * The exact bytes a "klopt" covers: the report as JSON, every field in a fixed order (built here,
 * not by spreading objects), texts in NFC so the same words typed on two systems hash alike.
 */
export function canonicalMeetingReport(r: MeetingReport): Uint8Array {
  const t = (s: string) => s.normalize('NFC')
  const body = {
    format: MEETING_REPORT_FORMAT,
    meetingId: r.meetingId,
    type: r.type,
    date: r.date,
    chair: r.chair,
    noteTaker: r.noteTaker,
    attendees: r.attendees.map((a) => (a.kind === 'member' ? `m:${a.memberKey}` : `n:${t(a.name)}`)),
    items: r.items.map((i) => [i.id, i.kind, t(i.title), t(i.notes), i.decisions.map(t)]),
    decisions: r.decisions.map(t),
    actions: r.actions.map((a) => [t(a.what), t(a.who), a.whoKey, t(a.when), a.done]),
    goals: r.goals.map((g) => [t(g.title), g.targetDate]),
    evaluations: r.evaluations.map((e) => [t(e.goalTitle), e.result, e.decision, t(e.seen)]),
    nextDate: r.nextDate,
  }
  return new TextEncoder().encode(JSON.stringify(body))
}

/** The meeting held last before this one (by date, then when it was made), or null. */
export function previousMeeting(list: readonly Meeting[], meeting: Meeting): Meeting | null {
  const earlier = list.filter((m) => m.id !== meeting.id && (m.date < meeting.date || (m.date === meeting.date && m.createdAt < meeting.createdAt)))
  earlier.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.createdAt - a.createdAt))
  return earlier[0] ?? null
}

/** "De afspraken van de vorige keer": those made in the meeting before this one, with their state. */
export function previousActions(doc: Y.Doc, meetingId: string): { meeting: Meeting | null; actions: Action[] } {
  const meetings = createMeetings(doc)
  const m = meetings.get(meetingId)
  if (m === null) return { meeting: null, actions: [] }
  const before = previousMeeting(meetings.list(), m)
  if (before === null) return { meeting: null, actions: [] }
  return {
    meeting: before,
    actions: createActions(doc)
      .list()
      .filter((a) => a.meetingId === before.id)
      .sort(byCreation),
  }
}
