/**
 * How long a client waits before it tries the relay again. y-websocket doubles its wait from
 * 100 ms up to a cap, the same for every client: after a relay restart thousands of clients
 * would come back in the same instants. Each wait here is drawn between half and all of the
 * doubled wait ("equal jitter"), and a relay that says it is overloaded (close 1013) is left
 * alone for at least OVERLOAD_BACKOFF_MS.
 */

/** the longest wait between two tries */
export const MAX_BACKOFF_MS = 10_000
/** the shortest wait after the relay closed with 1013 (try again later) */
export const OVERLOAD_BACKOFF_MS = 5_000
/** WebSocket close code "try again later": the relay is overloaded */
export const CLOSE_TRY_AGAIN_LATER = 1013

/** The wait before try `attempt` (1 = the first retry); `random` in [0, 1). */
export function reconnectDelay(attempt: number, overloaded: boolean, random: () => number = Math.random): number {
  let full = Math.min(100 * 2 ** Math.max(0, attempt), MAX_BACKOFF_MS)
  if (overloaded) full = Math.max(full, OVERLOAD_BACKOFF_MS)
  return Math.round(full / 2 + (random() * full) / 2)
}

/**
 * The attempt count y-websocket must reach so its own doubling (100 ms · 2^attempt) is no shorter
 * than `delayMs`: it waits min(doubling, maxBackoffTime), so the jittered wait goes in as
 * maxBackoffTime and the count is raised when the doubling alone would cut it short.
 */
export function attemptsFor(delayMs: number): number {
  return Math.max(0, Math.ceil(Math.log2(Math.max(1, delayMs) / 100)))
}
