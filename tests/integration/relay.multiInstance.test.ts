/**
 * Several relay processes on one PostgreSQL (issue 12): any relay serves any plan. Members on
 * different relays co-edit and see each other's presence; conflicting records sent to two relays
 * at the same moment are admitted once, the same everywhere; a removal and a guest's end reach
 * the connections on every relay; a lost doorbell (NOTIFY) repairs itself.
 */
import pg from 'pg'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { toHex } from '../../src/sync/bytes'
import { CLOSE } from '../../src/sync/protocol'
import { sealPresence } from '../../src/sync/presence'
import { createClaim, createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import { awarenessMessage, statesIn } from '../helpers/awarenessMessages'
import { waitFor } from '../helpers/poll'
import { hasPostgres, type PostgresServer, startPostgres } from '../helpers/postgres'
import {
  connectAs,
  createPlanOnRelay,
  errorOf,
  isAck,
  isError,
  pushBlobs,
  type RawClient,
  type RelayProcess,
  readRelayLog,
  startRelay,
  syncMessage,
  type TestPlan,
} from '../helpers/relayProcess'

const text = (s: string) => new TextEncoder().encode(s)
const HOUR = 3_600_000

/** The bytes of `blob` inside a forwarded sync update: it reached that client. */
const carries = (blob: Uint8Array) => (m: Uint8Array) => m[0] === 0 && (m[1] === 1 || m[1] === 2) && Buffer.from(m).includes(Buffer.from(blob))

describe.skipIf(!hasPostgres)('several relays on one PostgreSQL', () => {
  let server: PostgresServer
  let url: string
  let relays: RelayProcess[] = []
  const clients: RawClient[] = []

  beforeAll(async () => {
    await loadSodium()
    server = await startPostgres()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      for (const r of relays)
        console.log(
          r
            .logs()
            .split('\n')
            .filter((l) => /warn|error/.test(l))
            .join('\n'),
        )
    for (const c of clients.splice(0)) c.close()
    await Promise.all(relays.map((r) => r.stop()))
    relays = []
  })
  afterAll(async () => {
    await server?.destroy()
  })

  async function startRelays(n: number, env: Record<string, string> = {}): Promise<RelayProcess[]> {
    url = await server.createDatabase()
    relays = await Promise.all(Array.from({ length: n }, () => startRelay({ env: { DATABASE_URL: url, RELAY_MAX_MESSAGES_PER_S: '10000', ...env } })))
    return relays
  }

  function connect(relay: RelayProcess, writer: Writer | { identity: Writer['identity'] }, plan: TestPlan): RawClient {
    const client = connectAs(relay, writer.identity, plan.planId)
    clients.push(client)
    return client
  }

  /** A member added by the plan's admin, with a copy of the admin's envelope to write from. */
  async function addMember(plan: TestPlan & { client: RawClient }, role: 'editor' | 'reader', extra: { accessUntil?: number } = {}) {
    const writer = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: writer.identity.publicKey, role, party: 'parent', ...extra }),
    ])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
    return { writer, doc }
  }

  const note = (writer: Writer, plan: TestPlan, s: string) => sealRecord(writer, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text(s))

  async function logsOf(plan: TestPlan): Promise<string[][]> {
    return Promise.all(relays.map(async (r) => (await readRelayLog(r, plan.admin.identity, plan.planId)).map(toHex).sort()))
  }

  it('members on three relays co-edit: each sees the others’ edits and presence, and every relay holds the same plan', async () => {
    const [a, b, c] = await startRelays(3)
    const plan = await createPlanOnRelay(a!)
    clients.push(plan.client)
    const one = await addMember(plan, 'editor')
    const two = await addMember(plan, 'editor')
    const atB = await joined(connect(b!, one.writer, plan), one.doc)
    const atC = await joined(connect(c!, two.writer, plan), two.doc)

    const written: Uint8Array[] = []
    for (let i = 0; i < 3; i++) {
      const fromA = note(plan.admin, plan, `moeder ${i}`)
      const fromB = note(one.writer, plan, `leerkracht ${i}`)
      const fromC = note(two.writer, plan, `jeugdhulp ${i}`)
      await Promise.all([pushBlobs(plan.client, plan.doc, [fromA]), pushBlobs(atB, one.doc, [fromB]), pushBlobs(atC, two.doc, [fromC])])
      written.push(fromA, fromB, fromC)
      // what each wrote reaches the members on the other relays
      await Promise.all([atB.next(carries(fromA)), atB.next(carries(fromC)), atC.next(carries(fromA)), atC.next(carries(fromB))])
      await Promise.all([plan.client.next(carries(fromB)), plan.client.next(carries(fromC))])
    }

    const logs = await logsOf(plan)
    expect(logs[1]).toEqual(logs[0])
    expect(logs[2]).toEqual(logs[0])
    for (const w of written) expect(logs[0]).toContain(toHex(w))

    // presence taken by relay B is shown to the member on relay C, and goes when its member leaves
    const presence = sealPresence(one.writer, plan.planId, 0, plan.key, { user: { name: 'Juf Sanne' } })
    atB.send(awarenessMessage(4242, 1, presence))
    const seen = await atC.next((m) => m[0] === 1 && statesIn(m).has(4242))
    expect(statesIn(seen).get(4242)).toEqual(presence)
    atB.close()
    await atC.next((m) => m[0] === 1 && statesIn(m).get(4242) === null)
  })

  it('two claims of one invite sent to two relays at the same moment: exactly one is admitted, and every relay holds that one', async () => {
    const [a, b] = await startRelays(2)
    const plan = await createPlanOnRelay(a!)
    clients.push(plan.client)
    for (let round = 0; round < 4; round++) {
      const invite = generateSigningKeyPair()
      await pushBlobs(plan.client, plan.doc, [
        createMemberRecord(plan.admin, plan.planId, { op: 'invite', subject: invite.publicKey, role: 'editor', expiresAt: Date.now() + HOUR, party: 'parent' }),
      ])
      const claimers = [createWriter(generateSigningKeyPair()), createWriter(generateSigningKeyPair())]
      const conns = await Promise.all([connect(a!, { identity: invite }, plan), connect(b!, { identity: invite }, plan)].map((c) => joined(c, plan.doc)))
      const claims = claimers.map((w) => createClaim(w, plan.planId, invite, 'editor'))
      const docs = claims.map((claim) => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
        const before = Y.encodeStateVector(doc)
        doc.getArray<Uint8Array>('log').push([claim])
        return Y.encodeStateAsUpdate(doc, before)
      })
      // the same moment: both frames leave before either relay answers
      for (const [i, c] of conns.entries()) c.send(syncMessage(2, docs[i]!))
      const outcomes = await Promise.all(conns.map((c) => c.next((m) => isAck(m) || isError(m)).then((m) => (isAck(m) ? 'admitted' : errorOf(m).code))))
      expect([...outcomes].sort()).toEqual(['admitted', 'invite-used'])
      const winner = claims[outcomes.indexOf('admitted')]!
      const logs = await logsOf(plan)
      expect(logs[1]).toEqual(logs[0])
      expect(logs[0]).toContain(toHex(winner))
      expect(logs[0]).not.toContain(toHex(claims[1 - outcomes.indexOf('admitted')]!))
      for (const c of conns) c.close()
    }
  })

  it('a removal on one relay and a write by the removed member on another at the same moment: the same outcome on every relay, and the member is out everywhere', async () => {
    const [a, b, c] = await startRelays(3)
    const plan = await createPlanOnRelay(a!)
    clients.push(plan.client)
    const member = await addMember(plan, 'editor')
    const atB = await joined(connect(b!, member.writer, plan), member.doc)
    const write = note(member.writer, plan, 'nog snel iets')
    const removal = createMemberRecord(plan.admin, plan.planId, { op: 'remove', subject: member.writer.identity.publicKey, role: 'editor' })
    const beforeWrite = Y.encodeStateVector(member.doc)
    member.doc.getArray<Uint8Array>('log').push([write])
    const beforeRemoval = Y.encodeStateVector(plan.doc)
    plan.doc.getArray<Uint8Array>('log').push([removal])
    atB.send(syncMessage(2, Y.encodeStateAsUpdate(member.doc, beforeWrite)))
    plan.client.send(syncMessage(2, Y.encodeStateAsUpdate(plan.doc, beforeRemoval)))

    // the member's connection on relay B ends: refused (4422) or, after its write, removed (4403)
    const closed = await atB.closed
    expect([CLOSE.forbidden, CLOSE.rejected]).toContain(closed.code)
    const logs = await logsOf(plan)
    expect(logs[1]).toEqual(logs[0])
    expect(logs[2]).toEqual(logs[0])
    expect(logs[0]).toContain(toHex(removal))
    // stored only if it came first, and then it was acknowledged to the member
    const stored = logs[0]!.includes(toHex(write))
    expect(stored).toBe(atB.received.some(isAck))
    for (const relay of relays) expect((await connectAs(relay, member.writer.identity, plan.planId).closed).code).toBe(CLOSE.forbidden)
    expect(c).toBeDefined()
  })

  it('[R13] a guest whose access an admin on one relay ends is closed at that moment on the relay it is connected to', async () => {
    const [a, b] = await startRelays(2)
    const plan = await createPlanOnRelay(a!)
    clients.push(plan.client)
    const until = Date.now() + 2_500
    const guest = await addMember(plan, 'reader', { accessUntil: until })
    const atB = connect(b!, guest.writer, plan)
    await atB.opened
    expect(await atB.closed).toEqual({ code: CLOSE.forbidden, reason: 'access-ended' })
    expect(Date.now()).toBeGreaterThanOrEqual(until)
    expect((await connectAs(a!, guest.writer.identity, plan.planId).closed).code).toBe(CLOSE.forbidden)
  })

  it('a lost doorbell repairs itself: with every relay’s LISTEN connection cut, an edit still reaches the other relay’s member', async () => {
    const [a, b] = await startRelays(2, { RELAY_CATCHUP_POLL_MS: '500' })
    const plan = await createPlanOnRelay(a!)
    clients.push(plan.client)
    const member = await addMember(plan, 'editor')
    const atB = await joined(connect(b!, member.writer, plan), member.doc)
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'samenplan-relay-signals'")
      expect(cut.rowCount).toBe(2)
    } finally {
      await admin.end()
    }
    const written = note(plan.admin, plan, 'terwijl de bel stuk was')
    await pushBlobs(plan.client, plan.doc, [written])
    await atB.next(carries(written), 10_000)
    // and the doorbell is back: both relays listen again
    await waitFor(() => b!.events().some((e) => e.event === 'store-signals-resumed'), 'the doorbell back', 10_000)
  })
})

/** Syncs a raw client as y-websocket does (its step 1, the relay's step 2): it is in the room then. */
async function joined(client: RawClient, doc: Y.Doc): Promise<RawClient> {
  await client.opened
  client.send(syncMessage(0, Y.encodeStateVector(doc)))
  await client.next((m) => m[0] === 0 && m[1] === 1)
  return client
}
