/**
 * [P9] A parent writes the notes of a meeting she attends, against the real relay: once the IB
 * (who edits the meeting) marked her present, her notes reach everyone; her own mark, a presence
 * and a note in one record, another meeting's notes and anything else of the meeting are refused
 * by every other client (`content-forbidden`). Then she says "klopt" on the verslag, signed, and a
 * later change to the notes shows as changed after approval.
 */
import { describe, expect, it } from 'vitest'
import type { OpenPlanSession } from '../../src/access/planSession'
import { createMeetings, meetingNotesName } from '../../src/plan'
import { useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()
const refused = (s: OpenPlanSession) => s.quarantined().filter((q) => q.reason.includes('content-forbidden')).length

async function meetingWithMother() {
  const ib = await app.device('ib')
  const mother = await app.device('moeder')
  const carer = await app.device('jeugdhulp')
  const planId = await ib.client.createPlan({ childName: 'Lotte', party: 'professional', organisationName: 'De Regenboog' })
  const si = (await ib.client.openPlan(planId)) as OpenPlanSession
  await si.whenSynced()
  await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1 }))
  await carer.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'parent', expiresInHours: 1 }))
  const sm = (await mother.client.openPlan(planId)) as OpenPlanSession
  const sc = (await carer.client.openPlan(planId)) as OpenPlanSession
  const all = [si, sm, sc]
  await waitFor(() => all.every((s) => s.members().length === 3), 'everyone is a member everywhere')
  const IB = await app.memberKey(ib)
  const MUM = await app.memberKey(mother)
  const meeting = createMeetings(si.doc).add({ type: 'MDO', date: '2030-03-01', chair: IB }, IB)
  const other = createMeetings(si.doc).add({ type: 'OT', date: '2030-02-01' }, IB)
  await waitFor(() => all.every((s) => createMeetings(s.doc).list().length === 2), 'the meetings arrive')
  return { si, sm, sc, IB, MUM, meeting, other }
}

