/**
 * R19, a closed plan: what a close record closed (its cut, the envelope's state vector when it
 * was written) and the closure as others need it (retention counts from `closedAt`). Pure reads
 * of the room state; the fold sets `closure`, recordChecks.ts refuses what lies outside it.
 */
import * as Y from 'yjs'
import type { CloseReason, CutEntry, DecodedBlob } from './blob'
import { parseItemId, tripleOf, type RoomState } from './roomStateShape'

export interface ClosureInfo {
  /** ms, when an admin closed the plan (its device's clock, within minutes of the relay's) */
  closedAt: number
  reason: CloseReason
  /** ms: until then an admin may reopen it; after it the plan stays closed */
  reopenUntil: number
  /** R22: ms, the retention end its close names: then the relay erases the plan (null: a close from before R22) */
  keepUntil: number | null
}

/** The plan's closure, or null while it is open. */
export function closureOf(state: Pick<RoomState, 'closure'>): ClosureInfo | null {
  const c = state.closure
  return c ? { closedAt: c.closedAt, reason: c.reason, reopenUntil: c.reopenUntil, keepUntil: c.keepUntil } : null
}

/** R22: whether the plan's standing close names a retention end that `now` has reached. */
export function retentionPassedAt(state: Pick<RoomState, 'closure'>, now: number): boolean {
  const keepUntil = state.closure?.keepUntil
  return keepUntil != null && keepUntil <= now
}

/** Whether an admin may still reopen the plan at `now` (false when it is open). */
export function mayReopenAt(state: Pick<RoomState, 'closure'>, now: number): boolean {
  return !!state.closure && now <= state.closure.reopenUntil
}

/**
 * Whether a record the state has taken (`markSeen`) lies in the cut of the plan's close: its Yjs
 * item is below the clock the cut names for its client. One that is not was written after the
 * close or concurrently with it.
 */
export function inClosedPlan(state: RoomState, blob: DecodedBlob): boolean {
  const cut = state.closure?.cut
  const itemId = state.seen.get(tripleOf(blob))
  if (!cut || itemId === undefined) return false
  const { client, clock } = parseItemId(itemId)
  return clock < (cut.get(client) ?? 0)
}

/** The cut a close written now names: the envelope's state vector, clients ascending. */
export function cutOf(envelope: Y.Doc): CutEntry[] {
  const sv = Y.decodeStateVector(Y.encodeStateVector(envelope))
  return [...sv.entries()].map(([client, clock]) => ({ client, clock })).sort((a, b) => a.client - b.client)
}
