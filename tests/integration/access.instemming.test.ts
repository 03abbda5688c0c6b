/**
 * Instemming end to end, over the real relay: a parent with gezag agrees to the afspraken, every
 * other device verifies the signature before it shows agreement, an edit makes it "gewijzigd na
 * instemming", forged entries never count, and a contributor's writes outside its own perspective
 * are refused by every client ([P1]). Agreement counts only as P2 says; so does its withdrawal:
 * the mother withdraws and the IB's device shows it, forged or relabelled withdrawals never count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInstemming, createActions } from '../../src/plan'
import { signInstemming, signInstemmingWithdrawal, type SigningKeyPair } from '../../src/crypto'
import { fromBase64Url, fromHex, toHex } from '../../src/sync/bytes'
import type { OpenPlanSession } from '../../src/access/planSession'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { createDevice, waitFor, type Device } from '../helpers/nodeDevice'

let relay: RelayProcess
const devices: Device[] = []
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  for (const d of devices) await d.client.close()
  await relay.stop()
})

/** A modified client: what someone with their own device key can sign outside the app's checks. */
const identityOf = (s: OpenPlanSession) => (s as unknown as { ctx: { identity: SigningKeyPair } }).ctx.identity
const keyOf = (s: OpenPlanSession) => toHex(identityOf(s).publicKey)
const stateOf = (s: OpenPlanSession, memberKey: string) => s.instemming().parents.find((p) => p.memberKey === memberKey)?.state
const rejectedFor = (s: OpenPlanSession, code: string) => s.quarantined().filter((q) => q.reason.includes(code)).length

