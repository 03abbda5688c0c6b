/**
 * The shared store for relays on more than one machine: PostgreSQL, chosen with
 * `DATABASE_URL=postgres://…`. The same guarantees as SQLite (sqlite.ts): an update is one
 * transaction, committed with `synchronous_commit = on` (flushed to the server's WAL) before
 * `writePlan` resolves and the update is forwarded (DESIGN §5.5).
 *
 * Several relays share it (types.ts). A plan's write runs in one transaction holding an advisory
 * lock on the plan, so writes of one plan are serial across relays and writes of different plans
 * run side by side. Every update gets the next number of the plan's `version`, so numbers are
 * dense and in commit order per plan. A compaction keeps that number: the merged row takes the
 * version it covers. So "every update after version N" stays a complete catch-up for a relay
 * whose copy of the plan is at N. A commit rings the others' doorbell (NOTIFY, postgresSignals.ts).
 *
 * Every query is one plan's rows by its primary key, or an expiry index: none reads a table.
 */
import pg from 'pg'
import { describeError, log } from '../log'
import { COMMIT_CHANNEL, listenForSignals } from './postgresSignals'
import {
  SHARE_LOG_RETENTION_MS,
  pushModeOf,
  type CommittedUpdate,
  type PlanWrite,
  type PushSubscriptionRow,
  type RelayStore,
  type ShareStore,
  type StoredRoom,
  type StoredShare,
} from './types'
import { checkRetentionEnd, checkSweepLimit } from './retentionEnd'
import { decodeProof, encodeProof, tombstoneReasonOf } from './tombstone'
import { singleFlightAfter } from './singleFlight'

/**
 * Schema migrations, applied in order at start and recorded in `relay_schema_migrations`.
 * Append only: a released migration is never edited, a change is a new one.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE plans (
  plan text PRIMARY KEY,
  version bigint NOT NULL
);
CREATE TABLE updates (
  plan text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (plan, seq)
);
CREATE TABLE seen (
  plan text NOT NULL,
  triple text NOT NULL,
  item text NOT NULL,
  PRIMARY KEY (plan, triple)
);
CREATE TABLE archive (
  plan text NOT NULL,
  item text NOT NULL,
  triple text NOT NULL,
  data bytea NOT NULL,
  archived_at bigint NOT NULL,
  PRIMARY KEY (plan, item)
);
CREATE INDEX archive_by_age ON archive (archived_at);
CREATE TABLE nonces (
  nonce text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX nonces_by_expiry ON nonces (expires_at);
`,
  },
  {
    // when each update was validated: a relay catching up validates it at the same moment
    version: 2,
    sql: 'ALTER TABLE updates ADD COLUMN at bigint NOT NULL DEFAULT 0;',
  },
  {
    // attachment pieces (ciphertext), by plan and address
    version: 3,
    sql: `
CREATE TABLE file_pieces (
  plan text NOT NULL,
  address text NOT NULL,
  data bytea NOT NULL,
  size integer NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (plan, address)
);
`,
  },
  {
    // Web Push subscriptions per plan and member key (server/push/)
    version: 4,
    sql: `
CREATE TABLE push_subscriptions (
  plan text NOT NULL,
  key text NOT NULL,
  endpoint text NOT NULL,
  p256dh text NOT NULL,
  auth text NOT NULL,
  tag text NOT NULL,
  created_at bigint NOT NULL,
  last_push_at bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (plan, key, endpoint)
);
CREATE INDEX push_by_endpoint ON push_subscriptions (endpoint);
`,
  },
  {
    // shared extracts (R18, server/http/shares.ts): a link's row, its ciphertext while held, its openings
    version: 5,
    sql: `
CREATE TABLE shares (
  id text PRIMARY KEY,
  plan text NOT NULL,
  by_key text NOT NULL,
  organisation text NOT NULL,
  kind text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  max_opens integer NOT NULL,
  opens integer NOT NULL DEFAULT 0,
  withdrawn_at bigint,
  data bytea
);
CREATE INDEX shares_by_plan ON shares (plan);
CREATE INDEX shares_by_expiry ON shares (expires_at);
CREATE TABLE share_openings (
  id text NOT NULL,
  opened_at bigint NOT NULL
);
CREATE INDEX share_openings_by_id ON share_openings (id, opened_at);
`,
  },
  {
    // R20: plans erased on request; the id is refused forever
    version: 6,
    sql: `
CREATE TABLE tombstones (
  plan text PRIMARY KEY,
  erased_at bigint NOT NULL,
  reason text NOT NULL,
  proof bytea NOT NULL
);
`,
  },
  {
    // which pushes a subscription wants (PushMode): on every write, or only on a nudge naming its member
    version: 7,
    sql: "ALTER TABLE push_subscriptions ADD COLUMN mode text NOT NULL DEFAULT 'all';",
  },
  {
    // R22: each closed plan's retention end (ms), as its standing close names it; the sweep reads the index from its start
    version: 8,
    sql: `
CREATE TABLE retention_ends (
  plan text PRIMARY KEY,
  keep_until bigint NOT NULL
);
CREATE INDEX retention_ends_by_end ON retention_ends (keep_until, plan);
`,
  },
]

/** Taken for the migrations' transaction, so two relays starting at once apply them once ("SPLN"). */
const MIGRATION_LOCK = 0x53504c4e

