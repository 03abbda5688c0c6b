/**
 * An invite link checked before a profile exists (GET /sync/<planId>/invite) against the real
 * relay: open, used, expired, withdrawn and unknown answer as the WebSocket's admission would
 * (R6), a forged, stale, missing or replayed token learns nothing, and asking neither spends the
 * invite nor makes a room for a plan that does not exist.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createClient } from '../../src/access'
import { parseInviteLink } from '../../src/access/inviteLink'
import { checkInviteLink } from '../../src/access/inviteCheck'
import { randomBytes, signingKeyPairFromSeed } from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { fromBase64Url, toBase64Url } from '../../src/sync/bytes'
import { inviteCheckUrl } from '../../src/sync/inviteCheck'
import { openRawClient } from '../helpers/relayProcess'
import { useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const app = useDevicesOnRelay()
const syncUrl = () => app.relay.wsUrl

async function adminWithPlan() {
  const admin = await app.device('ib')
  const planId = await admin.client.createPlan({ childName: 'Daan' })
  const session = await admin.client.openPlan(planId)
  await session.whenSynced()
  return { admin, planId, session }
}

/** the check's address for `link`, with a token signed by `signer` (the link's own key unless told) */
function checkUrl(link: string, options: { issuedAt?: number; signer?: Uint8Array } = {}): string {
  const { planId, secret } = parseInviteLink(link)
  const key = signingKeyPairFromSeed(options.signer ?? secret)
  return inviteCheckUrl(syncUrl(), planId, createAuthToken(key, fromBase64Url(planId), options.issuedAt ?? Date.now()))
}

async function answer(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url)
  return { status: res.status, body: await res.json() }
}

async function rooms(): Promise<number> {
  return ((await (await fetch(`${app.relay.url}/health`)).json()) as { rooms: number }).rooms
}

describe('an invite link checked before a profile', () => {
  it('[R6] an open link reads open on a device without a profile, and still works afterwards', async () => {
    const { session, planId } = await adminWithPlan()
    const link = await session.createInvite({ role: 'editor', expiresInHours: 1, name: 'Meester Jan' })
    // a fresh browser: a client, no profile
    const fresh = await createClient({
      syncUrl: syncUrl(),
      namespace: `fresh-${Math.random()}`,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    try {
      expect(fresh.lockState()).toBe('no-profile')
      expect(await fresh.checkInvite(link)).toBe('open')
      expect(await fresh.checkInvite(link)).toBe('open') // a fresh token each time
    } finally {
      await fresh.close()
    }
    const jan = await app.device('jan')
    expect(await jan.client.acceptInvite(link)).toBe(planId)
  })

  it('[R6] a used link reads used', async () => {
    const { session } = await adminWithPlan()
    const link = await session.createInvite({ role: 'reader', expiresInHours: 1 })
    await (await app.device('eerste')).client.acceptInvite(link)
    expect(await checkInviteLink(link, syncUrl())).toBe('used')
  })

  it('[R6] an expired link reads expired', async () => {
    const { session } = await adminWithPlan()
    const link = await session.createInvite({ role: 'reader', expiresInHours: 1 / 3600 }) // one second
    // the relay judges expiry by its own clock (this machine's): wait for the moment itself
    const expiresAt = Math.max(0, ...session.openInvites().map((i) => i.expiresAt))
    await waitFor(() => Date.now() > expiresAt, 'the link expires')
    expect(await checkInviteLink(link, syncUrl())).toBe('expired')
  })

  it('[R6] a withdrawn link reads withdrawn', async () => {
    const { session } = await adminWithPlan()
    const link = await session.createInvite({ role: 'reader', expiresInHours: 1 })
    const [invite] = session.openInvites()
    session.withdrawInvite(invite!.inviteKey)
    await session.whenSynced()
    expect(await checkInviteLink(link, syncUrl())).toBe('withdrawn')
  })

  it("a made-up key, a member's key and a plan that does not exist all read unknown, and no room is made", async () => {
    const { session, planId } = await adminWithPlan()
    await session.createInvite({ role: 'reader', expiresInHours: 1 })
    const madeUp = `${app.relay.url}/#/join/${planId}/${toBase64Url(randomBytes(32))}`
    expect(await checkInviteLink(madeUp, syncUrl())).toBe('unknown')
    // the admin's own key (a member, not an invite) learns nothing about invites either
    const mine = createAuthToken(session.writer.identity, fromBase64Url(planId), Date.now())
    expect(await answer(inviteCheckUrl(syncUrl(), planId, mine))).toEqual({ status: 200, body: { invite: 'unknown' } })
    const noPlan = `${app.relay.url}/#/join/${toBase64Url(randomBytes(32))}/${toBase64Url(randomBytes(32))}`
    const before = await rooms()
    expect(await answer(checkUrl(noPlan))).toEqual({ status: 200, body: { invite: 'unknown' } })
    expect(await rooms()).toBe(before)
    // a link cut short is not asked about at all
    expect(await checkInviteLink(madeUp.slice(0, -3), syncUrl())).toBe('unknown')
  })

  it('a forged, stale, missing or replayed token is refused (401) without a word about the invite', async () => {
    const { session } = await adminWithPlan()
    const link = await session.createInvite({ role: 'reader', expiresInHours: 1 })
    const { planId, secret } = parseInviteLink(link)

    // forged: the invite's public key with another key's signature
    const good = fromBase64Url(new URL(checkUrl(link)).searchParams.get('auth')!)
    const forged = new Uint8Array(good)
    forged[forged.length - 1]! ^= 1
    expect(await answer(inviteCheckUrl(syncUrl(), planId, toBase64Url(forged)))).toEqual({ status: 401, body: { error: 'token-bad-signature' } })
    // stale: signed by the right key, five minutes ago
    expect(await answer(checkUrl(link, { issuedAt: Date.now() - 5 * 60_000 }))).toEqual({ status: 401, body: { error: 'token-stale' } })
    // missing
    expect(await answer(`${app.relay.url}/sync/${planId}/invite`)).toEqual({ status: 401, body: { error: 'token-missing' } })
    // for another plan
    const other = inviteCheckUrl(syncUrl(), toBase64Url(randomBytes(32)), createAuthToken(signingKeyPairFromSeed(secret), fromBase64Url(planId), Date.now()))
    expect(await answer(other)).toEqual({ status: 401, body: { error: 'token-wrong-plan' } })

    // an open invite's token works once: not again here, nor on a WebSocket
    const once = checkUrl(link)
    expect(await answer(once)).toEqual({ status: 200, body: { invite: 'open' } })
    expect(await answer(once)).toEqual({ status: 401, body: { error: 'token-replayed' } })
    const token = new URL(once).searchParams.get('auth')!
    const ws = openRawClient(`${syncUrl()}/${planId}?auth=${token}`)
    expect(await ws.closed).toEqual({ code: 4401, reason: 'token-replayed' })

    // the client reads a refused token as "could not check", never as a state of the invite
    expect(await checkInviteLink(link, syncUrl(), { now: Date.now() - 5 * 60_000 })).toBe('unchecked')
  })

  it('a relay that cannot be reached reads unchecked', async () => {
    const { session } = await adminWithPlan()
    const link = await session.createInvite({ role: 'reader', expiresInHours: 1 })
    expect(await checkInviteLink(link, 'ws://127.0.0.1:9/sync')).toBe('unchecked')
  })
})
