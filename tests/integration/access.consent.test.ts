/**
 * R12 against the real relay: data-sharing consent per organisation, given by a parent with
 * gezag (or the youth from 16), decides who from an organisation may be in a plan. Each rule
 * with its attack: a consent bypass with raw records, a forged consent, a withdrawn or expired
 * consent that should shut a professional out.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { OpenError, createConsentRecord, createMemberRecord, createWriter, openRecord, type Writer } from '../../src/sync/records'
import { liveBlobs } from '../../src/sync/roomState'
import { AccessError } from '../../src/access/errors'
import { connectAs, createPlanOnRelay, errorOf, isError, pushBlobs, readRelayLog, syncMessage, type RawClient, type TestPlan } from '../helpers/relayProcess'
import { textOf, waitFor, useDevicesOnRelay } from '../helpers/nodeDevice'
import { waitForRefusalOnReconnect } from '../helpers/waits'

const HOUR = 3_600_000
const SCHOOL = 'Basisschool De Linde'

const app = useDevicesOnRelay()
const device = app.device

const memberKey = app.memberKey

/** A parent with gezag starts the plan: the admin. */
async function parentsPlan() {
  const parent = await device('ouder')
  const planId = await parent.client.createPlan({ childName: 'Mees', party: 'gezag' })
  const sp = await parent.client.openPlan(planId)
  await sp.whenSynced()
  return { parent, sp, planId }
}

async function joinAsProfessional(sp: Awaited<ReturnType<typeof parentsPlan>>['sp'], planId: string, name: string) {
  const link = await sp.createInvite({ role: 'editor', expiresInHours: 1, party: 'professional', organisationName: SCHOOL, name })
  // the link goes out once the relay holds the invite (a person does not click it within milliseconds)
  await sp.whenSynced()
  const d = await device(name)
  await d.client.acceptInvite(link)
  return { device: d, session: await d.client.openPlan(planId) }
}

