/**
 * Observaties: dated notes from home, school or care, linked to the goals they say something
 * about. Written by one person in seconds (often on a phone), so the note is a plain string; the
 * goal links are one value, replaced as a whole.
 */
import type * as Y from 'yjs'
import { checkGoalLink } from './actions'
import { PlanError } from './errors'
import { checkDate, checkOneOf, checkText, readDate, readNumber, readOneOf, readString, readStrings } from './fields'
import { LONG_TEXT_MAX } from './limits'
import { createRecordStore, newestFirst } from './records'

export const OBSERVATIONS = 'observations'

export const OBSERVATION_CONTEXTS = ['thuis', 'school', 'zorg'] as const
export type ObservationContext = (typeof OBSERVATION_CONTEXTS)[number]

export interface Observation {
  id: string
  /** yyyy-mm-dd: the day it was seen */
  date: string
  text: string
  context: ObservationContext
  goalIds: string[]
  /** the meeting whose notes it came from, or '' */
  meetingId: string
  createdBy: string
  createdAt: number
}

type ObservationFields = Omit<Observation, 'id' | 'meetingId' | 'createdBy' | 'createdAt'>
export type NewObservation = Pick<ObservationFields, 'date' | 'text' | 'context'> & Partial<Pick<ObservationFields, 'goalIds'>> & { meetingId?: string }
export type ObservationPatch = Partial<ObservationFields>

function read(map: Y.Map<unknown>): Observation {
  return {
    id: readString(map, 'id'),
    date: readDate(map, 'date'),
    text: readString(map, 'text'),
    // a context from a newer client: shown as from home rather than dropped
    context: readOneOf(map, 'context', OBSERVATION_CONTEXTS, 'thuis'),
    goalIds: readStrings(map, 'goalIds'),
    meetingId: readString(map, 'meetingId'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(doc: Y.Doc, p: ObservationPatch, isNew: boolean): Partial<ObservationFields> {
  const out: Partial<ObservationFields> = {}
  if (isNew || p.date !== undefined) out.date = checkDate('date', p.date)
  if (isNew || p.text !== undefined) out.text = checkText('text', p.text, { required: true, max: LONG_TEXT_MAX })
  if (isNew || p.context !== undefined) out.context = checkOneOf('context', p.context, OBSERVATION_CONTEXTS)
  if (isNew || p.goalIds !== undefined) {
    const ids = p.goalIds ?? []
    if (!Array.isArray(ids)) throw new PlanError('invalid-value', 'goalIds', 'goalIds must be a list of goal ids')
    out.goalIds = [...new Set(ids.map((id) => checkGoalLink(doc, 'goalIds', id)).filter(Boolean))]
  }
  return out
}

export interface ObservationsAccessor {
  /** newest first */
  list(): Observation[]
  get(id: string): Observation | null
  /** the observations linked to a goal, newest first */
  forGoal(goalId: string): Observation[]
  add(observation: NewObservation, createdBy: string, now?: number): string
  update(id: string, patch: ObservationPatch): void
  remove(id: string): void
  observe(listener: (observations: Observation[]) => void): () => void
}

export function createObservations(doc: Y.Doc): ObservationsAccessor {
  const store = createRecordStore(doc, OBSERVATIONS, 'observation', read)
  const list = () => newestFirst(store.list())
  return {
    list,
    get: store.get,
    forGoal: (goalId) => list().filter((o) => o.goalIds.includes(goalId)),
    add: (observation, createdBy, now = Date.now()) =>
      store.insert({ ...check(doc, observation, true), meetingId: observation.meetingId ?? '' }, createdBy, now),
    update: (id, patch) => store.patch(id, check(doc, patch, false)),
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(() => listener(list())),
  }
}
