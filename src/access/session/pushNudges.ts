/**
 * The writer's side of "only my afspraken and meetings" (issue 10 §3): after this device changed
 * an afspraak or meeting that names members (src/plan/namedMembers.ts), it asks the relay to nudge
 * them (`nudgePush`), so their devices that chose `mine` get a push. Changes from the relay or
 * another tab are not ours to announce. Only a device whose role writes afspraken and meetings for
 * others (editor, admin: the relay refuses anyone else, P1) asks; it names current members other
 * than its own person, at most the plan's member count.
 *
 * Changes within NUDGE_DELAY_MS go as one request: ticking five attendees is one nudge. It is sent
 * once the relay has confirmed what this device wrote (`reached`), so a push never reaches a
 * device before the change can: a device offline when it wrote nudges when it is back. A nudge
 * that does not go (the relay out of reach) is kept and sent after the next confirmation, at most
 * MAX_NUDGE_TRIES times; one the relay refuses is dropped (it would refuse it again).
 */
import type * as Y from 'yjs'
import { ACTIONS } from '../../plan/actions'
import { MEETINGS } from '../../plan/meetings'
import { membersNamedBy } from '../../plan/namedMembers'
import { REMOTE_ORIGIN } from '../../sync/bridge'

export const NUDGE_DELAY_MS = 2_000
export const MAX_NUDGE_TRIES = 5

/** What a nudge request came to: taken, refused by the relay, or not sent (no connection). */
export type NudgeOutcome = 'sent' | 'refused' | 'unsent'

export interface PushNudgeDeps {
  doc: Y.Doc
  /** whether this device's role writes afspraken and meetings for others (editor or admin) */
  mayNudge: () => boolean
  /** the plan's member keys now, without this device's own person */
  others: () => ReadonlySet<string>
  /** resolves once the relay has confirmed everything this device holds (waits while it is offline) */
  reached: () => Promise<void>
  send: (members: string[]) => Promise<NudgeOutcome>
  delayMs?: number
}

/** Starts watching; returns the stop. */
export function watchPushNudges(deps: PushNudgeDeps): () => void {
  // member key -> failed tries so far
  const pending = new Map<string, number>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let sending = false
  let stopped = false
  const flush = async () => {
    timer = null
    if (sending) return
    sending = true
    try {
      while (pending.size > 0 && !stopped) {
        await deps.reached()
        if (stopped || !deps.mayNudge()) break
        const others = deps.others()
        const batch = new Map([...pending].filter(([k]) => others.has(k)))
        pending.clear()
        if (batch.size === 0) break
        const outcome = await deps.send([...batch.keys()])
        if (outcome !== 'unsent') continue
        // out of reach: again after the next confirmation, unless it has tried enough
        for (const [k, tries] of batch) if (tries + 1 < MAX_NUDGE_TRIES && !pending.has(k)) pending.set(k, tries + 1)
        if (pending.size > 0) await new Promise((r) => setTimeout(r, deps.delayMs ?? NUDGE_DELAY_MS))
      }
    } finally {
      sending = false
    }
  }
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
    if (tx.origin === REMOTE_ORIGIN || !deps.mayNudge()) return
    const named = membersNamedBy(deps.doc, events)
    if (named.size === 0) return
    for (const k of named) pending.set(k, 0)
    timer ??= setTimeout(() => void flush(), deps.delayMs ?? NUDGE_DELAY_MS)
  }
  const roots = [deps.doc.getArray(ACTIONS), deps.doc.getArray(MEETINGS)]
  for (const root of roots) root.observeDeep(onChange)
  return () => {
    stopped = true
    for (const root of roots) root.unobserveDeep(onChange)
    if (timer !== null) clearTimeout(timer)
  }
}
