/**
 * "Nieuw sinds je laatste bezoek" end to end (issue 10 §3), over the real relay: another member's
 * change is new for me and not for its author, on the plan and in the home summary; "Gezien"
 * (markVisited) clears it, the mark survives a reload of the device, and a later change is new
 * again. The mark is sealed in the keyring: its bytes never appear in IndexedDB as plaintext.
 */
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type Client } from '../../src/access'
import { newSinceIn } from '../../src/access/newSince'
import type { OpenPlanSession } from '../../src/access/planSession'
import { createActions, createObservations, createTeam, encodeLastVisit } from '../../src/plan'
import { toHex } from '../../src/sync/bytes'
import type { SigningKeyPair } from '../../src/crypto'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { createDevice, deviceLock, dumpIndexedDb, waitFor, type Device } from '../helpers/nodeDevice'

let relay: RelayProcess
const clients: Client[] = []
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  for (const c of clients) await c.close()
  await relay.stop()
})

const keyOf = (s: OpenPlanSession) => toHex((s as unknown as { ctx: { identity: SigningKeyPair } }).ctx.identity.publicKey)

describe('new since my last visit', () => {
  it('another member’s change is new for me, not for its author, and gone after Gezien; the mark survives a reload', async () => {
    const ib: Device = await createDevice(relay, 'ib')
    const mother: Device = await createDevice(relay, 'moeder')
    clients.push(ib.client)
    const planId = await ib.client.createPlan({ childName: 'Ravi' })
    const si = (await ib.client.openPlan(planId)) as OpenPlanSession
    await si.whenSynced()
    await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1, name: 'Moeder' }))
    const sm = (await mother.client.openPlan(planId)) as OpenPlanSession
    const ibKey = keyOf(si)
    const motherKey = keyOf(sm)
    await sm.whenSynced()
    // her device puts her in the team list as she joins: a change the IB has not seen yet
    await waitFor(() => createTeam(si.doc).findByKey(motherKey) !== null, 'her in the team list on the IB’s device')
    expect(newSinceIn(si, ibKey, 0)).toEqual([expect.objectContaining({ section: 'betrokkenen', author: motherKey, name: 'Moeder' })])

    // both look now: what came before is seen
    const start = Date.now()
    await ib.client.markVisited(planId, start)
    await mother.client.markVisited(planId, start)
    expect(newSinceIn(sm, motherKey, await mother.client.lastVisit(planId))).toEqual([])

    await new Promise((r) => setTimeout(r, 5))
    createActions(si.doc).add({ what: 'Samen lezen', who: 'ouders', when: 'elke avond' }, ibKey)
    si.flush()
    await waitFor(() => createActions(sm.doc).list().length === 1, 'the afspraak on her device')

    const forMother = newSinceIn(sm, motherKey, await mother.client.lastVisit(planId))
    expect(forMother).toEqual([expect.objectContaining({ section: 'afspraken', author: ibKey, count: 1 })])
    // the author's own change is not new for the author
    expect(newSinceIn(si, ibKey, await ib.client.lastVisit(planId))).toEqual([])

    // the home card shows it, from the sealed summary
    await waitFor(async () => (await mother.client.listPlans())[0]?.summary?.newSince?.[0]?.section === 'afspraken', 'the new afspraak on her home card')
    expect((await ib.client.listPlans())[0]?.summary?.newSince).toBeUndefined()

    // Gezien: gone on the plan and, a moment later, on the home card
    const seenAt = Date.now()
    await mother.client.markVisited(planId, seenAt)
    expect(await mother.client.lastVisit(planId)).toBe(seenAt)
    expect(newSinceIn(sm, motherKey, await mother.client.lastVisit(planId))).toEqual([])
    await waitFor(async () => (await mother.client.listPlans())[0]?.summary?.newSince === undefined, 'her home card to empty')
    // an older moment does not move the mark back
    await mother.client.markVisited(planId, start)
    expect(await mother.client.lastVisit(planId)).toBe(seenAt)

    // the mark is sealed: its plaintext is nowhere in her IndexedDB
    const dump = await dumpIndexedDb(mother.namespace)
    const plain = Buffer.from(encodeLastVisit(seenAt)).toString('hex')
    expect(dump.includes(plain)).toBe(false)
    expect(dump.includes(String(seenAt))).toBe(false)

    // a reload of her device keeps the mark; a later change by the IB is new again
    await mother.client.close()
    const reloaded = await createClient({
      namespace: mother.namespace,
      syncUrl: `${relay.url.replace(/^http/, 'ws')}/sync`,
      appUrl: relay.url,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...deviceLock(),
    })
    clients.push(reloaded)
    expect(await reloaded.lastVisit(planId)).toBe(seenAt)
    const again = (await reloaded.openPlan(planId)) as OpenPlanSession
    await again.whenSynced()
    expect(newSinceIn(again, motherKey, seenAt)).toEqual([])
    await new Promise((r) => setTimeout(r, 5))
    createObservations(si.doc).add({ text: 'Las vandaag zelf een bladzijde', date: '2026-12-07', context: 'school' }, ibKey)
    si.flush()
    await waitFor(
      () => newSinceIn(again, motherKey, seenAt).some((g) => g.section === 'observaties' && g.author === ibKey),
      'the observation new for her after the reload',
    )
    expect(newSinceIn(again, motherKey, seenAt).some((g) => g.section === 'afspraken')).toBe(false)
  })
})
