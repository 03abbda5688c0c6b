/**
 * Issue 9 against the real relay: a delete set repeating one range, a valid blob repeated, a
 * snapshot covering what does not exist. Each is refused (or counted once) with a clear code,
 * and the relay keeps serving. What each costs is proven by count in
 * tests/unit/sync/validateUpdate.hardening.test.ts; here, that the relay answers meanwhile.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import { MAX_NEW_BLOBS_PER_UPDATE } from '../../src/sync/rules'
import { DATABASE_FILE, openSqliteStore } from '../../server/storage/sqlite'
import {
  connectAs,
  createPlanOnRelay,
  errorOf,
  isAck,
  isError,
  pushBlobs,
  startRelay,
  syncMessage,
  type RawClient,
  type RelayProcess,
  type TestPlan,
} from '../helpers/relayProcess'

let relay: RelayProcess
let plan: TestPlan & { client: RawClient }
let editor: Writer

const text = (s: string) => new TextEncoder().encode(s)
const update = (w: Writer, s: string) => sealRecord(w, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(s))

beforeAll(async () => {
  await loadSodium()
  relay = await startRelay()
  plan = await createPlanOnRelay(relay)
  editor = createWriter(generateSigningKeyPair())
  await pushBlobs(plan.client, plan.doc, [
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: editor.identity.publicKey, role: 'editor', party: 'parent' }),
    update(plan.admin, 'eerste notitie'),
  ])
})
afterAll(async () => {
  await relay?.stop()
})

function copyOfPlanDoc(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
  return doc
}

/** A delete-set-only update: no structs, one client, these ranges as given (duplicates kept). */
function deletesOnly(client: number, ranges: { clock: number; len: number }[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, ranges.length)
  for (const r of ranges) {
    encoding.writeVarUint(e, r.clock)
    encoding.writeVarUint(e, r.len)
  }
  return encoding.toUint8Array(e)
}

/** Sends one sync update as `who` and waits for the refusal: the close and the error sent before it. */
async function refusal(who: Writer, payload: Uint8Array) {
  const client = connectAs(relay, who.identity, plan.planId)
  await client.opened
  client.send(syncMessage(2, payload))
  const closed = await client.closed
  const error = client.received.find(isError)
  return { closed, error: error ? errorOf(error) : null }
}

async function health(): Promise<number> {
  return (await fetch(`${relay.url}/health`)).status
}

