/**
 * The shared point a plan-state code is taken at (P7): the newest complete snapshot this device
 * holds, the one that covers the most. Its chain hash fixes its covers, and so the head (seq and
 * hash) of every session it covers: two devices holding the same snapshot record agree on the
 * plan up to it; two records at that snapshot's (author, session, seq) are a fork.
 */
import type { RoomState } from './roomStateShape'

export interface PlanStatePoint {
  /** the snapshot's triple `${author}:${session}:${seq}` (its part 0) */
  at: string
  /** hex chain hash of that record */
  hash: string
}

/** O(snapshot groups). Null before the plan's first snapshot. */
export function planStatePoint(state: RoomState): PlanStatePoint | null {
  let best: { key: string; reach: number } | null = null
  for (const [key, group] of state.snapshots) {
    if (!group.covers || group.present.size !== group.parts) continue
    let reach = 0
    for (const seq of group.covers.values()) reach += seq
    if (!best || reach > best.reach || (reach === best.reach && key > best.key)) best = { key, reach }
  }
  if (!best) return null
  const link = state.chain.get(best.key)
  return link ? { at: best.key, hash: link.hash } : null
}