describe('instemming over the relay', () => {
  it('[P2] a parent with gezag agrees; others verify; an edit voids it until signed again; forgeries never count', async () => {
    const ib = await createDevice(relay, 'ib')
    const mother = await createDevice(relay, 'moeder')
    const father = await createDevice(relay, 'vader')
    devices.push(ib, mother, father)
    const planId = await ib.client.createPlan({ childName: 'Ravi' })
    const si = (await ib.client.openPlan(planId)) as OpenPlanSession
    await si.whenSynced()
    const actions = createActions(si.doc)
    const lezen = actions.add({ what: 'Samen lezen', who: 'ouders', when: 'elke avond' }, keyOf(si))
    actions.add({ what: 'Elke week bellen', who: 'mentor' }, keyOf(si))

    await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1, name: 'Moeder' }))
    await father.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'parent', expiresInHours: 1, name: 'Vader' }))
    const sm = (await mother.client.openPlan(planId)) as OpenPlanSession
    const sf = (await father.client.openPlan(planId)) as OpenPlanSession
    const motherKey = keyOf(sm)
    const all = [si, sm, sf]
    await waitFor(
      () => all.every((s) => createActions(s.doc).list().length === 2 && s.instemming().parents.length === 1),
      'afspraken and membership everywhere',
    )

    // who may agree: the parent with gezag, not the parent without, not the IB
    expect(sm.mayAgree()).toBe(true)
    expect(sf.mayAgree()).toBe(false)
    expect(si.mayAgree()).toBe(false)
    expect(() => sf.agreeToHandelingsdeel()).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(si.instemming().parents.map((p) => p.memberKey)).toEqual([motherKey])
    expect(si.instemming().overall).toBe('none')

    // she agrees to what she saw; a changed version is refused before anything is signed
    expect(() => sm.agreeToHandelingsdeel('00'.repeat(32))).toThrow(expect.objectContaining({ code: 'actions-changed' }))
    const agreed = sm.agreeToHandelingsdeel(sm.handelingsdeelHash())
    await waitFor(() => all.every((s) => stateOf(s, motherKey) === 'current'), 'every device verified her agreement')
    for (const s of all) {
      expect(s.instemming().overall).toBe('agreed')
      expect(s.instemming().parents[0]!.agreedAt).toBe(agreed.signedAt)
    }

    // the IB changes an afspraak: changed after agreement, on every device
    actions.update(lezen, { when: 'elke avond 15 minuten' })
    await waitFor(() => all.every((s) => stateOf(s, motherKey) === 'outdated'), 'changed after agreement everywhere')
    for (const s of all) expect(s.instemming().overall).toBe('changed')
    // and every device can say what changed, from the copy in her entry that hashes to what she signed
    for (const s of all) {
      expect(s.changesSinceAgreement(motherKey)).toEqual([
        { part: 'action', id: lezen, label: 'Samen lezen', kind: 'changed', fields: [{ field: 'when', before: 'elke avond', after: 'elke avond 15 minuten' }] },
      ])
    }
    // ticking an afspraak off is not a change of what was agreed
    const hashBefore = si.handelingsdeelHash()
    actions.setDone(lezen, true)
    expect(si.handelingsdeelHash()).toBe(hashBefore)

    // forgeries by the IB's (modified) client: her key with his signature, and his own signature
    const plan = fromBase64Url(planId)
    const hashNow = fromHex(si.handelingsdeelHash())
    const ibSig = toHex(signInstemming(plan, hashNow, Date.now(), identityOf(si).secretKey))
    const store = createInstemming(si.doc)
    store.append({ memberKey: motherKey, actionsHash: toHex(hashNow), signedAt: Date.now(), signature: ibSig })
    const at = Date.now()
    store.append({
      memberKey: keyOf(si),
      actionsHash: toHex(hashNow),
      signedAt: at,
      signature: toHex(signInstemming(plan, hashNow, at, identityOf(si).secretKey)),
    })
    // and an entry of hers for the old version, relabelled as the current one
    store.append({ ...agreed, actionsHash: toHex(hashNow) })
    await waitFor(() => [sm, sf].every((s) => createInstemming(s.doc).list().length === 4), 'the forged entries arrive')
    for (const s of all) {
      const st = s.instemming()
      expect(stateOf(s, motherKey)).toBe('outdated')
      expect(st.ignored.map((i) => i.reason).sort()).toEqual(['bad-signature', 'bad-signature', 'not-eligible'])
      expect(st.history).toHaveLength(1)
    }

    // she agrees again
    sm.agreeToHandelingsdeel(sm.handelingsdeelHash())
    await waitFor(() => all.every((s) => stateOf(s, motherKey) === 'current'), 'agreed again everywhere')
    for (const s of all) expect(s.instemming().history.map((h) => h.current)).toEqual([true, false])
  })

  it('[P2] the mother withdraws her instemming; every device shows it withdrawn; forged or relabelled withdrawals never count; she can agree again', async () => {
    const ib = await createDevice(relay, 'ib3')
    const mother = await createDevice(relay, 'moeder3')
    devices.push(ib, mother)
    const planId = await ib.client.createPlan({ childName: 'Sem' })
    const si = (await ib.client.openPlan(planId)) as OpenPlanSession
    await si.whenSynced()
    createActions(si.doc).add({ what: 'Samen lezen', who: 'ouders' }, keyOf(si))
    await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1, name: 'Moeder' }))
    const sm = (await mother.client.openPlan(planId)) as OpenPlanSession
    const motherKey = keyOf(sm)
    const both = [si, sm]
    await waitFor(
      () => both.every((s) => createActions(s.doc).list().length === 1 && s.instemming().parents.length === 1),
      'afspraak and membership everywhere',
    )

    // nothing to withdraw before she agreed; the IB never can
    expect(() => sm.withdrawInstemming()).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(() => si.withdrawInstemming()).toThrow(expect.objectContaining({ code: 'forbidden' }))
    const agreed = sm.agreeToHandelingsdeel(sm.handelingsdeelHash())
    await waitFor(() => both.every((s) => stateOf(s, motherKey) === 'current'), 'her agreement verified everywhere')

    // the IB's (modified) client tries to withdraw it for her: her agreement's signature relabelled
    // as a withdrawal (the IB's device verified that very signature as an agreement already), and
    // a withdrawal in her name signed with his own key
    const store = createInstemming(si.doc)
    const later = agreed.signedAt + 1000
    store.append({ ...agreed, kind: 'withdrawal' })
    store.append({
      kind: 'withdrawal',
      memberKey: motherKey,
      actionsHash: agreed.actionsHash,
      signedAt: later,
      signature: toHex(signInstemmingWithdrawal(fromBase64Url(planId), fromHex(agreed.actionsHash), later, identityOf(si).secretKey)),
    })
    await waitFor(() => createInstemming(sm.doc).list().length === 3, 'the forged withdrawals arrive')
    for (const s of both) {
      expect(stateOf(s, motherKey)).toBe('current')
      expect(s.instemming().ignored.map((i) => i.reason)).toEqual(['bad-signature', 'bad-signature'])
    }

    // she withdraws it herself, on a device whose clock is behind: it still comes after her agreement
    const withdrawn = sm.withdrawInstemming(agreed.signedAt - 60_000)
    expect(withdrawn).toMatchObject({ kind: 'withdrawal', actionsHash: agreed.actionsHash, signedAt: agreed.signedAt + 1 })
    await waitFor(() => both.every((s) => stateOf(s, motherKey) === 'withdrawn'), "the IB's device shows her instemming withdrawn")
    for (const s of both) {
      expect(s.instemming().overall).toBe('withdrawn')
      expect(s.instemming().parents[0]).toMatchObject({ agreedAt: null, withdrawnAt: withdrawn.signedAt })
    }
    // there is nothing left to withdraw
    expect(() => sm.withdrawInstemming()).toThrow(expect.objectContaining({ code: 'forbidden' }))

    // she agrees again, later
    sm.agreeToHandelingsdeel(sm.handelingsdeelHash())
    await waitFor(() => both.every((s) => stateOf(s, motherKey) === 'current'), 'agreed again everywhere')
    for (const s of both) expect(s.instemming().history.map((h) => h.kind ?? 'agreement')).toEqual(['agreement', 'withdrawal', 'agreement'])
  })

  it("[P1] a contributor's writes outside its perspective are refused by every client", async () => {
    const ib = await createDevice(relay, 'ib2')
    const mother = await createDevice(relay, 'moeder2')
    const father = await createDevice(relay, 'vader2')
    const youth = await createDevice(relay, 'jongere2')
    devices.push(ib, mother, father, youth)
    const planId = await ib.client.createPlan({ childName: 'Noor' })
    const si = (await ib.client.openPlan(planId)) as OpenPlanSession
    await si.whenSynced()
    await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1 }))
    await father.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'parent', expiresInHours: 1 }))
    await youth.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'youth', expiresInHours: 1 }))
    const sm = (await mother.client.openPlan(planId)) as OpenPlanSession
    const sf = (await father.client.openPlan(planId)) as OpenPlanSession
    const sy = (await youth.client.openPlan(planId)) as OpenPlanSession
    const all = [si, sm, sf, sy]
    await waitFor(() => all.every((s) => s.members().length === 4), 'everyone is a member everywhere')

    // their own: the parents' voice for parents, the child's voice for the youth
    sm.doc.getText('voices.ouders.zorgen').insert(0, 'Slaapt slecht.')
    sf.doc.getText('voices.ouders.krachten').insert(0, 'Kan goed tekenen.')
    sy.doc.getText('voices.kind.vraag').insert(0, 'Minder huiswerk.')
    sy.doc.getArray('observations').push(['Vandaag ging goed.'])
    await waitFor(
      () =>
        all.every(
          (s) =>
            s.doc.getText('voices.ouders.zorgen').length > 0 &&
            s.doc.getText('voices.ouders.krachten').length > 0 &&
            s.doc.getText('voices.kind.vraag').length > 0 &&
            s.doc.getArray('observations').length === 1,
        ),
      'their own perspectives arrive everywhere',
    )

    // not theirs: the mother writes the school's voice (the child's she may, on its behalf: P4), the youth the parents', the father (no gezag) the instemming list
    sm.doc.getText('voices.school.zorgen').insert(0, 'VAN-MOEDER')
    sm.flush()
    sy.doc.getText('voices.ouders.vraag').insert(0, 'VAN-JONGERE')
    sy.flush()
    createInstemming(sf.doc).append({ memberKey: keyOf(sf), actionsHash: sf.handelingsdeelHash(), signedAt: 1, signature: '00'.repeat(64) })
    sf.flush()
    await Promise.all([sm.whenSynced(), sy.whenSynced(), sf.whenSynced()])

    const others = (s: OpenPlanSession) => all.filter((o) => o !== s)
    // each device refuses the two records that are not its own; the IB's refuses all three
    await waitFor(
      () => rejectedFor(si, 'content-forbidden') === 3 && [sm, sf, sy].every((s) => rejectedFor(s, 'content-forbidden') === 2),
      'every other client refuses',
    )
    for (const s of others(sm)) expect(s.doc.getText('voices.school.zorgen').toString()).toBe('')
    for (const s of others(sy)) expect(s.doc.getText('voices.ouders.vraag').toString()).toBe('')
    for (const s of others(sf)) expect(createInstemming(s.doc).list()).toEqual([])
  })
})
