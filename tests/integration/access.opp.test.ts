/**
 * The OPP as the law asks (issue 10 §4) over the real relay, every rule judged by every client:
 * the school sets the OPP only after instemming or over a signed disagreement, and no device counts
 * a vaststelling that skips the gate or comes from someone who is not the school ([P11]); from the
 * child's 18th birthday the pupil gives its own instemming and the parents' no longer counts ([P2]);
 * the instemming list and the vaststelling list are written only by whom P1 allows, a refused write
 * refused on every device; the yearly OPP evaluation is reminded from the vaststelling.
 */
import { describe, expect, it } from 'vitest'
import { signInstemmingAct, signVaststelling, type SigningKeyPair } from '../../src/crypto'
import { remindersIn } from '../../src/access/reminders'
import type { OpenPlanSession } from '../../src/access/planSession'
import { createActions, createChild, createHandelingsdeel, createInstemming, createOrganisations, createVaststelling } from '../../src/plan'
import { fromBase64Url, fromHex, toHex } from '../../src/sync/bytes'
import { useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const SCHOOL = 'Basisschool De Linde'
const CARE = 'Jeugdhulp Noord'
const DAY = 86_400_000

const app = useDevicesOnRelay()

/** A modified client: what someone with their own device key can sign outside the app's checks. */
const identityOf = (s: OpenPlanSession) => (s as unknown as { ctx: { identity: SigningKeyPair } }).ctx.identity
const keyOf = (s: OpenPlanSession) => toHex(identityOf(s).publicKey)
const rejectedFor = (s: OpenPlanSession, code: string) => s.quarantined().filter((q) => q.reason.includes(code)).length

/** The IB starts the plan for the school and invites the mother (gezag) and whoever else is named. */
async function schoolPlan(childName: string, others: { name: string; party: 'parent' | 'youth' | 'youth16' }[] = []) {
  const ibDevice = await app.device(`ib-${childName}`)
  const planId = await ibDevice.client.createPlan({ childName, party: 'professional', organisationName: SCHOOL })
  const si = (await ibDevice.client.openPlan(planId)) as OpenPlanSession
  await si.whenSynced()
  const join = async (name: string, party: 'gezag' | 'parent' | 'youth' | 'youth16') => {
    const link = await si.createInvite({ role: 'contributor', party, expiresInHours: 1, name })
    await si.whenSynced()
    const d = await app.device(`${name}-${childName}`)
    await d.client.acceptInvite(link)
    return (await d.client.openPlan(planId)) as OpenPlanSession
  }
  const sm = await join('Moeder', 'gezag')
  const rest: OpenPlanSession[] = []
  for (const o of others) rest.push(await join(o.name, o.party))
  return { planId, si, sm, rest }
}

describe('[P11] vaststelling of the OPP', () => {
  it('only after instemming or over a signed disagreement, only by the school; every device judges alike', async () => {
    const { planId, si, sm } = await schoolPlan('Ravi')
    // the care worker joins as an editor of another organisation, once the mother consents
    await sm.giveConsent({ organisationName: CARE, purpose: 'Samenwerken aan het plan', expiresAt: Date.now() + DAY })
    // the invite names the organisation by the plan doc's list, which may arrive after the consent record
    await waitFor(
      () =>
        si.consents().some(
          (c) =>
            c.status === 'live' &&
            createOrganisations(si.doc)
              .list()
              .some((o) => o.id === c.organisationId),
        ),
      'the consent and its organisation reach the IB',
    )
    const careLink = await si.createInvite({ role: 'editor', party: 'professional', organisationName: CARE, expiresInHours: 1, name: 'Hulpverlener' })
    await si.whenSynced()
    const careDevice = await app.device('care-Ravi')
    await careDevice.client.acceptInvite(careLink)
    const sc = (await careDevice.client.openPlan(planId)) as OpenPlanSession
    await waitFor(() => si.organisationOf(keyOf(sc)) !== undefined, 'the care worker’s claim reaches the IB')
    const careOrg = si.organisationOf(keyOf(sc))!
    createOrganisations(si.doc).setKind(careOrg, 'zorg')
    const all = [si, sm, sc]
    await waitFor(() => all.every((s) => s.members().length === 3 && s.instemming().parents.length === 1), 'everyone everywhere')

    createActions(si.doc).add({ what: 'Samen lezen', who: 'ouders' }, keyOf(si))
    const rt = createHandelingsdeel(si.doc).add({ kind: 'extra-hulp', text: 'RT twee keer per week' }, keyOf(si))
    await waitFor(() => all.every((s) => s.handelingsdeelHash() === si.handelingsdeelHash()), 'the handelingsdeel everywhere')

    // who may set it: the school's IB, not the care worker (an editor of care), not the mother
    expect(all.map((s) => s.mayVaststellen())).toEqual([true, false, false])
    expect(si.vaststellingRefusal('instemming')).toBe('no-instemming')
    expect(() => si.vaststellen('instemming')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(() => sc.vaststellen('instemming')).toThrow(expect.objectContaining({ code: 'forbidden' }))

    // the IB's modified client skips the gate: signed, but no device counts it
    const plan = fromBase64Url(planId)
    const sign = (s: OpenPlanSession, basis: 'instemming' | 'disagreement', at: number) => ({
      memberKey: keyOf(s),
      hash: s.handelingsdeelHash(),
      basis,
      signedAt: at,
      signature: toHex(signVaststelling({ planId: plan, hash: fromHex(s.handelingsdeelHash()), signedAt: at, basis }, identityOf(s).secretKey)),
    })
    createVaststelling(si.doc).append(sign(si, 'instemming', Date.now()))
    await waitFor(() => all.every((s) => s.vaststelling().ignored.length === 1), 'the early vaststelling arrives everywhere')
    for (const s of all) {
      expect(s.vaststelling().state).toBe('none')
      expect(s.vaststelling().ignored[0]!.reason).toBe('no-instemming')
    }

    // the mother does not agree, and says why
    sm.disagreeWithHandelingsdeel('Wij willen meer uren RT.', sm.handelingsdeelHash())
    await waitFor(() => all.every((s) => s.instemming().overall === 'disagreed'), 'her disagreement everywhere')
    for (const s of all) expect(s.instemming().parents[0]!.disagreement?.reason).toBe('Wij willen meer uren RT.')

    // the care worker's modified client sets it over her disagreement: not the school, so never counts
    createVaststelling(sc.doc).append(sign(sc, 'disagreement', Date.now()))
    await waitFor(() => all.every((s) => s.vaststelling().ignored.length === 2), 'the care worker’s entry arrives')
    for (const s of all) expect(s.vaststelling().ignored.map((i) => i.reason)).toEqual(['no-instemming', 'not-eligible'])

    // the school sets it over the recorded disagreement
    expect(si.vaststellingRefusal('disagreement')).toBeNull()
    const set = si.vaststellen('disagreement', si.handelingsdeelHash())
    await waitFor(() => all.every((s) => s.vaststelling().state === 'vastgesteld'), 'set everywhere')
    for (const s of all) expect(s.vaststelling().latest).toMatchObject({ basis: 'disagreement', memberKey: keyOf(si) })
    // a year on, the yearly evaluation with the parents is reminded
    const yearOn = set.signedAt + 340 * DAY
    expect(remindersIn(sm, yearOn).filter((r) => r.kind === 'oppYearly')).toHaveLength(1)

    // the handelingsdeel changes: set for an older version, on every device
    createHandelingsdeel(si.doc).update(rt, { text: 'RT drie keer per week' })
    await waitFor(() => all.every((s) => s.vaststelling().state === 'changed'), 'changed after vaststelling everywhere')
    // she agrees to the new version; then it is set after instemming
    await waitFor(() => sm.handelingsdeelHash() === si.handelingsdeelHash(), 'the change reaches the mother')
    sm.agreeToHandelingsdeel(sm.handelingsdeelHash())
    await waitFor(() => si.instemming().overall === 'agreed', 'her agreement reaches the IB')
    si.vaststellen('instemming', si.handelingsdeelHash())
    await waitFor(() => all.every((s) => s.vaststelling().state === 'vastgesteld' && s.vaststelling().latest?.basis === 'instemming'), 'set again everywhere')
  })
})

describe('[P2] from 18 the pupil agrees itself', () => {
  it('the adult pupil’s instemming counts and the mother’s no longer does; the school can then set the OPP', async () => {
    const { planId, si, sm, rest } = await schoolPlan('Sam', [{ name: 'Sam', party: 'youth16' }])
    const sy = rest[0]!
    const all = [si, sm, sy]
    await waitFor(() => all.every((s) => s.members().length === 3), 'everyone everywhere')
    createActions(si.doc).add({ what: 'Stage zoeken', who: 'Sam' }, keyOf(si))
    // 18 since yesterday, on the plan's calendar (UTC)
    const y = new Date(Date.now() - DAY)
    const dob = `${y.getUTCFullYear() - 18}-${String(y.getUTCMonth() + 1).padStart(2, '0')}-${String(y.getUTCDate()).padStart(2, '0')}`
    createChild(si.doc).set({ dateOfBirth: dob })
    await waitFor(() => all.every((s) => s.handelingsdeelHash() === si.handelingsdeelHash() && s.instemming().signers === 'pupil'), 'of age everywhere')

    expect(all.map((s) => s.mayAgree())).toEqual([false, false, true])
    expect(() => sm.agreeToHandelingsdeel()).toThrow(expect.objectContaining({ code: 'forbidden' }))
    for (const s of all) expect(s.instemming().parents.map((p) => p.memberKey)).toEqual([keyOf(sy)])

    // the mother's modified client signs anyway: written (she may write the list) but never counted
    const at = Date.now()
    const hash = sm.handelingsdeelHash()
    createInstemming(sm.doc).append({
      version: 2,
      memberKey: keyOf(sm),
      actionsHash: hash,
      signedAt: at,
      signature: toHex(signInstemmingAct('agree', 2, { planId: fromBase64Url(planId), hash: fromHex(hash), signedAt: at }, identityOf(sm).secretKey)),
    })
    await waitFor(() => all.every((s) => s.instemming().ignored.length === 1), 'her entry arrives everywhere')
    for (const s of all) {
      expect(s.instemming().ignored[0]!.reason).toBe('not-eligible')
      expect(s.instemming().overall).toBe('none')
    }
    expect(si.vaststellingRefusal('instemming')).toBe('no-instemming')

    // the pupil agrees: that is the instemming now, on every device, and the school may set the OPP
    sy.agreeToHandelingsdeel(sy.handelingsdeelHash())
    await waitFor(() => all.every((s) => s.instemming().overall === 'agreed'), 'the pupil’s agreement everywhere')
    for (const s of all) expect(s.quarantined()).toEqual([])
    si.vaststellen('instemming', si.handelingsdeelHash())
    await waitFor(() => all.every((s) => s.vaststelling().state === 'vastgesteld'), 'set everywhere')
  })
})

describe('[P1][P11] who writes the lists', () => {
  it('a parent without gezag writing a vaststelling, and a youth under 16 writing the instemming list, are refused by every other device', async () => {
    const { si, sm, rest } = await schoolPlan('Noor', [
      { name: 'Vader', party: 'parent' },
      { name: 'Noor', party: 'youth' },
    ])
    const [sf, sy] = rest as [OpenPlanSession, OpenPlanSession]
    const all = [si, sm, sf, sy]
    await waitFor(() => all.every((s) => s.members().length === 4), 'everyone everywhere')
    const fake = { hash: 'ab'.repeat(32), signedAt: 1, signature: '00'.repeat(64) }
    createVaststelling(sf.doc).append({ memberKey: keyOf(sf), basis: 'instemming', ...fake })
    sf.flush()
    createInstemming(sy.doc).append({ version: 2, memberKey: keyOf(sy), actionsHash: fake.hash, signedAt: 1, signature: fake.signature })
    sy.flush()
    await Promise.all([sf.whenSynced(), sy.whenSynced()])
    await waitFor(
      () =>
        [si, sm].every((s) => rejectedFor(s, 'content-forbidden') === 2) &&
        rejectedFor(sf, 'content-forbidden') === 1 &&
        rejectedFor(sy, 'content-forbidden') === 1,
      'every other device refuses both',
    )
    for (const s of [si, sm, sy]) expect(createVaststelling(s.doc).list()).toEqual([])
    for (const s of [si, sm, sf]) expect(createInstemming(s.doc).list()).toEqual([])
  })
})
