/**
 * Herinneringen: the dates coming up in a plan, for the top of the plan and the home card,
 * compiled by a pure function from what the plan and the signed log say (the access layer
 * gathers them, src/access/reminders.ts). Within REMINDER_DAYS, and what is overdue:
 * - 'goal': an open goal's target date (its evaluation), until an evaluation on or after it
 * - 'action': an afspraak's date ("Uiterlijk op") until it is ticked off as done, shown to everyone
 *   with whom it is for
 * - 'meeting': the next meeting (as the home card reckons it: nextMeetingDate)
 * - 'planEvaluation': the plan's next evaluation as the planstatus sets it
 * - 'oppYearly': the yearly evaluation of the OPP with the parents, a year after the last one the
 *   plan records (src/plan/oppConversations.ts), or a year after the OPP was set (vaststelling)
 *   when none is recorded since; nothing before the OPP is set
 * - 'consent': a live consent that ends
 * - 'guest': a member whose access ends (R13)
 * Dates are yyyy-mm-dd on this device's calendar; sorted by date, soonest (and overdue) first.
 */
import { isoDay } from './documentText'

export const REMINDER_DAYS = 30

export type Reminder =
  | { kind: 'goal'; goalId: string; title: string; date: string; overdue: boolean }
  /** `who`: the name of whom it is for (a member's name, or the words of the afspraak), '' when nobody is named */
  | { kind: 'action'; actionId: string; what: string; who: string; date: string; overdue: boolean }
  | { kind: 'meeting'; date: string }
  | { kind: 'planEvaluation'; date: string; overdue: boolean }
  | { kind: 'oppYearly'; date: string; overdue: boolean }
  | { kind: 'consent'; organisationId: string; organisationName: string; date: string }
  | { kind: 'guest'; memberKey: string; name: string; date: string }

export interface RemindersInput {
  /** ms, now on this device */
  now: number
  goals: readonly { id: string; title: string; targetDate: string; status: string; evaluations: readonly { date: string }[] }[]
  /** afspraken, `who` already the name of whom it is for */
  actions: readonly { id: string; what: string; who: string; dueDate: string; done: boolean }[]
  meetings: readonly { type: string; date: string; nextDate: string }[]
  /** the planstatus's next evaluation, yyyy-mm-dd or '' */
  nextEvaluation: string
  /** dates (yyyy-mm-dd) of the OPP evaluations with the parents the plan records */
  oppEvaluations: readonly string[]
  /** the day the OPP was last set (the newest vaststelling that counts), yyyy-mm-dd or '' */
  vastgesteldOn: string
  consents: readonly { organisationId: string; organisationName: string; expiresAt: number; status: string }[]
  members: readonly { memberKey: string; name: string; accessUntil?: number }[]
}

/** yyyy-mm-dd plus whole days, on the calendar (no time zone: computed in UTC) */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
}

/**
 * The next meeting: the soonest date on or after today among the meetings planned and the
 * "volgende datum" each meeting set; a meeting that set its volgende datum has been held (today's
 * too), so the next one is that date. '' when none.
 */
export function nextMeetingDate(meetings: readonly { date: string; nextDate: string }[], today: string): string {
  const dates = meetings
    .flatMap((m) => (m.nextDate ? [m.date > today ? m.date : '', m.nextDate] : [m.date]))
    .filter((d) => d !== '' && d >= today)
    .sort()
  return dates[0] ?? ''
}

const OPEN_GOAL = new Set(['open', 'deels'])

/**
 * When the OPP is next evaluated with the parents: a year (on the calendar) after the last
 * evaluation held, or after the vaststelling when it is newer or no evaluation is recorded; ''
 * while the OPP was never set nor evaluated.
 */
export function nextOppEvaluation(evaluations: readonly string[], vastgesteldOn: string, today: string): string {
  const held =
    evaluations
      .filter((d) => d !== '' && d <= today)
      .sort()
      .at(-1) ?? ''
  const from = held > vastgesteldOn ? held : vastgesteldOn
  return from ? addYear(from) : ''
}

