import { afterEach, describe, expect, it, vi } from 'vitest'
import { IDLE_CHECK_MS, startIdleLock } from '../../src/ui/idleLock'

afterEach(() => {
  vi.useRealTimers()
})

describe('auto-lock after inactivity', () => {
  it('fires once after the set minutes without input; input postpones it; a changed setting applies at once', () => {
    vi.useFakeTimers()
    const target = new EventTarget()
    let minutes = 15
    let fired = 0
    const stop = startIdleLock({ minutes: () => minutes, onIdle: () => fired++, target, now: () => Date.now() })
    vi.advanceTimersByTime(14 * 60_000)
    target.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(14 * 60_000)
    expect(fired).toBe(0) // 14 minutes since the last key
    minutes = 5
    vi.advanceTimersByTime(IDLE_CHECK_MS)
    expect(fired).toBe(1)
    vi.advanceTimersByTime(60 * 60_000)
    expect(fired).toBe(1)
    stop()
  })

  it('stops listening when stopped', () => {
    vi.useFakeTimers()
    let fired = 0
    const stop = startIdleLock({ minutes: () => 1, onIdle: () => fired++, target: new EventTarget() })
    stop()
    vi.advanceTimersByTime(10 * 60_000)
    expect(fired).toBe(0)
  })
})
