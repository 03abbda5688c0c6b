/**
 * R22: a plan's retention end as both stores keep it (`PlanWrite.retain`). Checked before it is
 * stored: whole ms since the epoch, exact in a JS number and in a 64-bit column, so SQLite and
 * PostgreSQL keep and order the same value (SQLite would keep 1.5 as a real, PostgreSQL refuse it).
 */
export function checkRetentionEnd(keepUntil: number): number {
  if (!Number.isSafeInteger(keepUntil) || keepUntil < 0) throw new RangeError(`a retention end is whole ms since the epoch, not ${keepUntil}`)
  return keepUntil
}

/** How many plans one sweep asks for: a count, never "all" (SQLite reads LIMIT -1 as no limit, PostgreSQL refuses it). */
export function checkSweepLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`a sweep asks for a count of plans, not ${limit}`)
  return limit
}
