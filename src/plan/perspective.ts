/**
 * Ontwikkelingsperspectief (OPP): the expected uitstroom (a short field: "vmbo-kader",
 * "praktijkonderwijs"), and its onderbouwing and the afwijkingen van het programma as root-level
 * Y.Texts named `perspective.<field>` (root for the same reason as voices).
 */
import type * as Y from 'yjs'
import { PlanError } from './errors'
import { checkText, readString } from './fields'
import { SHORT_TEXT_MAX } from './limits'

export const PERSPECTIVE = 'perspective'

export const PERSPECTIVE_TEXTS = ['onderbouwing', 'afwijkingen'] as const
export type PerspectiveText = (typeof PERSPECTIVE_TEXTS)[number]

export function perspectiveTextName(field: PerspectiveText): string {
  return `perspective.${field}`
}

export interface PerspectiveSnapshot {
  uitstroom: string
  onderbouwing: string
  afwijkingen: string
}

export interface PerspectiveAccessor {
  /** the expected uitstroom, '' when not yet set */
  uitstroom(): string
  setUitstroom(value: string): void
  text(field: PerspectiveText): Y.Text
  snapshot(): PerspectiveSnapshot
  /** fires on a change of uitstroom; bind the texts by observing them */
  observe(listener: (uitstroom: string) => void): () => void
}

export function createPerspective(doc: Y.Doc): PerspectiveAccessor {
  const map = doc.getMap<unknown>(PERSPECTIVE)
  const text = (field: PerspectiveText): Y.Text => {
    if (!PERSPECTIVE_TEXTS.includes(field)) throw new PlanError('invalid-value', 'field', `unknown OPP text ${String(field)}`)
    return doc.getText(perspectiveTextName(field))
  }
  const uitstroom = () => readString(map, 'uitstroom')
  return {
    uitstroom,
    setUitstroom(value) {
      const v = checkText('uitstroom', value, { max: SHORT_TEXT_MAX })
      if (uitstroom() !== v) map.set('uitstroom', v)
    },
    text,
    snapshot: () => ({ uitstroom: uitstroom(), onderbouwing: text('onderbouwing').toString(), afwijkingen: text('afwijkingen').toString() }),
    observe(listener) {
      const handler = () => listener(uitstroom())
      map.observe(handler)
      return () => map.unobserve(handler)
    },
  }
}
