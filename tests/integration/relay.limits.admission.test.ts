/**
 * What a socket can cost the relay before it is admitted (issue 9, items 4 and 11), against the
 * real relay process: a refused socket is never read, so what it streams stays in its own
 * buffers; a flood of self-signed tokens for random plans loads no room and writes no nonce
 * beyond the new-plan limit, which holds per address and per key.
 */
import crypto from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium, type SigningKeyPair } from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { toBase64Url } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { DATABASE_FILE } from '../../server/storage/sqlite'
import { createPlanOnRelay, relayMemory, resetPeakMemory, startRelay, type RelayProcess } from '../helpers/relayProcess'

const MiB = 1024 * 1024
const ROOMS_PER_HOUR = 5

beforeAll(async () => {
  await loadSodium()
})

/**
 * A client that ignores the protocol: it upgrades with `auth` and at once writes `frames`
 * binary frames of `frameBytes` each, whatever the relay answers. Resolves when the relay
 * ends the connection, with everything it received (the 101 and the close frame).
 */
function flood(relay: RelayProcess, auth: string, frames: number, frameBytes: number): Promise<Buffer> {
  const payload = Buffer.alloc(frameBytes, 7)
  // FIN + binary; 127: a 64-bit length follows; masked with a zero key, so the payload is sent as is
  const header = Buffer.alloc(14)
  header[0] = 0x82
  header[1] = 0x80 | 127
  header.writeBigUInt64BE(BigInt(frameBytes), 2)
  return new Promise((resolve) => {
    const received: Buffer[] = []
    const socket = net.connect(relay.port, '127.0.0.1', () => {
      const plan = toBase64Url(crypto.randomBytes(32))
      socket.write(
        `GET /sync/${plan}?auth=${auth} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
      for (let i = 0; i < frames; i++) {
        socket.write(header)
        socket.write(payload) // the same buffer each time: the test process holds one copy
      }
    })
    socket.on('data', (d) => received.push(d))
    socket.on('error', () => undefined) // the relay cuts it: ECONNRESET / EPIPE are the point
    socket.on('close', () => resolve(Buffer.concat(received)))
  })
}

/** The close code in the first close frame (opcode 8) of a server's byte stream after its 101 response. */
function closeCodeIn(stream: Buffer): number | null {
  let at = stream.indexOf('\r\n\r\n')
  if (at < 0) return null
  at += 4
  while (at + 2 <= stream.length) {
    const opcode = stream[at]! & 0x0f
    let length = stream[at + 1]! & 0x7f
    let start = at + 2
    if (length === 126) {
      length = stream.readUInt16BE(start)
      start += 2
    } else if (length === 127) {
      length = Number(stream.readBigUInt64BE(start))
      start += 8
    }
    if (opcode === 8) return stream.readUInt16BE(start)
    at = start + length
  }
  return null
}

describe('before admission', () => {
  let relay: RelayProcess
  beforeAll(async () => {
    relay = await startRelay()
  })
  afterAll(async () => {
    await relay?.stop()
  })

  it('[R9] two refused sockets streaming 32 frames of 16 MiB each cost the relay a few MB, and are closed with their 4401 at once', async () => {
    const before = relayMemory(relay.pid)
    resetPeakMemory(relay.pid)
    const [bogus, missing] = await Promise.all([flood(relay, 'bogus', 32, 16 * MiB), flood(relay, '', 32, 16 * MiB)])
    const peak = relayMemory(relay.pid, 'VmHWM')
    // the relay said why before it cut the connection
    expect(closeCodeIn(bogus)).toBe(CLOSE.authFailed)
    expect(closeCodeIn(missing)).toBe(CLOSE.authFailed)
    // it used to read and keep every frame: +677 MB for two such sockets
    expect(peak - before).toBeLessThan(8 * MiB)
    const refused = relay.events().filter((e) => e.event === 'conn-refused')
    expect(refused.map((e) => e.code)).toEqual(expect.arrayContaining(['token-malformed', 'token-missing']))
    const health = (await (await fetch(`${relay.url}/health`)).json()) as { connections: number }
    expect(health.connections).toBe(0)
  }, 60_000)
})

/** Opens a socket with a fresh token of `identity` for `planId`; resolves with the close (or when admitted, with 'open'). */
function tryToken(
  relay: RelayProcess,
  identity: SigningKeyPair,
  planId: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ code: number; reason: string } | 'open'> {
  const ws = new WebSocket(`${relay.wsUrl}/${toBase64Url(planId)}?auth=${createAuthToken(identity, planId, Date.now())}`, { headers })
  return new Promise((resolve) => {
    ws.on('error', () => undefined)
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    // admitted: the relay greets with its sync step 1
    ws.on('message', () => {
      resolve('open')
      ws.close()
    })
  })
}

function nonceRows(relay: RelayProcess): number {
  const db = new Database(path.join(relay.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM nonces').get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function health(relay: RelayProcess): Promise<{ rooms: number; ms: number }> {
  const started = performance.now()
  const body = (await (await fetch(`${relay.url}/health`)).json()) as { rooms: number }
  return { rooms: body.rooms, ms: performance.now() - started }
}

describe('token flood', () => {
  let relay: RelayProcess
  beforeAll(async () => {
    // the upgrade rate has its own test (relay.limits.upgrades): here every socket must reach the new-plan limit
    relay = await startRelay({ env: { RELAY_MAX_ROOMS_PER_HOUR: String(ROOMS_PER_HOUR), TRUST_PROXY: '1', RELAY_MAX_UPGRADES_PER_S: '100000' } })
  })
  afterAll(async () => {
    await relay?.stop()
  })

  it('[R9] 3,000 self-signed tokens for random plans from one address: no more rooms loaded or nonces written than the new-plan limit', async () => {
    const TRIES = 3_000
    const AT_ONCE = 50
    const outcomes: Array<{ code: number; reason: string } | 'open'> = []
    const healthMs: number[] = []
    let flooding = true
    const watch = (async () => {
      while (flooding) healthMs.push((await health(relay)).ms)
    })()
    for (let i = 0; i < TRIES; i += AT_ONCE) {
      const batch = Array.from({ length: Math.min(AT_ONCE, TRIES - i) }, () =>
        tryToken(relay, generateSigningKeyPair(), crypto.randomBytes(32), { 'X-Forwarded-For': '203.0.113.9' }),
      )
      outcomes.push(...(await Promise.all(batch)))
    }
    flooding = false
    await watch
    const admitted = outcomes.filter((o) => o === 'open').length
    const refused = outcomes.filter((o) => o !== 'open' && o.code === CLOSE.rateLimited && o.reason === 'too-many-new-plans').length
    expect(admitted).toBe(ROOMS_PER_HOUR)
    expect(refused).toBe(TRIES - ROOMS_PER_HOUR)
    expect((await health(relay)).rooms).toBeLessThanOrEqual(ROOMS_PER_HOUR)
    expect(nonceRows(relay)).toBeLessThanOrEqual(ROOMS_PER_HOUR)
    // for the record (the old relay: up to 443 ms with 3,001 rooms loaded); timing is not asserted
    // (probed from this process, which also drives the 50 sockets: an upper bound)
    const sorted = [...healthMs].sort((a, b) => a - b)
    console.info(
      `token flood: /health median ${Math.round(sorted[sorted.length >> 1]!)} ms, max ${Math.round(sorted[sorted.length - 1]!)} ms over ${sorted.length} probes`,
    )
  }, 240_000)

  it('[R9] the new-plan limit also holds per key: one key from many addresses opens only so many new plans', async () => {
    const key = generateSigningKeyPair()
    const outcomes = []
    for (let i = 0; i < ROOMS_PER_HOUR + 3; i++) {
      outcomes.push(await tryToken(relay, key, crypto.randomBytes(32), { 'X-Forwarded-For': `198.51.100.${i + 1}` }))
    }
    expect(outcomes.slice(0, ROOMS_PER_HOUR)).toEqual(Array(ROOMS_PER_HOUR).fill('open'))
    expect(outcomes.slice(ROOMS_PER_HOUR)).toEqual(Array(3).fill({ code: CLOSE.rateLimited, reason: 'too-many-new-plans' }))
  }, 60_000)

  it('[R9] a stranger with a valid token for an existing plan is refused before its nonce is burnt', async () => {
    // a plan with its genesis stored (the plans opened above have none)
    const fresh = await startRelay()
    try {
      const plan = await createPlanOnRelay(fresh)
      const rows = nonceRows(fresh)
      for (let i = 0; i < 20; i++) {
        expect(await tryToken(fresh, generateSigningKeyPair(), plan.planId)).toEqual({ code: CLOSE.forbidden, reason: 'not-a-member' })
      }
      expect(nonceRows(fresh)).toBe(rows)
      plan.client.close()
    } finally {
      await fresh.stop()
    }
  }, 60_000)
})
