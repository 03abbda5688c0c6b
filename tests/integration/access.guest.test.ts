/**
 * R13 against the real relay: a guest for one meeting. An admin invites a reader whose access
 * ends at a set time; after it the relay closes the guest and refuses it, the admin's device
 * removes it with a key rotation, and nothing written afterwards opens with the guest's keys.
 */
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../../src/crypto'
import type { Role } from '../../src/sync/blob'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { OpenError, createMemberRecord, createWriter, openRecord, type Writer } from '../../src/sync/records'
import { liveBlobs } from '../../src/sync/roomState'
import { connectAs, createPlanOnRelay, errorOf, isError, pushBlobs, readRelayLog, syncMessage, type RawClient, type TestPlan } from '../helpers/relayProcess'
import { textOf, waitFor, useDevicesOnRelay } from '../helpers/nodeDevice'

/** the meeting: long enough to claim and read under load, short enough for a test */
const ACCESS_MS = 6000

const app = useDevicesOnRelay()
const device = app.device

const memberKey = app.memberKey

describe('a guest for one meeting', () => {
  it('[R13] a reader guest reads until its end, then is closed, refused, removed, and reads nothing new', async () => {
    const parent = await device('ouder')
    const planId = await parent.client.createPlan({ childName: 'Mees', party: 'gezag' })
    const sp = await parent.client.openPlan(planId)
    await sp.whenSynced()
    sp.doc.getText('notes').insert(0, 'VOOR-DE-BESPREKING;')

    // an admin cannot be time-limited, and the end must leave time to join
    await expect(sp.createInvite({ role: 'admin', expiresInHours: 1, accessUntil: Date.now() + 60_000 })).rejects.toMatchObject({ code: 'access-invalid' })
    await expect(sp.createInvite({ role: 'reader', expiresInHours: 1, accessUntil: Date.now() - 1 })).rejects.toMatchObject({ code: 'access-invalid' })

    const accessUntil = Date.now() + ACCESS_MS
    const link = await sp.createInvite({ role: 'reader', expiresInHours: 1, party: 'parent', name: 'Gast', accessUntil })
    await sp.whenSynced()
    const guest = await device('gast')
    await guest.client.acceptInvite(link)
    const gs = await guest.client.openPlan(planId)
    await waitFor(() => textOf(gs).includes('VOOR-DE-BESPREKING;'), 'the guest reads')
    const guestKey = await memberKey(guest)
    expect(gs.members().find((m) => m.memberKey === guestKey)).toMatchObject({ role: 'reader', accessUntil })
    await waitFor(() => sp.members().some((m) => m.memberKey === guestKey && m.accessUntil === accessUntil), 'the admin sees the end')
    expect(sp.members().find((m) => m.memberKey !== guestKey)?.accessUntil).toBeUndefined()

    const epochBefore = sp.keys.newest()!.epoch
    await sp.whenSynced()
    // the relay closes the guest at its end by itself: with the admin offline nobody writes
    sp.disconnect()
    await waitFor(() => gs.status().state === 'error', 'the relay closes the guest', ACCESS_MS + 15_000)
    expect(Date.now()).toBeGreaterThanOrEqual(accessUntil)
    expect(gs.closedFinally()).toMatchObject({ code: CLOSE.forbidden, reason: 'access-ended' })
    // the guest's own device knows why: its time is over
    expect(gs.status().errorCode).toBe('access-expired')
    expect(app.relay.events().some((e) => e.event === 'conn-access-ended')).toBe(true)

    // reconnecting is refused, and says why
    gs.connect()
    await waitFor(() => gs.closedFinally() !== null && gs.relayErrorCode() === 'access-expired', 'reconnect refused')
    expect(gs.closedFinally()!.code).toBe(CLOSE.forbidden)

    // the admin's device removes the guest with one rotation, no click needed
    sp.connect()
    await waitFor(() => !sp.room.members.has(guestKey), 'the admin removes the guest')
    await waitFor(() => (sp.keys.newest()?.epoch ?? 0) === epochBefore + 1, 'one new key')
    sp.doc.getText('notes').insert(0, 'NA-AFLOOP;')
    await sp.whenSynced()

    // still refused as expired after the removal
    gs.connect()
    await waitFor(() => gs.closedFinally() !== null && gs.relayErrorCode() === 'access-expired', 'still refused')
    expect(textOf(gs)).not.toContain('NA-AFLOOP')

    // with every blob the relay holds, the guest's keys open nothing written after its end
    let afterwards = 0
    for (const { blob } of liveBlobs(sp.envelope)) {
      if (blob.kind !== 'update' && blob.kind !== 'snapshot') continue
      const plaintext = openRecord(blob, sp.keys.get)
      if (Buffer.from(plaintext).includes(Buffer.from('NA-AFLOOP'))) afterwards++
      try {
        const opened = openRecord(blob, gs.keys.get)
        expect(blob.epoch).toBeLessThanOrEqual(epochBefore)
        expect(Buffer.from(opened).includes(Buffer.from('NA-AFLOOP'))).toBe(false)
      } catch (err) {
        if (!(err instanceof OpenError)) throw err
        expect(err.code).toBe('no-key')
      }
    }
    expect(afterwards).toBeGreaterThan(0)
  })
})

