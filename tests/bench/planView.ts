/**
 * What the plan view reads when it mounts (PlanView.tsx and the sections model), through the
 * same accessors: the plan is "interactive (data)" once these lists exist. Browser-safe.
 */
import type * as Y from 'yjs'
import { createActions, createChild, createGoals, createMeetings, createObservations, createTeam, createVoices, migratePlan } from '../../src/plan'

export interface PlanViewData {
  childName: string
  voicesChars: number
  team: number
  goals: number
  evaluations: number
  actions: number
  observations: number
  meetings: number
}

export function readPlanView(doc: Y.Doc): PlanViewData {
  migratePlan(doc) // PlanView does this first; it writes nothing for a current plan
  const voices = createVoices(doc).snapshot()
  const goals = createGoals(doc).list()
  return {
    childName: createChild(doc).get().name,
    voicesChars: Object.values(voices).reduce((n, fields) => n + Object.values(fields).reduce((m, s) => m + s.length, 0), 0),
    team: createTeam(doc).list().length,
    goals: goals.length,
    evaluations: goals.reduce((n, g) => n + g.evaluations.length, 0),
    actions: createActions(doc).list().length,
    observations: createObservations(doc).list().length,
    meetings: createMeetings(doc).list().length,
  }
}
