/**
 * Waits for the event after which "it did not arrive" holds for good, instead of a fixed sleep:
 * a test that sleeps and then asserts absence passes when delivery is merely slow, and one that
 * waits for a later marker or for the refusal fails when the guard is gone.
 */
import * as Y from 'yjs'
import type { OpenPlanSession } from '../../src/access/planSession'
import { waitFor } from './nodeDevice'

/** True when `to`'s envelope holds every record `from`'s envelope holds (the state vector covers it). */
export function holdsAllOf(to: OpenPlanSession, from: OpenPlanSession): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(to.envelope))
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(from.envelope))) {
    if ((have.get(client) ?? 0) < clock) return false
  }
  return true
}

/**
 * Waits until whatever `from` wrote can no longer reach `to`: either it is in `to`'s envelope
 * (and so was judged there: applied or quarantined, the bridge takes a record in as it lands),
 * or the relay refused `from` (its session is in error). Nothing written so far arrives later.
 */
export async function waitUntilDeliveredOrRefused(from: OpenPlanSession, to: OpenPlanSession, what: string): Promise<void> {
  await waitFor(() => from.status().state === 'error' || holdsAllOf(to, from), what)
}

/**
 * Connects `session` once more and waits for the relay's final refusal: a new close in the
 * 4400–4499 range. The relay refuses at admission, before it sends a thing, so what the session
 * holds afterwards is all it will hold.
 */
export async function waitForRefusalOnReconnect(session: OpenPlanSession, what: string): Promise<void> {
  const before = session.closedFinally()
  session.connect()
  await waitFor(() => session.closedFinally() !== before, what)
}
