/**
 * What the plan itself says about its closure, beside the signed close record (R19): the
 * reason in words (the record carries only its code) and the closing summary as it was when the
 * plan was closed, so everyone reads the same summary afterwards. Written by the closing admin
 * just before the close record, so it lies in the close's cut.
 */
import type * as Y from 'yjs'
import { CLOSE_REASONS, type CloseReason } from '../sync/blob'
import type { ClosingSummary } from './closingSummary'
import { PlanError } from './errors'

export const CLOSURE = 'closure'
/** the words of reason "anders" */
export const CLOSE_TEXT_MAX = 500

export { CLOSE_REASONS, type CloseReason }

export interface ClosureNote {
  reason: CloseReason
  /** for `other`: the reason in the admin's words; else '' */
  otherText: string
  summary: ClosingSummary
  /** ms */
  closedAt: number
}

export interface ClosureNoteAccessor {
  get(): ClosureNote | null
  set(note: ClosureNote): void
  observe(listener: (note: ClosureNote | null) => void): () => void
}

export function createClosureNote(doc: Y.Doc): ClosureNoteAccessor {
  const map = doc.getMap<unknown>(CLOSURE)
  const get = (): ClosureNote | null => {
    const reason = map.get('reason')
    const summary = map.get('summary')
    if (typeof reason !== 'string' || !(CLOSE_REASONS as readonly string[]).includes(reason) || typeof summary !== 'string') return null
    try {
      const otherText = map.get('otherText')
      const closedAt = map.get('closedAt')
      return {
        reason: reason as CloseReason,
        otherText: typeof otherText === 'string' ? otherText : '',
        summary: JSON.parse(summary) as ClosingSummary,
        closedAt: typeof closedAt === 'number' ? closedAt : 0,
      }
    } catch {
      return null
    }
  }
  return {
    get,
    set(note) {
      const otherText = note.reason === 'other' ? note.otherText.trim() : ''
      if (note.reason === 'other' && !otherText) throw new PlanError('empty', 'otherText', 'say why the plan is closed')
      if (otherText.length > CLOSE_TEXT_MAX) throw new PlanError('too-long', 'otherText', `at most ${CLOSE_TEXT_MAX} characters`, CLOSE_TEXT_MAX)
      doc.transact(() => {
        map.set('reason', note.reason)
        map.set('otherText', otherText)
        map.set('summary', JSON.stringify(note.summary))
        map.set('closedAt', note.closedAt)
      })
    },
    observe(listener) {
      const handler = () => listener(get())
      map.observe(handler)
      return () => map.unobserve(handler)
    },
  }
}
