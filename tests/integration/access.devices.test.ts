/**
 * A person's second device against the real relay: linked from the first device without an
 * admin, joining every plan; what a device link cannot do; removing a lost device.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { fromHex } from '../../src/sync/bytes'
import { createMemberRecord, createWriter, OpenError, openRecord } from '../../src/sync/records'
import { liveBlobs } from '../../src/sync/roomState'
import { parseDeviceLink } from '../../src/access/deviceLink'
import type { OpenPlanSession } from '../../src/access/planSession'
import { connectAs, errorOf, isError, syncMessage } from '../helpers/relayProcess'
import { textOf, waitFor, type Device, useDevicesOnRelay } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()
const device = app.device

const keyOf = (d: Device) => d.client.profile().then((p) => p!.memberKey)

/** An admin's plan with a contributor (a parent) on one device. */
async function planWithParent() {
  const admin = await device('ib')
  const planId = await admin.client.createPlan({ childName: 'Noor' })
  const sa = await admin.client.openPlan(planId)
  await sa.whenSynced()
  const parent = await device('ouder')
  await parent.client.acceptInvite(await sa.createInvite({ role: 'contributor', expiresInHours: 1 }))
  const sp = await parent.client.openPlan(planId)
  await sp.whenSynced()
  return { admin, sa, parent, sp, planId }
}

/** Sends a record as `session`'s device straight to the relay, past the client's own checks. */
async function sendPastOwnChecks(session: OpenPlanSession, record: (writer: ReturnType<typeof createWriter>) => Uint8Array) {
  const raw = connectAs(app.relay, session.writer.identity, session.room.planId)
  await raw.opened
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(session.envelope))
  const before = Y.encodeStateVector(doc)
  doc.getArray<Uint8Array>('log').push([record(createWriter(session.writer.identity))])
  raw.send(syncMessage(2, Y.encodeStateAsUpdate(doc, before)))
  const error = errorOf(await raw.next(isError))
  const closed = await raw.closed
  return { ...error, close: closed.code }
}