describe('[P9] meeting notes by a parent who attends', () => {
  it('her own mark opens nothing, not even in the same record; once the IB marks her present she writes the notes of that meeting, nothing else', async () => {
    const { si, sm, sc, MUM, meeting, other } = await meetingWithMother()
    const notes = (s: OpenPlanSession, id = meeting, item = 'zorgen') => s.doc.getText(meetingNotesName(id, item))

    // the order attack: she marks herself present and writes a note in one record
    sm.doc.transact(() => {
      createMeetings(sm.doc).markOwnPresence(other, MUM)
      notes(sm, other).insert(0, 'EIGEN-AANMELDING')
    })
    sm.flush()
    await sm.whenSynced()
    await waitFor(() => refused(si) === 1 && refused(sc) === 1, 'the record with the note is refused everywhere')
    for (const s of [si, sc]) {
      expect(notes(s, other).toString()).toBe('')
      expect(createMeetings(s.doc).get(other)?.attendees).toEqual([])
    }

    // her own mark alone arrives, and opens nothing
    createMeetings(sm.doc).markOwnPresence(meeting, MUM)
    await waitFor(() => [si, sc].every((s) => createMeetings(s.doc).get(meeting)?.selfMarked.includes(MUM)), 'her own mark arrives')
    notes(sm).insert(0, 'NOG-NIET')
    sm.flush()
    await sm.whenSynced()
    await waitFor(() => refused(si) === 2 && refused(sc) === 2, 'a note on her own mark is refused')
    for (const s of [si, sc]) expect(notes(s).toString()).toBe('')

    // the IB confirms her presence: from then on her notes reach everyone
    createMeetings(si.doc).addAttendee(meeting, { kind: 'member', memberKey: MUM })
    await waitFor(() => createMeetings(sm.doc).get(meeting)?.selfMarked.length === 0, 'the confirmation reaches her')
    const fresh = notes(sm, meeting, 'gaat goed')
    fresh.insert(0, 'Lotte leest graag voor')
    await waitFor(() => [si, sc].every((s) => notes(s, meeting, 'gaat goed').toString() === 'Lotte leest graag voor'), 'her note reaches everyone')

    // just outside: another meeting's notes, an item not on this agenda, a decision, the date
    notes(sm, other, 'vraag').insert(0, 'ANDER-OVERLEG')
    sm.flush()
    sm.doc.getText(meetingNotesName(meeting, 'rondvraag')).insert(0, 'GEEN-AGENDAPUNT')
    sm.flush()
    createMeetings(sm.doc).addDecision(meeting, 'EIGEN-BESLUIT', MUM)
    sm.flush()
    createMeetings(sm.doc).update(meeting, { date: '2031-01-01' })
    sm.flush()
    await sm.whenSynced()
    await waitFor(() => refused(si) === 6 && refused(sc) === 6, 'every other client refuses the four')
    for (const s of [si, sc]) {
      expect(notes(s, other, 'vraag').toString()).toBe('')
      expect(s.doc.getText(meetingNotesName(meeting, 'rondvraag')).toString()).toBe('')
      expect(createMeetings(s.doc).get(meeting)).toMatchObject({ decisions: [], date: '2030-03-01' })
    }

    // the IB takes her presence away: her next note is refused again
    createMeetings(si.doc).removeAttendee(meeting, { kind: 'member', memberKey: MUM })
    await waitFor(() => createMeetings(sm.doc).get(meeting)?.attendees.length === 0, 'the removal reaches her')
    notes(sm, meeting, 'vraag').insert(0, 'NA-AFMELDING')
    sm.flush()
    await sm.whenSynced()
    await waitFor(() => refused(si) === 7, 'her note after the removal is refused')
    expect(notes(si, meeting, 'vraag').toString()).toBe('')
    expect(notes(si, meeting, 'gaat goed').toString()).toBe('Lotte leest graag voor')
  })

  it('she says "klopt" on the verslag, signed; every device sees it for that version, and "changed" once the notes change', async () => {
    const { si, sm, sc, IB, MUM, meeting } = await meetingWithMother()
    createMeetings(si.doc).notes(meeting, 'zorgen').insert(0, 'Slaapt slecht')
    createMeetings(si.doc).addDecision(meeting, 'Aanmelden bij jeugdarts', IB, Date.now(), 'zorgen')
    await waitFor(
      () => sm.verslag(meeting)?.hash === si.verslag(meeting)?.hash && sm.verslag(meeting)?.report.items[3]?.decisions.length === 1,
      'the notes reach her',
    )
    expect(si.mayApprove()).toBe(false)
    expect(sc.mayApprove()).toBe(false) // a parent without gezag
    expect(() => si.signVerslag(meeting, 'klopt')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    const shown = sm.verslag(meeting)!.hash
    sm.signVerslag(meeting, 'klopt', '', shown)
    await waitFor(() => si.verslagStatus(meeting).signers.find((x) => x.memberKey === MUM)?.state === 'current', 'her klopt reaches the IB, verified')
    expect(sc.verslagStatus(meeting).signers.map((x) => x.memberKey)).toEqual([MUM])

    createMeetings(si.doc).notes(meeting, 'zorgen').insert(0, 'Na akkoord: ')
    await waitFor(() => sm.verslagStatus(meeting).signers[0]?.state === 'changed', 'she sees it changed after her klopt')
    expect(() => sm.signVerslag(meeting, 'klopt', '', shown)).toThrow(expect.objectContaining({ code: 'document-changed' }))
    sm.signVerslag(meeting, 'correctie', 'Het was de huisarts, niet de jeugdarts.')
    await waitFor(() => si.verslagStatus(meeting).signers[0]?.state === 'correction', 'her correction reaches the IB')
    expect(si.verslagStatus(meeting).signers[0]?.latest?.remark).toBe('Het was de huisarts, niet de jeugdarts.')
  })
})
