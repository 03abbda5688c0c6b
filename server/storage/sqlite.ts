/**
 * The embedded default store: one SQLite file in DATA_DIR. WAL with synchronous=FULL, so a
 * commit is on disk (fsync of the WAL) before an append resolves and the update is
 * forwarded (DESIGN §5.5).
 *
 * One relay alone writes it: nothing is ever behind, and a plan's version is the relay's own count.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { openPieceFiles } from './pieceFiles'
import { NO_SIGNALS } from './signals'
import {
  SHARE_LOG_RETENTION_MS,
  pushModeOf,
  type ArchivedBlob,
  type ShareStore,
  type StoredRoom,
  type RelayStore,
  type StoredShare,
  type Tombstone,
} from './types'
import { checkRetentionEnd, checkSweepLimit } from './retentionEnd'
import { decodeProof, encodeProof, tombstoneReasonOf } from './tombstone'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_plan ON updates (plan, id);
CREATE TABLE IF NOT EXISTS seen (
  plan TEXT NOT NULL,
  triple TEXT NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (plan, triple)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS archive (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan TEXT NOT NULL,
  item TEXT NOT NULL,
  triple TEXT NOT NULL,
  data BLOB NOT NULL,
  archived_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS archive_by_age ON archive (archived_at);
CREATE TABLE IF NOT EXISTS nonces (
  nonce TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nonces_by_expiry ON nonces (expires_at);
-- Web Push subscriptions per plan and member key (server/push/)
CREATE TABLE IF NOT EXISTS push_subscriptions (
  plan TEXT NOT NULL,
  key TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  tag TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_push_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (plan, key, endpoint)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS push_by_endpoint ON push_subscriptions (endpoint);
-- the attachment pieces a plan holds; their bytes are files beside this one (pieceFiles.ts)
CREATE TABLE IF NOT EXISTS file_pieces (
  plan TEXT NOT NULL,
  address TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (plan, address)
) WITHOUT ROWID;
`

/** Shared extracts (R18, server/http/shares.ts): a link's row, its ciphertext while held, its openings. */
const SHARES_SCHEMA = `
CREATE TABLE IF NOT EXISTS shares (
  id TEXT PRIMARY KEY,
  plan TEXT NOT NULL,
  by_key TEXT NOT NULL,
  organisation TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  max_opens INTEGER NOT NULL,
  opens INTEGER NOT NULL DEFAULT 0,
  withdrawn_at INTEGER,
  data BLOB
);
CREATE INDEX IF NOT EXISTS shares_by_plan ON shares (plan);
CREATE INDEX IF NOT EXISTS shares_by_expiry ON shares (expires_at);
CREATE TABLE IF NOT EXISTS share_openings (
  id TEXT NOT NULL,
  opened_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS share_openings_by_id ON share_openings (id, opened_at);
`

/**
 * R20: plans erased on request. Only the id, when, why and the two signed erase records stay;
 * the id is refused forever. Its own block: added, never edited.
 */
const TOMBSTONES = `
CREATE TABLE IF NOT EXISTS tombstones (
  plan TEXT PRIMARY KEY,
  erased_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  proof BLOB NOT NULL
) WITHOUT ROWID;
`

/**
 * R22: each closed plan's retention end (ms), as its standing close names it; the relay's sweep
 * reads the index from its start (`plansPastRetention`). Plan data: erased with the plan. Its own
 * block: added, never edited.
 */
const RETENTION_ENDS = `
CREATE TABLE IF NOT EXISTS retention_ends (
  plan TEXT PRIMARY KEY,
  keep_until INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS retention_ends_by_end ON retention_ends (keep_until, plan);
`

/**
 * Which pushes a subscription wants (server/storage/types.ts PushMode): a column added to a table
 * that exists, once, when it lacks it; rows from before are `all`, as they were.
 */
const PUSH_MODE_COLUMN = "ALTER TABLE push_subscriptions ADD COLUMN mode TEXT NOT NULL DEFAULT 'all'"

export const DATABASE_FILE = 'relay.sqlite'

/**
 * One archive row per (plan, item): a blob is deleted once. Relays before this kept a row per
 * delete range, and Yjs keeps duplicate ranges (a 2 KB update wrote 10,000 rows): the first row
 * of each item stays, the copies go, once, when the index is made.
 */
const ARCHIVE_UNIQUE = `
DELETE FROM archive WHERE id NOT IN (SELECT MIN(id) FROM archive GROUP BY plan, item);
CREATE UNIQUE INDEX archive_by_item ON archive (plan, item);
`

