/**
 * R14 at the real relay: a member who writes under another member's Yjs client id, with the
 * clocks that member writes next, is refused, and the owner's next record still reaches everyone.
 * Also after compaction deleted every record under that client id and the relay restarted: the
 * binding comes back from its seen index.
 */
import * as Y from 'yjs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
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
  type TestPlan,
} from '../helpers/relayProcess'

const relays: RelayProcess[] = []
beforeAll(loadSodium)
afterEach(async () => {
  for (const r of relays.splice(0)) await r.stop()
})

async function relayWith(opts: Parameters<typeof startRelay>[0] = {}) {
  const r = await startRelay(opts)
  relays.push(r)
  return r
}

const text = (s: string) => new TextEncoder().encode(s)
const note = (plan: TestPlan, w: Writer, s: string) => sealRecord(w, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(s))

/** A plan with members a (editor), b (editor) and c (reader); a writes from its own envelope (its own client id). */
async function planWithMembers(relay: RelayProcess) {
  const plan = await createPlanOnRelay(relay)
  const [a, b, c] = [0, 1, 2].map(() => createWriter(generateSigningKeyPair())) as [Writer, Writer, Writer]
  await pushBlobs(plan.client, plan.doc, [
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: a.identity.publicKey, role: 'editor', party: 'parent' }),
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: b.identity.publicKey, role: 'editor', party: 'parent' }),
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: c.identity.publicKey, role: 'reader', party: 'parent' }),
  ])
  const aDoc = new Y.Doc()
  Y.applyUpdate(aDoc, Y.encodeStateAsUpdate(plan.doc))
  const aClient = connectAs(relay, a.identity, plan.planId)
  await aClient.opened
  return { plan, a, b, c, aDoc, aClient }
}

/** b's record pushed to a copy of `from` under `client`: the clocks that client writes next. */
function stolenUpdate(from: Y.Doc, client: number, blob: Uint8Array): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from))
  const before = Y.encodeStateVector(doc)
  doc.clientID = client
  doc.getArray<Uint8Array>('log').push([blob])
  return Y.encodeStateAsUpdate(doc, before)
}

async function sendAs(
  relay: RelayProcess,
  who: Writer,
  planId: Uint8Array,
  update: Uint8Array,
): Promise<{ closed: { code: number; reason: string }; error: ReturnType<typeof errorOf> | null }> {
  const client: RawClient = connectAs(relay, who.identity, planId)
  await client.opened
  client.send(syncMessage(2, update))
  const closed = await client.closed
  const error = client.received.find(isError)
  return { closed, error: error ? errorOf(error) : null }
}

describe('[R14] the relay binds Yjs client ids to authors', () => {
  it("[R14] refuses b's record under a's client id; a's next record still reaches c", async () => {
    const relay = await relayWith()
    const { plan, a, b, c, aDoc, aClient } = await planWithMembers(relay)
    const first = note(plan, a, 'a: eerste')
    await pushBlobs(aClient, aDoc, [first])

    const fake = note(plan, b, 'b onder de naam van a')
    const { closed, error } = await sendAs(relay, b, plan.planId, stolenUpdate(aDoc, aDoc.clientID, fake))
    expect(closed).toEqual({ code: CLOSE.rejected, reason: 'R14 client-id-taken' })
    expect(error).toMatchObject({ rule: 'R14', code: 'client-id-taken' })
    expect(relay.events().some((e) => e.event === 'update-rejected' && e.code === 'client-id-taken')).toBe(true)

    // a writes on, with the very clocks b tried to take
    const next = note(plan, a, 'a: tweede')
    await pushBlobs(aClient, aDoc, [next])
    const seenByC = (await readRelayLog(relay, c.identity, plan.planId)).map(toHex)
    expect(seenByC).toContain(toHex(first))
    expect(seenByC).toContain(toHex(next))
    expect(seenByC).not.toContain(toHex(fake))
  })

  it("[R14] after a snapshot compacted every record under a's client id and the relay restarted, b still cannot take it", async () => {
    const relay = await relayWith()
    const { plan, a, b, aDoc, aClient } = await planWithMembers(relay)
    const notes = [0, 1, 2].map((i) => note(plan, a, `a: oud ${i}`))
    await pushBlobs(aClient, aDoc, notes)

    // the admin compacts: a snapshot covering a's session, and the deletes of a's records
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(aDoc))
    const snapshot = sealRecord(
      plan.admin,
      plan.planId,
      0,
      plan.key,
      { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: a.identity.publicKey, session: a.session, seq: a.seq }] },
      text('alles tot nu'),
    )
    const before = Y.encodeStateVector(plan.doc)
    plan.doc.transact(() => {
      const log = plan.doc.getArray<Uint8Array>('log')
      const start = log.toArray().findIndex((blob) => toHex(blob) === toHex(notes[0]!))
      log.delete(start, notes.length)
      log.push([snapshot])
    })
    plan.client.send(syncMessage(2, Y.encodeStateAsUpdate(plan.doc, before)))
    await plan.client.next((m) => m[0] === 100)
    const log = (await readRelayLog(relay, plan.admin.identity, plan.planId)).map(toHex)
    for (const n of notes) expect(log).not.toContain(toHex(n))

    await relay.stop()
    const again = await relayWith({ dataDir: relay.dataDir })
    const { closed } = await sendAs(again, b, plan.planId, stolenUpdate(aDoc, aDoc.clientID, note(plan, b, 'b na de compactie')))
    expect(closed).toEqual({ code: CLOSE.rejected, reason: 'R14 client-id-taken' })
  })
})
