import { describe, expect, it } from 'vitest'
import { accessUntilOf, localDateTimeValue, MIN_ACCESS_MS } from '../../src/ui/guest/accessChoice'

describe("the invite dialog's access choice (R13)", () => {
  const noon = new Date(2026, 11, 3, 12, 0, 0).getTime()

  it('[R13] no end, the end of today, a week', () => {
    expect(accessUntilOf('none', '', noon)).toBe(0)
    expect(accessUntilOf('today', '', noon)).toBe(new Date(2026, 11, 3, 23, 59, 0).getTime())
    expect(accessUntilOf('week', '', noon)).toBe(noon + 7 * 24 * 3_600_000)
    // just before midnight "today" would end too soon: it takes tomorrow's end
    const late = new Date(2026, 11, 3, 23, 57).getTime()
    expect(accessUntilOf('today', '', late)).toBe(new Date(2026, 11, 4, 23, 59, 0).getTime())
  })

  it('[R13] a chosen date-time must be in the future, with time to join', () => {
    expect(accessUntilOf('custom', '2026-12-03T17:00', noon)).toBe(new Date(2026, 11, 3, 17, 0).getTime())
    expect(accessUntilOf('custom', '', noon)).toBeNull()
    expect(accessUntilOf('custom', '2026-12-03T11:00', noon)).toBeNull()
    expect(accessUntilOf('custom', localDateTimeValue(noon + MIN_ACCESS_MS - 60_000), noon)).toBeNull()
    expect(accessUntilOf('custom', 'geen datum', noon)).toBeNull()
    expect(localDateTimeValue(noon)).toBe('2026-12-03T12:00')
  })
})
