/**
 * [R22] The relay erases a closed plan once the retention end its close names has passed, whether
 * or not anyone opens it: a relay restarted years on (its clock moved by libfaketime) sweeps at
 * start; every row and piece of that plan goes, no byte of it stays in its data directory, the id
 * is refused with the close as proof. Plans still within their term, open or reopened plans, stay. A
 * close that names no end, or one outside a year to thirty years, is refused.
 */
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FILE_PIECE_PLAINTEXT_BYTES, generateFileKey, loadSodium, randomBytes } from '../../src/crypto'
import { decodeBlob } from '../../src/sync/blob'
import { fromHex, toHex } from '../../src/sync/bytes'
import { uploadFile } from '../../src/sync/fileTransfer'
import { CLOSE, MESSAGE_ERASED } from '../../src/sync/protocol'
import { cutOf } from '../../src/sync/roomState'
import { createCloseRecord, createFileRecord, sealRecord } from '../../src/sync/records'
import { MIN_KEEP_MS } from '../../src/sync/rules'
import { filesContainingBytes } from '../helpers/diskSearch'
import { waitFor } from '../helpers/poll'
import { DAY_MS, relayClockAhead } from '../helpers/relayClock'
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

const ON_SQLITE = process.env.RELAY_TEST_STORE !== 'postgres'
/** how far on the restarted relay's clock is: past a year's term, within two years' */
const AHEAD_DAYS = 400

/** Content in a few rows: distinctive slices of its ciphertext, which must go with the plan. */
async function fill(plan: Plan, rows: number): Promise<Uint8Array[]> {
  const needles: Uint8Array[] = []
  for (let i = 0; i < rows; i++) {
    const content = new Y.Doc()
    content.getText('t').insert(0, `observatie ${i} ${toHex(randomBytes(64))}`)
    const blob = sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(content))
    await pushBlobs(plan.client, plan.doc, [blob])
    needles.push(blob.slice(blob.length - 96, blob.length - 64))
  }
  return needles
}

/** Sends one record as the plan's admin; 'ack' or `<rule> <code>` of the refusal. */
async function send(plan: Plan, record: Uint8Array): Promise<string> {
  const before = Y.encodeStateVector(plan.doc)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(plan.doc))
  scratch.getArray<Uint8Array>('log').push([record])
  plan.client.send(syncMessage(2, Y.encodeStateAsUpdate(scratch, before)))
  const wanted = Y.decodeStateVector(Y.encodeStateVector(scratch))
  const answer = await plan.client.next((m) => isError(m) || ackCovers(m, wanted))
  if (isError(answer)) return `${errorOf(answer).rule} ${errorOf(answer).code}`
  Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(scratch))
  return 'ack'
}

function closeRecord(plan: Plan, keepUntil: number | undefined, at = Date.now()): Uint8Array {
  return createCloseRecord(plan.admin, plan.planId, {
    op: 'close',
    at,
    reason: 'goals-reached',
    reopenUntil: at + 30 * DAY_MS,
    cut: cutOf(plan.doc),
    keepUntil,
  })
}

