/**
 * Planstatus: where the plan stands, the level of support in school and in care, who directs the
 * case (casusregisseur) and when the plan is next evaluated. Kept in the `meta` map beside the
 * schema version; short fields, last writer wins per field. Nothing here is written by default:
 * a missing value reads as its default, so no device ever overwrites a choice with a default.
 */
import type * as Y from 'yjs'
import { checkDate, checkMemberKey, checkOneOf, readDate, readNumber, readOneOf, readString } from './fields'
import { metaMap } from './meta'

export const PLAN_STATUSES = ['concept', 'vastgesteld', 'in uitvoering', 'geëvalueerd', 'gesloten'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

/** Ondersteuning op school, from the school's own basis up to a toelaatbaarheidsverklaring. */
export const SCHOOL_SUPPORT_LEVELS = ['basisondersteuning', 'extra ondersteuning', 'arrangement', 'TLV'] as const
export type SchoolSupportLevel = (typeof SCHOOL_SUPPORT_LEVELS)[number]

/** Jeugdhulp under the Jeugdwet. */
export const CARE_LEVELS = ['geen', 'vrij toegankelijk', 'niet-vrij toegankelijk', 'specialistisch'] as const
export type CareLevel = (typeof CARE_LEVELS)[number]

export interface PlanMeta {
  status: PlanStatus
  supportLevel: SchoolSupportLevel
  careLevel: CareLevel
  /** member key of the casusregisseur, or '' */
  casusregisseur: string
  /** yyyy-mm-dd or '' */
  nextEvaluation: string
  createdBy: string
  createdAt: number
}

export type PlanMetaPatch = Partial<Pick<PlanMeta, 'status' | 'supportLevel' | 'careLevel' | 'casusregisseur' | 'nextEvaluation'>>

export interface MetaAccessor {
  get(): PlanMeta
  set(patch: PlanMetaPatch): void
  observe(listener: (meta: PlanMeta) => void): () => void
}

export function createMeta(doc: Y.Doc): MetaAccessor {
  const map = metaMap(doc)
  const get = (): PlanMeta => ({
    status: readOneOf(map, 'status', PLAN_STATUSES, 'concept'),
    supportLevel: readOneOf(map, 'supportLevel', SCHOOL_SUPPORT_LEVELS, 'basisondersteuning'),
    careLevel: readOneOf(map, 'careLevel', CARE_LEVELS, 'geen'),
    casusregisseur: readString(map, 'casusregisseur'),
    nextEvaluation: readDate(map, 'nextEvaluation'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  })
  return {
    get,
    set(patch) {
      // validate everything before writing anything
      const next: Record<string, string> = {}
      if (patch.status !== undefined) next.status = checkOneOf('status', patch.status, PLAN_STATUSES)
      if (patch.supportLevel !== undefined) next.supportLevel = checkOneOf('supportLevel', patch.supportLevel, SCHOOL_SUPPORT_LEVELS)
      if (patch.careLevel !== undefined) next.careLevel = checkOneOf('careLevel', patch.careLevel, CARE_LEVELS)
      if (patch.casusregisseur !== undefined) next.casusregisseur = checkMemberKey('casusregisseur', patch.casusregisseur)
      if (patch.nextEvaluation !== undefined) next.nextEvaluation = checkDate('nextEvaluation', patch.nextEvaluation, { optional: true })
      doc.transact(() => {
        for (const [k, v] of Object.entries(next)) if (map.get(k) !== v) map.set(k, v)
      })
    },
    observe(listener) {
      const handler = () => listener(get())
      map.observe(handler)
      return () => map.unobserve(handler)
    },
  }
}