describe('consent for an organisation', () => {
  it('[R12] a gezag parent gives consent, then the admin invites a professional of that organisation', async () => {
    const { sp, planId } = await parentsPlan()
    expect(sp.mayGiveConsent()).toBe(true)
    // before consent the client says why, and writes nothing
    const before = [...liveBlobs(sp.envelope)].length
    await expect(sp.createInvite({ role: 'editor', expiresInHours: 1, party: 'professional', organisationName: SCHOOL })).rejects.toMatchObject({
      code: 'consent-missing',
    })
    expect([...liveBlobs(sp.envelope)].length).toBe(before)

    const orgId = await sp.giveConsent({ organisationName: SCHOOL, purpose: 'Het plan delen met de IB en de leerkracht', expiresAt: Date.now() + 24 * HOUR })
    expect(sp.organisations()).toContainEqual({ id: orgId, name: SCHOOL })
    expect(sp.consents()[0]).toMatchObject({ organisationId: orgId, organisationName: SCHOOL, status: 'live', givenBy: await memberKey(app.devices[0]!) })

    const ib = await joinAsProfessional(sp, planId, 'IB')
    const ibKey = await memberKey(ib.device)
    await waitFor(() => sp.party(ibKey) === 'professional', 'the parent sees the professional join')
    expect(sp.organisationOf(ibKey)).toBe(orgId)
    expect(ib.session.party(ibKey)).toBe('professional')
    expect(ib.session.mayGiveConsent()).toBe(false)
    await expect(ib.session.giveConsent({ organisationName: 'Wijkteam', purpose: 'x', expiresAt: Date.now() + HOUR })).rejects.toMatchObject({
      code: 'consent-forbidden',
    })
    // the consent's details were written from the parent's device and read on the IB's
    await waitFor(() => ib.session.consents().some((c) => c.status === 'live' && c.purpose.startsWith('Het plan delen')), 'the IB reads the consent')
    ib.session.doc.getText('notes').insert(0, 'van school;')
    await waitFor(() => textOf(sp).includes('van school;'), 'the professional writes')
  })

  it("[R12] withdrawal closes the professional's connection, it cannot reconnect, and the key rotates past it", async () => {
    const { sp, planId } = await parentsPlan()
    const orgId = await sp.giveConsent({ organisationName: SCHOOL, purpose: 'Begeleiding in de klas', expiresAt: Date.now() + 24 * HOUR })
    // a second parent with gezag who is not an admin withdraws, while the admin is offline
    const link = await sp.createInvite({ role: 'contributor', expiresInHours: 1, party: 'gezag', name: 'Papa' })
    const dad = await device('papa')
    await dad.client.acceptInvite(link)
    const sd = await dad.client.openPlan(planId)
    const ib = await joinAsProfessional(sp, planId, 'IB')
    ib.session.doc.getText('notes').insert(0, 'voor;')
    await waitFor(() => textOf(sd).includes('voor;') && textOf(sp).includes('voor;'), 'everyone reads the IB')
    await sp.whenSynced()
    await sd.whenSynced()
    sp.disconnect()

    expect(sd.mayGiveConsent()).toBe(true)
    await sd.withdrawConsent(orgId)
    await waitFor(() => ib.session.status().state === 'error', 'the relay closes the professional')
    expect(ib.session.status().errorCode).toBe('access-ended')
    expect(app.relay.events().some((e) => e.event === 'conn-access-ended')).toBe(true)

    // reconnecting is refused with 4403 consent-missing (the admin has not removed them yet)
    const ibKey = await memberKey(ib.device)
    expect(sd.room.members.has(ibKey)).toBe(true)
    ib.session.connect()
    await waitFor(() => ib.session.closedFinally() !== null && ib.session.relayErrorCode() === 'consent-missing', 'reconnect refused')
    expect(ib.session.closedFinally()!.code).toBe(CLOSE.forbidden)

    // the admin comes back, sees the withdrawal and removes the school's people with a rotation
    const epochBefore = sp.keys.newest()!.epoch
    sp.connect()
    await waitFor(() => !sp.room.members.has(ibKey), 'the admin removes the professional')
    await waitFor(() => (sp.keys.newest()?.epoch ?? 0) > epochBefore && sd.keys.newest()?.epoch === sp.keys.newest()?.epoch, 'new key for who stays')
    expect(sp.consents().find((c) => c.organisationId === orgId)?.status).toBe('withdrawn')
    sp.doc.getText('notes').insert(0, 'NA-INTREKKEN;')
    await waitFor(() => textOf(sd).includes('NA-INTREKKEN;'), 'the parents read on')
    ib.session.connect()
    await waitFor(() => ['not-a-member', 'consent-missing'].includes(ib.session.relayErrorCode() ?? ''), 'still refused')
    expect(textOf(ib.session)).not.toContain('NA-INTREKKEN')

    // with every blob the relay holds, the professional's keys open nothing written afterwards
    await sd.whenSynced()
    for (const { blob } of liveBlobs(sd.envelope)) {
      if (blob.kind !== 'update' && blob.kind !== 'snapshot') continue
      try {
        const plaintext = openRecord(blob, ib.session.keys.get)
        expect(blob.epoch).toBeLessThanOrEqual(epochBefore)
        expect(Buffer.from(plaintext).includes(Buffer.from('NA-INTREKKEN'))).toBe(false)
      } catch (err) {
        if (!(err instanceof OpenError)) throw err
        expect(err.code).toBe('no-key')
      }
    }
  })

  it('[R12] an admin with gezag who withdraws removes and rotates in the same step', async () => {
    const { sp, planId } = await parentsPlan()
    const orgId = await sp.giveConsent({ organisationName: SCHOOL, purpose: 'OPP', expiresAt: Date.now() + HOUR })
    const ib = await joinAsProfessional(sp, planId, 'IB')
    const ibKey = await memberKey(ib.device)
    await waitFor(() => sp.room.members.has(ibKey), 'joined')
    const epochBefore = sp.keys.newest()!.epoch
    await sp.withdrawConsent(orgId)
    expect(sp.room.members.has(ibKey)).toBe(false)
    expect(sp.keys.newest()!.epoch).toBe(epochBefore + 1)
    await waitFor(() => ib.session.status().state === 'error', 'the professional is closed')
    expect(ib.session.status().errorCode).toBe('access-ended')
    await sp.whenSynced()
  })

  it('[R12] an expired consent: the professional is not admitted any more', async () => {
    const { sp, planId } = await parentsPlan()
    const expiresAt = Date.now() + 8000
    await sp.giveConsent({ organisationName: SCHOOL, purpose: 'Kort', expiresAt })
    const ib = await joinAsProfessional(sp, planId, 'IB')
    await ib.session.whenSynced()
    await waitFor(() => Date.now() > expiresAt + 200, 'the consent expires', 10_000)
    expect(sp.consents()[0]!.status).toBe('expired')
    // still connected when it ran out: the next write in the plan reaches the relay, which
    // closes the professional before forwarding it
    sp.doc.getText('notes').insert(0, 'NA-VERLOPEN;')
    await waitFor(() => ib.session.status().state === 'error', 'the relay closes the professional')
    expect(ib.session.status().errorCode).toBe('access-ended')
    // refused on a new socket (its code replaces access-ended), a round trip after the close: a
    // write the relay had forwarded before closing came in ahead of the close and was handled
    ib.session.connect()
    await waitFor(() => ib.session.relayErrorCode() === 'consent-missing', 'refused after expiry')
    expect(textOf(ib.session)).not.toContain('NA-VERLOPEN')
    expect(ib.session.closedFinally()!.code).toBe(CLOSE.forbidden)
    // and no new invite for the school either
    await expect(sp.createInvite({ role: 'reader', expiresInHours: 1, party: 'professional', organisationName: SCHOOL })).rejects.toBeInstanceOf(AccessError)
  })
})

