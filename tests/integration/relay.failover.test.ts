/**
 * Faults of a relay cluster as an operator runs it (deploy/): real relay processes on one real
 * PostgreSQL, Debian's HAProxy in front with the shipped config (tests/helpers/haproxy.ts), and
 * 20 clients of one plan that reconnect as the app does (jittered backoff, resend of whatever was
 * not acknowledged: tests/helpers/resilientClient.ts).
 *
 * All clients of a plan reach one instance through HAProxy's hash on the plan id (asserted
 * before each fault). After a fault they usually all reach the same other one, but HAProxy's
 * redispatch of a refused connection can split them over two until they reconnect: then the
 * convergence checks depend on the fan-out between relays (server/, on main).
 *
 * What these tests found: a relay's answer to a step 1 carrying a delete set it never received
 * (updateChunks.ts read pending structs as one), and an answer that left out whole sessions when
 * the relay held a reconnecting device's newest records pending (they come before its step 2).
 * When a client does not converge, the failure message prints what it lacks and what its
 * pending structs wait for.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateSigningKeyPair, loadSodium, type SigningKeyPair } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import { hasHaproxy, type HaproxyProcess, startHaproxy } from '../helpers/haproxy'
import { createDevice, type Device, textOf, waitFor } from '../helpers/nodeDevice'
import { hasPostgres, type PostgresServer, startPostgres } from '../helpers/postgres'
import { createPlanOnRelay, pushBlobs, type RelayProcess, readRelayLog, startRelay } from '../helpers/relayProcess'
import { type ResilientClient, startResilientClient } from '../helpers/resilientClient'
import type { SyncState } from '../../src/access/types'

const CLIENTS = 20
const text = (s: string) => new TextEncoder().encode(s)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Cluster {
  relays: RelayProcess[]
  proxy: HaproxyProcess
}

interface PlanOnCluster {
  planId: Uint8Array
  key: Uint8Array
  writers: Writer[]
  clients: ResilientClient[]
  /** every blob each client wrote, in order */
  written: Uint8Array[][]
}

async function health(relay: RelayProcess): Promise<{ connections: number } | null> {
  try {
    return (await (await fetch(`${relay.url}/health`)).json()) as { connections: number }
  } catch {
    return null
  }
}

/** The relays the plan's clients are connected to now (by each relay's /health): index -> connections. */
async function connectionsByRelay(cluster: Cluster): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  for (const [i, r] of cluster.relays.entries()) {
    const h = await health(r)
    if (h && h.connections > 0) out.set(i, h.connections)
  }
  return out
}

/** The one relay that serves all CLIENTS of the plan; fails if they are spread over several. */
async function servingRelay(cluster: Cluster): Promise<number> {
  const byRelay = await relaysInUse(cluster)
  expect(byRelay.size, `the plan's clients per relay: ${JSON.stringify([...byRelay])}`).toBe(1)
  return [...byRelay.keys()][0]!
}

/** Where the plan's CLIENTS are connected once all of them are: relay index -> connections. */
async function relaysInUse(cluster: Cluster): Promise<Map<number, number>> {
  let byRelay = new Map<number, number>()
  await waitFor(async () => {
    byRelay = await connectionsByRelay(cluster)
    return [...byRelay.values()].reduce((a, b) => a + b, 0) >= CLIENTS
  }, 'all clients connected')
  return byRelay
}

/** A plan with an admin and CLIENTS - 1 editors, each with a client connected through HAProxy and synced. */
async function planOnCluster(cluster: Cluster): Promise<PlanOnCluster> {
  const plan = await createPlanOnRelay(cluster.proxy)
  const editors = Array.from({ length: CLIENTS - 1 }, () => createWriter(generateSigningKeyPair()))
  await pushBlobs(
    plan.client,
    plan.doc,
    editors.map((e) => createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: e.identity.publicKey, role: 'editor', party: 'parent' })),
  )
  plan.client.close()
  const writers = [plan.admin, ...editors]
  const clients = writers.map((w) => startResilientClient({ wsBase: cluster.proxy.wsUrl, identity: w.identity as SigningKeyPair, planId: plan.planId }))
  await Promise.all(clients.map((c) => c.until((x) => x.synced, 15_000, 'first sync')))
  return { planId: plan.planId, key: plan.key, writers, clients, written: writers.map(() => []) }
}

/**
 * Every client writes one record every `intervalMs` until `stop()`; a write while the client is
 * away waits in its doc and goes with the next handshake, as a device's offline edits do.
 */
function writeSteadily(plan: PlanOnCluster, intervalMs: number): { stop(): Promise<void> } {
  let running = true
  const loops = plan.clients.map(async (client, i) => {
    await sleep((intervalMs * i) / plan.clients.length) // spread over the interval
    for (let n = 0; running; n++) {
      const blob = sealRecord(plan.writers[i]!, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(`client ${i} edit ${n}`))
      plan.written[i]!.push(blob)
      client.write([blob])
      await sleep(intervalMs)
    }
  })
  return {
    async stop() {
      running = false
      await Promise.all(loops)
    },
  }
}