/** A pool connection waits at most this for the server: a stopped database fails a write, not hangs it. */
const CONNECT_TIMEOUT_MS = 5_000

/** Connections per relay: appends of different plans run side by side, each plan's in order. */
const POOL_SIZE = 10

/**
 * A statement that takes longer fails: a hung database (a stalled disk, a stopped server whose
 * sockets stay open) fails the write and its clients reconnect, instead of holding the plan's
 * queue forever. A lock wait counts too, so a relay stuck inside a plan's write frees it.
 */
const QUERY_TIMEOUT_MS = 10_000

/** A store operation that PostgreSQL did not complete: nothing of it is stored. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError'
  constructor(operation: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code || cause.name : String(cause)
    super(`PostgreSQL ${operation} failed: ${reason}`, { cause })
  }
}

/**
 * Every statement the store runs for plans, nonces and the archive (exported so a test can ask
 * PostgreSQL for each one's plan: none may scan a table).
 */
export const SQL = {
  loadUpdates: 'SELECT data FROM updates WHERE plan = $1 ORDER BY seq',
  loadVersion: 'SELECT version FROM plans WHERE plan = $1',
  updatesSince: 'SELECT seq, data, at FROM updates WHERE plan = $1 AND seq > $2 ORDER BY seq',
  versions: 'SELECT plan, version FROM plans WHERE plan = ANY($1::text[])',
  /** the plan's write lock: held until the transaction ends, also for a plan with no row yet */
  lockPlan: 'SELECT pg_advisory_xact_lock($1::bigint)',
  loadSeen: 'SELECT triple, item FROM seen WHERE plan = $1',
  planExists: 'SELECT 1 FROM plans WHERE plan = $1',
  /**
   * One statement: the plan's next version, the update under it, the triples
   * it adds (the first item of a triple stays), the blobs it deletes (the first of an item stays),
   * and the other relays' doorbell (NOTIFY is delivered at commit, in commit order).
   */
  append: `
WITH v AS (
  INSERT INTO plans (plan, version) VALUES ($1, 1)
  ON CONFLICT (plan) DO UPDATE SET version = plans.version + 1
  RETURNING version
), u AS (
  INSERT INTO updates (plan, seq, data, at) SELECT $1, v.version, $2, $8 FROM v
), s AS (
  INSERT INTO seen (plan, triple, item) SELECT $1, t.triple, t.item FROM unnest($3::text[], $4::text[]) AS t(triple, item)
  ON CONFLICT DO NOTHING
), a AS (
  INSERT INTO archive (plan, item, triple, data, archived_at)
  SELECT $1, b.item, b.triple, b.data, $8 FROM unnest($5::text[], $6::text[], $7::bytea[]) AS b(item, triple, data)
  ON CONFLICT DO NOTHING
)
SELECT v.version, pg_notify($9, $1 || ':' || v.version) FROM v`,
  compactDelete: 'DELETE FROM updates WHERE plan = $1 AND seq <= $2',
  compactInsert: 'INSERT INTO updates (plan, seq, data, at) VALUES ($1, $2, $3, $4)',
  /** R22, in the plan's write transaction: its standing close's retention end, or none */
  retain: 'INSERT INTO retention_ends (plan, keep_until) VALUES ($1, $2) ON CONFLICT (plan) DO UPDATE SET keep_until = excluded.keep_until',
  unretain: 'DELETE FROM retention_ends WHERE plan = $1',
  plansPastRetention: 'SELECT plan FROM retention_ends WHERE keep_until <= $1 ORDER BY keep_until, plan LIMIT $2',
  useNonce: 'INSERT INTO nonces (nonce, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
  putPiece: 'INSERT INTO file_pieces (plan, address, data, size, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
  getPiece: 'SELECT data FROM file_pieces WHERE plan = $1 AND address = $2',
  havePieces: 'SELECT address FROM file_pieces WHERE plan = $1 AND address = ANY($2::text[])',
  planFileBytes: 'SELECT COALESCE(SUM(size), 0) AS total FROM file_pieces WHERE plan = $1',
  dropUnreferenced: 'DELETE FROM file_pieces WHERE plan = $1 AND created_at < $2 AND NOT (address = ANY($3::text[]))',
  upsertPush: `INSERT INTO push_subscriptions (plan, key, endpoint, p256dh, auth, tag, mode, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (plan, key, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, tag = excluded.tag, mode = excluded.mode`,
  deletePush: 'DELETE FROM push_subscriptions WHERE plan = $1 AND key = $2 AND endpoint = $3',
  selectPush: 'SELECT plan, key, endpoint, p256dh, auth, tag, mode FROM push_subscriptions WHERE plan = $1',
  keepPush: 'DELETE FROM push_subscriptions WHERE plan = $1 AND NOT (key = ANY($2::text[]))',
  deleteEndpoint: 'DELETE FROM push_subscriptions WHERE endpoint = $1',
  claimPush: 'UPDATE push_subscriptions SET last_push_at = $1 WHERE plan = $2 AND key = $3 AND endpoint = $4 AND last_push_at <= $5',
  /**
   * R20, under the plan's lock: the other relays' doorbell first (delivered at commit; they find
   * no rows and the tombstone, and close their peers), then every row of the plan, then the tombstone
   */
  eraseNotify: "SELECT pg_notify($2, $1 || ':' || (COALESCE((SELECT version FROM plans WHERE plan = $1), 0) + 1))",
  eraseUpdates: 'DELETE FROM updates WHERE plan = $1',
  eraseSeen: 'DELETE FROM seen WHERE plan = $1',
  eraseArchive: 'DELETE FROM archive WHERE plan = $1',
  erasePieces: 'DELETE FROM file_pieces WHERE plan = $1',
  erasePush: 'DELETE FROM push_subscriptions WHERE plan = $1',
  // the plan's shared extracts (R18): their ciphertext and their openings go with the plan
  eraseShareOpenings: 'DELETE FROM share_openings WHERE id IN (SELECT id FROM shares WHERE plan = $1)',
  eraseShares: 'DELETE FROM shares WHERE plan = $1',
  eraseRetention: 'DELETE FROM retention_ends WHERE plan = $1',
  erasePlanRow: 'DELETE FROM plans WHERE plan = $1',
  insertTombstone: 'INSERT INTO tombstones (plan, erased_at, reason, proof) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
  selectTombstone: 'SELECT erased_at, reason, proof FROM tombstones WHERE plan = $1',
  pruneNonces: 'DELETE FROM nonces WHERE expires_at < $1',
  pruneArchive: 'DELETE FROM archive WHERE archived_at < $1',
} as const

