/**
 * [P10] A meeting's preparation belongs to its writer, against the real relay: a mother with
 * gezag (contributor) answers the three questions on her laptop and on her phone (a device she
 * linked: the same person), and everyone reads them; the IB (admin) and the father write their
 * own, and every other client refuses a write into someone else's (`content-forbidden`), admin
 * included. "Voor jou" asks for the meeting until one has prepared it.
 */
import { describe, expect, it } from 'vitest'
import { createMeetings, createPreparations, preparationTextName, preparationsForItem } from '../../src/plan'
import type { OpenPlanSession } from '../../src/access/planSession'
import { toPrepareIn } from '../../src/access/preparations'
import { useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()
const refused = (s: OpenPlanSession) => s.quarantined().filter((q) => q.reason.includes('content-forbidden')).length
const answers = (s: OpenPlanSession, meeting: string) => createPreparations(s.doc).forMeeting(meeting)

/** An IB (admin, the school that started the plan), a mother (contributor, gezag) and a father (contributor), all in sync, with a meeting ahead. */
async function familyWithMeeting() {
  const ib = await app.device('ib')
  const mother = await app.device('moeder')
  const father = await app.device('vader')
  const planId = await ib.client.createPlan({ childName: 'Lotte', party: 'professional', organisationName: 'De Regenboog' })
  const si = (await ib.client.openPlan(planId)) as OpenPlanSession
  await si.whenSynced()
  await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1 }))
  await father.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'parent', expiresInHours: 1 }))
  const sm = (await mother.client.openPlan(planId)) as OpenPlanSession
  const sf = (await father.client.openPlan(planId)) as OpenPlanSession
  const all = [si, sm, sf]
  await waitFor(() => all.every((s) => s.members().length === 3), 'everyone is a member everywhere')
  const ibKey = await app.memberKey(ib)
  const meeting = createMeetings(si.doc).add({ type: 'MDO', date: '2099-03-01' }, ibKey)
  await waitFor(() => all.every((s) => createMeetings(s.doc).get(meeting) !== null), 'the meeting arrives')
  return { planId, mother, si, sm, sf, all, meeting, ib: ibKey, mum: await app.memberKey(mother), dad: await app.memberKey(father) }
}

describe('[P10] a preparation belongs to its writer', () => {
  it('each writes their own and everyone reads them; the IB (admin) and the father writing into the mother’s are refused by every other client', async () => {
    const { si, sm, sf, all, meeting, ib, mum, dad } = await familyWithMeeting()
    expect(toPrepareIn(sm, mum)).toEqual([{ meetingId: meeting, date: '2099-03-01' }])

    createPreparations(sm.doc).text(meeting, mum, 'goes-well').insert(0, 'Hij leest elke avond.')
    createPreparations(sm.doc).text(meeting, mum, 'worries').insert(0, 'Slaapt slecht.')
    createPreparations(si.doc).text(meeting, ib, 'discuss').insert(0, 'De toets van juni')
    createPreparations(sf.doc).text(meeting, dad, 'worries').insert(0, 'Te veel huiswerk.')
    await waitFor(() => all.every((s) => answers(s, meeting).length === 3), 'every preparation reaches everyone')
    expect(toPrepareIn(sm, mum)).toEqual([])
    expect(toPrepareIn(si, ib)).toEqual([])

    // just outside: the IB (admin) and the father write into the mother's answers
    si.doc.getText(preparationTextName(meeting, mum, 'worries')).insert(0, 'VAN-IB ')
    si.flush()
    sf.doc.getText(preparationTextName(meeting, mum, 'goes-well')).insert(0, 'VAN-VADER ')
    sf.flush()
    await Promise.all([si.whenSynced(), sf.whenSynced()])
    await waitFor(() => refused(sm) === 2 && refused(si) === 1 && refused(sf) === 1, 'every other client refuses')
    for (const s of [sm, sf]) expect(preparationsForItem(s.doc, meeting, 'worries', (k) => k === mum)).toEqual([{ memberKey: mum, text: 'Slaapt slecht.' }])
    for (const s of [sm, si])
      expect(preparationsForItem(s.doc, meeting, 'goes-well', (k) => k === mum)).toEqual([{ memberKey: mum, text: 'Hij leest elke avond.' }])

    // her own writing still arrives after the refusals
    createPreparations(sm.doc).text(meeting, mum, 'discuss').insert(0, 'Zwemles')
    await waitFor(() => [si, sf].every((s) => answers(s, meeting).find((p) => p.memberKey === mum)?.answers.discuss === 'Zwemles'), 'her next answer arrives')
  })

  it('her second device writes into her preparation (the same person), and everyone takes it', async () => {
    const { planId, mother, si, sf, meeting, mum } = await familyWithMeeting()
    const made = await mother.client.createDeviceLink()
    const phone = await app.device('telefoon')
    expect(await phone.client.acceptDeviceLink(made.link)).toMatchObject([{ planId, state: 'joined' }])
    const sp = (await phone.client.openPlan(planId)) as OpenPlanSession
    await waitFor(() => [si, sf].every((s) => s.members().length === 4), 'the phone is a member everywhere')
    // the answers are kept under the person's key: her first device's, also on the phone
    expect(sp.members().find((m) => m.memberKey === (sp.myDevices().find((d) => d.thisDevice)?.memberKey ?? ''))?.person).toBe(mum)

    createPreparations(sp.doc).text(meeting, mum, 'worries').insert(0, 'Vanaf de telefoon.')
    await waitFor(
      () => [si, sf].every((s) => preparationsForItem(s.doc, meeting, 'worries').some((p) => p.text === 'Vanaf de telefoon.')),
      'the phone’s answer arrives',
    )
    expect(refused(si) + refused(sf)).toBe(0)
  })
})
