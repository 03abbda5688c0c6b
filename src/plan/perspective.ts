/**
 * Ontwikkelingsperspectief (OPP): the expected uitstroombestemming as one of a fixed list (the
 * destinations the law and the SWV's forms know), a short free description beside it ("vmbo-kader
 * met lwoo"), the factors from the factor matrix the onderbouwing rests on (referenced by id, never
 * typed twice), and the onderbouwing itself and an explanation of the afwijkingen as root-level
 * Y.Texts named `perspective.<field>` (root for the same reason as voices).
 *
 * A referenced factor is a key `factor:<id>` set to true in the perspective map: one key per
 * factor, so two people ticking factors at once never conflict (as a meeting's attendees).
 */
import * as Y from 'yjs'
import { PlanError } from './errors'
import { FACTORS, type Factor } from './factors'
import { checkOneOf, checkText, readOneOf, readString } from './fields'
import { SHORT_TEXT_MAX } from './limits'

export const PERSPECTIVE = 'perspective'

export const PERSPECTIVE_TEXTS = ['onderbouwing', 'afwijkingen'] as const
export type PerspectiveText = (typeof PERSPECTIVE_TEXTS)[number]

/** Where a pupil is expected to go after this school (uitstroombestemming), '' until chosen. */
export const UITSTROOM_BESTEMMINGEN = [
  'praktijkonderwijs',
  'vmbo-b',
  'vmbo-k',
  'vmbo-gt',
  'havo',
  'vwo',
  'vso-arbeidsmarkt',
  'vso-dagbesteding',
  'vervolgonderwijs-anders',
] as const
export type UitstroomBestemming = (typeof UITSTROOM_BESTEMMINGEN)[number]

const FACTOR_KEY = 'factor:'

export function perspectiveTextName(field: PerspectiveText): string {
  return `perspective.${field}`
}

export interface PerspectiveSnapshot {
  bestemming: UitstroomBestemming | ''
  uitstroom: string
  /** ids of the factors the onderbouwing rests on, sorted */
  factorIds: string[]
  onderbouwing: string
  afwijkingen: string
}

export interface PerspectiveAccessor {
  /** the expected uitstroombestemming, '' when not yet chosen (or chosen by a newer app: unknown) */
  bestemming(): UitstroomBestemming | ''
  setBestemming(value: UitstroomBestemming | ''): void
  /** a short description beside the bestemming, '' when not set */
  uitstroom(): string
  setUitstroom(value: string): void
  /** ids of the referenced factors, sorted (a factor removed since keeps its id: see referencedFactors) */
  factorIds(): string[]
  /** references a factor of the matrix (it must exist) or takes the reference away */
  setFactorReferenced(factorId: string, referenced: boolean): void
  text(field: PerspectiveText): Y.Text
  snapshot(): PerspectiveSnapshot
  /** fires on a change of the bestemming, description or referenced factors; bind the texts by observing them */
  observe(listener: (snapshot: PerspectiveSnapshot) => void): () => void
}

function factorExists(doc: Y.Doc, id: string): boolean {
  return doc
    .getArray<unknown>(FACTORS)
    .toArray()
    .some((f) => f instanceof Y.Map && f.get('id') === id)
}

export function createPerspective(doc: Y.Doc): PerspectiveAccessor {
  const map = doc.getMap<unknown>(PERSPECTIVE)
  const text = (field: PerspectiveText): Y.Text => {
    if (!PERSPECTIVE_TEXTS.includes(field)) throw new PlanError('invalid-value', 'field', `unknown OPP text ${String(field)}`)
    return doc.getText(perspectiveTextName(field))
  }
  const uitstroom = () => readString(map, 'uitstroom')
  const bestemming = () => readOneOf<UitstroomBestemming | ''>(map, 'bestemming', UITSTROOM_BESTEMMINGEN, '')
  const factorIds = () =>
    [...map.entries()]
      .filter(([k, v]) => k.startsWith(FACTOR_KEY) && v === true)
      .map(([k]) => k.slice(FACTOR_KEY.length))
      .sort()
  const snapshot = (): PerspectiveSnapshot => ({
    bestemming: bestemming(),
    uitstroom: uitstroom(),
    factorIds: factorIds(),
    onderbouwing: text('onderbouwing').toString(),
    afwijkingen: text('afwijkingen').toString(),
  })
  return {
    bestemming,
    setBestemming(value) {
      const v = value === '' ? '' : checkOneOf('bestemming', value, UITSTROOM_BESTEMMINGEN)
      if (bestemming() !== v) map.set('bestemming', v)
    },
    uitstroom,
    setUitstroom(value) {
      const v = checkText('uitstroom', value, { max: SHORT_TEXT_MAX })
      if (uitstroom() !== v) map.set('uitstroom', v)
    },
    factorIds,
    setFactorReferenced(factorId, referenced) {
      const key = `${FACTOR_KEY}${factorId}`
      if (!referenced) {
        if (map.has(key)) map.delete(key)
        return
      }
      if (typeof factorId !== 'string' || !factorExists(doc, factorId)) throw new PlanError('not-found', 'factorId', `no factor ${String(factorId)}`)
      if (map.get(key) !== true) map.set(key, true)
    },
    text,
    snapshot,
    observe(listener) {
      const handler = () => listener(snapshot())
      map.observe(handler)
      return () => map.unobserve(handler)
    },
  }
}

/**
 * The factors the onderbouwing rests on, as the matrix holds them now: the helping ones and the
 * hindering ones apart, and how many referenced ids name a factor removed since.
 */
export function referencedFactors(factorIds: readonly string[], factors: readonly Factor[]): { bevorderend: Factor[]; belemmerend: Factor[]; removed: number } {
  const byId = new Map(factors.map((f) => [f.id, f]))
  const out = { bevorderend: [] as Factor[], belemmerend: [] as Factor[], removed: 0 }
  // in the matrix's order, so the onderbouwing reads like the matrix
  const wanted = new Set(factorIds)
  for (const f of factors) if (wanted.has(f.id)) (f.kind === 'helpt' ? out.bevorderend : out.belemmerend).push(f)
  for (const id of factorIds) if (!byId.has(id)) out.removed++
  return out
}