const totalAcked = (plan: PlanOnCluster) => plan.clients.reduce((n, c) => n + c.acked, 0)

/**
 * After the fault: every client's own records are all acknowledged, every client holds every
 * client's records (one state everywhere), and the relay — read through HAProxy by a fresh
 * connection — holds every record anyone wrote, the ones acknowledged before the fault included.
 */
async function expectConverged(cluster: Cluster, plan: PlanOnCluster, ackedBefore: number[]): Promise<void> {
  await Promise.all(
    plan.clients.map((c, i) =>
      c
        .until((x) => x.synced && x.acked === x.written, 45_000, `client ${i} acknowledged in full`)
        .catch((err: Error) => {
          // the delete set too: none of these clients deletes, so one here came from the relay
          const ds = [...Y.decodeUpdate(Y.encodeStateAsUpdate(c.doc)).ds.clients].map(([id, ranges]) => [id, ranges.map((r) => [r.clock, r.len])])
          const facts = { acked: c.acked, written: c.written, synced: c.synced, connected: c.connected, lastCloses: c.closes.slice(-3), deleteSet: ds }
          throw new Error(`${err.message}: ${JSON.stringify(facts)}`)
        }),
    ),
  )
  const clocks = plan.clients.map((c) => [c.doc.clientID, c.written] as const)
  await Promise.all(
    plan.clients.map((c, i) =>
      c
        .until(
          (x) => {
            const sv = Y.decodeStateVector(Y.encodeStateVector(x.doc))
            return clocks.every(([id, clock]) => (sv.get(id) ?? 0) >= clock)
          },
          30_000,
          `client ${i} holds every edit`,
        )
        .catch((err: Error) => {
          const sv = Y.decodeStateVector(Y.encodeStateVector(c.doc))
          const lacks = clocks.filter(([id, clock]) => (sv.get(id) ?? 0) < clock).map(([id, clock]) => [id, sv.get(id) ?? 0, clock])
          const pending = c.doc.store.pendingStructs
          const facts = { me: c.doc.clientID, lacks, pendingMissing: pending ? [...pending.missing] : null, opens: c.opens, closes: c.closes }
          throw new Error(`${err.message}: ${JSON.stringify(facts)}`)
        }),
    ),
  )
  for (const [i, c] of plan.clients.entries()) {
    expect(c.written).toBe(plan.written[i]!.length)
    expect(c.acked).toBeGreaterThanOrEqual(ackedBefore[i]!)
  }
  const stored = new Set((await readRelayLog(cluster.proxy, plan.writers[0]!.identity, plan.planId)).map(toHex))
  for (const blobs of plan.written) for (const b of blobs) expect(stored.has(toHex(b))).toBe(true)
  const logs = plan.clients.map((c) => new Set(c.doc.getArray<Uint8Array>('log').toArray().map(toHex)))
  for (const log of logs) for (const blobs of plan.written) for (const b of blobs) expect(log.has(toHex(b))).toBe(true)
}

