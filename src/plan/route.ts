/**
 * Ingezette hulp: help already tried, at what level, by which provider, over what period, with
 * what effect, and why it was not enough. Feeds the request to the gemeente ("light help tried, how
 * long, what it did, why it was not enough"), so list() is chronological.
 */
import type * as Y from 'yjs'
import { checkDate, checkOneOf, checkPeriod, checkText, readDate, readNumber, readOneOf, readString } from './fields'
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from './limits'
import { createRecordStore } from './records'
import { CARE_LEVELS, SCHOOL_SUPPORT_LEVELS, type CareLevel, type SchoolSupportLevel } from './status'

export const ROUTE = 'route'

/** The same steps as the plan's support levels: in school, then in care ('geen' is no help). */
export const ROUTE_LEVELS = [...SCHOOL_SUPPORT_LEVELS, ...CARE_LEVELS.filter((l) => l !== 'geen')] as readonly (
  | SchoolSupportLevel
  | Exclude<CareLevel, 'geen'>
)[]
export type RouteLevel = SchoolSupportLevel | Exclude<CareLevel, 'geen'>

export interface RouteStep {
  id: string
  level: RouteLevel
  provider: string
  /** yyyy-mm-dd */
  from: string
  /** yyyy-mm-dd, or '' while it runs */
  to: string
  /** what it did */
  effect: string
  /** why this help was not enough, so heavier help is asked for ('' in a step from before the request) */
  whyNotEnough: string
  createdBy: string
  createdAt: number
}

type RouteFields = Omit<RouteStep, 'id' | 'createdBy' | 'createdAt'>
export type NewRouteStep = Pick<RouteFields, 'level' | 'provider' | 'from'> & Partial<Pick<RouteFields, 'to' | 'effect' | 'whyNotEnough'>>
export type RouteStepPatch = Partial<RouteFields>

function read(map: Y.Map<unknown>): RouteStep {
  return {
    id: readString(map, 'id'),
    level: readOneOf(map, 'level', ROUTE_LEVELS, 'basisondersteuning'),
    provider: readString(map, 'provider'),
    from: readDate(map, 'from'),
    to: readDate(map, 'to'),
    effect: readString(map, 'effect'),
    whyNotEnough: readString(map, 'whyNotEnough'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(p: RouteStepPatch, isNew: boolean): Partial<RouteFields> {
  const out: Partial<RouteFields> = {}
  if (isNew || p.level !== undefined) out.level = checkOneOf('level', p.level, ROUTE_LEVELS)
  if (isNew || p.provider !== undefined) out.provider = checkText('provider', p.provider, { required: true, max: SHORT_TEXT_MAX })
  if (isNew || p.from !== undefined) out.from = checkDate('from', p.from)
  if (isNew || p.to !== undefined) out.to = checkDate('to', p.to ?? '', { optional: true })
  if (isNew || p.effect !== undefined) out.effect = checkText('effect', p.effect ?? '', { max: LONG_TEXT_MAX })
  if (isNew || p.whyNotEnough !== undefined) out.whyNotEnough = checkText('whyNotEnough', p.whyNotEnough ?? '', { max: LONG_TEXT_MAX })
  return out
}

const chronological = (a: RouteStep, b: RouteStep) =>
  a.from !== b.from ? (a.from < b.from ? -1 : 1) : a.createdAt !== b.createdAt ? a.createdAt - b.createdAt : a.id < b.id ? -1 : 1

export interface RouteAccessor {
  /** oldest first, by start date */
  list(): RouteStep[]
  get(id: string): RouteStep | null
  add(step: NewRouteStep, createdBy: string, now?: number): string
  update(id: string, patch: RouteStepPatch): void
  remove(id: string): void
  observe(listener: (steps: RouteStep[]) => void): () => void
}

export function createRoute(doc: Y.Doc): RouteAccessor {
  const store = createRecordStore(doc, ROUTE, 'route step', read)
  const list = () => store.list().sort(chronological)
  return {
    list,
    get: store.get,
    add(step, createdBy, now = Date.now()) {
      const fields = check(step, true)
      checkPeriod(fields.from ?? '', fields.to ?? '')
      return store.insert(fields, createdBy, now)
    },
    update(id, patch) {
      const current = read(store.require(id))
      const fields = check(patch, false)
      checkPeriod(fields.from ?? current.from, fields.to ?? current.to)
      store.patch(id, fields)
    },
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(() => listener(list())),
  }
}
