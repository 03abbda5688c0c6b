/**
 * What is someone's own inside the plan, against the real relay: a contributor parent ticks
 * "Gedaan" on her own afspraak and marks her own presence (P1), and a voice belongs to its owners
 * whatever their role (P4): the IB, an admin, cannot write the parents' voice, but can comment
 * beside it. Every other client refuses what is not the author's (`content-forbidden`).
 */
import { describe, expect, it } from 'vitest'
import { createActions, createMeetings, createVoices, organisationKindOf, voiceCommentName } from '../../src/plan'
import type { OpenPlanSession } from '../../src/access/planSession'
import { useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()
const refused = (s: OpenPlanSession) => s.quarantined().filter((q) => q.reason.includes('content-forbidden')).length

/** An IB (admin, a professional of the school that started the plan), a mother (contributor, gezag) and a father (contributor), all in sync. */
async function family() {
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
  return { si, sm, sf, all, ib: await app.memberKey(ib), mum: await app.memberKey(mother), dad: await app.memberKey(father) }
}

describe('[P1] a contributor acts on what is theirs', () => {
  it('ticks Gedaan on her own afspraak and marks her own presence; someone else’s afspraak or presence, or the afspraak’s text, are refused by every client', async () => {
    const { si, sm, sf, all, ib, mum } = await family()
    const actions = createActions(si.doc)
    const hers = actions.add({ what: 'Samen lezen', who: 'moeder', whoKey: mum }, ib)
    const his = actions.add({ what: 'Elke week bellen', who: 'IB', whoKey: ib }, ib)
    const meeting = createMeetings(si.doc).add({ type: 'MDO', date: '2030-03-01' }, ib)
    await waitFor(
      () => all.every((s) => createActions(s.doc).list().length === 2 && createMeetings(s.doc).list().length === 1),
      'the afspraken and the meeting arrive',
    )

    createActions(sm.doc).setDone(hers, true)
    createMeetings(sm.doc).markOwnPresence(meeting, mum)
    await waitFor(() => [si, sf].every((s) => createActions(s.doc).get(hers)?.done === true), 'her Gedaan reaches everyone')
    await waitFor(
      () =>
        [si, sf].every((s) =>
          createMeetings(s.doc)
            .get(meeting)
            ?.attendees.some((a) => a.kind === 'member' && a.memberKey === mum),
        ),
      'her presence reaches everyone',
    )

    // just outside: the IB's afspraak, the text of her own, the IB's presence
    createActions(sm.doc).setDone(his, true)
    sm.flush()
    createActions(sm.doc).update(hers, { what: 'Samen lezen, elke avond' })
    sm.flush()
    createMeetings(sm.doc).addAttendee(meeting, { kind: 'member', memberKey: ib })
    sm.flush()
    await sm.whenSynced()
    await waitFor(() => refused(si) === 3 && refused(sf) === 3, 'every other client refuses the three')
    for (const s of [si, sf]) {
      expect(createActions(s.doc).get(his)?.done).toBe(false)
      expect(createActions(s.doc).get(hers)?.what).toBe('Samen lezen')
      expect(createMeetings(s.doc).get(meeting)?.attendees).toEqual([{ kind: 'member', memberKey: mum }])
    }

    // and unticking her own still arrives after the refusals
    createActions(sm.doc).setDone(hers, false)
    await waitFor(() => [si, sf].every((s) => createActions(s.doc).get(hers)?.done === false), 'unticking reaches everyone')
  })
})

describe('[P4] voices belong to their owners', () => {
  it('the IB (admin) cannot write the parents’ voice, but writes the school’s and comments beside the parents’; a comment in another’s name is refused', async () => {
    const { si, sm, sf, ib, mum } = await family()
    expect(organisationKindOf(si.doc, si.organisationOf(ib))).toBe('school')

    createVoices(sm.doc).text('ouders', 'zorgen').insert(0, 'Slaapt slecht.')
    createVoices(si.doc).text('school', 'zorgen').insert(0, 'Leest traag.')
    await waitFor(() => [si, sf].every((s) => createVoices(s.doc).text('ouders', 'zorgen').toString() === 'Slaapt slecht.'), 'the parents’ voice arrives')
    await waitFor(() => [sm, sf].every((s) => createVoices(s.doc).text('school', 'zorgen').toString() === 'Leest traag.'), 'the school’s voice arrives')

    // the IB writes in the parents' voice: her own device shows it, nobody else's
    createVoices(si.doc).text('ouders', 'zorgen').insert(0, 'VAN-IB ')
    si.flush()
    // a comment beside it, in her own name: accepted
    createVoices(si.doc).comment('ouders', ib).insert(0, 'Sinds de verhuizing?')
    si.flush()
    // the mother writes a comment in the IB's name: refused
    sm.doc.getText(voiceCommentName('school', ib)).insert(0, 'NIET-VAN-IB')
    sm.flush()
    await Promise.all([si.whenSynced(), sm.whenSynced()])
    await waitFor(() => [sm, sf].every((s) => createVoices(s.doc).comments('ouders').length === 1), 'the comment arrives')
    await waitFor(() => refused(sm) === 1 && refused(sf) === 2 && refused(si) === 1, 'every other client refuses')
    for (const s of [sm, sf]) {
      expect(createVoices(s.doc).text('ouders', 'zorgen').toString()).toBe('Slaapt slecht.')
      expect(createVoices(s.doc).comments('ouders')).toEqual([{ memberKey: ib, text: 'Sinds de verhuizing?' }])
    }
    for (const s of [si, sf]) expect(createVoices(s.doc).comments('school')).toEqual([])
    expect(mum).not.toBe(ib)
  })
})
