/**
 * Stem van kind, ouders, school en zorg: each perspective's worries, strengths and question, in
 * their own words, as collaborative text.
 *
 * Each field is a root-level Y.Text named `voices.<perspective>.<field>`. Root types are found by
 * name and exist on every device without being created, so two devices that open a plan at the
 * same time can never make competing texts for one field (a nested Y.Text created concurrently
 * on two devices would keep only one of them, and lose what was typed into the other).
 */
import type * as Y from 'yjs'

export const PERSPECTIVES = ['kind', 'ouders', 'school', 'zorg'] as const
export type Perspective = (typeof PERSPECTIVES)[number]

export const VOICE_FIELDS = ['zorgen', 'krachten', 'vraag'] as const
export type VoiceField = (typeof VOICE_FIELDS)[number]

export function voiceTextName(perspective: Perspective, field: VoiceField): string {
  return `voices.${perspective}.${field}`
}

export interface VoicesAccessor {
  text(perspective: Perspective, field: VoiceField): Y.Text
  /** plain text of every field, for summaries and tests */
  snapshot(): Record<Perspective, Record<VoiceField, string>>
}

export function createVoices(doc: Y.Doc): VoicesAccessor {
  const text = (perspective: Perspective, field: VoiceField): Y.Text => {
    if (!PERSPECTIVES.includes(perspective) || !VOICE_FIELDS.includes(field)) throw new Error(`unknown voice ${perspective}.${field}`)
    return doc.getText(voiceTextName(perspective, field))
  }
  return {
    text,
    snapshot() {
      const out = {} as Record<Perspective, Record<VoiceField, string>>
      for (const p of PERSPECTIVES) {
        const fields = {} as Record<VoiceField, string>
        for (const f of VOICE_FIELDS) fields[f] = text(p, f).toString()
        out[p] = fields
      }
      return out
    },
  }
}
