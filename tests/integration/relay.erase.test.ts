/**
 * [R20] Erasure on request through the real relay (SQLite): a parent with gezag asks, an admin
 * confirms; the relay deletes every row and piece of the plan, compacts so no byte of it stays
 * in its data directory (the SQLite file, its WAL, the piece files), and refuses the plan id
 * forever with its tombstone, also after a restart. Unauthorised or forged halves are refused.
 * On PostgreSQL (the relay-on-postgres project) the same, without the search of the SQLite files.
 */
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FILE_PIECE_PLAINTEXT_BYTES, generateFileKey, generateSigningKeyPair, loadSodium, randomBytes } from '../../src/crypto'
import { decodeBlob } from '../../src/sync/blob'
import { fromHex, toHex } from '../../src/sync/bytes'
import { uploadFile } from '../../src/sync/fileTransfer'
import { CLOSE, MESSAGE_ERASED } from '../../src/sync/protocol'
import { createEraseRecord, createFileRecord, createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import { filesContainingBytes } from '../helpers/diskSearch'
import {
  ackCovers,
  connectAs,
  erasedNoticeOf,
  createPlanOnRelay,
  errorOf,
  isError,
  pushBlobs,
  type RawClient,
  type RelayProcess,
  readRelayLog,
  startRelay,
  syncMessage,
  tagOf,
  type TestPlan,
} from '../helpers/relayProcess'

type Plan = TestPlan & { client: RawClient }

/** the data directory holds the plan's bytes only with the embedded store */
const ON_SQLITE = process.env.RELAY_TEST_STORE !== 'postgres'

async function addMember(plan: Plan, role: 'reader' | 'contributor' | 'editor' | 'admin', party: 'gezag' | 'parent' | 'youth16'): Promise<Writer> {
  const writer = createWriter(generateSigningKeyPair())
  await pushBlobs(plan.client, plan.doc, [createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: writer.identity.publicKey, role, party })])
  return writer
}

/** A member's own connection and envelope copy, synced with the relay. */
async function joined(relay: RelayProcess, plan: Plan, writer: Writer): Promise<{ client: RawClient; doc: Y.Doc }> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
  const client = connectAs(relay, writer.identity, plan.planId)
  await client.opened
  return { client, doc }
}

/** Sends one record on `client` and returns how the relay answered: 'ack', or `<rule> <code>` of its refusal. */
async function send(c: { client: RawClient; doc: Y.Doc }, record: Uint8Array): Promise<string> {
  const before = Y.encodeStateVector(c.doc)
  c.doc.getArray<Uint8Array>('log').push([record])
  c.client.send(syncMessage(2, Y.encodeStateAsUpdate(c.doc, before)))
  const wanted = Y.decodeStateVector(Y.encodeStateVector(c.doc))
  const answer = await c.client.next((m) => isError(m) || ackCovers(m, wanted))
  return isError(answer) ? `${errorOf(answer).rule} ${errorOf(answer).code}` : 'ack'
}

/** distinctive slices of every ciphertext the plan put on the relay: none may stay after erasure */
function needlesOf(blobs: Uint8Array[]): Uint8Array[] {
  return blobs.map((b) => b.slice(b.length - 96, b.length - 64))
}

