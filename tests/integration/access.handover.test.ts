/**
 * Warme overdracht against the real relay: a parent with gezag hands the plan over to the next
 * school. The new plan holds only the chosen parts (no history: no record of the old members,
 * no evaluations), the parent is its admin, the receiving IB joins it with the parent's consent
 * (R12), and the sending school's access to the old plan ends at the chosen date.
 */
import { describe, expect, it } from 'vitest'
import { handOverPlan } from '../../src/access'
import { createGoals, createObservations, createOrganisations, createVoices } from '../../src/plan'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { liveBlobs } from '../../src/sync/roomState'
import { useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const HOUR = 3_600_000
const OLD_SCHOOL = 'Basisschool De Linde'
const NEW_SCHOOL = 'Het Anker'

const app = useDevicesOnRelay()

describe('warme overdracht', () => {
  it('seeds a new plan from the chosen parts without history, invites the receiving IB with consent, and ends the sending school’s access', async () => {
    const parent = await app.device('ouder')
    const oldPlanId = await parent.client.createPlan({ childName: 'Mees', party: 'gezag' })
    const sp = await parent.client.openPlan(oldPlanId)
    const oldSchool = await sp.giveConsent({ organisationName: OLD_SCHOOL, purpose: 'Begeleiding', expiresAt: Date.now() + 24 * HOUR })
    createOrganisations(sp.doc).setKind(oldSchool, 'school')
    const link = await sp.createInvite({ role: 'editor', expiresInHours: 1, party: 'professional', organisationId: oldSchool, name: 'IB De Linde' })
    await sp.whenSynced()
    const oldIb = await app.device('ib-oud')
    await oldIb.client.acceptInvite(link)
    const ibs = await oldIb.client.openPlan(oldPlanId)
    const oldIbKey = await app.memberKey(oldIb)
    // the old school writes a goal with an evaluation, an observation and the school's voice
    const goal = createGoals(ibs.doc).add({ title: 'Lezen op niveau', description: 'AVI E5', domain: 'leren' }, oldIbKey)
    createGoals(ibs.doc).addEvaluation(goal, { date: '2026-11-20', result: 'deels', decision: 'doorgaan' }, oldIbKey)
    createObservations(ibs.doc).add({ date: '2026-11-01', text: 'Las een boek', context: 'school' }, oldIbKey)
    createVoices(ibs.doc).text('school', 'krachten').insert(0, 'Helpt anderen')
    await ibs.whenSynced()
    await waitFor(() => createGoals(sp.doc).list().length === 1 && createVoices(sp.doc).snapshot().school.krachten !== '', 'the parent has the school’s work')
    createVoices(sp.doc).text('ouders', 'zorgen').insert(0, 'Slaapt slecht')
    await sp.whenSynced()

    const accessEndsAt = Date.now() + 5000
    const handover = await handOverPlan(parent.client, sp, {
      sections: ['goals', 'voices', 'needs'],
      receivingSchool: NEW_SCHOOL,
      receiverName: 'IB Het Anker',
      purpose: 'Warme overdracht naar groep 6',
      consentUntil: Date.now() + 24 * HOUR,
      sending: { organisationId: oldSchool, accessEndsAt, purpose: 'Tot de overdracht' },
    })
    const np = await parent.client.openPlan(handover.planId)
    await np.whenSynced()
    const parentKey = await app.memberKey(parent)

    // content only: the goal without its evaluation, the parents' voice, not the school's; nothing else
    expect(createGoals(np.doc).list()).toMatchObject([{ title: 'Lezen op niveau', description: 'AVI E5', evaluations: [] }])
    expect(createObservations(np.doc).list()).toEqual([])
    expect(createVoices(np.doc).snapshot().ouders.zorgen).toBe('Slaapt slecht')
    expect(createVoices(np.doc).snapshot().school.krachten).toBe('')
    // no history and no old members: every record of the new plan is the parent's own
    const authors = new Set([...liveBlobs(np.envelope)].map(({ blob }) => toHex(blob.author)))
    expect([...authors]).toEqual([parentKey])
    expect(np.role()).toBe('admin')
    expect(np.members().map((m) => m.memberKey)).not.toContain(oldIbKey)

    // the receiving IB joins with the parent's consent for the receiving school
    const newIb = await app.device('ib-nieuw')
    await newIb.client.acceptInvite(handover.inviteLink)
    const nis = await newIb.client.openPlan(handover.planId)
    await waitFor(() => createGoals(nis.doc).list().length === 1, 'the receiving IB reads the goal')
    expect(nis.consents()).toContainEqual(expect.objectContaining({ organisationName: NEW_SCHOOL, status: 'live' }))
    expect(nis.role()).toBe('editor')

    // the sending school's access to the old plan ends at the chosen date
    await waitFor(() => ibs.closedFinally() !== null, 'the old school is shut out', 20_000)
    expect(Date.now()).toBeGreaterThanOrEqual(accessEndsAt)
    expect(ibs.closedFinally()).toMatchObject({ code: CLOSE.forbidden })

    // the old plan closed after the handover takes no new end for a school: refused before any new plan is made
    await sp.closePlan({ reason: 'other-school' })
    const again = { sections: ['goals'] as const, receivingSchool: NEW_SCHOOL, purpose: 'x', consentUntil: Date.now() + HOUR }
    await expect(
      handOverPlan(parent.client, sp, { ...again, sending: { organisationId: oldSchool, accessEndsAt: Date.now() + HOUR, purpose: 'x' } }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    })
  })
})
