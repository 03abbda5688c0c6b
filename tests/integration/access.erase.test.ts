/**
 * [R20] Erasure on the devices, against the real relay: a parent with gezag asks, the admin
 * confirms; every device deletes the plan's keys from its keyring, its envelope and attachment
 * databases, and keeps only a note (id, date, who asked: a party, no name). A device that was
 * off when it happened deletes its copy the first time it connects again (the relay's tombstone
 * carries the signed halves, which the device checks against its own copy first).
 */
import { describe, expect, it } from 'vitest'
import { holdsPlan, useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()

describe('erasure on the devices', () => {
  it('[R20] a parent with gezag asks, the admin confirms: every device deletes the plan, an offline one when it comes back', async () => {
    const ib = await app.device('ib')
    const planId = await ib.client.createPlan({ childName: 'Sanne', party: 'professional', organisationName: 'De Regenboog' })
    const si = await ib.client.openPlan(planId)
    await si.whenSynced()
    si.doc.getText('notes').insert(0, 'WORDT-GEWIST;')

    const mother = await app.device('moeder')
    await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', expiresInHours: 1, party: 'gezag', name: 'Moeder' }))
    const grandma = await app.device('oma')
    await grandma.client.acceptInvite(await si.createInvite({ role: 'reader', expiresInHours: 1, party: 'parent', name: 'Oma' }))
    const sm = await mother.client.openPlan(planId)
    const so = await grandma.client.openPlan(planId)
    await waitFor(() => so.doc.getText('notes').toString().includes('WORDT-GEWIST;'), 'grandma reads the plan')
    expect(await holdsPlan(grandma, planId)).toEqual({ keys: true, databases: 2 })

    // grandma's device goes off before anyone asks
    await grandma.client.close()

    // only the parent with gezag asks, only the admin confirms
    expect(() => si.signErase('request')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(() => sm.signErase('confirm')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    sm.signErase('request')
    await sm.whenSynced()
    await waitFor(() => si.eraseHalves().some((h) => h.op === 'request' && h.name === 'Moeder'), 'the admin sees the request')
    expect(await holdsPlan(ib, planId)).toEqual({ keys: true, databases: 2 })

    si.signErase('confirm')
    for (const d of [ib, mother]) {
      await waitFor(
        async () => !(await holdsPlan(d, planId)).keys && (await holdsPlan(d, planId)).databases === 0,
        `${d.name}'s device deletes the plan`,
        15_000,
      )
      expect(await d.client.erasedPlans()).toEqual([expect.objectContaining({ planId, reason: 'erased', requestedBy: 'gezag' })])
    }
    await expect(mother.client.openPlan(planId)).rejects.toMatchObject({ code: 'plan-unknown' })

    // grandma's device comes back: it still holds the plan until the relay's proof reaches it
    const again = await app.reopen(grandma)
    const back = again.client
    expect(await holdsPlan(again, planId)).toEqual({ keys: true, databases: 2 })
    await back.openPlan(planId).catch(() => undefined)
    await waitFor(
      async () => !(await holdsPlan(again, planId)).keys && (await holdsPlan(again, planId)).databases === 0,
      'grandma’s device deletes it on connect',
      15_000,
    )
    expect(await back.erasedPlans()).toEqual([expect.objectContaining({ planId, reason: 'erased', requestedBy: 'gezag' })])
  })
})