/** R20: every statement of an erasure but the doorbell and the tombstone, in order (openings before their shares). */
const ERASE_STATEMENTS = [
  SQL.eraseUpdates,
  SQL.eraseSeen,
  SQL.eraseArchive,
  SQL.erasePieces,
  SQL.erasePush,
  SQL.eraseShareOpenings,
  SQL.eraseShares,
  SQL.eraseRetention,
  SQL.erasePlanRow,
] as const

/**
 * R20: after an erasure commits, the tables that held the plan's rows are vacuumed (each with its
 * TOAST table, where large values such as update blobs and pieces live), so the space of its
 * deleted tuples is marked free and reused by the next writes, instead of
 * waiting for autovacuum's thresholds (which a small plan in a large table never reaches). Plain VACUUM, never FULL: it takes no lock that stops reads or writes (SHARE UPDATE
 * EXCLUSIVE), where FULL would hold every relay off the table while it rewrites it, which anyone
 * who can ask for erasures could repeat. What it does not do (docs/THREAT-MODEL.md): zero the
 * freed bytes, or reach the WAL, backups or the disk's own remnants. Not inside a transaction:
 * VACUUM refuses to run in one, and it must see the DELETEs committed.
 */
export const VACUUM_AFTER_ERASE = 'VACUUM updates, seen, archive, file_pieces, push_subscriptions, share_openings, shares, retention_ends, plans'