describe('a second device of the same person', () => {
  it('[R6][R7] a contributor links a second device without an admin; both write, the new one reads the plan', async () => {
    const { sa, parent, sp, planId } = await planWithParent()
    // a contributor writes observations (P1)
    const notes = (s: OpenPlanSession) => s.doc.getArray<string>('observations').toArray().join(';')
    sp.doc.getArray('observations').push(['van thuis'])
    await sp.whenSynced()

    const made = await parent.client.createDeviceLink()
    expect(made.planIds).toEqual([planId])
    expect(made.expiresAt).toBeGreaterThan(Date.now())
    // the link holds the secret in its fragment only, and the person's name
    expect(made.link).toMatch(new RegExp(`^${app.relay.url}/#/koppel/[A-Za-z0-9_-]+$`))
    expect(parent.client.previewDeviceLink(made.link)).toMatchObject({ name: 'ouder', planIds: [planId] })

    // the admin sees the open link as this person's, and may withdraw it
    await waitFor(() => sa.openInvites().some((i) => i.forDevice), 'the admin sees the device link')
    expect(sa.openInvites().find((i) => i.forDevice)).toMatchObject({ role: 'contributor', by: await keyOf(parent), expiresAt: made.expiresAt })

    const phone = await device('telefoon')
    const progress: string[] = []
    const results = await phone.client.acceptDeviceLink(made.link, (r) => progress.push(`${r.planId}:${r.state}`))
    expect(results).toEqual([{ planId, state: 'joined', title: 'Noor' }])
    expect(progress).toEqual([`${planId}:joining`, `${planId}:joined`])
    expect(await phone.client.listPlans()).toMatchObject([{ planId, role: 'contributor' }])

    const s2 = await phone.client.openPlan(planId)
    await waitFor(() => notes(s2).includes('van thuis'), 'the new device reads the plan')
    s2.doc.getArray('observations').push(['van de telefoon'])
    sp.doc.getArray('observations').push(['weer thuis'])
    await waitFor(() => notes(sa).includes('van de telefoon') && notes(sa).includes('weer thuis'), "the admin gets both devices' writing")
    expect(sa.quarantined()).toEqual([])

    // one person, two devices, on every device's view of the log
    const parentKey = await keyOf(parent)
    const phoneKey = await keyOf(phone)
    expect(sa.members().find((m) => m.memberKey === phoneKey)).toMatchObject({ role: 'contributor', person: parentKey })
    expect(sp.myDevices().map((d) => [d.memberKey, d.thisDevice])).toEqual([
      [parentKey, true],
      [phoneKey, false],
    ])
    expect(s2.myDevices().find((d) => d.thisDevice)).toMatchObject({ memberKey: phoneKey, linkedBefore: made.expiresAt })
  })

  it('links every plan of the first device; a plan whose link was withdrawn fails alone', async () => {
    const admin = await device('mentor')
    const first = await admin.client.createPlan({ childName: 'Eerste' })
    const second = await admin.client.createPlan({ childName: 'Tweede' })
    const made = await admin.client.createDeviceLink()
    expect(made.planIds.sort()).toEqual([first, second].sort())
    // the person withdraws the link in the second plan before the new device uses it
    const s2 = await admin.client.openPlan(second)
    const inviteKey = [...s2.room.invites].find(([, i]) => i.forDevice)![0]
    s2.withdrawInvite(inviteKey)
    await s2.whenSynced()

    const laptop = await device('laptop')
    const results = await laptop.client.acceptDeviceLink(made.link)
    const byPlan = Object.fromEntries(results.map((r) => [r.planId, r]))
    expect(byPlan[first]).toMatchObject({ state: 'joined', title: 'Eerste' })
    expect(byPlan[second]).toMatchObject({ state: 'failed', error: 'invite-withdrawn' })
    expect((await laptop.client.listPlans()).map((p) => p.planId)).toEqual([first])
    expect((await laptop.client.listPlans())[0]!.role).toBe('admin')
  })

  it('[R6] a device link is used once and not after it expired', async () => {
    const { parent, planId } = await planWithParent()
    const made = await parent.client.createDeviceLink()
    await (await device('tablet')).client.acceptDeviceLink(made.link)
    const stranger = await device('vreemde')
    expect(await stranger.client.acceptDeviceLink(made.link)).toEqual([{ planId, state: 'failed', error: 'invite-used' }])

    const short = await parent.client.createDeviceLink({ expiresInMinutes: 1 / 60 }) // one second
    // the relay judges expiry by its own clock (this machine's): wait for the moment itself
    await waitFor(() => Date.now() > short.expiresAt, 'the link expires')
    expect(await stranger.client.acceptDeviceLink(short.link)).toEqual([{ planId, state: 'failed', error: 'invite-expired' }])
    expect(await stranger.client.listPlans()).toEqual([])
  })

  it('a device link made while the relay cannot be reached is refused as offline', async () => {
    const { parent, sp } = await planWithParent()
    sp.disconnect()
    await expect(parent.client.createDeviceLink()).rejects.toMatchObject({ code: 'offline' })
  }, 30_000)

  it('[R6] a bad device link is refused before anything is sent', async () => {
    const { parent } = await planWithParent()
    const made = await parent.client.createDeviceLink()
    expect(() => parent.client.previewDeviceLink(made.link.slice(0, -4))).toThrow(expect.objectContaining({ code: 'invite-invalid' }))
    expect(() => parent.client.previewDeviceLink(`${app.relay.url}/#/koppel/`)).toThrow(expect.objectContaining({ code: 'invite-invalid' }))
    expect(parseDeviceLink(made.link).secret.length).toBe(32)
  })

  it('[R5][R6] the relay refuses a device link for a higher role, and a linked device removing someone else', async () => {
    const { sa, parent, sp, admin } = await planWithParent()
    const higher = await sendPastOwnChecks(sp, (w) =>
      createMemberRecord(w, sp.room.planId, { op: 'device', subject: new Uint8Array(32).fill(9), role: 'admin', expiresAt: Date.now() + 60_000 }),
    )
    expect(higher).toMatchObject({ rule: 'R6', code: 'device-role', close: 4422 })
    // the client refuses it before the relay has to
    expect(() =>
      sp.pushOwnRecords([
        createMemberRecord(sp.writer, sp.room.planId, { op: 'device', subject: new Uint8Array(32).fill(8), role: 'editor', expiresAt: Date.now() + 60_000 }),
      ]),
    ).toThrow(/device-role/)

    // a device linked from the parent is the parent's person: it may not remove the admin
    const phone = await device('telefoon2')
    await phone.client.acceptDeviceLink((await parent.client.createDeviceLink()).link)
    const s2 = await phone.client.openPlan(sp.planId)
    await s2.whenSynced()
    const adminKey = await keyOf(admin)
    await expect(s2.removeDevice(adminKey)).rejects.toMatchObject({ code: 'forbidden' })
    const removal = await sendPastOwnChecks(s2, (w) => createMemberRecord(w, s2.room.planId, { op: 'remove', subject: fromHex(adminKey), role: 'admin' }))
    expect(removal).toMatchObject({ rule: 'R5', code: 'role-forbidden', close: 4422 })
    expect(sa.role()).toBe('admin')
  })

  it('[R6] the person removes a lost device: it is closed, refused from then on, and opens nothing written after the new key', async () => {
    const { sa, parent, sp, planId } = await planWithParent()
    const lost = await device('kwijt')
    await lost.client.acceptDeviceLink((await parent.client.createDeviceLink()).link)
    const sl = await lost.client.openPlan(planId)
    await sl.whenSynced()
    sa.doc.getText('notes').insert(0, 'voor;')
    await waitFor(() => textOf(sl).includes('voor;'), 'the lost device had the plan')
    const epochBefore = sa.keys.newest()!.epoch

    const lostKey = await keyOf(lost)
    await sp.removeDevice(lostKey)
    await waitFor(() => sl.status().state === 'error', 'the lost device is closed')
    expect(sl.status().errorCode).toBe('access-ended')
    expect(sp.myDevices().map((d) => d.memberKey)).toEqual([await keyOf(parent)])

    // a non-admin cannot seal the new key: the admin's device renews it on seeing the removal
    await waitFor(() => sa.keys.newest()!.epoch > epochBefore, 'the admin renewed the key', 10_000)
    await waitFor(() => sp.keys.newest()!.epoch === sa.keys.newest()!.epoch, "the person's other device has the new key")
    sa.doc.getText('notes').insert(0, 'NA-VERLIES;')
    await waitFor(() => textOf(sp).includes('NA-VERLIES;'), 'the remaining device reads on')

    // the lost device keeps trying: 4403 every time, and no new key
    sl.connect()
    await waitFor(() => sl.closedFinally()?.code === 4403, 'refused again')
    expect(['not-a-member', 'access-ended']).toContain(sl.status().errorCode)
    expect(textOf(sl)).not.toContain('NA-VERLIES')
    const newEpoch = sa.keys.newest()!.epoch
    expect(sl.keys.get(newEpoch)).toBeUndefined()
    // with every blob the relay holds, its keys open nothing of the new epoch
    await sp.whenSynced()
    let opened = 0
    for (const { blob } of liveBlobs(sp.envelope)) {
      if ((blob.kind !== 'update' && blob.kind !== 'snapshot') || blob.epoch < newEpoch) continue
      expect(() => openRecord(blob, sl.keys.get)).toThrow(OpenError)
      opened += 1
    }
    expect(opened).toBeGreaterThan(0)
  })
})

describe('renewing the key after a non-admin removed a device', () => {
  it('an admin who was offline renews the key when it comes back and sees the removal', async () => {
    const { sa, parent, sp, planId } = await planWithParent()
    const lost = await device('kwijt2')
    await lost.client.acceptDeviceLink((await parent.client.createDeviceLink()).link)
    await (await lost.client.openPlan(planId)).whenSynced()
    const lostKey = await keyOf(lost)
    // the claim reached the relay; the parent's own device must have it too before removing it
    await waitFor(() => sp.room.members.has(lostKey), "the parent's device sees its new device")
    const epochBefore = sa.keys.newest()!.epoch
    sa.disconnect()
    await sp.removeDevice(lostKey)
    await sp.whenSynced()
    // offline since before the removal: it cannot have seen it, so no sleep is needed
    expect(sa.status().state).toBe('saved-local')
    expect(sa.keys.newest()!.epoch).toBe(epochBefore)
    sa.connect()
    await waitFor(() => sa.keys.newest()!.epoch > epochBefore, 'the returning admin renewed the key', 10_000)
    await waitFor(() => sp.keys.newest()!.epoch === sa.keys.newest()!.epoch, "the person's device has the new key")
  })
})