describe('a reader with gezag', () => {
  it('[R12][P3] gives consent with its details; writes nothing else into the plan', async () => {
    const { sp, planId } = await parentsPlan()
    const link = await sp.createInvite({ role: 'reader', expiresInHours: 1, party: 'gezag', name: 'Papa' })
    await sp.whenSynced()
    const dad = await device('papa-lezer')
    await dad.client.acceptInvite(link)
    const sd = await dad.client.openPlan(planId)
    await waitFor(() => sd.role() === 'reader', 'joined as reader')
    expect(sd.mayGiveConsent()).toBe(true)
    const orgId = await sd.giveConsent({ organisationName: 'Wijkteam Noord', purpose: 'Gezinscoach leest mee', expiresAt: Date.now() + HOUR })
    await sd.whenSynced()
    await waitFor(
      () => sp.consents().some((c) => c.organisationId === orgId && c.status === 'live' && c.purpose === 'Gezinscoach leest mee'),
      'the admin reads the details',
    )
    expect(sp.organisations()).toContainEqual({ id: orgId, name: 'Wijkteam Noord' })
    // anything else a reader writes is refused by every client
    const before = sp.quarantined().length
    sd.doc.getText('notes').insert(0, 'MAG-NIET;')
    sd.flush()
    await waitFor(() => sp.quarantined().length > before, 'the admin refuses it')
    expect(sp.quarantined().at(-1)!.reason).toBe('update content-forbidden')
    expect(textOf(sp)).not.toContain('MAG-NIET')
  })
})