/** A VACUUM reads what changed since the last one and every index of a table with dead rows: minutes on a large store, not the 10 s of a query. */
const VACUUM_TIMEOUT_MS = 15 * 60_000

export async function openPostgresStore(connectionString: string): Promise<RelayStore> {
  const pool = new pg.Pool({
    connectionString,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    application_name: 'samenplan-relay',
    // durability is not left to the server's default: every session commits synchronously
    options: '-c synchronous_commit=on',
  })
  // an idle connection the server dropped (a restart): the pool replaces it on next use
  pool.on('error', (err) => log('warn', 'store-connection-lost', describeError(err)))

  try {
    await migrate(pool)
  } catch (err) {
    await pool.end().catch(() => undefined)
    throw new StoreUnavailableError('start', err)
  }

  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (err) {
      throw new StoreUnavailableError(operation, err)
    }
  }

  let signals: Awaited<ReturnType<typeof listenForSignals>>
  try {
    signals = await listenForSignals(connectionString)
  } catch (err) {
    await pool.end().catch(() => undefined)
    throw new StoreUnavailableError('start', err)
  }

  const vacuumAfterErase = singleFlightAfter(async () => {
    // a connection of its own, outside the pool: a long VACUUM holds none of the writers' slots
    const client = new pg.Client({
      connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: VACUUM_TIMEOUT_MS,
      application_name: 'samenplan-relay-vacuum',
    })
    try {
      await client.connect()
      await client.query(VACUUM_AFTER_ERASE)
    } catch (err) {
      // the erasure stands (committed); autovacuum reclaims the rows later
      log('warn', 'erase-vacuum-failed', describeError(err))
    } finally {
      await client.end().catch(() => undefined)
    }
  })
  let vacuumed: Promise<void> = Promise.resolve()

  let closed = false
  return {
    loadRoom(plan) {
      return run('loadRoom', () =>
        transaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client): Promise<StoredRoom> => {
          const version = await client.query<{ version: string }>(SQL.loadVersion, [plan])
          const updates = await client.query<{ data: Buffer }>(SQL.loadUpdates, [plan])
          const seen = await client.query<{ triple: string; item: string }>(SQL.loadSeen, [plan])
          return {
            updates: updates.rows.map((r) => view(r.data)),
            seen: seen.rows.map((r) => [r.triple, r.item]),
            version: Number(version.rows[0]?.version ?? 0),
          }
        }),
      )
    },
    planExists(plan) {
      return run('planExists', async () => (await pool.query(SQL.planExists, [plan])).rowCount === 1)
    },
    writePlan(plan, knownVersion, work) {
      return run('writePlan', () =>
        transaction(pool, 'BEGIN', async (client) => {
          await client.query(SQL.lockPlan, [planLockKey(plan)])
          // a statement of its own, after the lock: its snapshot then holds every commit of
          // the relay that held the lock before (one statement's snapshot predates its lock wait)
          const current = Number((await client.query<{ version: string }>(SQL.loadVersion, [plan])).rows[0]?.version ?? 0)
          const behind = current > knownVersion ? await committedSince(client, plan, knownVersion) : []
          const write: PlanWrite = {
            behind,
            async append(update, seen, archived, now) {
              const result = await client.query<{ version: string }>(SQL.append, [
                plan,
                bytes(update),
                seen.map(([triple]) => triple),
                seen.map(([, item]) => item),
                archived.map((a) => a.itemId),
                archived.map((a) => a.triple),
                archived.map((a) => bytes(a.bytes)),
                now,
                COMMIT_CHANNEL,
              ])
              return Number(result.rows[0]!.version)
            },
            async compact(merged, version, now) {
              await client.query(SQL.compactDelete, [plan, version])
              await client.query(SQL.compactInsert, [plan, version, bytes(merged), now])
            },
            async retain(keepUntil) {
              if (keepUntil === null) await client.query(SQL.unretain, [plan])
              else await client.query(SQL.retain, [plan, checkRetentionEnd(keepUntil)])
            },
          }
          return work(write)
        }),
      )
    },
    updatesSince(plan, version) {
      return run('updatesSince', async () => committedSince(pool, plan, version))
    },
    versions(plans) {
      return run('versions', async () => {
        if (plans.length === 0) return new Map()
        const result = await pool.query<{ plan: string; version: string }>(SQL.versions, [plans])
        return new Map(result.rows.map((r) => [r.plan, Number(r.version)]))
      })
    },
    signals,
    shares: openPostgresShares(run, pool),
    push: {
      async subscribe(row, now) {
        await run('push', () => pool.query(SQL.upsertPush, [row.plan, row.key, row.endpoint, row.p256dh, row.auth, row.tag, row.mode, now]))
      },
      async unsubscribe(plan, key, endpoint) {
        await run('push', () => pool.query(SQL.deletePush, [plan, key, endpoint]))
      },
      forPlan(plan) {
        return run('push', async () => (await pool.query<PushSubscriptionRow>(SQL.selectPush, [plan])).rows.map((r) => ({ ...r, mode: pushModeOf(r.mode) })))
      },
      keepOnly(plan, members) {
        return run('push', async () => (await pool.query(SQL.keepPush, [plan, [...members]])).rowCount ?? 0)
      },
      async dropEndpoint(endpoint) {
        await run('push', () => pool.query(SQL.deleteEndpoint, [endpoint]))
      },
      claimPush(plan, key, endpoint, now, gapMs) {
        return run('push', async () => (await pool.query(SQL.claimPush, [now, plan, key, endpoint, now - gapMs])).rowCount === 1)
      },
    },
    files: {
      putPiece(plan, address, data, now) {
        return run('putPiece', async () => (await pool.query(SQL.putPiece, [plan, address, bytes(data), data.byteLength, now])).rowCount === 1)
      },
      getPiece(plan, address) {
        return run('getPiece', async () => {
          const row = (await pool.query<{ data: Buffer }>(SQL.getPiece, [plan, address])).rows[0]
          return row ? view(row.data) : null
        })
      },
      havePieces(plan, addresses) {
        return run('havePieces', async () => (await pool.query<{ address: string }>(SQL.havePieces, [plan, addresses])).rows.map((r) => r.address))
      },
      planFileBytes(plan) {
        return run('planFileBytes', async () => Number((await pool.query<{ total: string }>(SQL.planFileBytes, [plan])).rows[0]?.total ?? 0))
      },
      dropUnreferenced(plan, keep, before) {
        return run('dropUnreferenced', async () => (await pool.query(SQL.dropUnreferenced, [plan, before, [...keep]])).rowCount ?? 0)
      },
    },
    erasePlan(t) {
      return run('erasePlan', () =>
        transaction(pool, 'BEGIN', async (client) => {
          await client.query(SQL.lockPlan, [planLockKey(t.plan)])
          await client.query(SQL.eraseNotify, [t.plan, COMMIT_CHANNEL])
          for (const sql of ERASE_STATEMENTS) await client.query(sql, [t.plan])
          await client.query(SQL.insertTombstone, [t.plan, t.erasedAt, t.reason, bytes(encodeProof(t.proof))])
        }),
      ).then(() => {
        // not awaited: the peers are told at once; a VACUUM of a large store takes minutes
        vacuumed = vacuumAfterErase()
      })
    },
    tombstone(plan) {
      return run('tombstone', async () => {
        const row = (await pool.query<{ erased_at: string; reason: string; proof: Buffer }>(SQL.selectTombstone, [plan])).rows[0]
        return row ? { plan, erasedAt: Number(row.erased_at), reason: tombstoneReasonOf(row.reason), proof: decodeProof(view(row.proof)) } : null
      })
    },
    async plansPastRetention(now, limit) {
      // a bad count is the caller's mistake, not the database being unavailable
      const count = checkSweepLimit(limit)
      return run('plansPastRetention', async () => (await pool.query<{ plan: string }>(SQL.plansPastRetention, [now, count])).rows.map((r) => r.plan))
    },
    useNonce(nonce, expiresAt) {
      return run('useNonce', async () => {
        const result = await pool.query(SQL.useNonce, [nonce, expiresAt])
        return result.rowCount === 1
      })
    },
    prune(now, archiveRetentionMs) {
      return run('prune', async () => {
        const nonces = await pool.query(SQL.pruneNonces, [now])
        const archivedRows = await pool.query(SQL.pruneArchive, [now - archiveRetentionMs])
        return { nonces: nonces.rowCount ?? 0, archived: archivedRows.rowCount ?? 0 }
      })
    },
    async close() {
      if (closed) return
      closed = true
      await signals.close()
      await vacuumed
      // every append resolved only after its commit: ending the pool loses nothing
      await pool.end()
    },
  }
}

