/**
 * [R19] Closing a plan, against the real relay: only an admin closes; after the close the relay
 * refuses every write (the admin's too) and a write concurrent with the close, in both orders;
 * an admin reopens within the period and not after it; devices see the closure and stop writing;
 * a device fed by a lying relay refuses a write made after the close.
 */
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../../src/crypto'
import { createClosureNote } from '../../src/plan/closureNote'
import { fromBase64Url } from '../../src/sync/bytes'
import { createCloseRecord, createLockbox, createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import { cutOf } from '../../src/sync/roomState'
import { evilRelayKit, step2Message } from '../helpers/evilRelay'
import { textOf, useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'
import { connectAs, createPlanOnRelay, errorOf, isAck, isError, syncMessage, type TestPlan } from '../helpers/relayProcess'
import { pushAsWriters } from '../helpers/writers'

const app = useDevicesOnRelay()
const kit = evilRelayKit(app.devices)
afterAll(() => kit.close())

const DAY = 24 * 60 * 60 * 1000

/** whether `a` holds every item `b` holds */
function holdsAll(a: Y.Doc, b: Y.Doc): boolean {
  const held = Y.decodeStateVector(Y.encodeStateVector(a))
  return [...Y.decodeStateVector(Y.encodeStateVector(b))].every(([client, clock]) => (held.get(client) ?? 0) >= clock)
}

/**
 * Sends `blobs` as `writer` on a fresh connection, built on `base` (what the relay holds); on an
 * ack the change is taken into `base` too. Resolves 'ok' or '<rule> <code>'.
 */
async function send(plan: TestPlan, writer: Writer, blobs: Uint8Array[], base: Y.Doc = plan.doc): Promise<string> {
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(scratch)
  pushAsWriters(scratch, blobs)
  const update = Y.encodeStateAsUpdate(scratch, before)
  const client = connectAs(app.relay, writer.identity, plan.planId)
  await client.opened
  client.send(syncMessage(2, update))
  const answer = await client.next((m) => isAck(m) || isError(m))
  client.close()
  if (isError(answer)) {
    const e = errorOf(answer)
    return `${e.rule} ${e.code}`
  }
  Y.applyUpdate(plan.doc, update)
  return 'ok'
}

function edit(plan: TestPlan, writer: Writer, text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('notes').insert(0, text)
  return sealRecord(writer, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(doc))
}

function close(plan: TestPlan, reopenUntil = Date.now() + 90 * DAY, cut = cutOf(plan.doc)): Uint8Array {
  return createCloseRecord(plan.admin, plan.planId, {
    op: 'close',
    at: Date.now(),
    reason: 'goals-reached',
    reopenUntil,
    cut,
    keepUntil: Date.now() + 2 * 365 * DAY,
  })
}

async function planWithTeacher() {
  const plan = await createPlanOnRelay(app.relay)
  plan.client.close()
  const teacher = createWriter(generateSigningKeyPair())
  const add = createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: teacher.identity.publicKey, role: 'editor', party: 'parent' })
  expect(await send(plan, plan.admin, [add, createLockbox(plan.admin, plan.planId, 0, plan.admin.identity.publicKey, plan.key)])).toBe('ok')
  return { plan, teacher }
}

