/**
 * The relay on PostgreSQL under the same load as on SQLite (relayLoad.ts), in the same run: a
 * PostgreSQL started here (tests/helpers/postgres.ts), a relay with DATABASE_URL on it.
 * `relay_pg_burst_updates_per_s` is the burst throughput (updates stored and fanned out to every
 * other member, per second), comparable to `relay_max_updates_per_s` on SQLite; `relay_pg_p99_ms`
 * is the latency at the steady offered rate, comparable to `relay_p99_ms`. The rate sustained
 * within the latency budget (`relay_pg_updates_per_s`) is a ramp: relayScale.ts.
 */
import { hasPostgres, startPostgres } from '../helpers/postgres'
import { startRelay } from '../helpers/relayProcess'
import { benchRelayLoad } from './relayLoad'

export async function benchRelayPg(opts: Parameters<typeof benchRelayLoad>[1]): Promise<Record<string, number>> {
  if (!hasPostgres) return {}
  const server = await startPostgres()
  try {
    const url = await server.createDatabase()
    const relay = await startRelay({
      env: { DATABASE_URL: url, RELAY_MAX_ROOMS_PER_HOUR: '100000', RELAY_MAX_MESSAGES_PER_S: '100000', RELAY_MAX_UPGRADES_PER_S: '100000' },
    })
    try {
      const r = await benchRelayLoad(relay.url.replace(/^http/, 'ws'), opts)
      return {
        relay_pg_burst_updates_per_s: r.relay_max_updates_per_s,
        relay_pg_steady_updates_per_s: r.relay_updates_per_s,
        relay_pg_p50_ms: r.relay_p50_ms,
        relay_pg_p99_ms: r.relay_p99_ms,
        relay_pg_deliveries: r.relay_deliveries,
        relay_pg_deliveries_expected: r.relay_deliveries_expected,
      }
    } finally {
      await relay.stop()
    }
  } finally {
    await server.destroy()
  }
}
