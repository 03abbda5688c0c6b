/**
 * Wrong passphrases are rate-limited with a growing wait. The count and time live in IndexedDB,
 * so a reload does not reset them.
 */

/** wrong passphrases allowed in a row before the first wait (typos happen) */
export const FREE_ATTEMPTS = 5
/** the longest wait: long enough to stop guessing, short enough that a person is not locked out for a day */
export const MAX_WAIT_MS = 15 * 60 * 1000

export interface AttemptRecord {
  /** wrong passphrases in a row (reset by a right one) */
  failures: number
  /** when the last one was tried (ms since epoch) */
  lastAt: number
}

/** The wait after `failures` wrong passphrases: none for the first 4, then 2 s, 4 s, 8 s … up to 15 min. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0
  return Math.min(MAX_WAIT_MS, 2 ** (failures - FREE_ATTEMPTS + 1) * 1000)
}

/** How long from `now` before another attempt is allowed (0: now). */
export function retryAfterMs(attempts: AttemptRecord | null | undefined, now: number): number {
  if (!attempts) return 0
  // a clock set back counts as no time passed
  const elapsed = Math.max(0, now - attempts.lastAt)
  return Math.max(0, waitAfter(attempts.failures) - elapsed)
}
