/**
 * What the relay keeps on disk: compaction of a room's rows into one merged state (the replay
 * index survives it), and deletes covered by a snapshot (R10), whose bytes go to the archive.
 * Run against both stores: SQLite in DATA_DIR and PostgreSQL (DATABASE_URL, a real server the
 * test starts; skipped without one except in CI).
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { createMemberRecord, createWriter, sealRecord } from '../../src/sync/records'
import { postgresMissing, type PostgresServer, startPostgres } from '../helpers/postgres'
import { connectAs, createPlanOnRelay, pushBlobs, readRelayLog, startRelay, syncMessage, type RelayProcess } from '../helpers/relayProcess'

const relays: RelayProcess[] = []
beforeAll(loadSodium)
afterEach(async () => {
  for (const r of relays.splice(0)) await r.stop()
})

const text = (s: string) => new TextEncoder().encode(s)

/** One store under the relay: the environment that chooses it, and a way to read what it holds. */
interface Backend {
  name: string
  skip: string | null
  setup?(): Promise<void>
  teardown?(): Promise<void>
  /** the environment of a relay on a fresh, empty store */
  freshEnv(): Promise<Record<string, string>>
  rows<T>(relay: RelayProcess, env: Record<string, string>, sql: string): Promise<T[]>
}

let pgServer: PostgresServer | undefined
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: null,
    freshEnv: async () => ({}),
    async rows<T>(relay: RelayProcess, _env: Record<string, string>, sql: string) {
      const db = new Database(path.join(relay.dataDir, 'relay.sqlite'), { readonly: true })
      const rows = db.prepare(sql).all() as T[]
      db.close()
      return rows
    },
  },
  {
    name: 'PostgreSQL',
    skip: postgresMissing,
    async setup() {
      pgServer = await startPostgres()
    },
    async teardown() {
      await pgServer?.destroy()
    },
    freshEnv: async () => ({ DATABASE_URL: await pgServer!.createDatabase() }),
    async rows<T>(_relay: RelayProcess, env: Record<string, string>, sql: string) {
      const client = new pg.Client({ connectionString: env.DATABASE_URL })
      await client.connect()
      try {
        return (await client.query(sql)).rows as T[]
      } finally {
        await client.end()
      }
    },
  },
]

describe.each(backends)('relay storage: $name', (backend) => {
  beforeAll(async () => {
    if (!backend.skip) await backend.setup?.()
  })
  afterAll(async () => {
    await backend.teardown?.()
  })
  let env: Record<string, string> = {}
  async function relayWith(opts: Parameters<typeof startRelay>[0] = {}) {
    if (!opts.dataDir) env = await backend.freshEnv() // a restart (same data) keeps its store
    const r = await startRelay({ ...opts, env: { ...env, ...opts.env } })
    relays.push(r)
    return r
  }

  it.skipIf(backend.skip)('compacts a room past the row limit; after a restart everything is there and old records still cannot be replayed [R8]', async () => {
    const relay = await relayWith({ env: { RELAY_COMPACT_AFTER_ROWS: '5' } })
    const plan = await createPlanOnRelay(relay)
    const notes: Uint8Array[] = []
    for (let i = 0; i < 12; i++) {
      const note = sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(`notitie ${i}`))
      notes.push(note)
      await pushBlobs(plan.client, plan.doc, [note])
    }
    expect(relay.events().filter((e) => e.event === 'room-compact').length).toBeGreaterThan(0)
    const rows = Number((await backend.rows<{ n: number | string }>(relay, env, 'SELECT COUNT(*) AS n FROM updates'))[0]!.n)
    expect(rows).toBeLessThanOrEqual(6)

    await relay.stop()
    const again = await relayWith({ dataDir: relay.dataDir, env: { RELAY_COMPACT_AFTER_ROWS: '5' } })
    const log = (await readRelayLog(again, plan.admin.identity, plan.planId)).map(toHex)
    for (const n of notes) expect(log).toContain(toHex(n))
    // the same record in a new item (another Yjs client) is still a replay
    const replay = new Y.Doc()
    Y.applyUpdate(replay, Y.encodeStateAsUpdate(plan.doc))
    const before = Y.encodeStateVector(replay)
    replay.getArray('log').push([notes[0]!])
    const client = connectAs(again, plan.admin.identity, plan.planId)
    await client.opened
    client.send(syncMessage(2, Y.encodeStateAsUpdate(replay, before)))
    expect(await client.closed).toEqual({ code: CLOSE.rejected, reason: 'R8 replay' })
  })

  it.skipIf(backend.skip)('[R10] accepts deletes covered by a snapshot from an editor, and archives the deleted bytes', async () => {
    const relay = await relayWith()
    const plan = await createPlanOnRelay(relay)
    const editor = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: editor.identity.publicKey, role: 'editor', party: 'parent' }),
    ])
    const notes = [0, 1, 2].map((i) => sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(`oud ${i}`)))
    await pushBlobs(plan.client, plan.doc, notes)

    // the editor's envelope: what the relay holds, then a snapshot covering the admin's session, and the deletes
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
    const snapshot = sealRecord(
      editor,
      plan.planId,
      0,
      plan.key,
      { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: plan.admin.identity.publicKey, session: plan.admin.session, seq: plan.admin.seq }] },
      text('alles tot nu'),
    )
    const client = connectAs(relay, editor.identity, plan.planId)
    await client.opened
    const before = Y.encodeStateVector(doc)
    doc.transact(() => {
      const log = doc.getArray<Uint8Array>('log')
      log.push([snapshot])
      const start = log.toArray().findIndex((b) => toHex(b) === toHex(notes[0]!))
      log.delete(start, notes.length)
    })
    client.send(syncMessage(2, Y.encodeStateAsUpdate(doc, before)))
    await client.next((m) => m[0] === 100)

    const log = (await readRelayLog(relay, plan.admin.identity, plan.planId)).map(toHex)
    expect(log).toContain(toHex(snapshot))
    for (const n of notes) expect(log).not.toContain(toHex(n))

    const archived = (await backend.rows<{ data: Buffer }>(relay, env, 'SELECT data FROM archive')).map((r) => toHex(new Uint8Array(r.data)))
    expect(archived.sort()).toEqual(notes.map(toHex).sort())
  })
})
