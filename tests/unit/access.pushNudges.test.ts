/**
 * The writer's nudges (session/pushNudges.ts) against time and the connection: sent only once the
 * relay has confirmed what this device wrote (an offline writer nudges when it is back), kept and
 * tried again when the relay was out of reach, dropped when the relay refused, and given up after
 * MAX_NUDGE_TRIES. The real relay's side: tests/integration/relay.pushNudge.test.ts.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAX_NUDGE_TRIES, type NudgeOutcome, watchPushNudges } from '../../src/access/session/pushNudges'
import { createActions } from '../../src/plan'
import { waitFor } from '../helpers/poll'

const IB = 'a'.repeat(64)
const MUM = 'b'.repeat(64)
const DAD = 'c'.repeat(64)

/** A writer whose connection the test controls: `confirm()` is the relay confirming what it holds. */
function writer(outcomes: NudgeOutcome[]) {
  const doc = new Y.Doc()
  const sent: string[][] = []
  let confirmed: () => void = () => {}
  let reached = new Promise<void>((r) => (confirmed = r))
  const stop = watchPushNudges({
    doc,
    mayNudge: () => true,
    others: () => new Set([MUM, DAD]),
    reached: () => reached,
    delayMs: 5,
    send: async (members) => {
      sent.push(members)
      const outcome = outcomes.shift() ?? 'sent'
      // out of reach: the connection is down too, until the test confirms again
      if (outcome === 'unsent') reached = new Promise<void>((r) => (confirmed = r))
      return outcome
    },
  })
  return {
    doc,
    sent,
    stop,
    confirm() {
      confirmed()
    },
  }
}

const settle = () => new Promise((r) => setTimeout(r, 50))

describe('nudges from the writer’s device', () => {
  it('an afspraak written offline is nudged once the relay has it, not before', async () => {
    const w = writer([])
    createActions(w.doc).add({ what: 'Agenda bijhouden', whoKey: MUM }, IB)
    await settle()
    expect(w.sent).toEqual([])
    w.confirm()
    await waitFor(() => w.sent.length === 1, 'the nudge after the confirmation')
    expect(w.sent).toEqual([[MUM]])
    w.stop()
  })

  it('a nudge the relay did not get is kept and sent after the next confirmation, with what came since', async () => {
    const w = writer(['unsent'])
    w.confirm()
    createActions(w.doc).add({ what: 'Bellen met de school', whoKey: MUM }, IB)
    await waitFor(() => w.sent.length === 1, 'the first try')
    createActions(w.doc).add({ what: 'Formulier invullen', whoKey: DAD }, IB)
    await settle()
    expect(w.sent).toHaveLength(1)
    w.confirm()
    await waitFor(() => w.sent.length === 2, 'the second try')
    expect(new Set(w.sent[1])).toEqual(new Set([MUM, DAD]))
    w.stop()
  })

  it('a refused nudge is not sent again; one that never gets through is given up after a few tries', async () => {
    const refused = writer(['refused'])
    refused.confirm()
    createActions(refused.doc).add({ what: 'Verslag lezen', whoKey: MUM }, IB)
    await waitFor(() => refused.sent.length === 1, 'the one try')
    await settle()
    expect(refused.sent).toHaveLength(1)
    refused.stop()

    const unreachable = writer(Array.from({ length: 20 }, () => 'unsent' as const))
    unreachable.confirm()
    createActions(unreachable.doc).add({ what: 'Verslag lezen', whoKey: MUM }, IB)
    for (let tries = 1; tries <= MAX_NUDGE_TRIES; tries++) {
      await waitFor(() => unreachable.sent.length === tries, `try ${tries}`)
      unreachable.confirm()
    }
    await settle()
    expect(unreachable.sent).toHaveLength(MAX_NUDGE_TRIES)
    unreachable.stop()
  })

  it('stopped (the plan closed on this device): nothing is sent any more', async () => {
    const w = writer([])
    createActions(w.doc).add({ what: 'Agenda bijhouden', whoKey: MUM }, IB)
    await settle()
    w.stop()
    w.confirm()
    await settle()
    expect(w.sent).toEqual([])
  })
})