describe.skipIf(!hasPostgres || !hasHaproxy)('relay cluster behind HAProxy: faults', () => {
  let server: PostgresServer
  const clusters: Cluster[] = []
  const plans: PlanOnCluster[] = []
  const devices: Device[] = []

  beforeAll(async () => {
    await loadSodium()
    server = await startPostgres()
  })
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.client.close()
    for (const p of plans.splice(0)) for (const c of p.clients) c.close()
    for (const c of clusters.splice(0)) {
      await c.proxy.stop()
      for (const r of c.relays) await r.stop()
    }
  })
  afterAll(async () => {
    await server?.destroy()
  })

  async function cluster(instances: number): Promise<Cluster> {
    const url = await server.createDatabase()
    const relays: RelayProcess[] = []
    for (let i = 0; i < instances; i++) relays.push(await startRelay({ env: { DATABASE_URL: url, TRUST_PROXY: '1' } }))
    const proxy = await startHaproxy(
      relays.map((r, i) => ({ name: `relay${i + 1}`, port: r.port })),
      { checkInterMs: 250 },
    )
    const c = { relays, proxy }
    clusters.push(c)
    return c
  }

  async function plan(c: Cluster): Promise<PlanOnCluster> {
    const p = await planOnCluster(c)
    plans.push(p)
    return p
  }

  it('kill -9 of the instance serving a plan in the middle of a burst from 20 clients: they reconnect to another and every acknowledged edit is there', async () => {
    const c = await cluster(3)
    const p = await plan(c)
    const serving = await servingRelay(c)

    const writing = writeSteadily(p, 20) // ~1,000 records a second from 20 clients
    await waitFor(() => totalAcked(p) >= 200, 'a part of the burst acknowledged', 30_000)
    const writtenAtKill = p.written.flat().length
    const killed = c.relays[serving]!.kill('SIGKILL')
    // the clients hold back for a moment (they would resend what they hold): what the cluster
    // has now is only what the killed instance committed
    for (const x of p.clients) x.pause()
    await killed
    const ackedBefore = p.clients.map((x) => x.acked)
    const acked = ackedBefore.reduce((a, b) => a + b, 0)
    expect(acked).toBeGreaterThanOrEqual(200)
    expect(acked).toBeLessThan(writtenAtKill) // killed in the middle: records were in flight
    const stored = new Set((await readRelayLog(c.proxy, p.writers[0]!.identity, p.planId)).map(toHex))
    for (const [i, blobs] of p.written.entries()) {
      for (const b of blobs.slice(0, ackedBefore[i])) expect(stored.has(toHex(b)), `client ${i}'s acknowledged edit`).toBe(true)
    }

    for (const x of p.clients) x.resume()
    await sleep(1_500) // the clients go on writing while they move
    await writing.stop()
    expect(p.written.flat().length).toBeGreaterThan(writtenAtKill)

    await expectConverged(c, p, ackedBefore)
    // all of them on the surviving instances. Usually one: the hash without the dead one. But a
    // connection refused before HAProxy's check marked the instance down is redispatched, and
    // that can split a plan's clients over two instances until they reconnect; then they
    // converge through the fan-out between relays (on main since the relays share PostgreSQL)
    const after = await relaysInUse(c)
    expect(after.has(serving)).toBe(false)
    // every client lost its socket to the kill and opened a new one
    for (const x of p.clients) expect(x.opens).toBeGreaterThanOrEqual(2)
  })

  it('PostgreSQL restarted under load: the relays stay up and reconnect, nothing acknowledged is lost, and a device shows it is waiting meanwhile', async () => {
    const c = await cluster(2)
    const p = await plan(c)
    const serving = await servingRelay(c)
    // a real device (src/access on fake-indexeddb) through HAProxy, to see what the UI is told
    const a = await createDevice(c.proxy, 'ouder')
    const b = await createDevice(c.proxy, 'leerkracht')
    devices.push(a, b)
    const planId = await a.client.createPlan({ childName: 'Mila' })
    const sa = await a.client.openPlan(planId)
    await sa.whenSynced()
    await b.client.acceptInvite(await sa.createInvite({ role: 'editor', expiresInHours: 1 }))
    const sb = await b.client.openPlan(planId)
    await waitFor(() => sa.status().state === 'synced' && sb.status().state === 'synced', 'devices synced')

    const writing = writeSteadily(p, 50)
    await waitFor(() => totalAcked(p) >= 100, 'load acknowledged', 30_000)
    await server.stop()
    let restarted = false
    try {
      const ackedBefore = p.clients.map((x) => x.acked)
      sa.doc.getText('notes').insert(0, 'tijdens de storing;')
      // what the device says while the database is away: never "synced", never an error
      const seen = new Set<SyncState>()
      const pendingSeen: number[] = []
      const outageStart = Date.now()
      while (Date.now() - outageStart < 4_000) {
        const s = sa.status()
        seen.add(s.state)
        pendingSeen.push(s.pending)
        await sleep(50)
      }
      expect(seen.has('synced')).toBe(false)
      expect(seen.has('error')).toBe(false)
      expect([...seen].every((s) => s === 'pending' || s === 'connecting' || s === 'saved-local')).toBe(true)
      expect(Math.min(...pendingSeen)).toBeGreaterThan(0)
      expect(textOf(sb)).not.toContain('tijdens de storing;')
      // the raw clients' writes in the outage were refused, not acknowledged
      const ackedInOutage = p.clients.map((x) => x.acked)
      expect(ackedInOutage).toEqual(ackedBefore)

      await server.start()
      restarted = true
      await sleep(1_000) // load goes on after the database is back
      await writing.stop()
      await expectConverged(c, p, ackedBefore)
      await waitFor(() => textOf(sb).includes('tijdens de storing;'), 'the edit made in the outage arrives', 30_000)
      await waitFor(() => sa.status().state === 'synced', 'the device is synced again', 30_000)
      // the relays lived through it: same processes, and they said what happened
      for (const r of c.relays) expect(r.child.exitCode).toBeNull()
      const events = c.relays[serving]!.events().map((e) => e.event)
      expect(events.some((e) => e === 'store-failed' || e === 'store-connection-lost' || e === 'conn-join-failed')).toBe(true)
    } finally {
      if (!restarted) await server.start()
    }
  })

  it('a plan moves to another instance when its instance stops gracefully, with no edit lost', async () => {
    const c = await cluster(3)
    const p = await plan(c)
    const serving = await servingRelay(c)

    const writing = writeSteadily(p, 25)
    await waitFor(() => totalAcked(p) >= 100, 'a part acknowledged', 30_000)
    const ackedBefore = p.clients.map((x) => x.acked)
    const code = await c.relays[serving]!.stop() // SIGTERM: /health 503, flush, close 1001
    expect(code).toBe(0)
    await sleep(1_000)
    await writing.stop()

    await expectConverged(c, p, ackedBefore)
    const after = await relaysInUse(c) // on the others (see the kill test on how many)
    expect(after.has(serving)).toBe(false)
    // told to go (1001) or cut by HAProxy once the instance left the pool: no client stopped trying
    for (const x of p.clients) expect(x.closes.length).toBeGreaterThanOrEqual(1)
    expect(c.relays[serving]!.events().some((e) => e.event === 'shutdown-done')).toBe(true)
  })
})