describe('hardening: the relay refuses cheaply, counts once, and keeps serving', () => {
  it('[R8][R3] one valid blob repeated thousands of times is refused as a replay (or by the blob cap); /health answers meanwhile', async () => {
    const blob = update(editor, 'herhaald')
    const many = (n: number) => {
      const doc = copyOfPlanDoc()
      const before = Y.encodeStateVector(doc)
      doc.getArray<Uint8Array>('log').push(Array(n).fill(blob))
      return Y.encodeStateAsUpdate(doc, before)
    }
    const replay = refusal(editor, many(MAX_NEW_BLOBS_PER_UPDATE))
    expect(await health()).toBe(200)
    expect(await replay).toEqual({ closed: { code: CLOSE.rejected, reason: 'R8 replay' }, error: expect.objectContaining({ rule: 'R8', code: 'replay' }) })
    const flood = refusal(editor, many(10_000))
    expect(await health()).toBe(200)
    expect(await flood).toEqual({
      closed: { code: CLOSE.rejected, reason: 'R9 too-many-blobs' },
      error: expect.objectContaining({ rule: 'R9', code: 'too-many-blobs' }),
    })
  })

  it("[R8] an editor's snapshot covering (victim, session, 2^40) is refused as cover-beyond; the victim's next record is accepted", async () => {
    const snapshot = sealRecord(
      editor,
      plan.planId,
      0,
      plan.key,
      {
        kind: 'snapshot',
        part: 0,
        parts: 1,
        covers: [{ author: plan.admin.identity.publicKey, session: plan.admin.session, seq: 2 ** 40 }],
      },
      new Uint8Array([0, 0]),
    )
    const doc = copyOfPlanDoc()
    const before = Y.encodeStateVector(doc)
    doc.getArray<Uint8Array>('log').push([snapshot])
    const { closed, error } = await refusal(editor, Y.encodeStateAsUpdate(doc, before))
    expect(closed).toEqual({ code: CLOSE.rejected, reason: 'R8 cover-beyond' })
    expect(error).toMatchObject({ rule: 'R8', code: 'cover-beyond' })
    // the victim writes on: not a "replay"
    await pushBlobs(plan.client, plan.doc, [update(plan.admin, 'gewoon verder')])
  })

  it('[R9] a flood of delete ranges is refused with too-many-deletes', async () => {
    const ranges = Array.from({ length: 70_000 }, () => ({ clock: 0, len: 1 }))
    const { closed, error } = await refusal(editor, deletesOnly(plan.doc.clientID, ranges))
    expect(closed).toEqual({ code: CLOSE.rejected, reason: 'R9 too-many-deletes' })
    expect(error).toMatchObject({ rule: 'R9', code: 'too-many-deletes' })
  })

  it('[R10] one delete range repeated 1,000 times over covered blobs archives each blob once', async () => {
    const client = connectAs(relay, editor.identity, plan.planId)
    await client.opened
    const doc = copyOfPlanDoc()
    const writes = [update(editor, 'een'), update(editor, 'twee'), update(editor, 'drie')]
    const clock = Y.getState(doc.store, doc.clientID)
    await pushBlobs(client, doc, writes)
    const snapshot = sealRecord(
      editor,
      plan.planId,
      0,
      plan.key,
      {
        kind: 'snapshot',
        part: 0,
        parts: 1,
        covers: [{ author: editor.identity.publicKey, session: editor.session, seq: editor.seq }],
      },
      new Uint8Array([0, 0]),
    )
    await pushBlobs(client, doc, [snapshot])
    let acks = client.received.filter(isAck).length
    client.send(syncMessage(2, deletesOnly(doc.clientID, Array(1000).fill({ clock, len: writes.length }))))
    await client.next((m) => isAck(m) && --acks < 0)
    expect(client.received.some(isError)).toBe(false)
    expect(await health()).toBe(200)
    client.close()

    await relay.stop()
    const db = new Database(path.join(relay.dataDir, DATABASE_FILE), { readonly: true })
    try {
      const rows = db.prepare('SELECT item FROM archive WHERE plan = ? ORDER BY item').all(toHex(plan.planId)) as { item: string }[]
      expect(rows.map((r) => r.item)).toEqual([0, 1, 2].map((i) => `${doc.clientID}:${clock + i}`).sort())
    } finally {
      db.close()
    }
  })
})

describe('the archive: one row per (plan, item)', () => {
  it('[R10] an archive from before keeps the first row of each item, and the same item archived again is ignored', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-archive-'))
    try {
      const old = new Database(path.join(dir, DATABASE_FILE))
      old.exec(
        'CREATE TABLE archive (id INTEGER PRIMARY KEY AUTOINCREMENT, plan TEXT NOT NULL, item TEXT NOT NULL, triple TEXT NOT NULL, data BLOB NOT NULL, archived_at INTEGER NOT NULL)',
      )
      const insert = old.prepare('INSERT INTO archive (plan, item, triple, data, archived_at) VALUES (?, ?, ?, ?, ?)')
      for (let i = 0; i < 5; i++) insert.run('p', '1:0', 't0', Buffer.from([i]), i)
      insert.run('p', '1:1', 't1', Buffer.from([9]), 9)
      insert.run('q', '1:0', 't0', Buffer.from([8]), 8)
      old.close()

      const store = openSqliteStore(dir)
      await store.writePlan('p', 0, (write) => write.append(new Uint8Array([0, 0]), [], [{ itemId: '1:1', triple: 't1', bytes: new Uint8Array([7]) }], 10))
      await store.close()

      const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true })
      const rows = db.prepare('SELECT plan, item, data FROM archive ORDER BY plan, item').all() as { plan: string; item: string; data: Buffer }[]
      db.close()
      expect(rows.map((r) => [r.plan, r.item, [...r.data]])).toEqual([
        ['p', '1:0', [0]],
        ['p', '1:1', [9]],
        ['q', '1:0', [8]],
      ])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