describe('[R20] erasure on the relay', () => {
  let relay: RelayProcess

  beforeAll(async () => {
    await loadSodium()
    relay = await startRelay({ env: { RELAY_COMPACT_AFTER_ROWS: '4', RELAY_MAX_FILE_REQUESTS_PER_S: '1000' } })
  })
  afterAll(async () => {
    await relay?.stop()
  })

  it('a parent with gezag asks, an admin confirms: every row and piece goes, no byte of it stays on disk, the id is refused forever', async () => {
    const plan = await createPlanOnRelay(relay)
    const parent = await addMember(plan, 'reader', 'gezag')
    const teacher = await addMember(plan, 'contributor', 'parent')
    // content over several rows (a compaction among them), and an attachment in pieces
    const updates: Uint8Array[] = []
    for (let i = 0; i < 8; i++) {
      const content = new Y.Doc()
      content.getText('t').insert(0, `observatie ${i} ${toHex(randomBytes(64))}`)
      const blob = sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(content))
      updates.push(blob)
      await pushBlobs(plan.client, plan.doc, [blob])
    }
    const fileKey = generateFileKey()
    const manifest = await uploadFile(
      { syncUrl: relay.wsUrl, identity: teacher.identity, planId: plan.planId },
      fileKey,
      randomBytes(FILE_PIECE_PLAINTEXT_BYTES + 500_000),
    )
    const teacherSide = await joined(relay, plan, teacher)
    const fileRecord = createFileRecord(teacher, plan.planId, {
      op: 'add',
      file: randomBytes(16),
      pieces: manifest.pieces.map(fromHex),
      size: FILE_PIECE_PLAINTEXT_BYTES + 500_000 + 32,
    })
    expect(await send(teacherSide, fileRecord)).toBe('ack')
    teacherSide.client.close()
    const pieceDir = path.join(relay.dataDir, 'pieces', toHex(plan.planId))
    const pieces = ON_SQLITE ? fs.readdirSync(pieceDir).map((name) => new Uint8Array(fs.readFileSync(path.join(pieceDir, name)))) : []
    const needles = [...needlesOf(updates), ...pieces.map((p) => p.slice(1000, 1032))]
    if (ON_SQLITE) {
      expect(pieces).toHaveLength(2)
      // the search finds them while the plan lives: it can fail
      for (const needle of needles) expect(filesContainingBytes(relay.dataDir, needle).length).toBeGreaterThan(0)
    }

    // the parent alone: nothing happens yet
    const parentSide = await joined(relay, plan, parent)
    expect(await send(parentSide, createEraseRecord(parent, plan.planId, 'request', Date.now()))).toBe('ack')
    expect((await readRelayLog(relay, plan.admin.identity, plan.planId)).length).toBeGreaterThan(8)

    // the admin confirms: both connections are told (with the proof) and closed for good
    const confirm = createEraseRecord(plan.admin, plan.planId, 'confirm', Date.now())
    plan.doc.getArray<Uint8Array>('log').push([confirm])
    plan.client.send(syncMessage(2, Y.encodeStateAsUpdate(plan.doc, Y.encodeStateVector(parentSide.doc))))
    for (const client of [plan.client, parentSide.client]) {
      const notice = erasedNoticeOf(await client.next((m) => tagOf(m) === MESSAGE_ERASED))
      expect(notice.proof.map((p) => decodeBlob(p)).map((b) => b.kind === 'erase' && b.op)).toEqual(['request', 'confirm'])
      expect(await client.closed).toEqual({ code: CLOSE.erased, reason: 'R20 plan-erased' })
    }

    // nothing of the plan in the SQLite file, its WAL or the piece files
    if (ON_SQLITE) {
      for (const needle of needles) expect(filesContainingBytes(relay.dataDir, needle)).toEqual([])
      expect(fs.existsSync(pieceDir)).toBe(false)
      expect(fs.statSync(path.join(relay.dataDir, 'relay.sqlite-wal')).size).toBe(0)
    }

    // anyone asking for the id, a member or a stranger, hears it was erased, with the proof
    const refusedWith = async (identity = generateSigningKeyPair()) => {
      const client = connectAs(relay, identity, plan.planId)
      const notice = erasedNoticeOf(await client.next((m) => tagOf(m) === MESSAGE_ERASED))
      return { proof: notice.proof.length, closed: await client.closed }
    }
    const gone = { proof: 2, closed: { code: CLOSE.erased, reason: 'plan-erased' } }
    expect(await refusedWith(teacher.identity)).toEqual(gone)
    expect(await refusedWith()).toEqual(gone)

    // forever: also after a restart
    await relay.stop()
    relay = await startRelay({ dataDir: relay.dataDir, port: relay.port, env: { RELAY_COMPACT_AFTER_ROWS: '4' } })
    expect(await refusedWith(plan.admin.identity)).toEqual(gone)
    if (ON_SQLITE) for (const needle of needles) expect(filesContainingBytes(relay.dataDir, needle)).toEqual([])
  })

  it('refuses a request by a parent without gezag or by an admin, a confirm by a parent, and a forged half; one half alone erases nothing', async () => {
    const plan = await createPlanOnRelay(relay)
    const gezag = await addMember(plan, 'editor', 'gezag')
    const parent = await addMember(plan, 'contributor', 'parent')
    const now = () => Date.now()

    expect(await send(await joined(relay, plan, parent), createEraseRecord(parent, plan.planId, 'request', now()))).toBe('R20 erase-forbidden')
    expect(await send(await joined(relay, plan, gezag), createEraseRecord(gezag, plan.planId, 'confirm', now()))).toBe('R20 erase-forbidden')
    const forged = createEraseRecord(gezag, plan.planId, 'request', now())
    forged[forged.length - 1]! ^= 1
    expect(await send(await joined(relay, plan, gezag), forged)).toBe('R3 bad-signature')
    expect(await send(await joined(relay, plan, gezag), createEraseRecord(gezag, plan.planId, 'request', now() - 3_600_000))).toBe('R20 erase-clock')

    const adminSide = await joined(relay, plan, plan.admin)
    expect(await send(adminSide, createEraseRecord(plan.admin, plan.planId, 'request', now()))).toBe('R20 erase-forbidden')
    // the admin's confirm alone is taken and waits: the plan stays, readable
    expect(await send(plan, createEraseRecord(plan.admin, plan.planId, 'confirm', now()))).toBe('ack')
    const log = await readRelayLog(relay, gezag.identity, plan.planId)
    expect(log.map((b) => decodeBlob(b).kind)).toContain('erase')
    plan.client.close()
  })
})
