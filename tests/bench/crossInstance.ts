/**
 * Two relays on one PostgreSQL: edit-to-visible latency between two devices on different relays
 * (the update stored by one, signalled by NOTIFY, read back and forwarded by the other) against
 * two devices on the same relay of the same pair, in the same run.
 * `relay_cross_instance_p99_extra_ms` is the goal's number: p99 across minus p99 on one (≤ 50 ms).
 */
import { hasPostgres, startPostgres } from '../helpers/postgres'
import { startRelay } from '../helpers/relayProcess'
import { benchLatency, samenplanPair } from './latency'
import { round } from './stats'

export async function benchCrossInstance(samples: number): Promise<Record<string, number>> {
  if (!hasPostgres) return {}
  const server = await startPostgres()
  try {
    const url = await server.createDatabase()
    const env = { DATABASE_URL: url, RELAY_MAX_ROOMS_PER_HOUR: '100000', RELAY_MAX_MESSAGES_PER_S: '100000', RELAY_MAX_UPGRADES_PER_S: '100000' }
    const [a, b] = await Promise.all([startRelay({ env }), startRelay({ env })])
    try {
      const same = await benchLatency(() => samenplanPair(a.url), samples)
      const cross = await benchLatency(() => samenplanPair(a.url, undefined, b.url), samples)
      return {
        relay_same_instance_p50_ms: same.p50,
        relay_same_instance_p99_ms: same.p99,
        relay_cross_instance_p50_ms: cross.p50,
        relay_cross_instance_p99_ms: cross.p99,
        relay_cross_instance_p99_extra_ms: round(cross.p99 - same.p99),
      }
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  } finally {
    await server.destroy()
  }
}
