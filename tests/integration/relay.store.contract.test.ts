/**
 * The relay's store contract (server/storage/types.ts), run against both stores: SQLite (the
 * embedded default) and PostgreSQL (a real server started by the test, skipped without one
 * except in CI). Whatever one store guarantees, the other must too.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresStore, SHARE_SQL, SQL } from '../../server/storage/postgres'
import { DATABASE_FILE, openSqliteStore } from '../../server/storage/sqlite'
import { SHARE_LOG_RETENTION_MS, type ArchivedBlob, type NewShare, type RelayStore } from '../../server/storage/types'
import { waitFor } from '../helpers/poll'
import { hasPostgres, type PostgresServer, postgresMissing, startPostgres } from '../helpers/postgres'

interface StoreKind {
  name: string
  skip: string | null
  setup?(): Promise<void>
  teardown?(): Promise<void>
  /**
   * A new empty store; `reopen` opens the same data again (a restart); `sql` runs one statement
   * on its data beside the store (what an older relay left, a corrupt row) and returns its rows.
   */
  fresh(): Promise<{ store: RelayStore; reopen(): Promise<RelayStore>; sql(statement: string): Promise<unknown[]> }>
  /** Takes the store back to before R22: as a relay of that version left it. */
  beforeRetentionEnds: readonly string[]
}

let server: PostgresServer | undefined

const kinds: StoreKind[] = [
  {
    name: 'SQLite',
    skip: null,
    async fresh() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-store-'))
      const sql = async (statement: string) => {
        const db = new Database(path.join(dir, DATABASE_FILE))
        try {
          const prepared = db.prepare(statement)
          if (prepared.reader) return prepared.all()
          prepared.run()
          return []
        } finally {
          db.close()
        }
      }
      return { store: openSqliteStore(dir), reopen: async () => openSqliteStore(dir), sql }
    },
    beforeRetentionEnds: ['DROP TABLE retention_ends'],
  },
  {
    name: 'PostgreSQL',
    skip: postgresMissing,
    async setup() {
      server = await startPostgres()
    },
    async teardown() {
      await server?.destroy()
    },
    async fresh() {
      const url = await server!.createDatabase()
      const sql = async (statement: string) => {
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        try {
          return (await client.query(statement)).rows
        } finally {
          await client.end()
        }
      }
      return { store: await openPostgresStore(url), reopen: () => openPostgresStore(url), sql }
    },
    // a database at version 7: migration 8 made only this table and its index
    beforeRetentionEnds: ['DROP TABLE retention_ends', 'DELETE FROM relay_schema_migrations WHERE version = 8'],
  },
]

const bytes = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)
const PLAN = 'aa'.repeat(32)
const OTHER = 'bb'.repeat(32)
const DAY = 24 * 60 * 60 * 1000
const blob = (itemId: string, triple: string, content: string): ArchivedBlob => ({ itemId, triple, bytes: bytes(content) })

/** One update stored as the relay stores it: under the plan's lock, after what is behind. */
function append(store: RelayStore, plan: string, update: Uint8Array, seen: [string, string][], archived: ArchivedBlob[], now: number): Promise<number> {
  return store.writePlan(plan, 0, (write) => write.append(update, seen, archived, now))
}

/** R22: the plan's retention end as a relay stores it, under the plan's lock (a close or reopen it took). */
function retain(store: RelayStore, plan: string, keepUntil: number | null): Promise<void> {
  return store.writePlan(plan, 0, (write) => write.retain(keepUntil))
}

/** Compacts the plan as a relay holding every stored update does: up to the plan's version. */
async function compact(store: RelayStore, plan: string, merged: Uint8Array, now: number): Promise<void> {
  await store.writePlan(plan, 0, (write) => write.compact(merged, write.behind.at(-1)?.version ?? 0, now))
}

