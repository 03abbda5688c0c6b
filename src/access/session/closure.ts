/**
 * Closing and reopening a plan (R19), as an admin's device does it: the closure note and summary
 * into the plan first (so they are part of what is closed), sealed at once, then the signed close
 * record naming everything this device holds as its cut.
 */
import type * as Y from 'yjs'
import { closingSummary } from '../../plan/closingSummary'
import { createClosureNote, type CloseReason } from '../../plan/closureNote'
import { createRetention, retentionEnd } from '../../plan/retention'
import { createMeta } from '../../plan/status'
import { createCloseRecord } from '../../sync/records'
import { closureOf, cutOf, mayReopenAt, type ClosureInfo } from '../../sync/roomState'
import { AccessError } from '../errors'
import { requireAdmin, type SessionParts } from './parts'

/** How long an admin may reopen a closed plan, when the admin does not choose (R19: at most 400 days). */
export const DEFAULT_REOPEN_DAYS = 90
const DAY_MS = 24 * 60 * 60 * 1000

export interface ClosingParts extends Pick<SessionParts, 'doc' | 'room' | 'writer' | 'planId' | 'role' | 'pushOwnRecords'> {
  envelope: Y.Doc
  /** seals what is queued in the plan now (the bridge's flush) */
  flush(): void
}

export interface CloseOptions {
  reason: CloseReason
  /** the reason in words, for `other` */
  otherText?: string
  reopenDays?: number
}

/**
 * R22: the retention end a close written at `now` names: the plan's policy counted from then,
 * never before the reopen period ends. The relay erases the plan at that moment.
 */
export function closingRetentionEnd(doc: Y.Doc, reopenDays: number | undefined, now: number): number {
  const reopenUntil = now + (reopenDays ?? DEFAULT_REOPEN_DAYS) * DAY_MS
  return Math.max(retentionEnd(createRetention(doc).policy(), { endedAt: now }) ?? reopenUntil, reopenUntil)
}

export function closePlan(s: ClosingParts, options: CloseOptions, now: number): ClosureInfo {
  requireAdmin(s, 'close a plan')
  if (s.room.closure) throw new AccessError('forbidden', 'the plan is closed already')
  s.doc.transact(() => {
    createClosureNote(s.doc).set({ reason: options.reason, otherText: options.otherText ?? '', summary: closingSummary(s.doc, now), closedAt: now })
    createMeta(s.doc).set({ status: 'gesloten' })
  })
  s.flush()
  const reopenUntil = now + (options.reopenDays ?? DEFAULT_REOPEN_DAYS) * DAY_MS
  const keepUntil = closingRetentionEnd(s.doc, options.reopenDays, now)
  s.pushOwnRecords([createCloseRecord(s.writer, s.planId, { op: 'close', at: now, reason: options.reason, reopenUntil, cut: cutOf(s.envelope), keepUntil })])
  return closureOf(s.room)!
}

export function reopenPlan(s: ClosingParts, now: number): void {
  requireAdmin(s, 'reopen a plan')
  if (!s.room.closure) throw new AccessError('forbidden', 'the plan is not closed')
  if (!mayReopenAt(s.room, now)) throw new AccessError('forbidden', 'the period to reopen this plan has ended')
  s.pushOwnRecords([createCloseRecord(s.writer, s.planId, { op: 'reopen', at: now })])
  // open again: the status the plan had before closing is not known, so it says it runs
  createMeta(s.doc).set({ status: 'in uitvoering' })
}