/** The same day a year later; 29 February becomes 28 February (still within the year). */
function addYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const next = new Date(Date.UTC(y! + 1, m! - 1, d!))
  return (next.getUTCDate() === d ? next : new Date(Date.UTC(y! + 1, m! - 1, d! - 1))).toISOString().slice(0, 10)
}

export function remindersOf(input: RemindersInput): Reminder[] {
  const today = isoDay(input.now)
  const horizon = addDays(today, REMINDER_DAYS)
  const out: Reminder[] = []
  for (const g of input.goals) {
    if (!g.targetDate || !OPEN_GOAL.has(g.status) || g.targetDate > horizon) continue
    if (g.evaluations.some((e) => e.date >= g.targetDate)) continue
    out.push({ kind: 'goal', goalId: g.id, title: g.title, date: g.targetDate, overdue: g.targetDate < today })
  }
  for (const a of input.actions) {
    if (!a.dueDate || a.done || a.dueDate > horizon) continue
    out.push({ kind: 'action', actionId: a.id, what: a.what, who: a.who, date: a.dueDate, overdue: a.dueDate < today })
  }
  const meeting = nextMeetingDate(input.meetings, today)
  if (meeting && meeting <= horizon) out.push({ kind: 'meeting', date: meeting })
  if (input.nextEvaluation && input.nextEvaluation <= horizon)
    out.push({ kind: 'planEvaluation', date: input.nextEvaluation, overdue: input.nextEvaluation < today })
  const yearly = nextOppEvaluation(input.oppEvaluations, input.vastgesteldOn, today)
  if (yearly && yearly <= horizon) out.push({ kind: 'oppYearly', date: yearly, overdue: yearly < today })
  for (const c of input.consents) {
    if (c.status !== 'live' || c.expiresAt <= input.now) continue
    const date = isoDay(c.expiresAt)
    if (date <= horizon) out.push({ kind: 'consent', organisationId: c.organisationId, organisationName: c.organisationName, date })
  }
  for (const m of input.members) {
    if (!m.accessUntil || m.accessUntil <= input.now) continue
    const date = isoDay(m.accessUntil)
    if (date <= horizon) out.push({ kind: 'guest', memberKey: m.memberKey, name: m.name, date })
  }
  return out.sort((a, b) => a.date.localeCompare(b.date))
}

const str = (v: unknown): v is string => typeof v === 'string'
const day = (v: unknown): v is string => str(v) && /^\d{4}-\d{2}-\d{2}$/.test(v)

/** One reminder as stored (the home summary keeps them sealed); null for anything that is not exactly one. */
export function readReminder(v: unknown): Reminder | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null
  const o = v as Record<string, unknown>
  if (!day(o.date)) return null
  switch (o.kind) {
    case 'goal':
      return str(o.goalId) && str(o.title) && typeof o.overdue === 'boolean'
        ? { kind: 'goal', goalId: o.goalId, title: o.title, date: o.date, overdue: o.overdue }
        : null
    case 'action':
      return str(o.actionId) && str(o.what) && str(o.who) && typeof o.overdue === 'boolean'
        ? { kind: 'action', actionId: o.actionId, what: o.what, who: o.who, date: o.date, overdue: o.overdue }
        : null
    case 'meeting':
      return { kind: 'meeting', date: o.date }
    case 'planEvaluation':
    case 'oppYearly':
      return typeof o.overdue === 'boolean' ? { kind: o.kind, date: o.date, overdue: o.overdue } : null
    case 'consent':
      return str(o.organisationId) && str(o.organisationName)
        ? { kind: 'consent', organisationId: o.organisationId, organisationName: o.organisationName, date: o.date }
        : null
    case 'guest':
      return str(o.memberKey) && str(o.name) ? { kind: 'guest', memberKey: o.memberKey, name: o.name, date: o.date } : null
    default:
      return null
  }
}
