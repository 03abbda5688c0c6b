/**
 * Het handelingsdeel of the OPP: what the school does for this pupil, one line each, of four kinds
 * the law names: ondersteuning (support), begeleiding (guidance), extra hulp (extra help), and
 * afwijkingen van het onderwijsprogramma. A line may name the area it is about ("rekenen") and the
 * goal (tussendoel, src/plan/goals.ts) it serves. Together with the goals and the afspraken it is
 * what the parents' instemming covers (canonicalHandelingsdeel).
 *
 * Short fields, last writer wins per field, like the afspraken.
 */
import type * as Y from 'yjs'
import { checkGoalLink } from './actions'
import { checkOneOf, checkText, readNumber, readOneOf, readString } from './fields'
import { LINE_MAX, SHORT_TEXT_MAX } from './limits'
import { createRecordStore } from './records'

export const HANDELINGSDEEL = 'handelingsdeel'

export const MEASURE_KINDS = ['ondersteuning', 'begeleiding', 'extra-hulp', 'afwijking'] as const
export type MeasureKind = (typeof MEASURE_KINDS)[number]

export interface Measure {
  id: string
  kind: MeasureKind
  /** what is done (or, for an afwijking, what differs from the programme and how) */
  text: string
  /** the area it is about ("rekenen", "gym"), or '' */
  area: string
  /** the tussendoel it serves, or '' */
  goalId: string
  createdBy: string
  createdAt: number
}

type MeasureFields = Pick<Measure, 'kind' | 'text' | 'area' | 'goalId'>
export type NewMeasure = Pick<MeasureFields, 'kind' | 'text'> & Partial<MeasureFields>
export type MeasurePatch = Partial<MeasureFields>

function read(map: Y.Map<unknown>): Measure | null {
  const id = map.get('id')
  // a kind from a newer app is not shown as one it is not: such a line is left out of the list
  // (and out of what an instemming covers, which a newer app then judges as changed)
  const kind = readOneOf<MeasureKind | ''>(map, 'kind', MEASURE_KINDS, '')
  if (typeof id !== 'string' || kind === '') return null
  return {
    id,
    kind,
    text: readString(map, 'text'),
    area: readString(map, 'area'),
    goalId: readString(map, 'goalId'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(doc: Y.Doc, p: MeasurePatch, isNew: boolean): Partial<MeasureFields> {
  const out: Partial<MeasureFields> = {}
  if (isNew || p.kind !== undefined) out.kind = checkOneOf('kind', p.kind, MEASURE_KINDS)
  if (isNew || p.text !== undefined) out.text = checkText('text', p.text, { required: true, max: LINE_MAX })
  if (isNew || p.area !== undefined) out.area = checkText('area', p.area ?? '', { max: SHORT_TEXT_MAX })
  if (isNew || p.goalId !== undefined) out.goalId = checkGoalLink(doc, 'goalId', p.goalId ?? '')
  return out
}

export interface HandelingsdeelAccessor {
  list(): Measure[]
  get(id: string): Measure | null
  ofKind(kind: MeasureKind): Measure[]
  add(measure: NewMeasure, createdBy: string, now?: number): string
  update(id: string, patch: MeasurePatch): void
  remove(id: string): void
  observe(listener: (measures: Measure[]) => void): () => void
}

export function createHandelingsdeel(doc: Y.Doc): HandelingsdeelAccessor {
  const store = createRecordStore(doc, HANDELINGSDEEL, 'onderdeel', read)
  return {
    list: store.list,
    get: store.get,
    ofKind: (kind) => store.list().filter((m) => m.kind === kind),
    add: (measure, createdBy, now = Date.now()) => store.insert(check(doc, measure, true), createdBy, now),
    update: (id, patch) => store.patch(id, check(doc, patch, false)),
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(listener),
  }
}