describe('a plan started by a professional', () => {
  it('[R12] the IB starts without consent, the parents decide about the school, and a withdrawal shuts the school out even when its IB is the only admin', async () => {
    const ibDevice = await device('ib-maker')
    const planId = await ibDevice.client.createPlan({ childName: 'Noa', party: 'professional', organisationName: SCHOOL })
    const si = await ibDevice.client.openPlan(planId)
    await si.whenSynced()
    const ibKey = await memberKey(ibDevice)
    const schoolId = si.organisationOf(ibKey)!
    expect(si.organisations()).toContainEqual({ id: schoolId, name: SCHOOL })
    // a colleague needs consent; the parents need none
    await expect(si.createInvite({ role: 'editor', expiresInHours: 1, party: 'professional', organisationId: schoolId })).rejects.toMatchObject({
      code: 'consent-missing',
    })
    const link = await si.createInvite({ role: 'editor', expiresInHours: 1, party: 'gezag', name: 'Moeder' })
    await si.whenSynced()
    const mum = await device('moeder')
    await mum.client.acceptInvite(link)
    const sm = await mum.client.openPlan(planId)
    // the mother gives consent for the school by its name: the same organisation as the IB's
    await waitFor(() => sm.organisations().some((o) => o.id === schoolId), 'the mother reads the school')
    expect(await sm.giveConsent({ organisationName: 'basisschool de linde', purpose: 'OPP', expiresAt: Date.now() + HOUR })).toBe(schoolId)
    await waitFor(() => si.consents().some((c) => c.status === 'live'), 'the IB sees the consent')
    const colleague = await joinAsProfessional(si, planId, 'Leerkracht')
    const colleagueKey = await memberKey(colleague.device)
    await waitFor(() => sm.room.members.has(colleagueKey), 'the colleague joined')

    // the mother withdraws: both people of the school are shut out; the IB is the last admin, so
    // nobody can remove them, but the relay refuses them from now on
    await sm.withdrawConsent(schoolId)
    await waitFor(() => si.status().state === 'error' && colleague.session.status().state === 'error', 'the school is closed')
    await waitFor(() => {
      if (!si.status().online) si.connect()
      return si.relayErrorCode() === 'consent-missing'
    }, 'the IB is refused')
    sm.doc.getText('notes').insert(0, 'ALLEEN-OUDERS;')
    await sm.whenSynced()
    // the relay holds the write and refuses the school's devices once more, before sending a thing
    await waitForRefusalOnReconnect(si, 'the IB is refused after the write')
    await waitForRefusalOnReconnect(colleague.session, 'the colleague is refused after the write')
    expect(textOf(si)).not.toContain('ALLEEN-OUDERS')
    expect(textOf(colleague.session)).not.toContain('ALLEEN-OUDERS')
    // giving consent again lets the school back in
    await sm.giveConsent({ organisationId: schoolId, purpose: 'OPP, opnieuw', expiresAt: Date.now() + HOUR })
    await sm.whenSynced()
    // (a refused socket may still be closing: ask again until one is open)
    await waitFor(() => {
      if (!si.status().online) si.connect()
      return textOf(si).includes('ALLEEN-OUDERS;')
    }, 'the IB reads on after the new consent')
    await si.whenSynced()
    expect(si.status().state).toBe('synced')
  })
})

