/**
 * The real relay process on PostgreSQL (DATABASE_URL): what it acknowledged survives a restart
 * and a kill -9 in the middle of a burst, the replay index outlives the process, and a database
 * that goes away under it makes it refuse (no ack, nothing half-written) until it is back.
 */
import * as decoding from 'lib0/decoding'
import pg from 'pg'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { createMemberRecord, createWriter, sealRecord } from '../../src/sync/records'
import { hasPostgres, type PostgresServer, startPostgres } from '../helpers/postgres'
import {
  connectAs,
  createPlanOnRelay,
  isAck,
  pushBlobs,
  type RelayProcess,
  readRelayLog,
  startRelay,
  syncMessage,
  type TestPlan,
  waitForAckOf,
} from '../helpers/relayProcess'

const text = (s: string) => new TextEncoder().encode(s)
const note = (plan: TestPlan, s: string) => sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(s))

/** The clock an ack's state vector gives `client`: every item of it below this is stored. */
function ackedClock(ack: Uint8Array, client: number): number {
  const decoder = decoding.createDecoder(ack)
  decoding.readVarUint(decoder)
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(client) ?? 0
}

describe.skipIf(!hasPostgres)('relay on PostgreSQL', () => {
  let server: PostgresServer
  const relays: RelayProcess[] = []
  beforeAll(async () => {
    await loadSodium()
    server = await startPostgres()
  })
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop()
  })
  afterAll(async () => {
    await server?.destroy()
  })

  async function relayOn(url: string, env: Record<string, string> = {}) {
    const relay = await startRelay({ env: { DATABASE_URL: url, ...env } })
    relays.push(relay)
    return relay
  }

  async function count(url: string, sql: string): Promise<number> {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return Number((await client.query<{ n: string }>(sql)).rows[0]!.n)
    } finally {
      await client.end()
    }
  }

  it('two devices co-edit; after a restart everything acknowledged is there and a replayed record is still refused [R8]', async () => {
    const url = await server.createDatabase()
    const relay = await relayOn(url)
    expect(relay.events().find((e) => e.event === 'listening')).toMatchObject({ store: 'postgres' })
    const plan = await createPlanOnRelay(relay)
    const editor = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: editor.identity.publicKey, role: 'editor', party: 'parent' }),
    ])
    const editorDoc = new Y.Doc()
    Y.applyUpdate(editorDoc, Y.encodeStateAsUpdate(plan.doc))
    const editorClient = connectAs(relay, editor.identity, plan.planId)
    await editorClient.opened

    const written: Uint8Array[] = []
    for (let i = 0; i < 5; i++) {
      const mine = note(plan, `moeder ${i}`)
      await pushBlobs(plan.client, plan.doc, [mine])
      const theirs = sealRecord(editor, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(`school ${i}`))
      // the editor has what the relay forwarded; the admin gets the editor's in turn
      Y.applyUpdate(editorDoc, Y.encodeStateAsUpdate(plan.doc))
      await pushBlobs(editorClient, editorDoc, [theirs])
      Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(editorDoc))
      written.push(mine, theirs)
    }
    // what one device wrote reached the other through the relay
    await plan.client.next((m) => m[0] === 0 && m[1] === 2 && Buffer.from(m).includes(Buffer.from(written[written.length - 1]!)))
    plan.client.close()
    editorClient.close()

    await relay.stop()
    const again = await relayOn(url)
    const log = (await readRelayLog(again, editor.identity, plan.planId)).map(toHex)
    for (const w of written) expect(log).toContain(toHex(w))

    // the same record in a new item (another Yjs client) is still a replay after the restart
    const replay = new Y.Doc()
    Y.applyUpdate(replay, Y.encodeStateAsUpdate(plan.doc))
    const before = Y.encodeStateVector(replay)
    replay.getArray('log').push([written[0]!])
    const client = connectAs(again, plan.admin.identity, plan.planId)
    await client.opened
    client.send(syncMessage(2, Y.encodeStateAsUpdate(replay, before)))
    expect(await client.closed).toEqual({ code: CLOSE.rejected, reason: 'R8 replay' })
  })

  it('kill -9 in the middle of a burst: after a restart every acknowledged update is there', async () => {
    const url = await server.createDatabase()
    const relay = await relayOn(url, { RELAY_MAX_MESSAGES_PER_S: '10000' })
    const plan = await createPlanOnRelay(relay)
    const base = Y.encodeStateVector(plan.doc)
    const firstClock = Y.decodeStateVector(base).get(plan.doc.clientID) ?? 0
    const notes = Array.from({ length: 300 }, (_, i) => note(plan, `burst ${i}`))
    let acked = firstClock
    let acks = 0
    plan.client.ws.on('message', (data: Buffer) => {
      const m = new Uint8Array(data)
      if (!isAck(m)) return
      acks += 1
      acked = Math.max(acked, ackedClock(m, plan.doc.clientID))
    })
    const enoughAcked = plan.client.next(() => acks >= 20, 30_000)
    for (const n of notes) {
      const before = Y.encodeStateVector(plan.doc)
      plan.doc.getArray<Uint8Array>('log').push([n])
      plan.client.send(syncMessage(2, Y.encodeStateAsUpdate(plan.doc, before)))
    }
    await enoughAcked
    await relay.kill('SIGKILL')
    const ackedNotes = acked - firstClock // note i is the item at firstClock + i
    expect(ackedNotes).toBeGreaterThanOrEqual(20)
    expect(ackedNotes).toBeLessThan(notes.length) // the kill came in the middle

    const again = await relayOn(url)
    const log = new Set((await readRelayLog(again, plan.admin.identity, plan.planId)).map(toHex))
    for (const n of notes.slice(0, ackedNotes)) expect(log.has(toHex(n))).toBe(true)
  })

  it('PostgreSQL stopped under the relay: the update is refused without an ack and nothing of it is stored; once it is back the relay serves again', async () => {
    const url = await server.createDatabase()
    const relay = await relayOn(url)
    const plan = await createPlanOnRelay(relay)
    const kept = note(plan, 'voor de storing')
    await pushBlobs(plan.client, plan.doc, [kept])
    const rowsBefore = await count(url, 'SELECT COUNT(*) AS n FROM updates')
    const seenBefore = await count(url, 'SELECT COUNT(*) AS n FROM seen')

    await server.stop()
    let restarted = false
    try {
      const lost = note(plan, 'tijdens de storing')
      const before = Y.encodeStateVector(plan.doc)
      plan.doc.getArray<Uint8Array>('log').push([lost])
      plan.client.send(syncMessage(2, Y.encodeStateAsUpdate(plan.doc, before)))
      expect(await plan.client.closed).toEqual({ code: 1011, reason: 'relay error, reconnect' })
      expect(plan.client.received.filter(isAck)).toHaveLength(1 + 1) // the genesis's and the first note's, not this one
      const failure = relay.events().find((e) => e.event === 'store-failed')
      expect(failure).toMatchObject({ error: 'StoreUnavailableError' })
      expect(String(failure?.message)).toMatch(/^PostgreSQL writePlan failed: /)

      await server.start()
      restarted = true
      expect(await count(url, 'SELECT COUNT(*) AS n FROM updates')).toBe(rowsBefore)
      expect(await count(url, 'SELECT COUNT(*) AS n FROM seen')).toBe(seenBefore)
      const log = (await readRelayLog(relay, plan.admin.identity, plan.planId)).map(toHex)
      expect(log).toContain(toHex(kept))
      expect(log).not.toContain(toHex(lost))

      // the device reconnects and sends what was not acknowledged: now it is stored
      const client = connectAs(relay, plan.admin.identity, plan.planId)
      await client.opened
      client.send(syncMessage(2, Y.encodeStateAsUpdate(plan.doc)))
      await waitForAckOf(client, plan.doc)
      client.close()
      expect((await readRelayLog(relay, plan.admin.identity, plan.planId)).map(toHex)).toContain(toHex(lost))
    } finally {
      if (!restarted) await server.start()
    }
  })
})