/**
 * The advisory lock key of a plan: the first 8 bytes of its id (a hash), as PostgreSQL's signed
 * bigint. Two plans sharing a key only wait for each other; the migration lock is a small number.
 */
export function planLockKey(plan: string): string {
  return BigInt.asIntN(64, BigInt(`0x${plan.slice(0, 16)}`)).toString()
}

async function committedSince(client: pg.Pool | pg.PoolClient, plan: string, version: number): Promise<CommittedUpdate[]> {
  const result = await client.query<{ seq: string; data: Buffer; at: string }>(SQL.updatesSince, [plan, version])
  return result.rows.map((r) => ({ version: Number(r.seq), update: view(r.data), at: Number(r.at) }))
}

/** Applies the migrations not yet recorded, in one transaction under an advisory lock. */
async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, 'BEGIN', async (client) => {
    // every connection is opened alike: if this one would not wait for its commits, none would
    const commit = (await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit
    if (commit === 'off') throw new Error('synchronous_commit is off for the relay: an update would be acknowledged before it is durable')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS relay_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM relay_schema_migrations')).rows.map((r) => r.version))
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue
      await client.query(migration.sql)
      await client.query('INSERT INTO relay_schema_migrations (version) VALUES ($1)', [migration.version])
      log('info', 'store-migrated', { version: migration.version })
    }
  })
}

