/**
 * What the home screen shows of a plan without opening it: the child, the school, the next
 * meeting and how many afspraken are still open. Computed from the plan doc while a session is
 * open and kept sealed in the keyring (src/access), so it is never plaintext on disk.
 */
import type * as Y from 'yjs'
import { createActions } from './actions'
import { createChild } from './child'
import { createMeetings } from './meetings'

export interface HomeSummary {
  childName: string
  school: string
  /** yyyy-mm-dd of the next meeting on or after `today`, or '' */
  nextMeeting: string
  /** afspraken not yet ticked off */
  openActions: number
}

/**
 * The next meeting is the soonest date on or after today among the meetings planned and the
 * "volgende datum" each meeting set; a date in the past is no next meeting, and neither is a
 * meeting of today that already set its volgende datum.
 */
export function homeSummary(doc: Y.Doc, options: { today: string }): HomeSummary {
  const child = createChild(doc).get()
  const dates = createMeetings(doc)
    .list()
    // a meeting that set its "volgende datum" has been held (today's too): the next one is that date
    .flatMap((m) => (m.nextDate ? [m.date > options.today ? m.date : '', m.nextDate] : [m.date]))
    .filter((d) => d !== '' && d >= options.today)
    .sort()
  return {
    childName: child.name.trim(),
    school: child.school.trim(),
    nextMeeting: dates[0] ?? '',
    openActions: createActions(doc)
      .list()
      .filter((a) => !a.done).length,
  }
}

export function sameHomeSummary(a: HomeSummary, b: HomeSummary): boolean {
  return a.childName === b.childName && a.school === b.school && a.nextMeeting === b.nextMeeting && a.openActions === b.openActions
}

/** The summary as bytes to seal (JSON of the fields in a fixed order), and back; bad bytes read as null. */
export function encodeHomeSummary(s: HomeSummary): Uint8Array {
  return new TextEncoder().encode(JSON.stringify([1, s.childName, s.school, s.nextMeeting, s.openActions]))
}

export function decodeHomeSummary(bytes: Uint8Array): HomeSummary | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes))
    if (!Array.isArray(v) || v[0] !== 1) return null
    const [, childName, school, nextMeeting, openActions] = v
    if (typeof childName !== 'string' || typeof school !== 'string' || typeof nextMeeting !== 'string' || typeof openActions !== 'number') return null
    return { childName, school, nextMeeting, openActions }
  } catch {
    return null
  }
}
