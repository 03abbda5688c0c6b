/**
 * One relay instance at the scale of a region (issue 12): thousands of connected clients, the
 * memory an idle connection costs, a reconnect storm after a restart, and the update rate it
 * sustains within the latency budget on PostgreSQL and on SQLite. Each on a relay of its own,
 * started here, so no figure carries another's rooms or garbage.
 */
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/crypto'
import { MAX_BACKOFF_MS } from '../../src/sync/reconnectDelay'
import { createMemberRecord, createWriter } from '../../src/sync/records'
import { hasPostgres, startPostgres } from '../helpers/postgres'
import { createPlanOnRelay, pushBlobs, type RelayProcess, relayMemory, startRelay } from '../helpers/relayProcess'
import { type ResilientClient, startResilientClient } from '../helpers/resilientClient'
import { rampRelayLoad, setupRelayLoad } from './relayLoad'
import { round, sleep } from './stats'

/** what the bench's relays lift: these benches measure load, not the abuse limits (which have their own tests) */
const UNLIMITED = { RELAY_MAX_ROOMS_PER_HOUR: '1000000', RELAY_MAX_MESSAGES_PER_S: '100000', RELAY_MAX_UPGRADES_PER_S: '100000' }
const GiB = 1024 ** 3
type Log = (line: string) => void

async function withRelay<T>(env: Record<string, string>, work: (relay: RelayProcess) => Promise<T>): Promise<T> {
  const relay = await startRelay({ env })
  try {
    return await work(relay)
  } finally {
    await relay.stop()
  }
}

/**
 * `clients` connected clients across `plans` plans (10 a plan) at `rate` updates/s: send to
 * arrival at every other member. The baseline is the same rate with a tenth of the clients.
 */
export async function benchManyClients(opts: { clients: number; plans: number; rate: number; seconds: number; log: Log }): Promise<Record<string, number>> {
  const members = Math.round(opts.clients / opts.plans)
  const run = (plans: number) =>
    withRelay(UNLIMITED, async (relay) => {
      const load = await setupRelayLoad(relay.url.replace(/^http/, 'ws'), {
        plans,
        membersPerPlan: members,
        updatesPerClient: Math.ceil(((opts.rate * opts.seconds) / (plans * members)) * 3) + 5,
      })
      try {
        const r = await load.steady(opts.rate, opts.seconds)
        return { ...r, clients: load.clients, rss: relayMemory(relay.pid) }
      } finally {
        load.close()
      }
    })
  const base = await run(Math.max(1, Math.round(opts.plans / 10)))
  opts.log(`  ${base.clients} clients at ${opts.rate}/s: p50 ${base.p50} ms, p99 ${base.p99} ms`)
  const many = await run(opts.plans)
  opts.log(`  ${many.clients} clients at ${opts.rate}/s: p50 ${many.p50} ms, p99 ${many.p99} ms (relay RSS ${Math.round(many.rss / 2 ** 20)} MiB)`)
  return {
    relay_many_clients: many.clients,
    relay_many_plans: opts.plans,
    relay_many_offered_updates_per_s: opts.rate,
    relay_many_achieved_updates_per_s: many.achieved,
    relay_2000_clients_p50_ms: many.p50,
    relay_2000_clients_p99_ms: many.p99,
    relay_2000_clients_deliveries: many.deliveries,
    relay_2000_clients_deliveries_expected: many.expected,
    relay_2000_clients_baseline_clients: base.clients,
    relay_2000_clients_baseline_p50_ms: base.p50,
    relay_2000_clients_baseline_p99_ms: base.p99,
  }
}

/**
 * The relay's resident memory per idle, authenticated connection (10 members a plan, so a
 * plan's room is in the figure too, a tenth of it per connection): RSS from /proc before and
 * after they connect, on a relay that first served a small warm-up load.
 */
export async function benchIdleConnections(opts: { clients: number; log: Log }): Promise<Record<string, number>> {
  return withRelay(UNLIMITED, async (relay) => {
    const ws = relay.url.replace(/^http/, 'ws')
    const warm = await setupRelayLoad(ws, { plans: 5, membersPerPlan: 10, updatesPerClient: 0 })
    warm.close()
    await sleep(1_000)
    const before = relayMemory(relay.pid)
    const load = await setupRelayLoad(ws, { plans: Math.round(opts.clients / 10), membersPerPlan: 10, updatesPerClient: 0 })
    await sleep(3_000) // idle: keepalives only
    const after = relayMemory(relay.pid)
    load.close()
    const perConn = Math.max(1, (after - before) / load.clients)
    opts.log(
      `  ${load.clients} idle connections: relay RSS ${Math.round(before / 2 ** 20)} -> ${Math.round(after / 2 ** 20)} MiB, ${Math.round(perConn / 1024)} KiB each`,
    )
    return {
      relay_idle_conns: load.clients,
      relay_idle_rss_before_bytes: before,
      relay_idle_rss_after_bytes: after,
      relay_idle_bytes_per_conn: Math.round(perConn),
      relay_idle_conns_per_gb: Math.round(GiB / perConn),
    }
  })
}

