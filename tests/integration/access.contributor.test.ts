/**
 * A contributor's limits live inside the plan, where the relay cannot look: every client refuses
 * a contributor's change to anything but observations and the voices of child and parents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createClient } from '../../src/access'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { createDevice, deviceLock, waitFor, type Device } from '../helpers/nodeDevice'

let relay: RelayProcess
const devices: Device[] = []
const extra: Array<() => Promise<void>> = []
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  for (const c of extra) await c()
  for (const d of devices) await d.client.close()
  await relay.stop()
})

describe('[P1] contributor', () => {
  it("adds observations and the parents' voice; its changes elsewhere are refused by every client", async () => {
    const admin = await createDevice(relay, 'ib')
    const parent = await createDevice(relay, 'ouder')
    devices.push(admin, parent)
    const planId = await admin.client.createPlan({ childName: 'Ravi' })
    const sa = await admin.client.openPlan(planId)
    await sa.whenSynced()
    await parent.client.acceptInvite(await sa.createInvite({ role: 'contributor', expiresInHours: 1 }))
    const sp = await parent.client.openPlan(planId)

    sp.doc.getArray('observations').push(['Thuis ging het lezen goed.'])
    sp.doc.getText('voices.ouders.zorgen').insert(0, 'Hij slaapt slecht.')
    await waitFor(() => sa.doc.getArray('observations').length === 1 && sa.doc.getText('voices.ouders.zorgen').length > 0, 'allowed changes arrive')

    sp.doc.getText('voices.school.zorgen').insert(0, 'NIET-VAN-OUDER')
    sp.flush()
    await sp.whenSynced()
    await waitFor(() => sa.quarantined().some((q) => q.reason.includes('content-forbidden')), 'the refusal is listed')
    expect(sa.doc.getText('voices.school.zorgen').toString()).toBe('')
    expect(sa.activity().some((e) => e.roots.includes('voices.school.zorgen'))).toBe(false)

    // what the parent writes after a refused change still arrives (Yjs takes a writer's changes
    // in order only: a refused one left out entirely would hold back all that follow it), and
    // typing on in the refused text is dropped with it
    sp.doc.getText('voices.school.zorgen').insert(14, ' EN-MEER')
    sp.flush()
    sp.doc.getArray('observations').push(['Daarna weer goed geslapen.'])
    sp.doc.getText('voices.ouders.zorgen').insert(sp.doc.getText('voices.ouders.zorgen').length, ' Nu beter.')
    await waitFor(() => sa.doc.getArray('observations').length === 2, 'a later observation arrives')
    expect(sa.doc.getText('voices.ouders.zorgen').toString()).toBe('Hij slaapt slecht. Nu beter.')
    expect(sa.doc.getText('voices.school.zorgen').toString()).toBe('')

    // and it stays refused when the admin's device opens the plan again from its own disk
    await admin.client.close()
    devices.splice(devices.indexOf(admin), 1)
    const again = await createClient({
      namespace: admin.namespace,
      syncUrl: relay.wsUrl,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...deviceLock(),
    })
    extra.push(() => again.close())
    const reopened = await again.openPlan(planId)
    expect(reopened.doc.getArray('observations').toArray()).toEqual(['Thuis ging het lezen goed.', 'Daarna weer goed geslapen.'])
    expect(reopened.doc.getText('voices.ouders.zorgen').toString()).toBe('Hij slaapt slecht. Nu beter.')
    expect(reopened.doc.getText('voices.school.zorgen').toString()).toBe('')
    expect(reopened.quarantined().some((q) => q.reason.includes('content-forbidden'))).toBe(true)
  })
})