describe.each(kinds)('relay store contract: $name', (kind) => {
  const open: RelayStore[] = []
  const fresh = async () => {
    const made = await kind.fresh()
    open.push(made.store)
    return {
      store: made.store,
      sql: made.sql,
      reopen: async () => {
        const again = await made.reopen()
        open.push(again)
        return again
      },
    }
  }

  beforeAll(async () => {
    if (!kind.skip) await kind.setup?.()
  })
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close()
  })
  afterAll(async () => {
    await kind.teardown?.()
  })

  it.skipIf(kind.skip)('an unknown plan is empty and does not exist', async () => {
    const { store } = await fresh()
    expect(await store.loadRoom(PLAN)).toEqual({ updates: [], seen: [], version: 0 })
    expect(await store.planExists(PLAN)).toBe(false)
  })

  it.skipIf(kind.skip)('appends are loaded in order with their triples, per plan, and survive a restart', async () => {
    const { store, reopen } = await fresh()
    await append(store, PLAN, bytes('genesis'), [['a:1:0', '1:0']], [], 1)
    await append(
      store,
      PLAN,
      bytes('tweede'),
      [
        ['a:1:1', '1:1'],
        ['a:1:2', '1:2'],
      ],
      [],
      2,
    )
    await append(store, OTHER, bytes('ander plan'), [['b:1:0', '2:0']], [], 3)
    expect(await store.planExists(PLAN)).toBe(true)
    await store.close()

    const again = await reopen()
    const room = await again.loadRoom(PLAN)
    expect(room.updates.map(text)).toEqual(['genesis', 'tweede'])
    expect(room.seen.sort()).toEqual([
      ['a:1:0', '1:0'],
      ['a:1:1', '1:1'],
      ['a:1:2', '1:2'],
    ])
    expect((await again.loadRoom(OTHER)).updates.map(text)).toEqual(['ander plan'])
  })

  it.skipIf(kind.skip)('[R8] a triple keeps the first item it was stored with', async () => {
    const { store } = await fresh()
    await append(store, PLAN, bytes('een'), [['a:1:0', '1:0']], [], 1)
    await append(store, PLAN, bytes('opnieuw'), [['a:1:0', '9:0']], [], 2)
    expect((await store.loadRoom(PLAN)).seen).toEqual([['a:1:0', '1:0']])
  })

  it.skipIf(kind.skip)('compaction replaces the updates by one merged state; triples stay, later appends follow it', async () => {
    const { store, reopen } = await fresh()
    for (let i = 0; i < 5; i++) await append(store, PLAN, bytes(`u${i}`), [[`a:1:${i}`, `1:${i}`]], [], i)
    await compact(store, PLAN, bytes('samengevoegd'), 5)
    await append(store, PLAN, bytes('daarna'), [['a:1:5', '1:5']], [], 6)
    await store.close()
    const room = await (await reopen()).loadRoom(PLAN)
    expect(room.updates.map(text)).toEqual(['samengevoegd', 'daarna'])
    expect(room.seen).toHaveLength(6)
  })

  it.skipIf(kind.skip)('[R10] the archive keeps one row per plan and item, and prune drops it after the retention period', async () => {
    const { store } = await fresh()
    const t = 1_000_000
    await append(store, PLAN, bytes('snapshot'), [], [blob('1:0', 'a:1:0', 'oud 0'), blob('1:1', 'a:1:1', 'oud 1')], t)
    // the same item deleted again (a resent update) and the same item id in another plan
    await append(store, PLAN, bytes('nog eens'), [], [blob('1:0', 'a:1:0', 'oud 0')], t)
    await append(store, OTHER, bytes('ander'), [], [blob('1:0', 'b:1:0', 'ander oud')], t + DAY)
    expect(await store.prune(t + 30 * DAY, 30 * DAY)).toEqual({ nonces: 0, archived: 0 })
    expect(await store.prune(t + 30 * DAY + 1, 30 * DAY)).toEqual({ nonces: 0, archived: 2 })
    expect(await store.prune(t + 31 * DAY + 1, 30 * DAY)).toEqual({ nonces: 0, archived: 1 })
  })

  it.skipIf(kind.skip)('a token nonce is used once until it expires and is pruned', async () => {
    const { store, reopen } = await fresh()
    expect(await store.useNonce('key:n1', 1000)).toBe(true)
    expect(await store.useNonce('key:n1', 1000)).toBe(false)
    expect(await store.useNonce('key:n2', 5000)).toBe(true)
    await store.close()
    const again = await reopen()
    expect(await again.useNonce('key:n1', 1000)).toBe(false)
    expect(await again.prune(2000, DAY)).toEqual({ nonces: 1, archived: 0 })
    expect(await again.useNonce('key:n1', 3000)).toBe(true)
    expect(await again.useNonce('key:n2', 5000)).toBe(false)
  })

  it.skipIf(kind.skip)('attachment pieces: stored once per plan and address, counted, found, and the unreferenced old ones dropped', async () => {
    const { store, reopen } = await fresh()
    expect(await store.files.putPiece(PLAN, 'a1', bytes('stuk een'), 10)).toBe(true)
    expect(await store.files.putPiece(PLAN, 'a1', bytes('stuk een'), 11)).toBe(false)
    expect(await store.files.putPiece(PLAN, 'a2', bytes('stuk twee!'), 20)).toBe(true)
    expect(await store.files.putPiece(OTHER, 'a1', bytes('ander'), 20)).toBe(true)
    expect(await store.files.planFileBytes(PLAN)).toBe(18)
    expect((await store.files.havePieces(PLAN, ['a2', 'a3', 'a1'])).sort()).toEqual(['a1', 'a2'])
    expect(text((await store.files.getPiece(PLAN, 'a2'))!)).toBe('stuk twee!')
    expect(await store.files.getPiece(PLAN, 'a3')).toBeNull()
    await store.close()
    const again = await reopen()
    // a2 is newer than the grace period's start; a1 is old and still referenced; OTHER's stays
    expect(await again.files.dropUnreferenced(PLAN, new Set(['a1']), 15)).toBe(0)
    expect(await again.files.dropUnreferenced(PLAN, new Set(), 15)).toBe(1)
    expect(await again.files.havePieces(PLAN, ['a1', 'a2'])).toEqual(['a2'])
    expect(await again.files.planFileBytes(OTHER)).toBe(5)
  })

  it.skipIf(kind.skip)(
    'attachment pieces from a spool file: a store of files moves it into place, and opens a piece for streaming that stays whole if dropped meanwhile',
    async () => {
      const { store, reopen } = await fresh()
      if (!store.files.putPieceFile || !store.files.openPiece) {
        // a piece is one value there: the relay reads the spool file within its piece memory
        expect([kind.name, store.files.putPieceFile, store.files.openPiece]).toEqual(['PostgreSQL', undefined, undefined])
        return
      }
      const spool = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-spool-'))
      const spooled = (name: string, content: string) => {
        const file = path.join(spool, name)
        fs.writeFileSync(file, content)
        return file
      }
      const first = spooled('one', 'stuk uit de spool')
      expect(await store.files.putPieceFile(PLAN, 'b1', first, 10)).toBe(true)
      expect(fs.existsSync(first)).toBe(false)
      const again = spooled('two', 'stuk uit de spool')
      expect(await store.files.putPieceFile(PLAN, 'b1', again, 11)).toBe(false)
      expect(fs.existsSync(again)).toBe(true)
      expect(await store.files.planFileBytes(PLAN)).toBe(17)
      expect(text((await store.files.getPiece(PLAN, 'b1'))!)).toBe('stuk uit de spool')
      expect(await store.files.openPiece(PLAN, 'b2')).toBeNull()
      const opened = (await store.files.openPiece(PLAN, 'b1'))!
      expect(opened.size).toBe(17)
      expect(await store.files.dropUnreferenced(PLAN, new Set(), 15)).toBe(1)
      expect(await store.files.openPiece(PLAN, 'b1')).toBeNull()
      try {
        expect(text(new Uint8Array(await opened.handle.readFile()))).toBe('stuk uit de spool')
      } finally {
        await opened.handle.close()
      }
      const moved = spooled('three', 'nog een stuk')
      expect(await store.files.putPieceFile(OTHER, 'b3', moved, 20)).toBe(true)
      await store.close()
      const reopened = await reopen()
      expect(text((await reopened.files.getPiece(OTHER, 'b3'))!)).toBe('nog een stuk')
      fs.rmSync(spool, { recursive: true, force: true })
    },
  )

  it.skipIf(kind.skip)(
    '[R18] shared extracts: stored once, opened up to their count (the last opening empties it), withdrawn, expired, listed with openings',
    async () => {
      const { store, reopen } = await fresh()
      const link = (id: string, over: Partial<NewShare> = {}): NewShare => ({
        id,
        plan: PLAN,
        by: 'juf',
        organisation: 'gemeente',
        kind: 'request',
        createdAt: 10,
        expiresAt: 1000,
        maxOpens: 2,
        ...over,
      })
      expect(await store.shares.put(link('s1'), bytes('geheim een'), 3, 10)).toBe('stored')
      expect(await store.shares.put(link('s1'), bytes('nog eens'), 3, 11)).toBe('exists')
      expect(await store.shares.put(link('s2', { maxOpens: 1 }), bytes('twee'), 3, 12)).toBe('stored')
      expect(await store.shares.put(link('s3', { expiresAt: 50 }), bytes('drie'), 3, 13)).toBe('stored')
      // the plan holds three live links: a fourth waits until one ends; another plan is not counted
      expect(await store.shares.put(link('s4'), bytes('vier'), 3, 14)).toBe('quota')
      expect(await store.shares.put(link('o1', { plan: OTHER }), bytes('ander'), 3, 14)).toBe('stored')
      expect(await store.shares.liveCount(PLAN, 14)).toBe(3)
      expect(await store.shares.liveCount(PLAN, 60)).toBe(2)

      const first = await store.shares.open('s1', 20)
      expect(first && text(first.data)).toBe('geheim een')
      expect(first?.share).toMatchObject({ id: 's1', by: 'juf', organisation: 'gemeente', opens: 1, maxOpens: 2, held: true, withdrawnAt: null })
      const last = await store.shares.open('s1', 21)
      expect(last && text(last.data)).toBe('geheim een')
      expect(last?.share).toMatchObject({ opens: 2, held: false })
      expect(await store.shares.open('s1', 22)).toBeNull()
      // two openings of a single-use link at once: one gets it
      const both = await Promise.all([store.shares.open('s2', 30), store.shares.open('s2', 30)])
      expect(both.filter(Boolean)).toHaveLength(1)
      expect(await store.shares.open('s3', 50)).toBeNull()
      expect(await store.shares.open('nope', 20)).toBeNull()

      expect(await store.shares.put(link('s5'), bytes('vijf'), 3, 40)).toBe('stored')
      expect(await store.shares.withdraw('s5', 41)).toBe(true)
      expect(await store.shares.withdraw('s5', 42)).toBe(false)
      expect(await store.shares.open('s5', 43)).toBeNull()
      expect(await store.shares.get('s5')).toMatchObject({ withdrawnAt: 41, held: false })

      await store.close()
      const again = await reopen()
      const listed = await again.shares.forPlan(PLAN)
      expect(listed.map((s) => [s.id, s.openings])).toEqual([
        ['s1', [20, 21]],
        ['s2', [30]],
        ['s3', []],
        ['s5', []],
      ])
      // past its expiry a link keeps no bytes; its row and openings stay for the log's retention
      expect(await again.shares.put(link('s6', { expiresAt: 100 }), bytes('zes'), 5, 60)).toBe('stored')
      expect(await again.shares.prune(100)).toBe(2)
      expect(await again.shares.get('s6')).toMatchObject({ held: false })
      expect(await again.shares.get('s3')).toMatchObject({ held: false })
      expect(await again.shares.get('o1')).toMatchObject({ held: true })
      await again.shares.prune(1000 + SHARE_LOG_RETENTION_MS + 1)
      expect(await again.shares.forPlan(PLAN)).toEqual([])
    },
  )

  it.skipIf(kind.skip)('[R18] the links of keys no longer members are withdrawn at once; the others and other plans stay', async () => {
    const { store } = await fresh()
    const link = (id: string, by: string, plan = PLAN): NewShare => ({
      id,
      plan,
      by,
      organisation: 'gemeente',
      kind: 'request',
      createdAt: 10,
      expiresAt: 1000,
      maxOpens: 2,
    })
    for (const [id, by, plan] of [
      ['j1', 'juf', PLAN],
      ['j2', 'juf', PLAN],
      ['m1', 'moeder', PLAN],
      ['o1', 'juf', OTHER],
    ] as const)
      expect(await store.shares.put(link(id, by, plan), bytes(id), 10, 10)).toBe('stored')
    expect(await store.shares.withdraw('j2', 11)).toBe(true)
    expect(await store.shares.withdrawAllBut(PLAN, new Set(['moeder']), 20)).toBe(1)
    expect(await store.shares.get('j1')).toMatchObject({ withdrawnAt: 20, held: false })
    expect(await store.shares.get('j2')).toMatchObject({ withdrawnAt: 11 })
    expect(await store.shares.get('m1')).toMatchObject({ withdrawnAt: null, held: true })
    expect(await store.shares.get('o1')).toMatchObject({ withdrawnAt: null, held: true })
    expect(await store.shares.open('j1', 21)).toBeNull()
    expect(await store.shares.withdrawAllBut(PLAN, new Set(['moeder']), 30)).toBe(0)
    await store.close()
  })

  it.skipIf(kind.skip)(
    'push subscriptions: per plan, key and endpoint; one push per gap, also between two claims at once; gone with the member or the endpoint',
    async () => {
      const { store } = await fresh()
      const sub = (key: string, endpoint: string, plan = PLAN) => ({ plan, key, endpoint, p256dh: 'p', auth: 'a', tag: `tag-${key}`, mode: 'all' as const })
      await store.push.subscribe(sub('moeder', 'https://push.example/1'), 1)
      await store.push.subscribe(sub('moeder', 'https://push.example/2'), 1)
      await store.push.subscribe(sub('juf', 'https://push.example/3'), 1)
      // subscribing again replaces the tag and the mode (the device chose "only my afspraken and meetings")
      await store.push.subscribe({ ...sub('juf', 'https://push.example/3'), tag: 'nieuw', mode: 'mine' }, 2)
      await store.push.subscribe(sub('juf', 'https://push.example/3', OTHER), 1)
      expect((await store.push.forPlan(PLAN)).map((r) => `${r.key} ${r.endpoint} ${r.tag} ${r.mode}`).sort()).toEqual([
        'juf https://push.example/3 nieuw mine',
        'moeder https://push.example/1 tag-moeder all',
        'moeder https://push.example/2 tag-moeder all',
      ])
      expect((await store.push.forPlan(OTHER)).map((r) => r.mode)).toEqual(['all'])
      const claims = await Promise.all([1, 2].map(() => store.push.claimPush(PLAN, 'moeder', 'https://push.example/1', 1_000_000, 600_000)))
      expect(claims.sort()).toEqual([false, true])
      expect(await store.push.claimPush(PLAN, 'moeder', 'https://push.example/1', 1_500_000, 600_000)).toBe(false)
      expect(await store.push.claimPush(PLAN, 'moeder', 'https://push.example/1', 1_600_000, 600_000)).toBe(true)
      expect(await store.push.keepOnly(PLAN, new Set(['juf']))).toBe(2)
      expect((await store.push.forPlan(PLAN)).map((r) => r.key)).toEqual(['juf'])
      await store.push.dropEndpoint('https://push.example/3')
      expect(await store.push.forPlan(PLAN)).toEqual([])
      expect(await store.push.forPlan(OTHER)).toEqual([])
      await store.push.subscribe(sub('oma', 'https://push.example/4'), 1)
      await store.push.unsubscribe(PLAN, 'oma', 'https://push.example/4')
      expect(await store.push.forPlan(PLAN)).toEqual([])
    },
  )

  it.skipIf(kind.skip)(
    '[R20] an erased plan: every row (its retention end too), piece and shared extract gone, only its tombstone kept, across a restart; other plans untouched',
    async () => {
      const { store, reopen } = await fresh()
      await append(store, PLAN, bytes('genesis'), [['a:1:0', '1:0']], [blob('1:9', 'a:1:9', 'gearchiveerd')], 1)
      await append(store, OTHER, bytes('ander plan'), [['b:1:0', '2:0']], [], 1)
      await store.files.putPiece(PLAN, 'a1', bytes('stuk'), 1)
      await store.push.subscribe({ plan: PLAN, key: 'moeder', endpoint: 'https://push.example/1', p256dh: 'p', auth: 'a', tag: 't', mode: 'all' }, 1)
      // a shared extract of each plan, the erased one's opened once
      const share = (id: string, plan: string): NewShare => ({
        id,
        plan,
        by: 'juf',
        organisation: 'gemeente',
        kind: 'request',
        createdAt: 1,
        expiresAt: 1000,
        maxOpens: 3,
      })
      expect(await store.shares.put(share('gewist', PLAN), bytes('uittreksel'), 5, 2)).toBe('stored')
      expect(await store.shares.put(share('blijft', OTHER), bytes('ander uittreksel'), 5, 2)).toBe('stored')
      expect(await store.shares.open('gewist', 3)).not.toBeNull()
      await retain(store, PLAN, 5000)
      await retain(store, OTHER, 6000)
      expect(await store.tombstone(PLAN)).toBeNull()
      const proof = [bytes('verzoek'), bytes('bevestiging')]
      await store.erasePlan({ plan: PLAN, erasedAt: 1234, reason: 'erased', proof })
      await store.erasePlan({ plan: PLAN, erasedAt: 9999, reason: 'erased', proof: [] }) // again: nothing changes
      await store.close()
      const again = await reopen()
      expect(await again.loadRoom(PLAN)).toEqual({ updates: [], seen: [], version: 0 })
      expect(await again.planExists(PLAN)).toBe(false)
      expect(await again.files.havePieces(PLAN, ['a1'])).toEqual([])
      expect(await again.files.planFileBytes(PLAN)).toBe(0)
      expect(await again.push.forPlan(PLAN)).toEqual([])
      expect(await again.shares.forPlan(PLAN)).toEqual([])
      expect(await again.shares.get('gewist')).toBeNull()
      expect(await again.shares.open('gewist', 4)).toBeNull()
      expect((await again.shares.forPlan(OTHER)).map((s) => s.id)).toEqual(['blijft'])
      expect(await again.prune(Number.MAX_SAFE_INTEGER, 0)).toEqual({ nonces: 0, archived: 0 })
      // R22: the sweep no longer finds the erased plan; the other's retention end stays
      expect(await again.plansPastRetention(Number.MAX_SAFE_INTEGER, 10)).toEqual([OTHER])
      const tomb = await again.tombstone(PLAN)
      expect(tomb && { ...tomb, proof: tomb.proof.map(text) }).toEqual({ plan: PLAN, erasedAt: 1234, reason: 'erased', proof: ['verzoek', 'bevestiging'] })
      expect((await again.loadRoom(OTHER)).updates.map(text)).toEqual(['ander plan'])
      expect(await again.tombstone(OTHER)).toBeNull()
    },
  )

  it.skipIf(kind.skip)(
    '[R22] retention ends: a number is stored or replaced, null drops it; the sweep finds those at or before now, soonest first, up to its limit, across a restart',
    async () => {
      const { store, reopen } = await fresh()
      const [p1, p2, p3, p4] = ['01', '02', '03', '04'].map((b) => b.repeat(32)) as [string, string, string, string]
      expect(await store.plansPastRetention(Number.MAX_SAFE_INTEGER, 10)).toEqual([])
      await retain(store, p3, 3000)
      await retain(store, p1, 9000)
      await retain(store, p2, 2000)
      await retain(store, p4, 3000)
      // p1's close was replaced by one naming an earlier end
      await retain(store, p1, 1000)
      expect(await store.plansPastRetention(999, 10)).toEqual([])
      // at the end itself a plan is past it (<=); ties in id order
      expect(await store.plansPastRetention(3000, 10)).toEqual([p1, p2, p3, p4])
      expect(await store.plansPastRetention(2999, 10)).toEqual([p1, p2])
      expect(await store.plansPastRetention(3000, 3)).toEqual([p1, p2, p3])
      expect(await store.plansPastRetention(3000, 0)).toEqual([])
      // reopened: no retention end; reopened twice (or never closed): still none, no error
      await retain(store, p2, null)
      await retain(store, p2, null)
      await retain(store, 'ee'.repeat(32), null)
      await store.close()
      const again = await reopen()
      expect(await again.plansPastRetention(Number.MAX_SAFE_INTEGER, 10)).toEqual([p1, p3, p4])
      // a later end moves a plan back out of the sweep
      await retain(again, p1, 5000)
      expect(await again.plansPastRetention(4000, 10)).toEqual([p3, p4])
    },
  )

  it.skipIf(kind.skip)('[R22] a retention end that is not whole ms, or a sweep without a count, is refused and stores nothing', async () => {
    const { store } = await fresh()
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      await expect(retain(store, PLAN, bad)).rejects.toThrow(/a retention end is whole ms since the epoch/)
    }
    expect(await store.plansPastRetention(Number.MAX_SAFE_INTEGER, 10)).toEqual([])
    // SQLite reads LIMIT -1 as "all", PostgreSQL refuses it: both refuse it the same way
    await expect(store.plansPastRetention(1, -1)).rejects.toThrow(RangeError)
    await expect(store.plansPastRetention(1, 1.5)).rejects.toThrow(RangeError)
  })

  it.skipIf(kind.skip)(
    '[R22] a retention end is stored with its write: together with an append; a shared store keeps nothing of a write that throws, SQLite what was made before the throw',
    async () => {
      const { store } = await fresh()
      await store.writePlan(PLAN, 0, async (write) => {
        await write.append(bytes('sluiten'), [['a:1:0', '1:0']], [], 1)
        await write.retain(4000)
      })
      expect(await store.plansPastRetention(4000, 10)).toEqual([PLAN])

      const refused = store.writePlan(OTHER, 0, async (write) => {
        await write.append(bytes('sluiten'), [['b:1:0', '2:0']], [], 2)
        await write.retain(4000)
        throw new Error('validation refused it after all')
      })
      await expect(refused).rejects.toThrow(/validation refused it/)
      // a reopen in a write that fails leaves the standing close's end in a shared store
      await expect(
        store.writePlan(PLAN, 0, async (write) => {
          await write.retain(null)
          throw new Error('refused too')
        }),
      ).rejects.toThrow(/refused too/)
      if (store.signals.shared) {
        expect(await store.plansPastRetention(4000, 10)).toEqual([PLAN])
        expect(await store.planExists(OTHER)).toBe(false)
      } else {
        // writePlan's doc: one relay's own store commits each write as it is made, so the relay
        // retains only what it took, after its checks
        expect(await store.plansPastRetention(4000, 10)).toEqual([OTHER])
        expect(await store.planExists(OTHER)).toBe(true)
      }
    },
  )

  it.skipIf(kind.skip)('[R22] a tombstone of a plan erased for its retention end reads back as such; a stored reason neither is a corrupt row', async () => {
    const { store, reopen, sql } = await fresh()
    await append(store, PLAN, bytes('genesis'), [], [], 1)
    await store.erasePlan({ plan: PLAN, erasedAt: 7000, reason: 'retention', proof: [bytes('sluiten')] })
    await store.erasePlan({ plan: OTHER, erasedAt: 7001, reason: 'erased', proof: [] })
    await store.close()
    const again = await reopen()
    const tomb = await again.tombstone(PLAN)
    expect(tomb && { ...tomb, proof: tomb.proof.map(text) }).toEqual({ plan: PLAN, erasedAt: 7000, reason: 'retention', proof: ['sluiten'] })
    expect(await again.tombstone(OTHER)).toMatchObject({ reason: 'erased' })
    await sql(`UPDATE tombstones SET reason = 'vergeten' WHERE plan = '${OTHER}'`)
    await expect(again.tombstone(OTHER)).rejects.toThrow(/reason is one of erased, retention, not "vergeten"/)
    expect(await again.tombstone(PLAN)).toMatchObject({ reason: 'retention' })
  })

  it.skipIf(kind.skip)('[R22] a store from before retention ends gains their table at start, keeping what it holds', async () => {
    const { store, reopen, sql } = await fresh()
    await append(store, PLAN, bytes('genesis'), [['a:1:0', '1:0']], [], 1)
    await store.close()
    for (const statement of kind.beforeRetentionEnds) await sql(statement)
    const again = await reopen()
    expect((await again.loadRoom(PLAN)).updates.map(text)).toEqual(['genesis'])
    expect(await again.plansPastRetention(Number.MAX_SAFE_INTEGER, 10)).toEqual([])
    await retain(again, PLAN, 3000)
    expect(await again.plansPastRetention(3000, 10)).toEqual([PLAN])
  })

  it.skipIf(kind.skip)('appends to many plans at once each resolve after their own commit, none lost', async () => {
    const { store, reopen } = await fresh()
    const plans = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(64, '0'))
    await Promise.all(plans.flatMap((p) => [0, 1, 2].map((i) => append(store, p, bytes(`${p}:${i}`), [[`${p}:${i}`, `1:${i}`]], [], i))))
    await store.close()
    const again = await reopen()
    for (const p of plans) {
      const room = await again.loadRoom(p)
      expect(room.updates.map(text).sort()).toEqual([0, 1, 2].map((i) => `${p}:${i}`))
      expect(room.seen).toHaveLength(3)
    }
  })
})

