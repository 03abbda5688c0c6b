/**
 * [R11] Presence through the relay: signed presence blobs are relayed to the others in the
 * plan and removed when their connection closes; the relay sees only ciphertext. A member may
 * not flood it: one valid presence replayed under fresh awareness ids (64 per message) used to be
 * verified and forwarded once per copy (relay 19.9 s of CPU, 222 MB to each peer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import * as Y from 'yjs'
import { sealPresence } from '../../src/sync/presence'
import { createGenesis, createMemberRecord, createWriter } from '../../src/sync/records'
import { awarenessFrame } from '../helpers/attacks'
import { awarenessMessage, statesIn } from '../helpers/awarenessMessages'
import {
  connectAs,
  createPlanOnRelay,
  errorOf,
  isError,
  pushBlobs,
  startRelay,
  type RawClient,
  type RelayProcess,
  type TestPlan,
} from '../helpers/relayProcess'

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

/** How many awareness messages carried this presence. */
function copiesOf(watcher: { client: RawClient }, presence: { p: string }): number {
  let copies = 0
  for (const m of watcher.client.received) {
    if (m[0] !== 1) continue
    for (const state of statesIn(m).values()) if ((state as { p?: string } | null)?.p === presence.p) copies++
  }
  return copies
}

/**
 * A fresh member (the one under test) and a watcher (the admin) on the plan. `marker()` sends a
 * presence from a third connection and waits until the watcher has it: the relay handles a
 * room's messages in order, so whatever the member sent before is judged and forwarded by then.
 */
async function twoMembers() {
  const writer = createWriter(generateSigningKeyPair())
  await pushBlobs(plan.client, plan.doc, [
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: writer.identity.publicKey, role: 'contributor', party: 'parent' }),
  ])
  const member = { writer, client: connectAs(relay, writer.identity, plan.planId) }
  const watcher = { writer: plan.admin, client: connectAs(relay, plan.admin.identity, plan.planId), close: () => watcher.client.close() }
  await Promise.all([member.client.opened, watcher.client.opened])
  const marker = async () => {
    const markerWriter = createWriter(plan.admin.identity)
    const id = 90_000 + Math.floor(Math.random() * 10_000)
    const sender = connectAs(relay, plan.admin.identity, plan.planId)
    await sender.opened
    sender.send(awarenessMessage(id, 1, sealPresence(markerWriter, plan.planId, 0, plan.key, { marker: true })))
    await watcher.client.next((m) => m[0] === 1 && statesIn(m).has(id))
    sender.close()
  }
  return { member, watcher, marker }
}

describe('presence', () => {
  it("[R11] a member's signed presence reaches the others, and is removed when it leaves", async () => {
    const other = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: other.identity.publicKey, role: 'contributor', party: 'parent' }),
    ])
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

  it("[R11] a creator's presence before its genesis is dropped without closing, and relayed once the genesis is in", async () => {
    const creator = createWriter(generateSigningKeyPair())
    const { planId, bytes } = createGenesis(creator, Date.now())
    const doc = new Y.Doc()
    const client = connectAs(relay, creator.identity, planId)
    await client.opened
    const presence = sealPresence(creator, planId, 0, plan.key, { user: { name: 'X' } })
    client.send(awarenessMessage(777, 1, presence))
    client.send(new Uint8Array([3])) // query awareness: the answer must not hold 777
    const answer = await client.next((m) => m[0] === 1)
    expect(statesIn(answer).has(777)).toBe(false)
    await pushBlobs(client, doc, [bytes]) // still open: the genesis is acknowledged
    const watcher = connectAs(relay, creator.identity, planId)
    await watcher.opened
    client.send(awarenessMessage(777, 2, presence)) // its 15 s renewal
    const seen = await watcher.next((m) => m[0] === 1 && statesIn(m).has(777))
    expect(statesIn(seen).get(777)).toEqual(presence)
    client.close()
    watcher.close()
  })

  it('[R11] a member replaying its valid presence under 64 fresh ids in one message is refused (4422 presence-too-many-ids); the others get no copy', async () => {
    const { member, watcher, marker } = await twoMembers()
    const presence = sealPresence(member.writer, plan.planId, 0, plan.key, { user: { name: 'Flood' } })
    member.client.send(awarenessFrame(Array.from({ length: 64 }, (_, i) => ({ clientId: 50_000 + i, clock: 1, state: presence }))))
    expect(await member.client.closed).toEqual({ code: 4422, reason: 'R11 presence-too-many-ids' })
    expect(errorOf(await member.client.next(isError)).code).toBe('presence-too-many-ids')
    await marker()
    expect(copiesOf(watcher, presence)).toBe(0)
    watcher.close()
  })

  it('[R11] a member replaying its presence under a fresh id per message: relayed once, the fifth id refused (4422)', async () => {
    const { member, watcher, marker } = await twoMembers()
    const presence = sealPresence(member.writer, plan.planId, 0, plan.key, { user: { name: 'Flood' } })
    for (let i = 0; i < 5; i++) member.client.send(awarenessMessage(60_000 + i, 1, presence))
    expect(await member.client.closed).toEqual({ code: 4422, reason: 'R11 presence-too-many-ids' })
    await marker()
    expect(copiesOf(watcher, presence)).toBe(1)
    watcher.close()
  })

  it('[R11] a presence signed by someone else is refused (4422 presence-not-yours), and not relayed', async () => {
    const { member, watcher, marker } = await twoMembers()
    const admins = sealPresence(plan.admin, plan.planId, 0, plan.key, { user: { name: 'Ingrid' } })
    member.client.send(awarenessMessage(70_000, 1, admins))
    expect(await member.client.closed).toEqual({ code: 4422, reason: 'R11 presence-not-yours' })
    await marker()
    expect(copiesOf(watcher, admins)).toBe(0)
    watcher.close()
  })

  it("[R11] another member's awareness id: an echo of its state is dropped quietly, a new state under it refused (4422 presence-id-taken)", async () => {
    const { member, watcher } = await twoMembers()
    const mine = sealPresence(member.writer, plan.planId, 0, plan.key, { user: { name: 'Kees' } })
    member.client.send(awarenessMessage(80_000, 3, mine))
    const relayed = await watcher.client.next((m) => m[0] === 1 && statesIn(m).has(80_000))
    // y-websocket sends back every state it is sent, with the clock it came with
    const before = watcher.client.received.length
    watcher.client.send(relayed)
    watcher.client.send(new Uint8Array([3])) // answered only if the echo did not close it
    await watcher.client.next((m) => watcher.client.received.indexOf(m) >= before && m[0] === 1 && statesIn(m).has(80_000))
    const theirs = sealPresence(watcher.writer, plan.planId, 0, plan.key, { user: { name: 'Ingrid' } })
    watcher.client.send(awarenessMessage(80_000, 9, theirs))
    expect(await watcher.client.closed).toEqual({ code: 4422, reason: 'R11 presence-id-taken' })
    member.client.send(new Uint8Array([3]))
    const answer = await member.client.next((m) => m[0] === 1 && statesIn(m).has(80_000))
    expect(statesIn(answer).get(80_000)).toEqual(mine)
    member.client.close()
  })
  it('[R9] a quiet connection still hears from the relay (an empty awareness update), so clients do not drop it', async () => {
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
