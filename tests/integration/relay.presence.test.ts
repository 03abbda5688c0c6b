/**
 * [R11] Presence through the relay: signed presence blobs are relayed to the others in the
 * plan and removed when their connection closes; the relay sees only ciphertext.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { sealPresence } from '../../src/sync/presence'
import { createMemberRecord, createWriter } from '../../src/sync/records'
import { connectAs, createPlanOnRelay, pushBlobs, startRelay, type RawClient, type RelayProcess, type TestPlan } from '../helpers/relayProcess'

let relay: RelayProcess
let plan: TestPlan & { client: RawClient }

beforeAll(async () => {
  await loadSodium()
  relay = await startRelay()
  plan = await createPlanOnRelay(relay)
})
afterAll(async () => {
  await relay?.stop()
})

function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, clientId)
  encoding.writeVarUint(inner, clock)
  encoding.writeVarString(inner, JSON.stringify(state))
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, 1)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

function statesIn(message: Uint8Array): Map<number, unknown> {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const out = new Map<number, unknown>()
  for (let n = decoding.readVarUint(inner); n > 0; n--) {
    const id = decoding.readVarUint(inner)
    decoding.readVarUint(inner)
    out.set(id, JSON.parse(decoding.readVarString(inner)))
  }
  return out
}

describe('presence', () => {
  it('a member\'s signed presence reaches the others, and is removed when it leaves', async () => {
    const other = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: other.identity.publicKey, role: 'contributor', party: 'parent' })])
    const watcher = connectAs(relay, other.identity, plan.planId)
    await watcher.opened
    const presence = sealPresence(plan.admin, plan.planId, 0, plan.key, { user: { name: 'Ingrid' } })
    const sender = connectAs(relay, plan.admin.identity, plan.planId)
    await sender.opened
    sender.send(awarenessMessage(4242, 1, presence))
    const seen = await watcher.next((m) => m[0] === 1 && statesIn(m).has(4242))
    expect(statesIn(seen).get(4242)).toEqual(presence)
    sender.close()
    const gone = await watcher.next((m) => m[0] === 1 && statesIn(m).get(4242) === null)
    expect(gone).toBeDefined()
    expect(relay.logs()).not.toContain(presence.p.slice(0, 32))
    watcher.close()
  })

  it('a presence from someone not (yet) in the plan is dropped without closing: it may be a creator before its genesis arrives', async () => {
    const outsider = createWriter(generateSigningKeyPair())
    const presence = sealPresence(outsider, plan.planId, 0, plan.key, { user: { name: 'X' } })
    const client = connectAs(relay, plan.admin.identity, plan.planId)
    await client.opened
    const watcher = connectAs(relay, plan.admin.identity, plan.planId)
    await watcher.opened
    client.send(awarenessMessage(777, 1, presence))
    client.send(new Uint8Array([3])) // query awareness: the answer must not hold 777
    const answer = await client.next((m) => m[0] === 1)
    expect(statesIn(answer).has(777)).toBe(false)
    expect(watcher.received.some((m) => m[0] === 1 && statesIn(m).has(777))).toBe(false)
    client.close()
    watcher.close()
  })

  it('a quiet connection still hears from the relay (an empty awareness update), so clients do not drop it', async () => {
    const quiet = await startRelay({ env: { RELAY_KEEPALIVE_MS: '200' } })
    try {
      const p = await createPlanOnRelay(quiet)
      const keepalive = await p.client.next((m) => m.length === 3 && m[0] === 1 && m[1] === 1 && m[2] === 0, 3_000)
      expect(statesIn(keepalive).size).toBe(0)
    } finally {
      await quiet.stop()
    }
  })
})
