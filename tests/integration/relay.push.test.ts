/**
 * [issue 10 §3] Web Push from a real relay to a push service on loopback that checks the VAPID
 * signature and decrypts each push as a browser would (RFC 8291): a member's device that opted in
 * hears that someone else wrote in the plan, through its tag alone; at most once per gap; never
 * for its own writing; not after its removal; not to a push service the relay does not trust.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../server/storage/sqlite'
import { generateSigningKeyPair, loadSodium, type SigningKeyPair } from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { toBase64Url } from '../../src/sync/bytes'
import { createMemberRecord, createWriter, sealRecord } from '../../src/sync/records'
import { waitFor } from '../helpers/poll'
import { type PushService, startPushService, type TestSubscription } from '../helpers/pushService'
import { createPlanOnRelay, pushBlobs, type RawClient, type RelayProcess, startRelay, type TestPlan } from '../helpers/relayProcess'

const GAP_MS = 1_500
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('Web Push', () => {
  let service: PushService
  let relay: RelayProcess
  let plan: TestPlan & { client: RawClient }

  const pushUrl = (identity: SigningKeyPair, extra = '') =>
    `${relay.url}/sync/${toBase64Url(plan.planId)}/push?auth=${encodeURIComponent(createAuthToken(identity, plan.planId, Date.now()))}${extra}`
  const subscribe = (identity: SigningKeyPair, sub: { endpoint: string; p256dh: string; auth: string }, tag: string) =>
    fetch(pushUrl(identity), { method: 'PUT', body: JSON.stringify({ endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth, tag }) })
  const write = (s: string) =>
    pushBlobs(plan.client, plan.doc, [sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, new TextEncoder().encode(s))])

  beforeAll(async () => {
    await loadSodium()
    service = await startPushService()
    relay = await startRelay({ env: { RELAY_PUSH_SERVICES: service.origin, RELAY_PUSH_GAP_MS: String(GAP_MS) } })
    plan = await createPlanOnRelay(relay)
  })
  afterAll(async () => {
    plan?.client.close()
    await relay?.stop()
    await service?.close()
  })

  it('a parent’s device hears of the teacher’s writing through its tag only, once per gap, never of its own; the push is signed by the relay’s key', async () => {
    const parent = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: parent.identity.publicKey, role: 'contributor', party: 'gezag' }),
    ])
    const publicKey = ((await (await fetch(`${relay.url}/sync/push-key`)).json()) as { publicKey: string }).publicKey
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/)

    const phone = service.subscribe()
    const tag = 'plan-tag-moeder-0123456789'
    expect((await subscribe(parent.identity, phone, tag)).status).toBe(204)
    const adminLaptop = service.subscribe()
    expect((await subscribe(plan.admin.identity, adminLaptop, 'plan-tag-admin-0123456789')).status).toBe(204)

    await write('Vandaag ging het lezen goed')
    await waitFor(() => phone.received.length === 1, 'the first push', 5_000)
    expect(JSON.parse(phone.received[0]!)).toEqual({ t: tag })
    expect(service.posts.every((p) => !p.error && p.vapidKey === publicKey && p.aud === service.origin)).toBe(true)

    // more writing within the gap: no more pushes; the writer's own device never hears of it
    for (let i = 0; i < 5; i++) await write(`nog een notitie ${i}`)
    await sleep(300)
    expect(phone.received).toHaveLength(1)
    await sleep(GAP_MS)
    await write('na de pauze')
    await waitFor(() => phone.received.length === 2, 'the push after the gap', 5_000)
    expect(adminLaptop.received).toEqual([])
  })

  it('refused: a stranger, an untrusted push service, a malformed subscription; a gone endpoint and a removed member’s subscriptions are dropped', async () => {
    const sub = service.subscribe()
    const stranger = generateSigningKeyPair()
    expect((await subscribe(stranger, sub, 'plan-tag-vreemde-0123456789')).status).toBe(403)

    const member = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: member.identity.publicKey, role: 'reader', party: 'parent' }),
    ])
    const elsewhere = { ...sub, endpoint: 'https://push.evil.example/x' }
    const refused = await subscribe(member.identity, elsewhere, 'plan-tag-lid-0123456789ab')
    expect([refused.status, await refused.json()]).toEqual([400, { error: 'push-service-unknown' }])
    const bad = await subscribe(member.identity, { ...sub, p256dh: 'kort' }, 'plan-tag-lid-0123456789ab')
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'bad-subscription' }])

    const kept: TestSubscription = service.subscribe()
    const gone: TestSubscription = service.subscribe()
    expect((await subscribe(member.identity, kept, 'plan-tag-lid-0123456789ab')).status).toBe(204)
    const other = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: other.identity.publicKey, role: 'reader', party: 'parent' }),
    ])
    expect((await subscribe(other.identity, gone, 'plan-tag-ander-0123456789a')).status).toBe(204)
    service.answer(gone.endpoint, 410)
    await sleep(GAP_MS)
    await write('voor iedereen')
    await waitFor(() => kept.received.length === 1 && service.posts.some((p) => gone.endpoint.endsWith(p.id)), 'the push to both', 5_000)

    // the member is removed; the gone endpoint was dropped: after the gap nobody of them hears anything
    await pushBlobs(plan.client, plan.doc, [createMemberRecord(plan.admin, plan.planId, { op: 'remove', subject: member.identity.publicKey, role: 'reader' })])
    const postsBefore = service.posts.length
    await sleep(GAP_MS + 200)
    await write('na het vertrek')
    await sleep(800)
    const later = service.posts.slice(postsBefore).map((p) => p.id)
    expect(later.some((id) => kept.endpoint.endsWith(id) || gone.endpoint.endsWith(id))).toBe(false)
    expect(kept.received).toHaveLength(1)
    // and the relay no longer keeps them at all
    const db = new Database(path.join(relay.dataDir, DATABASE_FILE), { readonly: true })
    try {
      const rows = db.prepare('SELECT endpoint FROM push_subscriptions').all() as { endpoint: string }[]
      expect(rows.map((r) => r.endpoint)).not.toContain(kept.endpoint)
      expect(rows.map((r) => r.endpoint)).not.toContain(gone.endpoint)
    } finally {
      db.close()
    }
  })
})
