/**
 * Onderwijs- en ondersteuningsbehoeften: what the child, the teacher and the parents need, each a
 * root-level Y.Text named `needs.<holder>` (root, like voices: two devices typing into a fresh
 * plan can never create competing texts for one field).
 */
import type * as Y from 'yjs'
import { PlanError } from './errors'

export const NEED_HOLDERS = ['kind', 'leerkracht', 'ouders'] as const
export type NeedHolder = (typeof NEED_HOLDERS)[number]

export function needTextName(holder: NeedHolder): string {
  return `needs.${holder}`
}

export interface NeedsAccessor {
  text(holder: NeedHolder): Y.Text
  snapshot(): Record<NeedHolder, string>
}

export function createNeeds(doc: Y.Doc): NeedsAccessor {
  const text = (holder: NeedHolder): Y.Text => {
    if (!NEED_HOLDERS.includes(holder)) throw new PlanError('invalid-value', 'holder', `unknown need holder ${String(holder)}`)
    return doc.getText(needTextName(holder))
  }
  return {
    text,
    snapshot() {
      const out = {} as Record<NeedHolder, string>
      for (const h of NEED_HOLDERS) out[h] = text(h).toString()
      return out
    },
  }
}
