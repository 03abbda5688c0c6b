/**
 * The access choices of an invite for a guest (R13), as pure functions: the dialog shows them,
 * this turns one into the `accessUntil` of InviteOptions.
 */
export const ACCESS_CHOICES = ['none', 'today', 'week', 'custom'] as const
export type AccessChoice = (typeof ACCESS_CHOICES)[number]

const WEEK_MS = 7 * 24 * 3_600_000
/** an end sooner than this leaves the guest no time to open the link */
export const MIN_ACCESS_MS = 5 * 60_000

/**
 * ms of the access end, 0 for no end, or null when the chosen date-time is missing or not in the
 * future. `custom` is the value of an `<input type="datetime-local">` (local time).
 */
export function accessUntilOf(choice: AccessChoice, custom: string, now: number): number | null {
  switch (choice) {
    case 'none':
      return 0
    case 'today': {
      const end = new Date(now)
      end.setHours(23, 59, 0, 0)
      // just before midnight already: the end of today is too close, take tomorrow's
      if (end.getTime() - now < MIN_ACCESS_MS) end.setDate(end.getDate() + 1)
      return end.getTime()
    }
    case 'week':
      return now + WEEK_MS
    case 'custom': {
      const at = custom ? new Date(custom).getTime() : Number.NaN
      return Number.isFinite(at) && at - now >= MIN_ACCESS_MS ? at : null
    }
  }
}

/** The value for a datetime-local input's `min`: local time, minutes. */
export function localDateTimeValue(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
