/**
 * A reconnect storm (issue 12): beyond its upgrade rate the relay closes a new socket 1013
 * "try again later" before any token, room or store work, and a client so refused waits at
 * least OVERLOAD_BACKOFF_MS (jittered) and then connects. Against the real relay process.
 */
import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { randomBytes } from '../../src/crypto'
import { toBase64Url } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { CLOSE_TRY_AGAIN_LATER, OVERLOAD_BACKOFF_MS } from '../../src/sync/reconnectDelay'
import { useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const app = useDevicesOnRelay({ env: { RELAY_MAX_UPGRADES_PER_S: '1' } })

/** a socket with a token that cannot be valid: resolves with how the relay closed it */
function rawSocket(): Promise<{ code: number; reason: string }> {
  const plan = toBase64Url(randomBytes(32))
  return new Promise((resolve) => {
    const ws = new WebSocket(`${app.relay.wsUrl}/${plan}?auth=not-a-token`)
    ws.on('error', () => {})
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
}

describe('[R9] upgrades per second', () => {
  it('beyond the burst the relay closes 1013 overloaded; the sockets it takes are judged as usual', async () => {
    const closes = await Promise.all(Array.from({ length: 8 }, () => rawSocket()))
    const overloaded = closes.filter((c) => c.code === CLOSE_TRY_AGAIN_LATER)
    // a burst of two, and at most one more refilled meanwhile
    expect(overloaded.length).toBeGreaterThanOrEqual(5)
    expect(overloaded.every((c) => c.reason === 'overloaded')).toBe(true)
    expect(closes.filter((c) => c.code !== CLOSE_TRY_AGAIN_LATER).every((c) => c.code === CLOSE.authFailed)).toBe(true)
  })

  it('a client refused as overloaded backs off at least half the overload wait, then connects and syncs', async () => {
    const ans = await app.device('Ans')
    const planId = await ans.client.createPlan({ childName: 'Noor' })
    const session = await ans.client.openPlan(planId)
    await session.whenSynced()
    session.disconnect()
    await waitFor(() => session.status().state === 'saved-local', 'offline')
    await new Promise((r) => setTimeout(r, 2500)) // the bucket full again
    // the whole burst taken: the client's next socket is refused (1 per second comes back)
    const drained = await Promise.all(Array.from({ length: 8 }, () => rawSocket()))
    expect(drained.some((c) => c.code === CLOSE_TRY_AGAIN_LATER)).toBe(true)
    const reconnected = Date.now()
    session.connect()
    await waitFor(() => session.status().state === 'synced', 'synced again', 30_000)
    // without the overload floor y-websocket would be back after 200 ms and in within a second
    expect(Date.now() - reconnected).toBeGreaterThanOrEqual(OVERLOAD_BACKOFF_MS / 2)
  }, 40_000)
})
