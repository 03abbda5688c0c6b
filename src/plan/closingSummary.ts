/**
 * The closing summary shown before a plan is closed and kept in it after: which goals were
 * reached and which are still open, the last evaluation, and who took part. A pure function of
 * the plan doc and the clock, like the onderbouwing (substantiation.ts); the UI words it.
 */
import type * as Y from 'yjs'
import { createChild } from './child'
import { isoDay } from './documentText'
import { createGoals, type EvaluationResult, type GoalStatus } from './goals'
import { createMeetings, type MeetingType } from './meetings'
import { createMeta } from './status'
import { createTeam, memberName } from './team'

export interface SummaryGoal {
  id: string
  title: string
  status: GoalStatus
}

export interface ClosingSummary {
  childName: string
  /** yyyy-mm-dd the plan was started, or '' */
  startedOn: string
  /** yyyy-mm-dd of the summary */
  on: string
  /** goals with status behaald */
  reached: SummaryGoal[]
  /** goals still open or partly reached: what the next school or carer picks up */
  open: SummaryGoal[]
  /** goals not reached or stopped */
  ended: SummaryGoal[]
  /** the newest evaluation of any goal, or null */
  lastEvaluation: { date: string; goalTitle: string; result: EvaluationResult } | null
  /** the newest meeting held (not planned), or null */
  lastMeeting: { date: string; type: MeetingType } | null
  /** who took part: the team (names as the plan has them) and guests of meetings held, each once */
  participants: string[]
}

export function closingSummary(doc: Y.Doc, now: number): ClosingSummary {
  const today = isoDay(now)
  const goals = createGoals(doc).list()
  const pick = (statuses: readonly GoalStatus[]) =>
    goals.filter((g) => statuses.includes(g.status)).map((g) => ({ id: g.id, title: g.title, status: g.status }))
  let lastEvaluation: ClosingSummary['lastEvaluation'] = null
  for (const g of goals)
    for (const e of g.evaluations)
      if (e.date && e.date <= today && (!lastEvaluation || e.date > lastEvaluation.date))
        lastEvaluation = { date: e.date, goalTitle: g.title, result: e.result }
  const held = createMeetings(doc)
    .list()
    .filter((m) => m.date && m.date <= today)
  const newest = held.reduce<(typeof held)[number] | null>((a, m) => (!a || m.date > a.date ? m : a), null)
  const names = new Set<string>()
  for (const member of createTeam(doc).list()) if (member.name.trim()) names.add(member.name.trim())
  for (const m of held)
    for (const a of m.attendees) {
      const name = a.kind === 'guest' ? a.name.trim() : memberName(doc, a.memberKey).trim()
      if (name) names.add(name)
    }
  const createdAt = createMeta(doc).get().createdAt
  return {
    childName: createChild(doc).get().name,
    startedOn: createdAt > 0 ? isoDay(createdAt) : '',
    on: today,
    reached: pick(['behaald']),
    open: pick(['open', 'deels']),
    ended: pick(['niet behaald', 'gestopt']),
    lastEvaluation,
    lastMeeting: newest ? { date: newest.date, type: newest.type } : null,
    participants: [...names],
  }
}
