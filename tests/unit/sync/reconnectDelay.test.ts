/** The client's wait before it tries the relay again (src/sync/reconnectDelay.ts): doubling, capped, jittered, and a floor when the relay is overloaded. */
import { describe, expect, it } from 'vitest'
import { attemptsFor, MAX_BACKOFF_MS, OVERLOAD_BACKOFF_MS, reconnectDelay } from '../../../src/sync/reconnectDelay'

describe('reconnectDelay', () => {
  it('doubles from 100 ms, capped, each wait between half and all of it', () => {
    for (const [attempt, full] of [
      [1, 200],
      [3, 800],
      [6, 6400],
      [7, MAX_BACKOFF_MS],
      [30, MAX_BACKOFF_MS],
    ] as const) {
      expect(reconnectDelay(attempt, false, () => 0)).toBe(full / 2)
      expect(reconnectDelay(attempt, false, () => 0.999_999)).toBe(full)
    }
  })

  it('spreads a storm: a thousand clients on the same attempt do not come back in the same instant', () => {
    const waits = new Set(Array.from({ length: 1000 }, () => reconnectDelay(8, false)))
    expect(waits.size).toBeGreaterThan(500)
  })

  it('an overloaded relay is left alone for at least half the overload wait, even on the first retry', () => {
    expect(reconnectDelay(1, true, () => 0)).toBe(OVERLOAD_BACKOFF_MS / 2)
    expect(reconnectDelay(1, true, () => 0.999_999)).toBe(OVERLOAD_BACKOFF_MS)
    expect(reconnectDelay(9, true, () => 0)).toBe(MAX_BACKOFF_MS / 2)
  })

  it("attemptsFor gives y-websocket's doubling at least the wait", () => {
    for (const delay of [1, 99, 100, 150, 2500, 5000, MAX_BACKOFF_MS]) expect(100 * 2 ** attemptsFor(delay)).toBeGreaterThanOrEqual(delay)
    expect(attemptsFor(100)).toBe(0)
    expect(attemptsFor(5000)).toBe(6)
  })
})