describe('consent bypass attempts (raw records)', () => {
  let plan: TestPlan & { client: RawClient }
  let gezag: Writer
  let carer: Writer
  let observer: RawClient

  beforeAll(async () => {
    plan = await createPlanOnRelay(app.relay)
    gezag = createWriter(generateSigningKeyPair())
    carer = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: gezag.identity.publicKey, role: 'contributor', party: 'gezag' }),
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: carer.identity.publicKey, role: 'editor', party: 'parent' }),
    ])
    observer = connectAs(app.relay, gezag.identity, plan.planId)
    await observer.opened
  })

  /** Sends as `who` on a fresh connection; expects R12 `code`, nothing stored, nothing forwarded. */
  async function expectRefused(who: Writer, blobs: Uint8Array[], code: string) {
    const before = (await readRelayLog(app.relay, plan.admin.identity, plan.planId)).map(toHex)
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(plan.doc))
    const sv = Y.encodeStateVector(scratch)
    scratch.getArray<Uint8Array>('log').push(blobs)
    const client = connectAs(app.relay, who.identity, plan.planId)
    await client.opened
    const seenByObserver = observer.received.length
    client.send(syncMessage(2, Y.encodeStateAsUpdate(scratch, sv)))
    const closed = await client.closed
    expect(closed).toEqual({ code: CLOSE.rejected, reason: `R12 ${code}` })
    expect(errorOf(client.received.find(isError)!)).toMatchObject({ rule: 'R12', code })
    expect((await readRelayLog(app.relay, plan.admin.identity, plan.planId)).map(toHex)).toEqual(before)
    const forwarded = observer.received.slice(seenByObserver).filter((m) => m[0] === 0 && m[1] === 2)
    for (const m of forwarded) {
      const d = decoding.createDecoder(m)
      decoding.readVarUint(d)
      decoding.readVarUint(d)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, decoding.readVarUint8Array(d))
      for (const b of blobs) expect(doc.getArray<Uint8Array>('log').toArray().map(toHex)).not.toContain(toHex(b))
    }
  }

  it('[R12] an admin inviting a professional without consent, past the client check, is refused', async () => {
    const org = globalThis.crypto.getRandomValues(new Uint8Array(32))
    const invite = generateSigningKeyPair()
    const record = createMemberRecord(plan.admin, plan.planId, {
      op: 'invite',
      subject: invite.publicKey,
      role: 'editor',
      expiresAt: Date.now() + HOUR,
      party: 'professional',
      organisation: org,
    })
    await expectRefused(plan.admin, [record], 'consent-missing')
    const add = createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: invite.publicKey, role: 'editor', party: 'professional', organisation: org })
    await expectRefused(plan.admin, [add], 'consent-missing')
    // or unlabelled, as records were before parties
    const bare = createMemberRecord(plan.admin, plan.planId, { op: 'invite', subject: invite.publicKey, role: 'editor', expiresAt: Date.now() + HOUR })
    await expectRefused(plan.admin, [bare], 'party-missing')
    // or as a professional without organisation
    const loose = createMemberRecord(plan.admin, plan.planId, {
      op: 'invite',
      subject: invite.publicKey,
      role: 'editor',
      expiresAt: Date.now() + HOUR,
      party: 'professional',
    })
    await expectRefused(plan.admin, [loose], 'organisation-missing')
  })

  it('[R12] a consent forged by the admin or a parent without gezag is refused, and cannot carry an invite', async () => {
    const org = globalThis.crypto.getRandomValues(new Uint8Array(32))
    const consent = (w: Writer) =>
      createConsentRecord(w, plan.planId, { op: 'give', organisation: org, expiresAt: Date.now() + HOUR, details: new Uint8Array(32) })
    await expectRefused(carer, [consent(carer)], 'consent-forbidden')
    await expectRefused(plan.admin, [consent(plan.admin)], 'consent-forbidden')
    // a non-member signing with its own key
    await expectRefused(plan.admin, [consent(createWriter(generateSigningKeyPair()))], 'consent-forbidden')
  })

  it('[R12] a real consent from the gezag parent lets the same invite through, and the observer gets it', async () => {
    const org = globalThis.crypto.getRandomValues(new Uint8Array(32))
    const consent = createConsentRecord(gezag, plan.planId, { op: 'give', organisation: org, expiresAt: Date.now() + HOUR, details: new Uint8Array(32) })
    const gezagDoc = new Y.Doc()
    Y.applyUpdate(gezagDoc, Y.encodeStateAsUpdate(plan.doc))
    const gezagClient = connectAs(app.relay, gezag.identity, plan.planId)
    await gezagClient.opened
    await pushBlobs(gezagClient, gezagDoc, [consent])
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(gezagDoc))
    const invite = generateSigningKeyPair()
    const record = createMemberRecord(plan.admin, plan.planId, {
      op: 'invite',
      subject: invite.publicKey,
      role: 'editor',
      expiresAt: Date.now() + HOUR,
      party: 'professional',
      organisation: org,
    })
    const admin = connectAs(app.relay, plan.admin.identity, plan.planId)
    await admin.opened
    await pushBlobs(admin, plan.doc, [record])
    const log = (await readRelayLog(app.relay, plan.admin.identity, plan.planId)).map(toHex)
    expect(log).toContain(toHex(record))
    expect(log).toContain(toHex(consent))
    gezagClient.close()
    admin.close()
  })
})
