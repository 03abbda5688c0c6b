/**
 * Storage quotas (issue 9, item 9), against the real relay with small quotas from the
 * environment: a plan holds at most RELAY_PLAN_QUOTA_BYTES of live blobs, a key adds at most
 * RELAY_KEY_QUOTA_BYTES_PER_HOUR across all plans. Refused before anything is stored (4413).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateContentKey, generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { CLOSE } from '../../src/sync/protocol'
import { createGenesis, createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import {
  connectAs,
  createPlanOnRelay,
  errorOf,
  isError,
  pushBlobs,
  readRelayLog,
  startRelay,
  syncMessage,
  type RawClient,
  type RelayProcess,
} from '../helpers/relayProcess'

const KiB = 1024
/** one blob's plaintext; the blob is a little larger (header, nonce, tag, signature) */
const BLOB_PLAINTEXT_BYTES = 60 * KiB
const env = { RELAY_PLAN_QUOTA_BYTES: String(300 * KiB), RELAY_KEY_QUOTA_BYTES_PER_HOUR: String(400 * KiB) }

let relay: RelayProcess

beforeAll(async () => {
  await loadSodium()
  relay = await startRelay({ env })
})
afterAll(async () => {
  await relay?.stop()
})

function blobs(writer: Writer, planId: Uint8Array, key: Uint8Array, count: number): Uint8Array[] {
  return Array.from({ length: count }, () =>
    sealRecord(writer, planId, 0, key, { kind: 'update', part: 0, parts: 1 }, crypto.getRandomValues(new Uint8Array(BLOB_PLAINTEXT_BYTES))),
  )
}

/** Sends blobs the relay must refuse; resolves with the error it sent and the close. */
async function refusedPush(client: RawClient, doc: Y.Doc, items: Uint8Array[]) {
  const before = Y.encodeStateVector(doc)
  doc.getArray<Uint8Array>('log').push(items)
  client.send(syncMessage(2, Y.encodeStateAsUpdate(doc, before)))
  const closed = await client.closed
  const error = client.received.find(isError)
  return { closed, error: error && errorOf(error) }
}

describe('storage quotas', () => {
  it('[R9] a plan holds at most its quota of live blob bytes: the update that would pass it is refused (4413 plan-quota-exceeded) and not stored, also after a restart', async () => {
    const plan = await createPlanOnRelay(relay)
    await pushBlobs(plan.client, plan.doc, blobs(plan.admin, plan.planId, plan.key, 4)) // ~240 KiB
    const accepted = Y.encodeStateAsUpdate(plan.doc)
    const refused = await refusedPush(plan.client, plan.doc, blobs(plan.admin, plan.planId, plan.key, 2))
    expect(refused.closed).toEqual({ code: CLOSE.tooLarge, reason: 'R9 plan-quota-exceeded' })
    expect(refused.error).toMatchObject({ rule: 'R9', code: 'plan-quota-exceeded' })
    expect(await readRelayLog(relay, plan.admin.identity, plan.planId)).toHaveLength(1 + 4)

    // counted again from the stored plan when the room loads (a relay that started from 0 would take these)
    await relay.stop()
    relay = await startRelay({ dataDir: relay.dataDir, env })
    const again = connectAs(relay, plan.admin.identity, plan.planId)
    await again.opened
    const doc = new Y.Doc()
    Y.applyUpdate(doc, accepted)
    const second = await refusedPush(again, doc, blobs(plan.admin, plan.planId, plan.key, 2))
    expect(second.error).toMatchObject({ rule: 'R9', code: 'plan-quota-exceeded' })
  }, 60_000)

  it('[R9][R6] a member added in an update refused for the quota is no member: it cannot connect', async () => {
    const plan = await createPlanOnRelay(relay)
    await pushBlobs(plan.client, plan.doc, blobs(plan.admin, plan.planId, plan.key, 4)) // ~240 KiB
    const newcomer = generateSigningKeyPair()
    const add = createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: newcomer.publicKey, role: 'contributor', party: 'parent' })
    const refused = await refusedPush(plan.client, plan.doc, [add, ...blobs(plan.admin, plan.planId, plan.key, 2)])
    expect(refused.error).toMatchObject({ rule: 'R9', code: 'plan-quota-exceeded' })
    // validation folds records into the room's state before the quota is weighed: the refusal
    // must take the add out again at once, not at the next update
    const attempt = connectAs(relay, newcomer, plan.planId)
    expect(await attempt.closed).toEqual({ code: CLOSE.forbidden, reason: 'not-a-member' })
  }, 60_000)

  it('[R9] a key adds at most its hourly quota across all its plans (4413 key-quota-exceeded); another key is not affected', async () => {
    const identity = generateSigningKeyPair()
    const plans = [0, 1].map((i) => {
      const writer = createWriter(identity)
      const { planId, bytes } = createGenesis(writer, Date.now() + i)
      return { writer, planId, genesis: bytes, key: generateContentKey(), doc: new Y.Doc(), client: connectAs(relay, identity, planId) }
    })
    for (const p of plans) {
      await p.client.opened
      await pushBlobs(p.client, p.doc, [p.genesis])
    }
    const [a, b] = plans as [(typeof plans)[0], (typeof plans)[0]]
    await pushBlobs(a.client, a.doc, blobs(a.writer, a.planId, a.key, 4)) // ~240 KiB
    await pushBlobs(b.client, b.doc, blobs(b.writer, b.planId, b.key, 2)) // ~360 KiB in all
    // plan b would hold ~180 KiB (under its quota), but this key would pass 400 KiB this hour
    const refused = await refusedPush(b.client, b.doc, blobs(b.writer, b.planId, b.key, 1))
    expect(refused.closed).toEqual({ code: CLOSE.tooLarge, reason: 'R9 key-quota-exceeded' })
    expect(refused.error).toMatchObject({ rule: 'R9', code: 'key-quota-exceeded' })
    a.client.close()

    const other = await createPlanOnRelay(relay)
    await pushBlobs(other.client, other.doc, blobs(other.admin, other.planId, other.key, 2))
    other.client.close()
  }, 60_000)
})
