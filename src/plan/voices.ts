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

/**
 * A comment beside a voice (P4): each member writes their own, a root-level Y.Text named
 * `voiceComments.<perspective>.<member key>`, so whose it is can be read from the name and every
 * client checks that the author is that member (or another device of the same person).
 */
export const VOICE_COMMENTS = 'voiceComments'

export function voiceCommentName(perspective: Perspective, memberKey: string): string {
  return `${VOICE_COMMENTS}.${perspective}.${memberKey}`
}

/** The perspective and member a comment root belongs to, or null when `root` is not one. */
export function commentOfRoot(root: string): { perspective: Perspective; memberKey: string } | null {
  const m = /^voiceComments\.([a-z]+)\.([0-9a-f]{64})$/.exec(root)
  if (!m || !(PERSPECTIVES as readonly string[]).includes(m[1]!)) return null
  return { perspective: m[1] as Perspective, memberKey: m[2]! }
}

export const PERSPECTIVES = ['kind', 'ouders', 'school', 'zorg'] as const
export type Perspective = (typeof PERSPECTIVES)[number]

export const VOICE_FIELDS = ['zorgen', 'krachten', 'vraag'] as const
export type VoiceField = (typeof VOICE_FIELDS)[number]

export function voiceTextName(perspective: Perspective, field: VoiceField): string {
  return `voices.${perspective}.${field}`
}

export interface VoiceComment {
  memberKey: string
  text: string
}

export interface VoicesAccessor {
  text(perspective: Perspective, field: VoiceField): Y.Text
  /** the comment text a member writes beside a voice */
  comment(perspective: Perspective, memberKey: string): Y.Text
  /** every non-empty comment beside a voice, by member key */
  comments(perspective: Perspective): VoiceComment[]
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
    comment(perspective, memberKey) {
      const name = voiceCommentName(perspective, memberKey)
      if (!commentOfRoot(name)) throw new Error(`not a comment: ${name}`)
      return doc.getText(name)
    },
    comments(perspective) {
      const out: VoiceComment[] = []
      // roots an update names exist in doc.share as soon as it is applied, also when never asked for
      for (const name of [...doc.share.keys()].sort()) {
        const c = commentOfRoot(name)
        if (c?.perspective !== perspective) continue
        const text = doc.getText(name).toString()
        if (text.trim()) out.push({ memberKey: c.memberKey, text })
      }
      return out
    },
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

/**
 * Who wrote a voice last and when, from the activity (newest last: the records this device opened
 * or wrote, each with the roots it changed). Snapshots restate the plan and name nobody.
 */
export function lastVoiceWrite(
  activity: readonly { author: string; kind: string; writtenAt: number; roots: readonly string[] }[],
  perspective: Perspective,
): { author: string; writtenAt: number } | null {
  const prefix = `voices.${perspective}.`
  for (let i = activity.length - 1; i >= 0; i--) {
    const e = activity[i]!
    if (e.kind === 'update' && e.roots.some((r) => r.startsWith(prefix))) return { author: e.author, writtenAt: e.writtenAt }
  }
  return null
}