/** Runs `work` in a transaction on one pooled connection; a connection that failed is not reused. */
async function transaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  // a server that goes away mid-transaction emits 'error' on the checked-out client (the pool
  // only listens to idle ones): the query under way fails with it, so only remember it here
  const lost = (err: Error) => {
    broken = err
  }
  client.on('error', lost)
  try {
    await client.query(begin)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackErr) {
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr))
    }
    throw err
  } finally {
    client.off('error', lost)
    client.release(broken)
  }
}

/** pg reads bytea as a Buffer: the same bytes as a plain Uint8Array view. */
function view(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** pg sends Buffers as bytea; a Uint8Array view is wrapped, not copied. */
function bytes(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
}

/** The shares' statements (R18), each one plan's rows by key or an expiry index. */
export const SHARE_SQL = {
  /** the id free and the plan below its live links, in one statement (a race may pass the cap by the racers) */
  put: `INSERT INTO shares (id, plan, by_key, organisation, kind, created_at, expires_at, max_opens, data)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
    WHERE (SELECT COUNT(*) FROM shares WHERE plan = $2 AND data IS NOT NULL AND expires_at > $10) < $11
    ON CONFLICT (id) DO NOTHING`,
  exists: 'SELECT 1 FROM shares WHERE id = $1',
  liveCount: 'SELECT COUNT(*) AS n FROM shares WHERE plan = $1 AND data IS NOT NULL AND expires_at > $2',
  get: 'SELECT id, plan, by_key, organisation, kind, created_at, expires_at, max_opens, opens, withdrawn_at, data IS NOT NULL AS held FROM shares WHERE id = $1',
  /**
   * One opening: counted only while allowed, the last allowed one empties the row, and the bytes
   * come back from the statement's snapshot (taken before its own update). A concurrent opening
   * waits for the row and is re-checked against the committed count.
   */
  open: `WITH s AS (
    UPDATE shares SET opens = opens + 1, data = CASE WHEN opens + 1 >= max_opens THEN NULL ELSE data END
    WHERE id = $1 AND data IS NOT NULL AND withdrawn_at IS NULL AND expires_at > $2 AND opens < max_opens
    RETURNING id, plan, by_key, organisation, kind, created_at, expires_at, max_opens, opens, withdrawn_at, data IS NOT NULL AS held,
      (SELECT old.data FROM shares old WHERE old.id = $1) AS bytes
  ), o AS (
    INSERT INTO share_openings (id, opened_at) SELECT id, $2 FROM s
  )
  SELECT * FROM s`,
  withdraw: 'UPDATE shares SET withdrawn_at = $2, data = NULL WHERE id = $1 AND withdrawn_at IS NULL',
  withdrawAllBut: 'UPDATE shares SET withdrawn_at = $3, data = NULL WHERE plan = $1 AND withdrawn_at IS NULL AND NOT (by_key = ANY($2))',
  byPlan: `SELECT s.id, s.plan, s.by_key, s.organisation, s.kind, s.created_at, s.expires_at, s.max_opens, s.opens, s.withdrawn_at, s.data IS NOT NULL AS held,
    COALESCE((SELECT array_agg(o.opened_at ORDER BY o.opened_at) FROM share_openings o WHERE o.id = s.id), '{}') AS openings
    FROM shares s WHERE s.plan = $1 ORDER BY s.created_at, s.id`,
  emptyExpired: 'UPDATE shares SET data = NULL WHERE expires_at <= $1 AND data IS NOT NULL',
  dropOldOpenings: 'DELETE FROM share_openings WHERE id IN (SELECT id FROM shares WHERE expires_at < $1)',
  dropOld: 'DELETE FROM shares WHERE expires_at < $1',
} as const

type PgShareRow = {
  id: string
  plan: string
  by_key: string
  organisation: string
  kind: string
  created_at: string
  expires_at: string
  max_opens: number
  opens: number
  withdrawn_at: string | null
  held: boolean
}

function pgShare(r: PgShareRow): StoredShare {
  return {
    id: r.id,
    plan: r.plan,
    by: r.by_key,
    organisation: r.organisation,
    kind: r.kind,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    maxOpens: r.max_opens,
    opens: r.opens,
    withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at),
    held: r.held,
  }
}

