/**
 * [R22] Retention on the devices, against the real relay: the admin closes the plan, and its
 * close names the end the plan's policy sets (here care: a 5-year term, set by the admin). Years
 * on (the relay's clock moved by libfaketime, the devices' Date by fake timers) the relay has
 * erased it; a device that was off since before the close, and so never saw it, connects, checks
 * the signed close the relay shows as proof against its own copy and deletes everything of the
 * plan.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRetention } from '../../src/plan'
import { DAY_MS, relayClockAhead } from '../helpers/relayClock'
import { startRelay } from '../helpers/relayProcess'
import { holdsPlan, useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()

/** past a 5-year term counted from today */
const AHEAD_DAYS = 5 * 366 + 10

afterEach(() => {
  vi.useRealTimers()
})

describe('retention on the devices', () => {
  it('[R22] years after the close the relay has erased the plan; a device off since before the close deletes it on connect, proved by the close', async () => {
    const ib = await app.device('ib')
    const planId = await ib.client.createPlan({ childName: 'Noor', party: 'professional', organisationName: 'Jeugdteam Oost' })
    const admin = await ib.client.openPlan(planId)
    await admin.whenSynced()
    createRetention(admin.doc).set({ kind: 'care', years: 5 })
    admin.doc.getText('notes').insert(0, 'BEWAARD-TOT;')
    const mother = await app.device('moeder')
    await mother.client.acceptInvite(await admin.createInvite({ role: 'contributor', expiresInHours: 1, party: 'gezag', name: 'Moeder' }))
    const ms = await mother.client.openPlan(planId)
    await waitFor(() => ms.doc.getText('notes').toString().includes('BEWAARD-TOT;'), 'the mother reads the plan')
    // her device goes off before the plan is closed: it never sees the close
    await mother.client.close()

    await admin.whenSynced()
    const closure = await admin.closePlan({ reason: 'care-ended' })
    await admin.whenSynced()
    // the end is the policy's, and every device shows the same date
    expect(closure.keepUntil).not.toBeNull()
    const years = new Date(closure.keepUntil!).getUTCFullYear() - new Date(closure.closedAt).getUTCFullYear()
    expect(years).toBe(5)
    expect(admin.retentionEnd()).toBe(closure.keepUntil)
    await ib.client.close()

    // years on: the relay, restarted, has swept the plan away
    await app.relay.stop()
    app.relay = await startRelay({ dataDir: app.relay.dataDir, port: app.relay.port, env: relayClockAhead(AHEAD_DAYS) })
    await waitFor(() => /"plan-erased".*"reason":"retention"/.test(app.relay.logs()), 'the sweep after the start', 20_000)

    // her device, its clock years on like the relay's (a clock far from the relay's is refused at
    // admission; a lying relay's notice against a device's clock: tests/unit/access.erasure.test.ts)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + AHEAD_DAYS * DAY_MS, shouldAdvanceTime: true })
    const back = await app.reopen(mother)
    await back.client.openPlan(planId).catch(() => undefined)
    await waitFor(
      async () => !(await holdsPlan(back, planId)).keys && (await holdsPlan(back, planId)).databases === 0,
      'the device deletes it on connect',
      15_000,
    )
    expect(await back.client.erasedPlans()).toEqual([expect.objectContaining({ planId, reason: 'retention' })])
  })
})