export function openSqliteStore(dataDir: string): RelayStore {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = new Database(path.join(dataDir, DATABASE_FILE))
  const pieces = openPieceFiles(path.join(dataDir, 'pieces'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  // R20: whatever is deleted (a compaction's rows, an erased plan's) is overwritten with zeros,
  // freed pages included, so no page of the file keeps bytes the relay let go of
  db.pragma('secure_delete = ON')
  db.exec(SCHEMA)
  db.exec(SHARES_SCHEMA)
  const hadTombstones = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tombstones'").get() !== undefined
  db.exec(TOMBSTONES)
  // a file written before secure_delete may hold deleted bytes in free pages: rebuilt once, at
  // start, never when someone asks for an erasure (a VACUUM holds the whole relay for the file's size)
  if (!hadTombstones && db.prepare('SELECT 1 FROM updates LIMIT 1').get() !== undefined) db.exec('VACUUM')
  const hasUniqueArchive = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'archive_by_item'").get()
  if (!hasUniqueArchive) db.transaction(() => db.exec(ARCHIVE_UNIQUE))()
  const hasPushMode = db.prepare("SELECT 1 FROM pragma_table_info('push_subscriptions') WHERE name = 'mode'").get()
  if (!hasPushMode) db.exec(PUSH_MODE_COLUMN)
  db.exec(RETENTION_ENDS)

  const selectUpdates = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE plan = ? ORDER BY id')
  const selectPlan = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM updates WHERE plan = ? LIMIT 1')
  const selectSeen = db.prepare<[string], { triple: string; item: string }>('SELECT triple, item FROM seen WHERE plan = ?')
  const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO updates (plan, data) VALUES (?, ?)')
  // the same pending item may be resent and admitted again under the same triple: keep the first
  const insertSeen = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO seen (plan, triple, item) VALUES (?, ?, ?)')
  const insertArchive = db.prepare<[string, string, string, Uint8Array, number]>(
    // the same item twice (never from validateUpdate, which counts each once) keeps the first
    'INSERT OR IGNORE INTO archive (plan, item, triple, data, archived_at) VALUES (?, ?, ?, ?, ?)',
  )
  const deleteUpdates = db.prepare<[string]>('DELETE FROM updates WHERE plan = ?')
  const insertNonce = db.prepare<[string, number]>('INSERT OR IGNORE INTO nonces (nonce, expires_at) VALUES (?, ?)')
  const pruneNonces = db.prepare<[number]>('DELETE FROM nonces WHERE expires_at < ?')
  const pruneArchive = db.prepare<[number]>('DELETE FROM archive WHERE archived_at < ?')

  const insertPiece = db.prepare<[string, string, number, number]>('INSERT OR IGNORE INTO file_pieces (plan, address, size, created_at) VALUES (?, ?, ?, ?)')
  const selectPieceExists = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM file_pieces WHERE plan = ? AND address = ?')
  const sumPieces = db.prepare<[string], { total: number | null }>('SELECT SUM(size) AS total FROM file_pieces WHERE plan = ?')
  const oldPieces = db.prepare<[string, number], { address: string }>('SELECT address FROM file_pieces WHERE plan = ? AND created_at < ?')
  const deletePiece = db.prepare<[string, string]>('DELETE FROM file_pieces WHERE plan = ? AND address = ?')
  const upsertPush = db.prepare<[string, string, string, string, string, string, string, number]>(
    `INSERT INTO push_subscriptions (plan, key, endpoint, p256dh, auth, tag, mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (plan, key, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, tag = excluded.tag, mode = excluded.mode`,
  )
  const deletePush = db.prepare<[string, string, string]>('DELETE FROM push_subscriptions WHERE plan = ? AND key = ? AND endpoint = ?')
  const selectPush = db.prepare<[string], { plan: string; key: string; endpoint: string; p256dh: string; auth: string; tag: string; mode: string }>(
    'SELECT plan, key, endpoint, p256dh, auth, tag, mode FROM push_subscriptions WHERE plan = ?',
  )
  const deletePushKey = db.prepare<[string, string]>('DELETE FROM push_subscriptions WHERE plan = ? AND key = ?')
  const deleteEndpoint = db.prepare<[string]>('DELETE FROM push_subscriptions WHERE endpoint = ?')
  const claimPush = db.prepare<[number, string, string, string, number]>(
    'UPDATE push_subscriptions SET last_push_at = ? WHERE plan = ? AND key = ? AND endpoint = ? AND last_push_at <= ?',
  )
  const selectTombstone = db.prepare<[string], { erased_at: number; reason: string; proof: Buffer }>(
    'SELECT erased_at, reason, proof FROM tombstones WHERE plan = ?',
  )
  const upsertRetention = db.prepare<[string, number]>(
    'INSERT INTO retention_ends (plan, keep_until) VALUES (?, ?) ON CONFLICT (plan) DO UPDATE SET keep_until = excluded.keep_until',
  )
  const deleteRetention = db.prepare<[string]>('DELETE FROM retention_ends WHERE plan = ?')
  const selectPastRetention = db.prepare<[number, number], { plan: string }>(
    'SELECT plan FROM retention_ends WHERE keep_until <= ? ORDER BY keep_until, plan LIMIT ?',
  )
  const eraseRows = db.transaction((t: Tombstone) => {
    // the plan's shared extracts (R18) go too: their openings first, found through their share rows
    db.prepare('DELETE FROM share_openings WHERE id IN (SELECT id FROM shares WHERE plan = ?)').run(t.plan)
    for (const table of ['updates', 'seen', 'archive', 'file_pieces', 'push_subscriptions', 'shares', 'retention_ends']) {
      db.prepare(`DELETE FROM ${table} WHERE plan = ?`).run(t.plan)
    }
    db.prepare('INSERT OR IGNORE INTO tombstones (plan, erased_at, reason, proof) VALUES (?, ?, ?, ?)').run(t.plan, t.erasedAt, t.reason, encodeProof(t.proof))
  })
  const dropPieces = db.transaction((plan: string, addresses: string[]) => {
    for (const address of addresses) deletePiece.run(plan, address)
  })

  const append = db.transaction((plan: string, update: Uint8Array, seen: [string, string][], archived: ArchivedBlob[], now: number) => {
    insertUpdate.run(plan, update)
    for (const [triple, item] of seen) insertSeen.run(plan, triple, item)
    for (const a of archived) insertArchive.run(plan, a.itemId, a.triple, a.bytes, now)
  })
  const compact = db.transaction((plan: string, merged: Uint8Array) => {
    deleteUpdates.run(plan)
    insertUpdate.run(plan, merged)
  })

  /**
   * Group commit: writes that arrive in the same turn of the event loop (appends from many rooms,
   * token nonces, attachment pieces) share one transaction, so one fsync makes them all durable.
   * Each caller still resolves only after the commit that holds its write.
   */
  type Write = { run: () => unknown; resolve: (result: unknown) => void; reject: (err: unknown) => void }
  let batch: Write[] = []
  const committed = <T>(run: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (batch.length === 0) setImmediate(flush)
      batch.push({ run, resolve: resolve as (result: unknown) => void, reject })
    })
  const writeBatch = db.transaction((items: Write[]) => items.map((item) => item.run()))
  const flush = () => {
    const items = batch
    batch = []
    let results: unknown[]
    try {
      results = writeBatch(items)
    } catch {
      // one bad write must not fail the others: retry them one transaction each
      for (const item of items) {
        try {
          item.resolve(db.transaction(item.run)())
        } catch (err) {
          item.reject(err)
        }
      }
      return
    }
    for (const [i, item] of items.entries()) item.resolve(results[i])
  }
  const appendUpdate = (...args: Parameters<typeof append>) => committed(() => append(...args))

  const shares = openSqliteShares(db, committed)

  let closed = false
  return {
    async loadRoom(plan: string): Promise<StoredRoom> {
      return {
        updates: selectUpdates.all(plan).map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
        seen: selectSeen.all(plan).map((r) => [r.triple, r.item]),
        version: 0,
      }
    },
    async planExists(plan) {
      return selectPlan.get(plan) !== undefined
    },
    writePlan(plan, knownVersion, work) {
      let version = knownVersion
      return work({
        behind: [],
        append: async (update, seen, archived, now) => {
          await appendUpdate(plan, update, seen, archived, now)
          return ++version
        },
        // every stored update of the plan is this relay's and in the caller's doc
        compact: async (merged) => compact(plan, merged),
        // in the group commit after the appends made before it, as they are: committed when made
        retain: async (keepUntil) => {
          if (keepUntil === null) await committed(() => deleteRetention.run(plan))
          else {
            const end = checkRetentionEnd(keepUntil)
            await committed(() => upsertRetention.run(plan, end))
          }
        },
      })
    },
    async updatesSince() {
      return []
    },
    async versions() {
      return new Map()
    },
    signals: NO_SIGNALS,
    shares,
    push: {
      async subscribe(row, now) {
        await committed(() => upsertPush.run(row.plan, row.key, row.endpoint, row.p256dh, row.auth, row.tag, row.mode, now))
      },
      async unsubscribe(plan, key, endpoint) {
        await committed(() => deletePush.run(plan, key, endpoint))
      },
      async forPlan(plan) {
        return selectPush.all(plan).map((r) => ({ ...r, mode: pushModeOf(r.mode) }))
      },
      async keepOnly(plan, members) {
        const gone = [...new Set(selectPush.all(plan).map((r) => r.key))].filter((k) => !members.has(k))
        return committed(() => gone.reduce((n, key) => n + deletePushKey.run(plan, key).changes, 0))
      },
      async dropEndpoint(endpoint) {
        await committed(() => deleteEndpoint.run(endpoint))
      },
      claimPush(plan, key, endpoint, now, gapMs) {
        return committed(() => claimPush.run(now, plan, key, endpoint, now - gapMs).changes === 1)
      },
    },
    files: {
      async putPiece(plan, address, data, now) {
        if (selectPieceExists.get(plan, address)) return false
        // on disk whole before it is listed: a listed piece can always be served
        await pieces.write(plan, address, data)
        return committed(() => insertPiece.run(plan, address, data.byteLength, now).changes === 1)
      },
      async getPiece(plan, address) {
        return selectPieceExists.get(plan, address) ? pieces.read(plan, address) : null
      },
      async putPieceFile(plan, address, file, now) {
        if (selectPieceExists.get(plan, address)) return false
        const { size } = await fs.promises.stat(file)
        // on disk whole before it is listed, as putPiece
        await pieces.writeFromFile(plan, address, file)
        return committed(() => insertPiece.run(plan, address, size, now).changes === 1)
      },
      async openPiece(plan, address) {
        if (!selectPieceExists.get(plan, address)) return null
        const handle = await pieces.open(plan, address)
        if (!handle) return null
        try {
          return { handle, size: (await handle.stat()).size }
        } catch (err) {
          await handle.close()
          throw err
        }
      },
      async havePieces(plan, addresses) {
        return addresses.filter((a) => selectPieceExists.get(plan, a) !== undefined)
      },
      async planFileBytes(plan) {
        return sumPieces.get(plan)?.total ?? 0
      },
      async dropUnreferenced(plan, keep, before) {
        const gone = oldPieces
          .all(plan, before)
          .map((r) => r.address)
          .filter((a) => !keep.has(a))
        // unlisted first, then removed: a piece is never listed without its file
        await committed(() => dropPieces(plan, gone))
        for (const address of gone) await pieces.remove(plan, address)
        return gone.length
      },
    },
    async erasePlan(t) {
      // after every write queued before it, in the same group commit order
      await committed(() => eraseRows(t))
      // the WAL still holds the pages as they were before: folded into the file (zeroed there)
      // and cut to nothing, so neither file keeps the plan's bytes
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
      if (result && result.busy !== 0) throw new Error('the WAL could not be checkpointed after an erasure')
      await pieces.removePlan(t.plan)
    },
    async tombstone(plan) {
      const row = selectTombstone.get(plan)
      return row ? { plan, erasedAt: row.erased_at, reason: tombstoneReasonOf(row.reason), proof: decodeProof(new Uint8Array(row.proof)) } : null
    },
    async plansPastRetention(now, limit) {
      return selectPastRetention.all(now, checkSweepLimit(limit)).map((r) => r.plan)
    },
    useNonce(nonce, expiresAt) {
      return committed(() => insertNonce.run(nonce, expiresAt).changes === 1)
    },
    async prune(now, archiveRetentionMs) {
      return {
        nonces: pruneNonces.run(now).changes,
        archived: pruneArchive.run(now - archiveRetentionMs).changes,
      }
    },
    async close() {
      if (closed) return
      closed = true
      if (batch.length > 0) flush()
      // fold the WAL into the main file, so a copy of DATA_DIR alone is a complete backup
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
    },
  }
}

type ShareRow = {
  id: string
  plan: string
  by_key: string
  organisation: string
  kind: string
  created_at: number
  expires_at: number
  max_opens: number
  opens: number
  withdrawn_at: number | null
  held: number
}

const SHARE_COLUMNS = 'id, plan, by_key, organisation, kind, created_at, expires_at, max_opens, opens, withdrawn_at, data IS NOT NULL AS held'

function shareOf(r: ShareRow): StoredShare {
  return {
    id: r.id,
    plan: r.plan,
    by: r.by_key,
    organisation: r.organisation,
    kind: r.kind,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    maxOpens: r.max_opens,
    opens: r.opens,
    withdrawnAt: r.withdrawn_at,
    held: r.held === 1,
  }
}

/** The shares' statements; every write goes through the store's group commit (`committed`). */
function openSqliteShares(db: Database.Database, committed: <T>(run: () => T) => Promise<T>): ShareStore {
  const count = db.prepare<[string, number], { n: number }>('SELECT COUNT(*) AS n FROM shares WHERE plan = ? AND data IS NOT NULL AND expires_at > ?')
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM shares WHERE id = ?')
  const insert = db.prepare<[string, string, string, string, string, number, number, number, Uint8Array]>(
    'INSERT INTO shares (id, plan, by_key, organisation, kind, created_at, expires_at, max_opens, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const select = db.prepare<[string], ShareRow>(`SELECT ${SHARE_COLUMNS} FROM shares WHERE id = ?`)
  const selectData = db.prepare<[string], { data: Buffer | null }>('SELECT data FROM shares WHERE id = ?')
  const countOpening = db.prepare<[string, number]>(
    `UPDATE shares SET opens = opens + 1, data = CASE WHEN opens + 1 >= max_opens THEN NULL ELSE data END
     WHERE id = ? AND data IS NOT NULL AND withdrawn_at IS NULL AND expires_at > ? AND opens < max_opens`,
  )
  const insertOpening = db.prepare<[string, number]>('INSERT INTO share_openings (id, opened_at) VALUES (?, ?)')
  const withdraw = db.prepare<[number, string]>('UPDATE shares SET withdrawn_at = ?, data = NULL WHERE id = ? AND withdrawn_at IS NULL')
  const sharersOf = db.prepare<[string], { by_key: string }>('SELECT DISTINCT by_key FROM shares WHERE plan = ? AND withdrawn_at IS NULL')
  const withdrawBy = db.prepare<[number, string, string]>(
    'UPDATE shares SET withdrawn_at = ?, data = NULL WHERE plan = ? AND by_key = ? AND withdrawn_at IS NULL',
  )
  const byPlan = db.prepare<[string], ShareRow>(`SELECT ${SHARE_COLUMNS} FROM shares WHERE plan = ? ORDER BY created_at, id`)
  const openingsOf = db.prepare<[string], { opened_at: number }>('SELECT opened_at FROM share_openings WHERE id = ? ORDER BY opened_at')
  const emptyExpired = db.prepare<[number]>('UPDATE shares SET data = NULL WHERE expires_at <= ? AND data IS NOT NULL')
  const oldOpenings = db.prepare<[number]>('DELETE FROM share_openings WHERE id IN (SELECT id FROM shares WHERE expires_at < ?)')
  const oldShares = db.prepare<[number]>('DELETE FROM shares WHERE expires_at < ?')

  const put = db.transaction((s: Parameters<ShareStore['put']>[0], data: Uint8Array, maxLive: number, now: number): 'stored' | 'exists' | 'quota' => {
    if (exists.get(s.id)) return 'exists'
    if ((count.get(s.plan, now)?.n ?? 0) >= maxLive) return 'quota'
    insert.run(s.id, s.plan, s.by, s.organisation, s.kind, s.createdAt, s.expiresAt, s.maxOpens, data)
    return 'stored'
  })
  const open = db.transaction((id: string, now: number) => {
    // read before the count: the last allowed opening empties the row in the same statement
    const data = selectData.get(id)?.data
    if (!data || countOpening.run(id, now).changes !== 1) return null
    insertOpening.run(id, now)
    const row = select.get(id)
    return row ? { share: shareOf(row), data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) } : null
  })
  const prune = db.transaction((now: number) => {
    const emptied = emptyExpired.run(now).changes
    oldOpenings.run(now - SHARE_LOG_RETENTION_MS)
    oldShares.run(now - SHARE_LOG_RETENTION_MS)
    return emptied
  })

  return {
    put: (share, data, maxLive, now) => committed(() => put(share, data, maxLive, now)),
    async liveCount(plan, now) {
      return count.get(plan, now)?.n ?? 0
    },
    async get(id) {
      const row = select.get(id)
      return row ? shareOf(row) : null
    },
    open: (id, now) => committed(() => open(id, now)),
    withdraw: (id, now) => committed(() => withdraw.run(now, id).changes === 1),
    withdrawAllBut(plan, members, now) {
      const gone = sharersOf
        .all(plan)
        .map((r) => r.by_key)
        .filter((k) => !members.has(k))
      return committed(() => gone.reduce((n, key) => n + withdrawBy.run(now, plan, key).changes, 0))
    },
    async forPlan(plan) {
      return byPlan.all(plan).map((r) => ({ ...shareOf(r), openings: openingsOf.all(r.id).map((o) => o.opened_at) }))
    },
    prune: (now) => committed(() => prune(now)),
  }
}
