/**
 * Which members a change names, for a push to those who chose "only my afspraken and meetings"
 * (src/access/session/pushNudges.ts): from the Yjs events of one transaction on `actions` and
 * `meetings` (observeDeep), never from the rest of the plan.
 * - an afspraak added, or one of its signed fields changed (what, who, whoKey, when, dueDate,
 *   goalId, fundedBy; not `done`): the member it is for (`whoKey`)
 * - a meeting added, or its date changed: every member marked present
 * - a member marked present in a meeting: that member
 * A goal, an observation, notes or ticking an afspraak off name nobody.
 */
import * as Y from 'yjs'
import { ACTIONS, SIGNED_ACTION_FIELDS } from './actions'
import { MEETINGS, PRESENT, SELF_MARKED } from './meetings'

const ACTION_FIELDS: ReadonlySet<string> = new Set(SIGNED_ACTION_FIELDS)
const MEMBER_ATTENDEE = /^m:([0-9a-f]{64})$/
const isPresence = (v: unknown) => v === PRESENT || v === SELF_MARKED

function whoKeyOf(entry: unknown): string | null {
  const key = entry instanceof Y.Map ? entry.get('whoKey') : null
  return typeof key === 'string' && key !== '' ? key : null
}

function attendeesOf(meeting: unknown): string[] {
  const set = meeting instanceof Y.Map ? meeting.get('attendees') : null
  if (!(set instanceof Y.Map)) return []
  const out: string[] = []
  for (const [key, value] of set.entries()) {
    const m = MEMBER_ATTENDEE.exec(key)
    if (m && isPresence(value)) out.push(m[1]!)
  }
  return out
}

/** The entries an array event added (Yjs items of this transaction), as values. */
function added(event: Y.YEvent<Y.AbstractType<unknown>>): unknown[] {
  return [...event.changes.added].flatMap((item) => item.content.getContent())
}

export function membersNamedBy(doc: Y.Doc, events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const actions = doc.getArray(ACTIONS)
  const meetings = doc.getArray(MEETINGS)
  const out = new Set<string>()
  const note = (keys: Iterable<string | null>) => {
    for (const k of keys) if (k) out.add(k)
  }
  for (const event of events) {
    const target = event.target
    if (target === actions) note(added(event).map(whoKeyOf))
    else if (target.parent === actions && [...event.changes.keys.keys()].some((k) => ACTION_FIELDS.has(k))) note([whoKeyOf(target)])
    else if (target === meetings) note(added(event).flatMap(attendeesOf))
    else if (target.parent === meetings && event.changes.keys.has('date')) note(attendeesOf(target))
    else if (target.parent?.parent === meetings && target === (target.parent as Y.Map<unknown>).get('attendees')) {
      const set = target as Y.Map<unknown>
      for (const [key, change] of event.changes.keys) {
        const m = MEMBER_ATTENDEE.exec(key)
        if (m && change.action !== 'delete' && isPresence(set.get(key))) out.add(m[1]!)
      }
    }
  }
  return out
}
