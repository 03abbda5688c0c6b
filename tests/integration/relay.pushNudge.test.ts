/**
 * [issue 10 §3] Push mode "Alleen mijn afspraken en overleggen", from a real relay to the push
 * service on loopback that decrypts each push (RFC 8291): a `mine` subscription hears nothing of
 * an ordinary write and is pushed when a writer's device nudges its member; an `all` one the
 * reverse. A nudge is refused, with a clear status, from a member whose role does not write
 * afspraken and meetings, a stranger, a forged token, an oversized or malformed body. The
 * writer's device (session/pushNudges.ts) sends one for an afspraak for a member, not for a goal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webpush from 'web-push'
import * as Y from 'yjs'
import { nudgePush } from '../../src/access/session/push'
import { watchPushNudges } from '../../src/access/session/pushNudges'
import { createActions, createGoals } from '../../src/plan'
import { REMOTE_ORIGIN } from '../../src/sync/bridge'
import { MAX_NUDGE_BYTES } from '../../server/http/pushNudge'
import { generateSigningKeyPair, loadSodium, type SigningKeyPair } from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { toBase64Url, toHex } from '../../src/sync/bytes'
import { createMemberRecord, sealRecord } from '../../src/sync/records'
import { waitFor } from '../helpers/poll'
import { type PushService, startPushService, type TestSubscription } from '../helpers/pushService'
import { createPlanOnRelay, pushBlobs, type RawClient, type RelayProcess, startRelay, type TestPlan } from '../helpers/relayProcess'

// keys are made while the suite is collected
await loadSodium()

const GAP_MS = 1_500
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('Web Push: only my afspraken and meetings', () => {
  let service: PushService
  let relay: RelayProcess
  let plan: TestPlan & { client: RawClient }
  const mum = generateSigningKeyPair()
  const dad = generateSigningKeyPair()
  const reader = generateSigningKeyPair()
  const hex = (k: SigningKeyPair) => toHex(k.publicKey)

  const token = (identity: SigningKeyPair) => encodeURIComponent(createAuthToken(identity, plan.planId, Date.now()))
  const subscribe = (identity: SigningKeyPair, sub: TestSubscription, tag: string, mode?: string) =>
    fetch(`${relay.url}/sync/${toBase64Url(plan.planId)}/push?auth=${token(identity)}`, {
      method: 'PUT',
      body: JSON.stringify({ endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth, tag, mode }),
    })
  const nudgeUrl = (auth: string) => `${relay.url}/sync/${toBase64Url(plan.planId)}/push/nudge?auth=${auth}`
  const nudge = (identity: SigningKeyPair, body: unknown) => fetch(nudgeUrl(token(identity)), { method: 'POST', body: JSON.stringify(body) })
  const write = (s: string) =>
    pushBlobs(plan.client, plan.doc, [sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, new TextEncoder().encode(s))])
  const answer = async (res: Response) => [res.status, res.status === 204 ? null : await res.json()]

  beforeAll(async () => {
    await loadSodium()
    service = await startPushService()
    // keys of its own, so the relay pushes on either store (it makes them itself only on SQLite)
    const vapid = webpush.generateVAPIDKeys()
    relay = await startRelay({
      env: { RELAY_PUSH_SERVICES: service.origin, RELAY_PUSH_GAP_MS: String(GAP_MS), VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
    })
    plan = await createPlanOnRelay(relay)
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: mum.publicKey, role: 'contributor', party: 'gezag' }),
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: dad.publicKey, role: 'contributor', party: 'gezag' }),
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: reader.publicKey, role: 'reader', party: 'parent' }),
    ])
  })
  afterAll(async () => {
    plan?.client.close()
    await relay?.stop()
    await service?.close()
  })

  it('[R21] a "mine" device hears only a nudge naming its member, an "all" device only writes; the writer never hears its own nudge', async () => {
    const mumPhone = service.subscribe()
    const dadPhone = service.subscribe()
    const adminLaptop = service.subscribe()
    expect((await subscribe(mum, mumPhone, 'plan-tag-moeder-0123456789', 'mine')).status).toBe(204)
    expect((await subscribe(dad, dadPhone, 'plan-tag-vader-01234567890')).status).toBe(204)
    expect((await subscribe(plan.admin.identity, adminLaptop, 'plan-tag-admin-0123456789', 'mine')).status).toBe(204)

    // an ordinary write: the "all" device hears of it
    await write('een doel aangepast')
    await waitFor(() => dadPhone.received.length === 1, 'the push to the "all" device', 5_000)

    // after the gap (so the gap is not what keeps a push back): the IB's device nudges all three
    await sleep(GAP_MS)
    expect(await answer(await nudge(plan.admin.identity, { members: [hex(mum), hex(dad), toHex(plan.admin.identity.publicKey)] }))).toEqual([204, null])
    await waitFor(() => mumPhone.received.length >= 1, 'the push to the "mine" device', 5_000)
    expect(JSON.parse(mumPhone.received[0]!)).toEqual({ t: 'plan-tag-moeder-0123456789' })

    // another write after the gap: again only the "all" device. Had the first write reached the
    // mother, or the nudge the father, each would now hold one push more (the gap had passed)
    await sleep(GAP_MS)
    await write('nog een doel')
    await waitFor(() => dadPhone.received.length >= 2, 'the second push to the "all" device', 5_000)
    expect(dadPhone.received).toHaveLength(2)
    expect(mumPhone.received).toHaveLength(1)
    expect(adminLaptop.received).toEqual([])

    // within the gap a second nudge pushes nothing: one per plan per device per gap, as for writes
    expect((await nudge(plan.admin.identity, { members: [hex(mum)] })).status).toBe(204)
    await sleep(GAP_MS)
    expect((await nudge(plan.admin.identity, { members: [hex(mum)] })).status).toBe(204)
    await waitFor(() => mumPhone.received.length === 2, 'the nudge after the gap', 5_000)
    expect(service.posts.every((p) => !p.error)).toBe(true)
  })

  it('[R21] refused with a clear status: a contributor or reader, a stranger, a forged token, an oversized, overlong or malformed body', async () => {
    const members = { members: [hex(mum)] }
    // afspraken and meetings for others are written by editors and admins (P1)
    expect(await answer(await nudge(mum, members))).toEqual([403, { error: 'role-forbidden' }])
    expect(await answer(await nudge(reader, members))).toEqual([403, { error: 'role-forbidden' }])
    expect(await answer(await nudge(generateSigningKeyPair(), members))).toEqual([403, { error: 'not-a-member' }])
    const real = createAuthToken(plan.admin.identity, plan.planId, Date.now())
    const forged = real.slice(0, -4) + (real.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA')
    expect(await answer(await fetch(nudgeUrl(encodeURIComponent(forged)), { method: 'POST', body: JSON.stringify(members) }))).toEqual([
      401,
      { error: 'token-bad-signature' },
    ])
    expect((await fetch(nudgeUrl(token(plan.admin.identity)))).status).toBe(405)

    // too large: refused before the token is even looked at, so the same token works after
    const auth = token(plan.admin.identity)
    const big = JSON.stringify({ members: Array.from({ length: 300 }, () => hex(mum)) })
    expect(big.length).toBeGreaterThan(MAX_NUDGE_BYTES)
    expect(await answer(await fetch(nudgeUrl(auth), { method: 'POST', body: big }))).toEqual([413, { error: 'nudge-too-large' }])
    expect((await fetch(nudgeUrl(auth), { method: 'POST', body: JSON.stringify(members) })).status).toBe(204)

    // more keys than the plan has members (4), the same key twice, anything but member keys
    const five = Array.from({ length: 5 }, () => hex(generateSigningKeyPair()))
    for (const body of [
      { members: five },
      { members: [hex(mum), hex(mum)] },
      { members: [] },
      { members: ['moeder'] },
      { members: [hex(mum)], what: 'x' },
      [hex(mum)],
    ])
      expect(await answer(await nudge(plan.admin.identity, body))).toEqual([400, { error: 'bad-nudge' }])
    expect(await answer(await fetch(nudgeUrl(token(plan.admin.identity)), { method: 'POST', body: 'geen json' }))).toEqual([400, { error: 'bad-nudge' }])

    // a subscription names a mode the relay knows, or none (all)
    const sub = service.subscribe()
    expect(await answer(await subscribe(dad, sub, 'plan-tag-vader-01234567890', 'soms'))).toEqual([400, { error: 'bad-subscription' }])
  })

  it('[R21] the writer’s device nudges for an afspraak it wrote for a member, not for a goal nor for what came from elsewhere', async () => {
    const child = generateSigningKeyPair()
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: child.publicKey, role: 'contributor', party: 'youth16' }),
    ])
    const phone = service.subscribe()
    expect((await subscribe(child, phone, 'plan-tag-jongere-012345678', 'mine')).status).toBe(204)
    const ib = toHex(plan.admin.identity.publicKey)
    const doc = new Y.Doc()
    const sent: { members: string[]; outcome: string }[] = []
    const stop = watchPushNudges({
      doc,
      mayNudge: () => true,
      others: () => new Set([hex(child), hex(mum), hex(dad)]),
      reached: async () => undefined,
      delayMs: 0,
      send: async (members) => {
        const outcome = await nudgePush({ syncUrl: `${relay.url.replace(/^http/, 'ws')}/sync`, identity: plan.admin.identity, planId: plan.planId }, members)
        sent.push({ members, outcome })
        return outcome
      },
    })
    try {
      const goals = createGoals(doc)
      const goal = goals.add({ title: 'Zelf plannen', domain: 'leren' }, ib)
      goals.update(goal, { owner: hex(child), targetDate: '2027-02-01' })
      // an afspraak for the youth that came from another device (as the bridge applies it): not ours to announce
      const elsewhere = new Y.Doc()
      createActions(elsewhere).add({ what: 'Van een ander apparaat', whoKey: hex(child) }, ib)
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(elsewhere), REMOTE_ORIGIN)
      // the IB's own afspraak for the youth: one nudge, naming the youth only
      createActions(doc).add({ what: 'Agenda bijhouden', whoKey: hex(child), dueDate: '2027-01-15' }, ib)
      await waitFor(() => phone.received.length === 1, 'the push to the youth’s "mine" device', 5_000)
      expect(JSON.parse(phone.received[0]!)).toEqual({ t: 'plan-tag-jongere-012345678' })
      // the goal and the remote afspraak came first: had either asked, it would be the first nudge here
      expect(sent).toEqual([{ members: [hex(child)], outcome: 'sent' }])
    } finally {
      stop()
    }
  })
})