describe('R13 at the app.relay, with raw records', () => {
  let plan: TestPlan & { client: RawClient }
  beforeAll(async () => {
    plan = await createPlanOnRelay(app.relay)
  })

  /** Sends as the admin on a fresh connection; expects R13 `code` and nothing stored. */
  async function expectRefused(blobs: Uint8Array[], code: string) {
    const before = (await readRelayLog(app.relay, plan.admin.identity, plan.planId)).map(toHex)
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(plan.doc))
    const sv = Y.encodeStateVector(scratch)
    scratch.getArray<Uint8Array>('log').push(blobs)
    const client = connectAs(app.relay, plan.admin.identity, plan.planId)
    await client.opened
    client.send(syncMessage(2, Y.encodeStateAsUpdate(scratch, sv)))
    expect(await client.closed).toEqual({ code: CLOSE.rejected, reason: `R13 ${code}` })
    expect(errorOf(client.received.find(isError)!)).toMatchObject({ rule: 'R13', code })
    expect((await readRelayLog(app.relay, plan.admin.identity, plan.planId)).map(toHex)).toEqual(before)
  }

  const add = (subject: Writer, role: Role, accessUntil: number) =>
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: subject.identity.publicKey, role, party: 'parent', accessUntil })

  it('[R13] refuses an end in the past, an admin with an end, and an invite whose access ends before it expires', async () => {
    const now = Date.now()
    await expectRefused([add(createWriter(generateSigningKeyPair()), 'reader', now - 1000)], 'access-until-past')
    await expectRefused([add(createWriter(generateSigningKeyPair()), 'admin', now + 60_000)], 'access-admin')
    const invite = createMemberRecord(plan.admin, plan.planId, {
      op: 'invite',
      subject: generateSigningKeyPair().publicKey,
      role: 'reader',
      expiresAt: now + 120_000,
      party: 'parent',
      accessUntil: now + 60_000,
    })
    await expectRefused([invite], 'access-before-expiry')
  })

  it('[R13] the relay closes a connected guest at its end by itself, then refuses it access-expired', async () => {
    const guest = createWriter(generateSigningKeyPair())
    const accessUntil = Date.now() + 2500
    await pushBlobs(plan.client, plan.doc, [add(guest, 'reader', accessUntil)])
    const socket = connectAs(app.relay, guest.identity, plan.planId)
    await socket.opened
    // nobody writes: only the room's timer can close it
    expect(await socket.closed).toEqual({ code: CLOSE.forbidden, reason: 'access-ended' })
    expect(Date.now()).toBeGreaterThanOrEqual(accessUntil)
    const again = connectAs(app.relay, guest.identity, plan.planId)
    expect(await again.closed).toEqual({ code: CLOSE.forbidden, reason: 'access-expired' })
  })
})