describe.skipIf(!hasPostgres)('PostgreSQL store', () => {
  let pgServer: PostgresServer
  beforeAll(async () => {
    pgServer = await startPostgres()
  })
  afterAll(async () => {
    await pgServer?.destroy()
  })

  it('applies its migrations once, also when two relays start at the same moment', async () => {
    const url = await pgServer.createDatabase()
    const stores = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)])
    for (const s of stores) await s.close()
    const client = new (await import('pg')).default.Client({ connectionString: url })
    await client.connect()
    const applied = await client.query('SELECT version FROM relay_schema_migrations ORDER BY version')
    await client.end()
    expect(applied.rows).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
      { version: 5 },
      { version: 6 },
      { version: 7 },
      { version: 8 },
    ])
  })

  it('[R20] after an erasure commits, the tables that held the plan are vacuumed: no dead tuple of it stays, and its space is reused', async () => {
    const url = await pgServer.createDatabase()
    const store = await openPostgresStore(url)
    const client = new (await import('pg')).default.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pgstattuple')
      // every table and its TOAST table (large values: update blobs, archived blobs, pieces)
      const TABLES = ['updates', 'seen', 'archive', 'file_pieces', 'push_subscriptions', 'shares', 'share_openings', 'retention_ends', 'plans']
      const deadTuples = async (): Promise<Record<string, number>> => {
        const out: Record<string, number> = {}
        for (const table of TABLES) {
          const rels = await client.query<{ rel: string }>(
            'SELECT $1::text AS rel UNION ALL SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = $1::regclass AND reltoastrelid <> 0',
            [table],
          )
          for (const { rel } of rels.rows) {
            out[rel] = Number((await client.query<{ n: string }>('SELECT dead_tuple_count AS n FROM pgstattuple($1::regclass)', [rel])).rows[0]!.n)
          }
        }
        return out
      }
      /** the main fork of `updates`' TOAST table, where the blobs are: what new writes fill */
      const toastBytes = async () =>
        Number((await client.query<{ n: string }>("SELECT pg_relation_size(reltoastrelid) AS n FROM pg_class WHERE oid = 'updates'::regclass")).rows[0]!.n)
      const fill = async (plan: string, label: string) => {
        for (let i = 0; i < 12; i++) {
          const big = new Uint8Array(crypto.getRandomValues(new Uint8Array(6000)))
          await append(store, plan, big, [[`${label}:${i}`, `${i}:0`]], [blob(`${i}:9`, `${label}:a${i}`, `gearchiveerd ${label} ${i} ${'x'.repeat(3000)}`)], i)
        }
      }

      await fill(PLAN, 'p')
      await fill(OTHER, 'o')
      await store.files.putPiece(PLAN, 'a1', crypto.getRandomValues(new Uint8Array(60_000)), 1)
      await store.push.subscribe({ plan: PLAN, key: 'moeder', endpoint: 'https://push.example/1', p256dh: 'p', auth: 'a', tag: 't', mode: 'all' }, 1)
      const link: NewShare = { id: 'gewist', plan: PLAN, by: 'juf', organisation: 'gemeente', kind: 'request', createdAt: 1, expiresAt: 1000, maxOpens: 3 }
      expect(await store.shares.put(link, bytes('uittreksel'), 5, 2)).toBe('stored')
      await store.shares.open('gewist', 3)
      await retain(store, PLAN, 5000)
      // the check can fail: a DELETE leaves dead tuples, and autovacuum does not come for a few rows
      await compact(store, OTHER, bytes('samengevoegd'), 50)
      expect((await deadTuples()).updates).toBeGreaterThan(0)
      const before = await toastBytes()

      await store.erasePlan({ plan: PLAN, erasedAt: 1234, reason: 'erased', proof: [bytes('verzoek'), bytes('bevestiging')] })
      await waitFor(async () => Object.values(await deadTuples()).every((n) => n === 0), 'the VACUUM after the erasure', 20_000)
      expect(Object.values(await deadTuples()).every((n) => n === 0)).toBe(true)
      // the space is free for what comes next: as much new content again does not grow the table
      await fill('cc'.repeat(32), 'n')
      expect(await toastBytes()).toBeLessThanOrEqual(before)
      expect((await store.loadRoom(OTHER)).updates.map(text)).toEqual(['samengevoegd'])
    } finally {
      await client.end()
      await store.close()
    }
  })

  it('commits synchronously even where the database says otherwise', async () => {
    const url = await pgServer.createDatabase()
    const admin = new (await import('pg')).default.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET synchronous_commit = off`)
    await admin.end()
    const store = await openPostgresStore(url)
    await store.close()
  })

  it('no statement reads a whole table: every lookup has its index', async () => {
    const url = await pgServer.createDatabase()
    await (await openPostgresStore(url)).close()
    const params: Record<keyof typeof SQL, unknown[]> = {
      loadUpdates: [PLAN],
      loadSeen: [PLAN],
      planExists: [PLAN],
      append: [PLAN, Buffer.from('u'), ['a:1:0'], ['1:0'], ['1:0'], ['a:1:0'], [Buffer.from('b')], 1, 'samenplan_test'],
      loadVersion: [PLAN],
      updatesSince: [PLAN, 3],
      versions: [[PLAN, OTHER]],
      lockPlan: ['42'],
      compactDelete: [PLAN, 3],
      compactInsert: [PLAN, 3, Buffer.from('m'), 1],
      useNonce: ['k:n', 1],
      putPiece: [PLAN, 'ab', Buffer.from('x'), 1, 1],
      getPiece: [PLAN, 'ab'],
      havePieces: [PLAN, ['ab', 'cd']],
      planFileBytes: [PLAN],
      dropUnreferenced: [PLAN, 5, ['ab']],
      upsertPush: [PLAN, 'k', 'https://push.example/x', 'p', 'a', 't', 'mine', 1],
      deletePush: [PLAN, 'k', 'https://push.example/x'],
      selectPush: [PLAN],
      keepPush: [PLAN, ['k']],
      deleteEndpoint: ['https://push.example/x'],
      claimPush: [5, PLAN, 'k', 'https://push.example/x', 1],
      retain: [PLAN, 5000],
      unretain: [PLAN],
      plansPastRetention: [5000, 50],
      pruneNonces: [1],
      pruneArchive: [1],
      eraseNotify: [PLAN, 'samenplan_test'],
      eraseUpdates: [PLAN],
      eraseSeen: [PLAN],
      eraseArchive: [PLAN],
      erasePieces: [PLAN],
      erasePush: [PLAN],
      eraseShareOpenings: [PLAN],
      eraseShares: [PLAN],
      eraseRetention: [PLAN],
      erasePlanRow: [PLAN],
      insertTombstone: [PLAN, 1, 'erased', Buffer.from('p')],
      selectTombstone: [PLAN],
    }
    const client = new (await import('pg')).default.Client({ connectionString: url })
    await client.connect()
    try {
      // with sequential scans priced out, a plan that still has one has no index to use
      await client.query('SET enable_seqscan = off')
      for (const [name, sql] of Object.entries(SQL) as [keyof typeof SQL, string][]) {
        const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params[name])).rows.map((r) => r['QUERY PLAN']).join('\n')
        expect(plan, name).not.toMatch(/Seq Scan/)
      }
    } finally {
      await client.end()
    }
  })

  it('[R18] no shares statement reads a whole table', async () => {
    const url = await pgServer.createDatabase()
    await (await openPostgresStore(url)).close()
    const params: Record<keyof typeof SHARE_SQL, unknown[]> = {
      put: ['s', PLAN, 'k', 'o', 'request', 1, 2, 3, Buffer.from('x'), 1, 50],
      exists: ['s'],
      liveCount: [PLAN, 1],
      get: ['s'],
      open: ['s', 1],
      withdraw: ['s', 1],
      withdrawAllBut: [PLAN, ['k'], 1],
      byPlan: [PLAN],
      emptyExpired: [1],
      dropOldOpenings: [1],
      dropOld: [1],
    }
    const client = new (await import('pg')).default.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('SET enable_seqscan = off')
      for (const [name, sql] of Object.entries(SHARE_SQL) as [keyof typeof SHARE_SQL, string][]) {
        const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params[name])).rows.map((r) => r['QUERY PLAN']).join('\n')
        expect(plan, name).not.toMatch(/Seq Scan/)
      }
    } finally {
      await client.end()
    }
  })

  it('numbers each plan’s updates densely; a compaction keeps the number it covers', async () => {
    const url = await pgServer.createDatabase()
    const store = await openPostgresStore(url)
    for (let i = 0; i < 3; i++) await append(store, PLAN, bytes(`u${i}`), [], [], i)
    await append(store, OTHER, bytes('x'), [], [], 0)
    await compact(store, PLAN, bytes('alles'), 5)
    await append(store, PLAN, bytes('u3'), [], [], 3)
    await store.close()
    const client = new (await import('pg')).default.Client({ connectionString: url })
    await client.connect()
    const rows = await client.query("SELECT plan, seq::int AS seq, convert_from(data, 'UTF8') AS data FROM updates ORDER BY plan, seq")
    const versions = await client.query('SELECT plan, version::int AS version FROM plans ORDER BY plan')
    await client.end()
    expect(rows.rows).toEqual([
      { plan: PLAN, seq: 3, data: 'alles' },
      { plan: PLAN, seq: 4, data: 'u3' },
      { plan: OTHER, seq: 1, data: 'x' },
    ])
    expect(versions.rows).toEqual([
      { plan: PLAN, version: 4 },
      { plan: OTHER, version: 1 },
    ])
  })

  it('two relays on one database: a write waits for the plan’s lock and first gets what the other stored, with its time', async () => {
    const url = await pgServer.createDatabase()
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)])
    try {
      expect(await append(a, PLAN, bytes('een'), [['a:1:0', '1:0']], [], 100)).toBe(1)
      // b holds version 0 and writes: it is handed version 1 before it may append version 2
      let release!: () => void
      const held = new Promise<void>((r) => {
        release = r
      })
      const order: string[] = []
      const first = b.writePlan(PLAN, 0, async (write) => {
        expect(write.behind.map((u) => [u.version, text(u.update), u.at])).toEqual([[1, 'een', 100]])
        order.push('b locked')
        await held
        const v = await write.append(bytes('twee'), [['b:1:0', '2:0']], [], 200)
        order.push('b appended')
        return v
      })
      await waitFor(() => order.length === 1, 'b holding the lock', 5_000)
      // a, which knows version 1, must wait until b commits, then sees b's update behind it
      const second = a.writePlan(PLAN, 1, async (write) => {
        order.push('a locked')
        expect(write.behind.map((u) => [u.version, text(u.update)])).toEqual([[2, 'twee']])
        return write.append(bytes('drie'), [], [], 300)
      })
      await new Promise((r) => setTimeout(r, 150))
      expect(order).toEqual(['b locked'])
      release()
      expect(await first).toBe(2)
      expect(await second).toBe(3)
      expect(order).toEqual(['b locked', 'b appended', 'a locked'])
      expect((await a.updatesSince(PLAN, 1)).map((u) => [u.version, text(u.update), u.at])).toEqual([
        [2, 'twee', 200],
        [3, 'drie', 300],
      ])
      expect(await b.versions([PLAN, OTHER])).toEqual(new Map([[PLAN, 3]]))
      expect((await b.loadRoom(PLAN)).version).toBe(3)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('a write whose work fails stores nothing; a commit rings every relay’s doorbell after it is durable', async () => {
    const url = await pgServer.createDatabase()
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)])
    try {
      const heard: string[] = []
      b.signals.onCommit((plan, version) => heard.push(`${plan === PLAN ? 'PLAN' : plan}:${version}`))
      await expect(
        a.writePlan(PLAN, 0, async (write) => {
          await write.append(bytes('half'), [['a:1:0', '1:0']], [], 1)
          throw new Error('validation refused it after all')
        }),
      ).rejects.toThrow(/writePlan failed: validation refused it/)
      expect(await a.updatesSince(PLAN, 0)).toEqual([])
      expect((await a.loadRoom(PLAN)).seen).toEqual([])
      await append(a, PLAN, bytes('heel'), [], [], 2)
      await waitFor(() => heard.length === 1, 'the doorbell', 5_000)
      expect(heard).toEqual(['PLAN:1'])
      expect(a.signals.shared).toBe(true)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('presence one relay shares reaches the others, not itself back', async () => {
    const url = await pgServer.createDatabase()
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)])
    try {
      const atA: string[] = []
      const atB: string[] = []
      a.signals.onPresence((plan, update) => atA.push(`${plan}:${text(update)}`))
      b.signals.onPresence((plan, update) => atB.push(`${plan}:${text(update)}`))
      a.signals.publishPresence(PLAN, bytes('hier ben ik'))
      await waitFor(() => atB.length === 1, 'the presence at b', 5_000)
      expect(atB).toEqual([`${PLAN}:hier ben ik`])
      await new Promise((r) => setTimeout(r, 100))
      expect(atA).toEqual([])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('with the server stopped a write fails with a clear error and stores nothing; once it is back the store serves again', async () => {
    const url = await pgServer.createDatabase()
    const store = await openPostgresStore(url)
    try {
      await append(store, PLAN, bytes('voor'), [['a:1:0', '1:0']], [], 1)
      await pgServer.stop()
      const failed = append(store, PLAN, bytes('tijdens'), [['a:1:1', '1:1']], [], 2)
      await expect(failed).rejects.toThrow(/^PostgreSQL writePlan failed: /)
      await expect(failed).rejects.toMatchObject({ name: 'StoreUnavailableError' })
      await expect(store.useNonce('k:n', 10)).rejects.toThrow(/^PostgreSQL useNonce failed/)
      await pgServer.start()
      await append(store, PLAN, bytes('na'), [['a:1:2', '1:2']], [], 3)
      const room = await store.loadRoom(PLAN)
      expect(room.updates.map(text)).toEqual(['voor', 'na'])
      expect(room.seen.map(([t]) => t).sort()).toEqual(['a:1:0', 'a:1:2'])
    } finally {
      await store.close()
    }
  })
})