describe('closing a plan on the relay', () => {
  it('[R19] a non-admin cannot close; after a close nothing is taken from anyone; an admin reopens within the period', async () => {
    const { plan, teacher } = await planWithTeacher()
    expect(
      await send(plan, teacher, [
        createCloseRecord(teacher, plan.planId, {
          op: 'close',
          at: Date.now(),
          reason: 'moved',
          reopenUntil: Date.now() + DAY,
          cut: cutOf(plan.doc),
          keepUntil: Date.now() + 2 * 365 * DAY,
        }),
      ]),
    ).toBe('R19 close-forbidden')
    expect(await send(plan, teacher, [edit(plan, teacher, 'voor;')])).toBe('ok')
    expect(await send(plan, plan.admin, [close(plan)])).toBe('ok')
    expect(await send(plan, teacher, [edit(plan, teacher, 'erna;')])).toBe('R19 plan-closed')
    expect(await send(plan, plan.admin, [edit(plan, plan.admin, 'erna;')])).toBe('R19 plan-closed')
    const newcomer = createWriter(generateSigningKeyPair())
    const add = createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: newcomer.identity.publicKey, role: 'reader', party: 'parent' })
    expect(await send(plan, plan.admin, [add])).toBe('R19 plan-closed')
    expect(await send(plan, teacher, [createCloseRecord(teacher, plan.planId, { op: 'reopen', at: Date.now() })])).toBe('R19 close-forbidden')
    expect(await send(plan, plan.admin, [createCloseRecord(plan.admin, plan.planId, { op: 'reopen', at: Date.now() })])).toBe('ok')
    expect(await send(plan, teacher, [edit(plan, teacher, 'weer open;')])).toBe('ok')
  })

  it('[R19] after the reopen period the relay refuses a reopen: the plan stays closed', async () => {
    const { plan } = await planWithTeacher()
    expect(await send(plan, plan.admin, [close(plan, Date.now() + 1500)])).toBe('ok')
    await new Promise((r) => setTimeout(r, 2000))
    expect(await send(plan, plan.admin, [createCloseRecord(plan.admin, plan.planId, { op: 'reopen', at: Date.now() })])).toBe('R19 reopen-expired')
    expect(await send(plan, plan.admin, [edit(plan, plan.admin, 'nog steeds dicht;')])).toBe('R19 plan-closed')
  })

  it('[R19] a write concurrent with the close, in both orders: the write first makes the close stale; the close first refuses the write', async () => {
    const { plan, teacher } = await planWithTeacher()
    // both written on the same state; the write reaches the relay first
    const staleCut = cutOf(plan.doc)
    expect(await send(plan, teacher, [edit(plan, teacher, 'gelijktijdig;')])).toBe('ok')
    expect(await send(plan, plan.admin, [close(plan, undefined, staleCut)])).toBe('R19 close-stale')
    // the admin's device syncs and closes again: the write is part of what was closed
    expect(await send(plan, plan.admin, [close(plan)])).toBe('ok')

    const other = await planWithTeacher()
    const before = new Y.Doc()
    Y.applyUpdate(before, Y.encodeStateAsUpdate(other.plan.doc))
    expect(await send(other.plan, other.plan.admin, [close(other.plan)])).toBe('ok')
    // the teacher wrote without the close; it arrives after it
    expect(await send(other.plan, other.teacher, [edit(other.plan, other.teacher, 'te laat;')], before)).toBe('R19 plan-closed')
  })
})

