/**
 * Bevorderende en belemmerende factoren: a matrix of domain (kind, school, thuis, vrije tijd) ×
 * helpt/belemmert. Each entry is a short text with its source and the date it was noted. The
 * source is a member (sourceKey) or someone named in free text (source: "juf Anja", "verslag
 * GGD"); the UI shows the member's name when sourceKey is set.
 */
import type * as Y from 'yjs'
import { checkDate, checkMemberKey, checkOneOf, checkText, readDate, readNumber, readOneOf, readString } from './fields'
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from './limits'
import { createRecordStore } from './records'

export const FACTORS = 'factors'

export const FACTOR_DOMAINS = ['kind', 'school', 'thuis', 'vrije tijd'] as const
export type FactorDomain = (typeof FACTOR_DOMAINS)[number]

export const FACTOR_KINDS = ['helpt', 'belemmert'] as const
export type FactorKind = (typeof FACTOR_KINDS)[number]

export interface Factor {
  id: string
  domain: FactorDomain
  kind: FactorKind
  text: string
  /** free-text source, or '' */
  source: string
  /** member key of the source, or '' */
  sourceKey: string
  /** yyyy-mm-dd */
  date: string
  /** the meeting whose notes it came from, or '' */
  meetingId: string
  createdBy: string
  createdAt: number
}

type FactorFields = Omit<Factor, 'id' | 'meetingId' | 'createdBy' | 'createdAt'>
export type NewFactor = Pick<FactorFields, 'domain' | 'kind' | 'text' | 'date'> & Partial<Pick<FactorFields, 'source' | 'sourceKey'>> & { meetingId?: string }
export type FactorPatch = Partial<FactorFields>

function read(map: Y.Map<unknown>): Factor {
  return {
    id: readString(map, 'id'),
    // a domain or kind from a newer client: shown under kind / helpt rather than lost
    domain: readOneOf(map, 'domain', FACTOR_DOMAINS, 'kind'),
    kind: readOneOf(map, 'kind', FACTOR_KINDS, 'helpt'),
    text: readString(map, 'text'),
    source: readString(map, 'source'),
    sourceKey: readString(map, 'sourceKey'),
    date: readDate(map, 'date'),
    meetingId: readString(map, 'meetingId'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(p: FactorPatch, isNew: boolean): Partial<FactorFields> {
  const out: Partial<FactorFields> = {}
  if (isNew || p.domain !== undefined) out.domain = checkOneOf('domain', p.domain, FACTOR_DOMAINS)
  if (isNew || p.kind !== undefined) out.kind = checkOneOf('kind', p.kind, FACTOR_KINDS)
  if (isNew || p.text !== undefined) out.text = checkText('text', p.text, { required: true, max: LONG_TEXT_MAX })
  if (isNew || p.date !== undefined) out.date = checkDate('date', p.date)
  if (isNew || p.source !== undefined) out.source = checkText('source', p.source ?? '', { max: SHORT_TEXT_MAX })
  if (isNew || p.sourceKey !== undefined) out.sourceKey = checkMemberKey('sourceKey', p.sourceKey ?? '')
  return out
}

export type FactorMatrix = Record<FactorDomain, Record<FactorKind, Factor[]>>

export interface FactorsAccessor {
  list(): Factor[]
  get(id: string): Factor | null
  /** every domain × kind cell, each in list order (empty cells included) */
  matrix(): FactorMatrix
  add(factor: NewFactor, createdBy: string, now?: number): string
  update(id: string, patch: FactorPatch): void
  remove(id: string): void
  observe(listener: (factors: Factor[]) => void): () => void
}

export function createFactors(doc: Y.Doc): FactorsAccessor {
  const store = createRecordStore(doc, FACTORS, 'factor', read)
  return {
    list: store.list,
    get: store.get,
    matrix() {
      const m = {} as FactorMatrix
      for (const d of FACTOR_DOMAINS) m[d] = { helpt: [], belemmert: [] }
      for (const f of store.list()) m[f.domain][f.kind].push(f)
      return m
    },
    add: (factor, createdBy, now = Date.now()) => store.insert({ ...check(factor, true), meetingId: factor.meetingId ?? '' }, createdBy, now),
    update: (id, patch) => store.patch(id, check(patch, false)),
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(listener),
  }
}
