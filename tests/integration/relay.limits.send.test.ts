/**
 * What a connection can make the relay hold for it (issue 9, item 5), against the real relay
 * process: a client that asks for the whole plan again and again and never reads used to make
 * the relay buffer every answer (100 step 1 on a 4 MiB plan: +448 MB). Now answers are charged
 * by their bytes and a connection whose unsent bytes pass a bound is closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadSodium } from '../../src/crypto'
import { CLOSE } from '../../src/sync/protocol'
import { sealRecord } from '../../src/sync/records'
import {
  connectAs,
  createPlanOnRelay,
  errorOf,
  isError,
  pushBlobs,
  readRelayLog,
  relayMemory,
  resetPeakMemory,
  startRelay,
  syncMessage,
  type RelayProcess,
  type TestPlan,
} from '../helpers/relayProcess'

const MiB = 1024 * 1024
/** one blob's plaintext: under the 64 KiB ciphertext limit (R9) */
const BLOB_PLAINTEXT_BYTES = 60 * 1024

let relay: RelayProcess
let plan: TestPlan
/** the plan's blobs: its genesis and 4 × 18 of 60 KiB */
const BLOBS = 1 + 4 * 18

beforeAll(async () => {
  await loadSodium()
  relay = await startRelay()
  const created = await createPlanOnRelay(relay)
  for (let batch = 0; batch < 4; batch++) {
    const blobs = Array.from({ length: 18 }, () =>
      sealRecord(
        created.admin,
        created.planId,
        0,
        created.key,
        { kind: 'update', part: 0, parts: 1 },
        crypto.getRandomValues(new Uint8Array(BLOB_PLAINTEXT_BYTES)),
      ),
    )
    await pushBlobs(created.client, created.doc, blobs)
  }
  created.client.close()
  plan = created
}, 60_000)
afterAll(async () => {
  await relay?.stop()
})

/** Resolves with the first relay log event `match` accepts, once it is logged. */
async function logged(match: (e: Record<string, unknown>) => boolean, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = relay.events().find(match)
    if (found) return found
    if (Date.now() > deadline) throw new Error('timed out waiting for a log event')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('answers and unsent bytes', () => {
  it('[R9] 100 step 1 with an empty state vector on a 4 MiB plan, never read: the relay closes the connection (4029) and holds a bounded amount', async () => {
    const planBytes = Y.encodeStateAsUpdate(plan.doc).length
    expect(planBytes).toBeGreaterThan(4 * MiB)

    const reader = connectAs(relay, plan.admin.identity, plan.planId)
    await reader.opened
    reader.ws.pause() // never reads again: whatever the relay sends waits in its buffers
    const before = relayMemory(relay.pid)
    resetPeakMemory(relay.pid)
    const emptyStep1 = syncMessage(0, Y.encodeStateVector(new Y.Doc()))
    for (let i = 0; i < 100; i++) reader.send(emptyStep1)

    const refused = await logged(
      (e) => e.event === 'conn-refused' && e.close === CLOSE.rateLimited && (e.code === 'send-buffer-full' || e.code === 'rate-limited'),
    )
    const peak = relayMemory(relay.pid, 'VmHWM')
    reader.ws.resume()
    await reader.closed
    // two full-size messages unsent at most, plus answers in the making and garbage not yet collected; it was 448 MB
    console.info(`peak raise ${Math.round((peak - before) / MiB)} MiB, ${String(refused.code)}`)
    expect(peak - before).toBeLessThan(128 * MiB)
    expect(refused.rule).toBe('R9')

    // an honest client (one step 1) still gets the whole plan
    expect((await readRelayLog(relay, plan.admin.identity, plan.planId)).length).toBe(BLOBS)
  }, 120_000)

  it('[R9] a client that reads but asks for the whole plan again and again is refused (4029 rate-limited) once its answers pass the budget', async () => {
    const asker = connectAs(relay, plan.admin.identity, plan.planId)
    await asker.opened
    const emptyStep1 = syncMessage(0, Y.encodeStateVector(new Y.Doc()))
    for (let i = 0; i < 40; i++) asker.send(emptyStep1)
    const closed = await asker.closed
    expect(closed).toEqual({ code: CLOSE.rateLimited, reason: 'R9 rate-limited' })
    const error = asker.received.find(isError)
    expect(error && errorOf(error).code).toBe('rate-limited')
    // one full-size message's worth (16 MiB) of 4 MiB answers, and the one that went into debt
    const answers = asker.received.filter((m) => m[0] === 0 && m[1] === 1).length
    expect(answers).toBeGreaterThanOrEqual(2)
    expect(answers).toBeLessThan(40)
  }, 60_000)

  it('[R9] a peer that stops reading while others write is closed once its unsent bytes pass two full-size messages (4029 send-buffer-full)', async () => {
    // a relay with 1 MiB messages: the bound is 2 MiB, passed after a few forwarded updates
    const small = await startRelay({ env: { MAX_MESSAGE_BYTES: String(1 * MiB) } })
    try {
      const writer = await createPlanOnRelay(small)
      const idle = connectAs(small, writer.admin.identity, writer.planId)
      await idle.opened
      idle.ws.pause()
      const cut = (async () => {
        for (let i = 0; i < 64; i++) {
          const blobs = Array.from({ length: 12 }, () =>
            sealRecord(
              writer.admin,
              writer.planId,
              0,
              writer.key,
              { kind: 'update', part: 0, parts: 1 },
              crypto.getRandomValues(new Uint8Array(BLOB_PLAINTEXT_BYTES)),
            ),
          )
          await pushBlobs(writer.client, writer.doc, blobs)
          if (small.events().some((e) => e.event === 'conn-refused' && e.code === 'send-buffer-full')) return i + 1
        }
        return null
      })()
      const pushes = await cut
      expect(pushes).not.toBeNull()
      const refused = small.events().find((e) => e.event === 'conn-refused' && e.code === 'send-buffer-full')!
      expect(refused).toMatchObject({ close: CLOSE.rateLimited, rule: 'R9' })
      idle.ws.resume()
      await idle.closed
      // the writer is not affected
      await pushBlobs(writer.client, writer.doc, [
        sealRecord(writer.admin, writer.planId, 0, writer.key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array(10)),
      ])
      writer.client.close()
    } finally {
      await small.stop()
    }
  }, 120_000)
})
