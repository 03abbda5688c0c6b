/**
 * What the home screen shows of a plan without opening it: the child, the school, the next
 * meeting and how many afspraken are still open. Computed from the plan doc while a session is
 * open and kept sealed in the keyring (src/access), so it is never plaintext on disk.
 */
import type * as Y from 'yjs'
import { createActions } from './actions'
import { createChild } from './child'
import { readForYouItem, type ForYouItem } from './forYou'
import { createMeetings } from './meetings'
import { readNewSinceGroup, type NewSinceGroup } from './newSince'
import { nextMeetingDate, readReminder, type Reminder } from './reminders'

export interface HomeSummary {
  childName: string
  school: string
  /** yyyy-mm-dd of the next meeting on or after `today`, or '' */
  nextMeeting: string
  /** afspraken not yet ticked off */
  openActions: number
  /** what is asked of this person in the plan ("Voor jou", src/plan/forYou.ts); absent: nothing */
  forYou?: ForYouItem[]
  /** "Nieuw sinds je laatste bezoek" (src/plan/newSince.ts); absent: nothing new */
  newSince?: NewSinceGroup[]
  /** the dates coming up (src/plan/reminders.ts) as of the save; absent: none */
  reminders?: Reminder[]
}

/**
 * The next meeting is the soonest date on or after today among the meetings planned and the
 * "volgende datum" each meeting set; a date in the past is no next meeting, and neither is a
 * meeting of today that already set its volgende datum.
 */
export function homeSummary(
  doc: Y.Doc,
  options: { today: string; forYou?: readonly ForYouItem[]; newSince?: readonly NewSinceGroup[]; reminders?: readonly Reminder[] },
): HomeSummary {
  const child = createChild(doc).get()
  const summary: HomeSummary = {
    childName: child.name.trim(),
    school: child.school.trim(),
    nextMeeting: nextMeetingDate(createMeetings(doc).list(), options.today),
    openActions: createActions(doc)
      .list()
      .filter((a) => !a.done).length,
  }
  if (options.forYou?.length) summary.forYou = [...options.forYou]
  if (options.newSince?.length) summary.newSince = [...options.newSince]
  if (options.reminders?.length) summary.reminders = [...options.reminders]
  return summary
}

export function sameHomeSummary(a: HomeSummary, b: HomeSummary): boolean {
  return (
    a.childName === b.childName &&
    a.school === b.school &&
    a.nextMeeting === b.nextMeeting &&
    a.openActions === b.openActions &&
    JSON.stringify(a.forYou ?? []) === JSON.stringify(b.forYou ?? []) &&
    JSON.stringify(a.newSince ?? []) === JSON.stringify(b.newSince ?? []) &&
    JSON.stringify(a.reminders ?? []) === JSON.stringify(b.reminders ?? [])
  )
}

/**
 * The summary as bytes to seal (JSON of the fields in a fixed order), and back; bad bytes read as
 * null. Version 2 adds "Voor jou", version 3 "Nieuw sinds je laatste bezoek" and the reminders; an older summary
 * (saved before) still reads, with nothing asked and nothing new.
 */
export function encodeHomeSummary(s: HomeSummary): Uint8Array {
  return new TextEncoder().encode(JSON.stringify([3, s.childName, s.school, s.nextMeeting, s.openActions, s.forYou ?? [], s.newSince ?? [], s.reminders ?? []]))
}

export function decodeHomeSummary(bytes: Uint8Array): HomeSummary | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes))
    if (!Array.isArray(v) || !((v[0] === 1 && v.length === 5) || (v[0] === 2 && v.length === 6) || (v[0] === 3 && v.length === 8))) return null
    const [, childName, school, nextMeeting, openActions, stored = [], storedNew = [], storedReminders = []] = v
    if (typeof childName !== 'string' || typeof school !== 'string' || typeof nextMeeting !== 'string' || typeof openActions !== 'number') return null
    if (!Array.isArray(stored) || !Array.isArray(storedNew) || !Array.isArray(storedReminders)) return null
    const forYou = stored.map(readForYouItem)
    if (forYou.some((item) => item === null)) return null
    const newSince = storedNew.map(readNewSinceGroup)
    if (newSince.some((group) => group === null)) return null
    const reminders = storedReminders.map(readReminder)
    if (reminders.some((r) => r === null)) return null
    const summary: HomeSummary = { childName, school, nextMeeting, openActions }
    if (forYou.length > 0) summary.forYou = forYou as ForYouItem[]
    if (newSince.length > 0) summary.newSince = newSince as NewSinceGroup[]
    if (reminders.length > 0) summary.reminders = reminders as Reminder[]
    return summary
  } catch {
    return null
  }
}