function openPostgresShares(run: <T>(operation: string, work: () => Promise<T>) => Promise<T>, pool: pg.Pool): ShareStore {
  return {
    put(share, data, maxLive, now) {
      return run('shares', async () => {
        const inserted = await pool.query(SHARE_SQL.put, [
          share.id,
          share.plan,
          share.by,
          share.organisation,
          share.kind,
          share.createdAt,
          share.expiresAt,
          share.maxOpens,
          bytes(data),
          now,
          maxLive,
        ])
        if (inserted.rowCount === 1) return 'stored'
        return (await pool.query(SHARE_SQL.exists, [share.id])).rowCount === 1 ? 'exists' : 'quota'
      })
    },
    liveCount(plan, now) {
      return run('shares', async () => Number((await pool.query<{ n: string }>(SHARE_SQL.liveCount, [plan, now])).rows[0]?.n ?? 0))
    },
    get(id) {
      return run('shares', async () => {
        const row = (await pool.query<PgShareRow>(SHARE_SQL.get, [id])).rows[0]
        return row ? pgShare(row) : null
      })
    },
    open(id, now) {
      return run('shares', async () => {
        const row = (await pool.query<PgShareRow & { bytes: Buffer | null }>(SHARE_SQL.open, [id, now])).rows[0]
        return row?.bytes ? { share: pgShare(row), data: view(row.bytes) } : null
      })
    },
    withdraw(id, now) {
      return run('shares', async () => (await pool.query(SHARE_SQL.withdraw, [id, now])).rowCount === 1)
    },
    withdrawAllBut(plan, members, now) {
      return run('shares', async () => (await pool.query(SHARE_SQL.withdrawAllBut, [plan, [...members], now])).rowCount ?? 0)
    },
    forPlan(plan) {
      return run('shares', async () =>
        (await pool.query<PgShareRow & { openings: string[] }>(SHARE_SQL.byPlan, [plan])).rows.map((r) => ({
          ...pgShare(r),
          openings: r.openings.map(Number),
        })),
      )
    },
    prune(now) {
      return run('shares', () =>
        transaction(pool, 'BEGIN', async (client) => {
          const emptied = (await client.query(SHARE_SQL.emptyExpired, [now])).rowCount ?? 0
          await client.query(SHARE_SQL.dropOldOpenings, [now - SHARE_LOG_RETENTION_MS])
          await client.query(SHARE_SQL.dropOld, [now - SHARE_LOG_RETENTION_MS])
          return emptied
        }),
      )
    },
  }
}
