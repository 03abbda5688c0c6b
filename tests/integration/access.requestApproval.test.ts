/**
 * "Klopt" on the request to the gemeente, end to end over the real relay ([P12]): a parent with
 * gezag reads the request and signs it; every other device verifies the signature before it shows
 * "klopt"; an edit makes it "gewijzigd na akkoord"; a forged or ineligible entry counts as nothing;
 * and a parent without gezag cannot even write the list: every other client refuses the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApprovals, createRequest, REQUEST_SUBJECT, type NewApproval } from '../../src/plan'
import { signApproval, type SigningKeyPair } from '../../src/crypto'
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
const rejectedFor = (s: OpenPlanSession, code: string) => s.quarantined().filter((q) => q.reason.includes(code)).length
const signRequestApproval = (plan: Uint8Array, hash: Uint8Array, signedAt: number, secretKey: Uint8Array) =>
  signApproval({ kind: 'aanvraag', verdict: 'klopt', planId: plan, subjectId: REQUEST_SUBJECT, contentHash: hash, signedAt, remark: '' }, secretKey)
const requestApprovals = (s: OpenPlanSession) => {
  const store = createApprovals(s.doc)
  return {
    list: () => store.about('aanvraag', REQUEST_SUBJECT),
    append: (e: Pick<NewApproval, 'memberKey' | 'contentHash' | 'signedAt' | 'signature'>) =>
      store.append({ subject: 'aanvraag', subjectId: REQUEST_SUBJECT, verdict: 'klopt', remark: '', ...e }),
  }
}

describe('"klopt" on the request over the relay', () => {
  it('[P12] a parent with gezag says "klopt"; others verify; an edit shows "gewijzigd na akkoord"; forged, ineligible and refused entries never count', async () => {
    const ib = await createDevice(relay, 'ib-aanvraag')
    const mother = await createDevice(relay, 'moeder-aanvraag')
    const father = await createDevice(relay, 'vader-aanvraag')
    devices.push(ib, mother, father)
    const planId = await ib.client.createPlan({ childName: 'Lotte' })
    const si = (await ib.client.openPlan(planId)) as OpenPlanSession
    await si.whenSynced()
    createRequest(si.doc).set({ form: 'Gezinsbegeleiding', intensity: '2 uur per week', start: '2027-01-04', end: '2027-06-30', fundedBy: 'Jeugdwet' })

    await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1, name: 'Moeder' }))
    await father.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'parent', expiresInHours: 1, name: 'Vader' }))
    const sm = (await mother.client.openPlan(planId)) as OpenPlanSession
    const sf = (await father.client.openPlan(planId)) as OpenPlanSession
    const motherKey = keyOf(sm)
    const all = [si, sm, sf]
    await waitFor(
      () => all.every((s) => createRequest(s.doc).get().form === 'Gezinsbegeleiding' && s.requestApproval().approvers.length === 1),
      'the request and membership everywhere',
    )
    // every device holds the same request, so the same hash
    expect(new Set(all.map((s) => s.requestHash())).size).toBe(1)

    // who may: the parent with gezag; not the parent without, not the IB
    expect(sm.mayApproveRequest()).toBe(true)
    expect(sf.mayApproveRequest()).toBe(false)
    expect(si.mayApproveRequest()).toBe(false)
    expect(() => sf.approveRequest()).toThrow(expect.objectContaining({ code: 'forbidden' }))
    for (const s of all) expect(s.requestApproval().overall).toBe('unread')

    // she says "klopt" to what she read; a version she did not read is refused before anything is signed
    expect(() => sm.approveRequest('00'.repeat(32))).toThrow(expect.objectContaining({ code: 'request-changed' }))
    const approved = sm.approveRequest(sm.requestHash())
    await waitFor(() => all.every((s) => s.requestApproval().overall === 'klopt'), 'every device verified her "klopt"')
    for (const s of all) expect(s.requestApproval().approvers).toEqual([{ memberKey: motherKey, state: 'klopt', at: approved.signedAt }])

    // the IB changes what is asked: changed after approval, on every device
    createRequest(si.doc).set({ intensity: '3 uur per week' })
    await waitFor(() => all.every((s) => s.requestApproval().overall === 'changed'), '"gewijzigd na akkoord" everywhere')

    // forgeries by the IB's (modified) client, which may write the list: her key with his
    // signature, his own valid signature (he is no parent), her old entry relabelled as current
    const plan = fromBase64Url(planId)
    const now = si.requestHash()
    const at = Date.now()
    const ibSig = (signedAt: number) => toHex(signRequestApproval(plan, fromHex(now), signedAt, identityOf(si).secretKey))
    const store = requestApprovals(si)
    store.append({ memberKey: motherKey, contentHash: now, signedAt: at, signature: ibSig(at) })
    store.append({ memberKey: keyOf(si), contentHash: now, signedAt: at, signature: ibSig(at) })
    store.append({ ...approved, contentHash: now })
    // and the father (no gezag) signs his own: every other client refuses the record itself
    const fatherAt = Date.now()
    requestApprovals(sf).append({
      memberKey: keyOf(sf),
      contentHash: now,
      signedAt: fatherAt,
      signature: toHex(signRequestApproval(plan, fromHex(now), fatherAt, identityOf(sf).secretKey)),
    })
    sf.flush()
    await sf.whenSynced()
    await waitFor(
      () => [sm, sf].every((s) => requestApprovals(s).list().length >= 4) && [si, sm].every((s) => rejectedFor(s, 'content-forbidden') === 1),
      "the forged entries arrive and the father's record is refused",
    )
    for (const s of [si, sm]) {
      expect(
        requestApprovals(s)
          .list()
          .some((e) => e.memberKey === keyOf(sf)),
      ).toBe(false)
      const st = s.requestApproval()
      expect(st.overall).toBe('changed')
      expect(st.ignored.map((i) => i.reason).sort()).toEqual(['bad-signature', 'bad-signature', 'not-eligible'])
    }

    // she reads it again and says "klopt"
    sm.approveRequest(sm.requestHash())
    await waitFor(() => [si, sm].every((s) => s.requestApproval().overall === 'klopt'), '"klopt" again everywhere')
  })
})
