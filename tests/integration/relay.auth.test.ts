/**
 * Who may open a connection (DESIGN §5.1), against the real relay process with raw `ws`
 * clients and the real token code: a fresh, signed, single-use token of a member or open
 * invite, or anyone to a plan that does not exist yet. Refusals are final 44xx close codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { createAuthToken, TOKEN_MAX_AGE_MS } from '../../src/sync/authToken'
import { fromBase64Url, toBase64Url } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { createMemberRecord, createWriter } from '../../src/sync/records'
import { connectAs, createPlanOnRelay, errorOf, isError, openRawClient, pushBlobs, startRelay, type RelayProcess, type TestPlan } from '../helpers/relayProcess'

let relay: RelayProcess
let plan: TestPlan & { client: ReturnType<typeof openRawClient> }

beforeAll(async () => {
  await loadSodium()
  relay = await startRelay({ env: { RELAY_MAX_ROOMS_PER_HOUR: '3' } })
  plan = await createPlanOnRelay(relay)
})
afterAll(async () => {
  await relay?.stop()
})

const urlFor = (planId: Uint8Array, token?: string) => `${relay.wsUrl}/${toBase64Url(planId)}${token === undefined ? '' : `?auth=${token}`}`

async function closeOf(url: string) {
  return openRawClient(url).closed
}

describe('connection tokens', () => {
  it('a member with a fresh token is admitted and greeted with sync step 1', async () => {
    const client = connectAs(relay, plan.admin.identity, plan.planId)
    await client.opened
    const first = await client.next(() => true)
    expect([first[0], first[1]]).toEqual([0, 0]) // sync, step 1
    client.close()
  })

  it('no token: closed with 4401', async () => {
    expect(await closeOf(urlFor(plan.planId))).toEqual({ code: CLOSE.authFailed, reason: 'token-missing' })
    expect(await closeOf(urlFor(plan.planId, ''))).toEqual({ code: CLOSE.authFailed, reason: 'token-missing' })
  })

  it('garbage token: closed with 4401', async () => {
    expect(await closeOf(urlFor(plan.planId, 'not-a-token'))).toEqual({ code: CLOSE.authFailed, reason: 'token-malformed' })
  })

  it('forged token (signature does not verify): closed with 4401', async () => {
    const bytes = fromBase64Url(createAuthToken(plan.admin.identity, plan.planId, Date.now()))
    bytes[bytes.length - 1]! ^= 1
    expect(await closeOf(urlFor(plan.planId, toBase64Url(bytes)))).toEqual({ code: CLOSE.authFailed, reason: 'token-bad-signature' })
  })

  it('token for another plan: closed with 4401', async () => {
    const other = new Uint8Array(32).fill(7)
    expect(await closeOf(urlFor(plan.planId, createAuthToken(plan.admin.identity, other, Date.now())))).toEqual({
      code: CLOSE.authFailed,
      reason: 'token-wrong-plan',
    })
  })

  it('expired token (and one from the future): closed with 4401', async () => {
    const old = createAuthToken(plan.admin.identity, plan.planId, Date.now() - TOKEN_MAX_AGE_MS - 5_000)
    expect(await closeOf(urlFor(plan.planId, old))).toEqual({ code: CLOSE.authFailed, reason: 'token-stale' })
    const future = createAuthToken(plan.admin.identity, plan.planId, Date.now() + TOKEN_MAX_AGE_MS + 5_000)
    expect(await closeOf(urlFor(plan.planId, future))).toEqual({ code: CLOSE.authFailed, reason: 'token-stale' })
  })

  it('replayed token: the second use is closed with 4401, also after a restart', async () => {
    const r = await startRelay()
    try {
      const p = await createPlanOnRelay(r)
      const token = createAuthToken(p.admin.identity, p.planId, Date.now())
      const url = `${r.wsUrl}/${toBase64Url(p.planId)}?auth=${token}`
      const first = openRawClient(url)
      await first.opened
      expect(await closeOf(url)).toEqual({ code: CLOSE.authFailed, reason: 'token-replayed' })
      first.close()
      await r.stop()
      const again = await startRelay({ dataDir: r.dataDir })
      try {
        const urlAgain = `${again.wsUrl}/${toBase64Url(p.planId)}?auth=${token}`
        expect(await openRawClient(urlAgain).closed).toEqual({ code: CLOSE.authFailed, reason: 'token-replayed' })
      } finally {
        await again.stop()
      }
    } finally {
      await r.stop()
    }
  })
})

describe('membership', () => {
  it('a key that is not a member of an existing plan: closed with 4403', async () => {
    const stranger = generateSigningKeyPair()
    const client = connectAs(relay, stranger, plan.planId)
    expect(await client.closed).toEqual({ code: CLOSE.forbidden, reason: 'not-a-member' })
  })

  it('an open invite key is admitted; after it is withdrawn it is refused with 4403', async () => {
    const invite = generateSigningKeyPair()
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, {
        op: 'invite',
        subject: invite.publicKey,
        role: 'reader',
        expiresAt: Date.now() + 3_600_000,
        party: 'parent',
      }),
    ])
    const guest = connectAs(relay, invite, plan.planId)
    await guest.opened
    // in the room (its greeting came), not still being admitted: then admission would refuse it as
    // withdrawn instead (on PostgreSQL admission takes long enough for the withdrawal to pass it)
    await guest.next(() => true)
    await pushBlobs(plan.client, plan.doc, [createMemberRecord(plan.admin, plan.planId, { op: 'withdraw', subject: invite.publicKey, role: 'reader' })])
    // the connection it had is closed too: a withdrawn invite may not keep listening
    expect(await guest.closed).toEqual({ code: CLOSE.forbidden, reason: 'access-ended' })
    expect(await connectAs(relay, invite, plan.planId).closed).toEqual({ code: CLOSE.forbidden, reason: 'invite-withdrawn' })
  })

  it('a removed member is disconnected at once and cannot come back', async () => {
    const member = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: member.identity.publicKey, role: 'editor', party: 'parent' }),
    ])
    const conn = connectAs(relay, member.identity, plan.planId)
    await conn.opened
    await pushBlobs(plan.client, plan.doc, [createMemberRecord(plan.admin, plan.planId, { op: 'remove', subject: member.identity.publicKey, role: 'editor' })])
    expect((await conn.closed).code).toBe(CLOSE.forbidden)
    expect((await connectAs(relay, member.identity, plan.planId).closed).code).toBe(CLOSE.forbidden)
  })

  it('anyone may open a plan that does not exist yet, but one address only so many per hour (4029)', async () => {
    // the relay allows 3 new plans per hour per address here; beforeAll made one
    const opened: ReturnType<typeof openRawClient>[] = []
    for (let i = 0; i < 2; i++) {
      const client = connectAs(relay, generateSigningKeyPair(), crypto.getRandomValues(new Uint8Array(32)))
      await client.opened
      // admitted (greeted in its room), not still being admitted: otherwise the third's admission
      // can count before this one's (on PostgreSQL the store's answers come in any order) and the
      // one refused is this one
      await client.next(() => true)
      opened.push(client)
    }
    const refused = connectAs(relay, generateSigningKeyPair(), crypto.getRandomValues(new Uint8Array(32)))
    expect(await refused.closed).toEqual({ code: CLOSE.rateLimited, reason: 'too-many-new-plans' })
    // reconnecting to a plan it is creating does not count again
    const sameAgain = connectAs(relay, generateSigningKeyPair(), fromBase64Url(opened[0]!.ws.url.split('/sync/')[1]!.split('?')[0]!))
    await sameAgain.opened
    for (const c of [...opened, sameAgain]) c.close()
    // existing plans are not affected
    const member = connectAs(relay, plan.admin.identity, plan.planId)
    await member.opened
    member.close()
  })

  it('refusals are logged with their code, and no token ever appears in the logs', async () => {
    const token = createAuthToken(plan.admin.identity, plan.planId, Date.now() - TOKEN_MAX_AGE_MS * 2)
    await closeOf(urlFor(plan.planId, token))
    const refused = relay.events().filter((e) => e.event === 'conn-refused')
    expect(refused.map((e) => e.code)).toEqual(expect.arrayContaining(['token-missing', 'token-bad-signature', 'token-stale', 'not-a-member']))
    expect(relay.logs()).not.toContain(token)
    expect(relay.logs()).not.toContain(token.slice(0, 40))
  })
})

describe('errors before close', () => {
  it('an admitted connection that is refused later gets MESSAGE_ERROR first', async () => {
    const client = connectAs(relay, plan.admin.identity, plan.planId)
    await client.opened
    client.send(new Uint8Array([0, 7, 0])) // sync with an unknown sub-type
    const closed = await client.closed
    expect(closed).toEqual({ code: CLOSE.rejected, reason: 'malformed' })
    const error = client.received.find(isError)
    expect(error && errorOf(error).code).toBe('malformed')
  })
})