describe('[R22] retention ends on the relay', () => {
  let relay: RelayProcess

  beforeAll(async () => {
    await loadSodium()
    relay = await startRelay({ env: { RELAY_MAX_FILE_REQUESTS_PER_S: '1000' } })
  })
  afterAll(async () => {
    await relay?.stop()
  })

  it('a close names an end a year to thirty years on, after its reopen period; none, or one outside, is refused', async () => {
    // a refusal ends the connection (4422): each on a plan of its own
    const tried = async (keepUntil: (now: number) => number | undefined) => {
      const plan = await createPlanOnRelay(relay)
      const now = Date.now()
      const answer = await send(plan, closeRecord(plan, keepUntil(now), now))
      plan.client.close()
      return answer
    }
    expect(await tried(() => undefined)).toBe('R22 close-keep')
    expect(await tried((now) => now + MIN_KEEP_MS - DAY_MS)).toBe('R22 close-keep')
    expect(await tried((now) => now + 31 * 366 * DAY_MS)).toBe('R22 close-keep')
    expect(await tried((now) => now + MIN_KEEP_MS)).toBe('ack')
  })

  it('years on, the relay erases the plan past its end at start, with every byte of it; the id is refused with the close as proof; other plans stay', async () => {
    // past its end by then: a year's term, with content over several rows and an attachment
    const ending = await createPlanOnRelay(relay)
    const needles = await fill(ending, 5)
    const manifest = await uploadFile(
      { syncUrl: relay.wsUrl, identity: ending.admin.identity, planId: ending.planId },
      generateFileKey(),
      randomBytes(FILE_PIECE_PLAINTEXT_BYTES + 1000),
    )
    expect(
      await send(
        ending,
        createFileRecord(ending.admin, ending.planId, {
          op: 'add',
          file: randomBytes(16),
          pieces: manifest.pieces.map(fromHex),
          size: FILE_PIECE_PLAINTEXT_BYTES + 1000 + 32,
        }),
      ),
    ).toBe('ack')
    const pieceDir = path.join(relay.dataDir, 'pieces', toHex(ending.planId))
    if (ON_SQLITE) for (const name of fs.readdirSync(pieceDir)) needles.push(new Uint8Array(fs.readFileSync(path.join(pieceDir, name))).slice(1000, 1032))
    const close = closeRecord(ending, Date.now() + MIN_KEEP_MS)
    expect(await send(ending, close)).toBe('ack')
    ending.client.close()

    // two years' term: still kept then; and a plan that runs
    const kept = await createPlanOnRelay(relay)
    const keptNeedles = await fill(kept, 2)
    expect(await send(kept, closeRecord(kept, Date.now() + 2 * MIN_KEEP_MS))).toBe('ack')
    kept.client.close()
    const running = await createPlanOnRelay(relay)
    const runningNeedles = await fill(running, 2)
    running.client.close()
    // closed with a year's term and reopened: it runs again, and no end stands
    const reopened = await createPlanOnRelay(relay)
    const reopenedNeedles = await fill(reopened, 2)
    expect(await send(reopened, closeRecord(reopened, Date.now() + MIN_KEEP_MS))).toBe('ack')
    expect(await send(reopened, createCloseRecord(reopened.admin, reopened.planId, { op: 'reopen', at: Date.now() }))).toBe('ack')
    reopened.client.close()
    if (ON_SQLITE)
      for (const needle of [...needles, ...keptNeedles, ...runningNeedles, ...reopenedNeedles])
        expect(filesContainingBytes(relay.dataDir, needle).length).toBeGreaterThan(0)

    await relay.stop()
    relay = await startRelay({ dataDir: relay.dataDir, port: relay.port, env: relayClockAhead(AHEAD_DAYS) })
    const later = () => Date.now() + AHEAD_DAYS * DAY_MS
    await waitFor(() => /"plan-erased".*"reason":"retention"/.test(relay.logs()), 'the sweep after the start', 20_000)

    if (ON_SQLITE) {
      for (const needle of needles) expect(filesContainingBytes(relay.dataDir, needle)).toEqual([])
      expect(fs.existsSync(pieceDir)).toBe(false)
      for (const needle of [...keptNeedles, ...runningNeedles, ...reopenedNeedles])
        expect(filesContainingBytes(relay.dataDir, needle).length).toBeGreaterThan(0)
    }
    // whoever asks for the id hears it was erased, with the signed close that named the end
    const client = connectAs(relay, ending.admin.identity, ending.planId, later())
    const notice = erasedNoticeOf(await client.next((m) => tagOf(m) === MESSAGE_ERASED))
    expect(notice.proof).toHaveLength(1)
    expect(Buffer.from(notice.proof[0]!).equals(Buffer.from(close))).toBe(true)
    expect(decodeBlob(notice.proof[0]!)).toMatchObject({ kind: 'close', op: 'close' })
    expect(await client.closed).toEqual({ code: CLOSE.erased, reason: 'plan-erased' })

    // the others are whole
    for (const plan of [kept, running, reopened]) expect((await readRelayLog(relay, plan.admin.identity, plan.planId, later())).length).toBeGreaterThan(2)
  })
})