describe('closing a plan on devices', () => {
  it('[R19] the admin closes with a summary; every device sees it and writes nothing; the admin reopens', async () => {
    const parent = await app.device('ouder')
    const planId = await parent.client.createPlan({ childName: 'Mees', party: 'gezag' })
    const sp = await parent.client.openPlan(planId)
    const link = await sp.createInvite({ role: 'editor', expiresInHours: 1, party: 'parent', name: 'Oma' })
    const grandma = await app.device('oma')
    await grandma.client.acceptInvite(link)
    const gs = await grandma.client.openPlan(planId)
    gs.doc.getText('notes').insert(0, 'VOOR;')
    await gs.whenSynced()
    await waitFor(() => textOf(sp).includes('VOOR;'), 'the admin has it')
    // nobody writes while the admin closes: the admin holds all the other device wrote (a write
    // crossing the close makes it stale, R19 close-stale; tests/unit/sync/closure.test.ts)
    await gs.whenSynced()
    await waitFor(() => holdsAll(sp.envelope, gs.envelope), 'the admin holds what the other device wrote')

    const closure = await sp.closePlan({ reason: 'other', otherText: 'Verhuisd naar Spanje' })
    expect(closure.reopenUntil - closure.closedAt).toBe(90 * DAY)
    await sp.whenSynced()
    await waitFor(() => gs.closure() !== null, 'the other device sees the closure')
    expect(gs.closure()).toEqual(closure)
    // the reason's words and the summary are in the plan, sealed before the close: in what was closed
    await waitFor(() => createClosureNote(gs.doc).get() !== null, 'the closing note arrives')
    expect(createClosureNote(gs.doc).get()).toMatchObject({ reason: 'other', otherText: 'Verhuisd naar Spanje', summary: { childName: 'Mees' } })

    // the device writes nothing now: its change stays on the device, the relay is never asked
    const logLength = gs.envelope.getArray('log').length
    gs.doc.getText('notes').insert(0, 'NA;')
    gs.flush()
    expect(gs.envelope.getArray('log').length).toBe(logLength)
    await expect(sp.closePlan({ reason: 'moved' })).rejects.toMatchObject({ code: 'forbidden' })
    expect(gs.status().state).not.toBe('error')

    sp.reopenPlan()
    await sp.whenSynced()
    await waitFor(() => gs.closure() === null, 'the other device sees the reopen')
    gs.doc.getText('notes').insert(0, 'WEER;')
    await gs.whenSynced()
    await waitFor(() => textOf(sp).includes('WEER;'), 'the edit reaches the admin')
  })

  it('[R19] an admin who closed offline while another member wrote: the relay refuses the stale close, and the status says so (close-stale)', async () => {
    const ib = await app.device('ib-offline')
    const planId = await ib.client.createPlan({ childName: 'Kees' })
    const admin = await ib.client.openPlan(planId)
    await admin.whenSynced()
    const teacher = await app.device('juf-tegelijk')
    await teacher.client.acceptInvite(await admin.createInvite({ role: 'editor', expiresInHours: 1 }))
    const ts = await teacher.client.openPlan(planId)
    await ts.whenSynced()
    admin.disconnect()
    await waitFor(() => !admin.status().online, 'the admin is offline')
    ts.doc.getText('notes').insert(0, 'TEGELIJK;')
    await ts.whenSynced()
    await admin.closePlan({ reason: 'moved' })
    admin.connect()
    await waitFor(() => admin.status().state === 'error', 'the relay refused the close', 15_000)
    // known: this device stays stuck on its refused close (a design change, see the note);
    // the status names why, which the sync status puts in words (src/ui/syncErrorText.ts)
    expect(admin.status().errorCode).toBe('close-stale')
    expect(ts.closure()).toBeNull()
  })

  it('[R19] a device fed by a lying relay refuses a write made after the close', async () => {
    const parent = await app.device('ouder')
    const planId = await parent.client.createPlan({ childName: 'Iris', party: 'gezag' })
    const sp = await parent.client.openPlan(planId)
    sp.doc.getText('notes').insert(0, 'echt;')
    await sp.whenSynced()
    await sp.closePlan({ reason: 'goals-reached' })
    await sp.whenSynced()
    const before = textOf(sp)
    const logLength = sp.envelope.getArray('log').length
    const held = Y.encodeStateAsUpdate(sp.envelope)
    const key = sp.keys.newest()!
    // a write signed by a real member (this very person, in another session) after the close:
    // the honest relay refused it; this relay hands it out
    const writer = createWriter(sp.writer.identity)
    const url = await kit.serve(() => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, held)
      const plan = new Y.Doc()
      plan.getText('notes').insert(0, 'INGESPOTEN;')
      doc.clientID = 4242
      doc
        .getArray<Uint8Array>('log')
        .push([sealRecord(writer, fromBase64Url(planId), key.epoch, key.key, { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(plan))])
      return step2Message(Y.encodeStateAsUpdate(doc))
    })
    const s = await kit.reopenVia(parent, url, planId)
    await waitFor(() => s.status().state === 'error', 'the refusal shows')
    expect(s.status().errorCode).toBe('R19 plan-closed')
    expect(textOf(s)).toBe(before)
    expect(s.envelope.getArray('log').length).toBe(logLength)
  })
})
