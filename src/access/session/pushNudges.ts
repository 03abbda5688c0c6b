/**
 * The writer's side of "only my afspraken and meetings" (issue 10 §3): after this device changed
 * an afspraak or meeting that names members (src/plan/namedMembers.ts), it asks the relay to nudge
 * them (`nudgePush`), so their devices that chose `mine` get a push. Changes from the relay or
 * another tab are not ours to announce. Only a device whose role writes afspraken and meetings for
 * others (editor, admin: the relay refuses anyone else, P1) asks; it names current members other
 * than its own person, at most the plan's member count.
 *
 * Changes within NUDGE_DELAY_MS go as one request: ticking five attendees is one nudge, and by
 * then the bridge has sealed and sent what was written (it sends within ~50 ms), so the push does
 * not reach a device before the change can.
 */
import type * as Y from 'yjs'
import { ACTIONS } from '../../plan/actions'
import { MEETINGS } from '../../plan/meetings'
import { membersNamedBy } from '../../plan/namedMembers'
import { REMOTE_ORIGIN } from '../../sync/bridge'

export const NUDGE_DELAY_MS = 2_000

export interface PushNudgeDeps {
  doc: Y.Doc
  /** whether this device's role writes afspraken and meetings for others (editor or admin) */
  mayNudge: () => boolean
  /** the plan's member keys now, without this device's own person */
  others: () => ReadonlySet<string>
  send: (members: string[]) => Promise<unknown>
  delayMs?: number
}

/** Starts watching; returns the stop. */
export function watchPushNudges(deps: PushNudgeDeps): () => void {
  const pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    timer = null
    const others = deps.others()
    const members = [...pending].filter((k) => others.has(k))
    pending.clear()
    if (members.length > 0 && deps.mayNudge()) void deps.send(members)
  }
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
    if (tx.origin === REMOTE_ORIGIN || !deps.mayNudge()) return
    const named = membersNamedBy(deps.doc, events)
    if (named.size === 0) return
    for (const k of named) pending.add(k)
    timer ??= setTimeout(flush, deps.delayMs ?? NUDGE_DELAY_MS)
  }
  const roots = [deps.doc.getArray(ACTIONS), deps.doc.getArray(MEETINGS)]
  for (const root of roots) root.observeDeep(onChange)
  return () => {
    for (const root of roots) root.unobserveDeep(onChange)
    if (timer !== null) clearTimeout(timer)
  }
}