interface StormPlan {
  planId: Uint8Array
  identities: SigningKeyPair[]
}

async function plansOn(relay: RelayProcess, plans: number, members: number): Promise<StormPlan[]> {
  const out: StormPlan[] = []
  for (let p = 0; p < plans; p++) {
    const plan = await createPlanOnRelay(relay)
    const editors = Array.from({ length: members - 1 }, () => createWriter(generateSigningKeyPair()))
    await pushBlobs(
      plan.client,
      plan.doc,
      editors.map((e) => createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: e.identity.publicKey, role: 'editor', party: 'parent' })),
    )
    plan.client.close()
    out.push({ planId: plan.planId, identities: [plan.admin.identity, ...editors.map((e) => e.identity)] })
  }
  return out
}

/**
 * `clients` clients (tests/helpers/resilientClient.ts: the app's jittered backoff, 1013 honoured)
 * connected to a relay that restarts gracefully; the new process has the default upgrade limit
 * (RELAY_MAX_UPGRADES_PER_S), so the storm meets it. Time from the new process listening until
 * every client has its sync step 2 again, and the longest single wait any client chose.
 */
export async function benchReconnectStorm(opts: { clients: number; plans: number; log: Log }): Promise<Record<string, number>> {
  const first = await startRelay({ env: UNLIMITED })
  const clients: ResilientClient[] = []
  let relay: RelayProcess = first
  try {
    const plans = await plansOn(first, opts.plans, Math.round(opts.clients / opts.plans))
    for (const plan of plans) {
      for (const identity of plan.identities) clients.push(startResilientClient({ wsBase: first.wsUrl, identity, planId: plan.planId }))
    }
    await Promise.all(clients.map((c) => c.until((x) => x.synced, 60_000, 'first sync')))
    const waitsBefore = clients.map((c) => c.waits.length)
    const closesBefore = clients.map((c) => c.closes.length)

    const stoppedAt = performance.now()
    await first.stop()
    relay = await startRelay({ dataDir: first.dataDir, port: first.port, env: { RELAY_MAX_ROOMS_PER_HOUR: UNLIMITED.RELAY_MAX_ROOMS_PER_HOUR } })
    const listeningAt = performance.now()
    await Promise.all(clients.map((c) => c.until((x) => x.synced && (x.syncedAt ?? 0) > listeningAt, 120_000, 'synced after the restart')))
    const lastSynced = Math.max(...clients.map((c) => c.syncedAt!))
    const waits = clients.flatMap((c, i) => c.waits.slice(waitsBefore[i]))
    const overloaded = clients.reduce((n, c, i) => n + c.closes.slice(closesBefore[i]).filter((code) => code === 1013).length, 0)
    const result = {
      reconnect_storm_clients: clients.length,
      reconnect_storm_2000_s: round((lastSynced - listeningAt) / 1000),
      reconnect_storm_from_stop_s: round((lastSynced - stoppedAt) / 1000),
      reconnect_storm_restart_s: round((listeningAt - stoppedAt) / 1000),
      reconnect_storm_longest_wait_ms: Math.max(...waits),
      reconnect_storm_backoff_cap_ms: MAX_BACKOFF_MS,
      reconnect_storm_overloaded_closes: overloaded,
      reconnect_storm_attempts: waits.length,
    }
    opts.log(
      `  ${clients.length} clients synced ${result.reconnect_storm_2000_s} s after the relay listened again (${result.reconnect_storm_from_stop_s} s after the stop); ` +
        `${overloaded} refused with 1013; longest wait ${result.reconnect_storm_longest_wait_ms} ms (cap ${MAX_BACKOFF_MS} ms)`,
    )
    return result
  } finally {
    for (const c of clients) c.close()
    await relay.stop()
  }
}

/**
 * The update rate one instance sustains with p99 ≤ `budgetMs`, on PostgreSQL and on SQLite in
 * the same run: a ramp of offered rates on the same clients, each store on a fresh relay.
 */
export async function benchSustainedRate(opts: {
  plans: number
  membersPerPlan: number
  rates: number[]
  seconds: number
  budgetMs: number
  log: Log
}): Promise<Record<string, unknown>> {
  const ramp = (relay: RelayProcess) => rampRelayLoad(relay.url.replace(/^http/, 'ws'), opts)
  opts.log('  SQLite:')
  const sqlite = await withRelay(UNLIMITED, ramp)
  const out: Record<string, unknown> = { relay_sqlite_updates_per_s: sqlite.sustained, relay_sqlite_ramp: sqlite.steps }
  if (!hasPostgres) {
    opts.log('  no PostgreSQL: not measured')
    return out
  }
  const server = await startPostgres()
  try {
    const url = await server.createDatabase()
    opts.log('  PostgreSQL:')
    const pg = await withRelay({ ...UNLIMITED, DATABASE_URL: url }, ramp)
    Object.assign(out, { relay_pg_updates_per_s: pg.sustained, relay_pg_ramp: pg.steps })
  } finally {
    await server.destroy()
  }
  return out
}
