/**
 * The invite check's pure parts: the answer's format (strict: one known field), the address it
 * is asked at, what an admission's refusal says about an invite, and how the client reads an
 * answer (a refused token or no answer is "could not check", never a state of the invite).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { checkInviteLink } from '../../src/access/inviteCheck'
import { formatInviteLink } from '../../src/access/inviteLink'
import { loadSodium, randomBytes, signingKeyPairFromSeed } from '../../src/crypto'
import { verifyAuthToken } from '../../src/sync/authToken'
import { fromBase64Url, toBase64Url } from '../../src/sync/bytes'
import { INVITE_CHECK_PATH, INVITE_STATES, decodeInviteState, encodeInviteState, inviteCheckUrl, inviteStateOfRefusal } from '../../src/sync/inviteCheck'

beforeAll(loadSodium)

describe('the invite check format', () => {
  it('every state round-trips', () => {
    for (const state of INVITE_STATES) expect(decodeInviteState(encodeInviteState(state))).toBe(state)
  })

  it.each([['not json'], ['null'], ['[]'], ['{}'], ['{"invite":"gone"}'], ['{"invite":1}'], ['{"invite":"open","plan":"x"}']])('refuses %s', (body) => {
    expect(decodeInviteState(body)).toBeNull()
  })

  it("asks under the relay's sync path, over http for ws and https for wss", () => {
    expect(inviteCheckUrl('ws://host:8080/sync', 'P', 'a+b')).toBe('http://host:8080/sync/P/invite?auth=a%2Bb')
    expect(inviteCheckUrl('wss://host/sync/', 'P', 't')).toBe('https://host/sync/P/invite?auth=t')
    expect(INVITE_CHECK_PATH.exec('/sync/P/invite')?.[1]).toBe('P')
    expect(INVITE_CHECK_PATH.exec('/sync/P')).toBeNull()
  })

  it("[R6] a refusal names the invite's state; anything else is unknown", () => {
    expect(inviteStateOfRefusal('invite-used')).toBe('used')
    expect(inviteStateOfRefusal('invite-expired')).toBe('expired')
    expect(inviteStateOfRefusal('invite-withdrawn')).toBe('withdrawn')
    for (const code of ['not-a-member', 'consent-missing', 'access-expired']) expect(inviteStateOfRefusal(code)).toBe('unknown')
  })
})

describe('checkInviteLink', () => {
  const planId = toBase64Url(randomBytes(32))
  const secret = randomBytes(32)
  const link = formatInviteLink('https://app.example', planId, secret)
  const answering = (status: number, body: string, seen: string[] = []) =>
    (async (url: string | URL | Request) => {
      seen.push(String(url))
      return new Response(body, { status })
    }) as typeof fetch

  it("signs a fresh token with the link's own invite key, for the link's plan", async () => {
    const seen: string[] = []
    expect(await checkInviteLink(link, 'wss://relay.example/sync', { fetch: answering(200, '{"invite":"used"}', seen) })).toBe('used')
    const url = new URL(seen[0]!)
    expect(url.origin + url.pathname).toBe(`https://relay.example/sync/${planId}/invite`)
    const token = verifyAuthToken(url.searchParams.get('auth')!, fromBase64Url(planId), Date.now())
    expect(token.ok && toBase64Url(token.key)).toBe(toBase64Url(signingKeyPairFromSeed(secret).publicKey))
  })

  it('a refused token, a broken answer or no answer is unchecked', async () => {
    expect(await checkInviteLink(link, 'ws://r/sync', { fetch: answering(401, '{"error":"token-stale"}') })).toBe('unchecked')
    expect(await checkInviteLink(link, 'ws://r/sync', { fetch: answering(200, '<html>') })).toBe('unchecked')
    expect(await checkInviteLink(link, 'ws://r/sync', { fetch: answering(502, '') })).toBe('unchecked')
    const offline = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof fetch
    expect(await checkInviteLink(link, 'ws://r/sync', { fetch: offline })).toBe('unchecked')
  })

  it('a link cut short is unknown without asking anyone', async () => {
    const seen: string[] = []
    expect(await checkInviteLink(link.slice(0, -2), 'ws://r/sync', { fetch: answering(200, '{"invite":"open"}', seen) })).toBe('unknown')
    expect(seen).toEqual([])
  })
})
