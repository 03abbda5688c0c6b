/**
 * [R16] Through a real relay process: admin B removes admin A while A, not knowing it, adds a
 * member, promotes another, gives consent and writes content. The relay gets them in both
 * orders; a new device then syncs through a real client connection, and the relay restarts and
 * loads its store. Every one of them ends with the same membership (the removal wins over A's
 * concurrent membership records), nobody refuses the relay's step 2 and the relay leaves no
 * stored record out. Before R16 the new device refused the whole step 2 when the removal came
 * first in Yjs's order (`role-forbidden`), and the relay and devices disagreed about C.
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateContentKey, generateSigningKeyPair, loadSodium, randomBytes } from '../../src/crypto'
import { decodeBlob } from '../../src/sync/blob'
import { toHex } from '../../src/sync/bytes'
import { connectEnvelope } from '../../src/sync/connection'
import {
  createConsentRecord,
  createGenesis,
  createLockbox,
  createMemberRecord,
  createWriter,
  membershipId,
  sealRecord,
  type Writer,
} from '../../src/sync/records'
import { createRoomState, liveBlobs, type RoomState } from '../../src/sync/roomState'
import type { RuleViolation } from '../../src/sync/rules'
import { createDevice, waitFor, type Device } from '../helpers/nodeDevice'
import { connectAs, errorOf, isError, pushBlobs, readRelayLog, startRelay, syncMessage, waitForAckOf, type RelayProcess } from '../helpers/relayProcess'

let relay: RelayProcess
const devices: Device[] = []
beforeAll(async () => {
  await loadSodium()
  relay = await startRelay()
})
afterAll(async () => {
  for (const d of devices) await d.client.close()
  await relay.stop()
})

const idOf = (bytes: Uint8Array) => membershipId(decodeBlob(bytes))
/** `after` naming these records */
const on = (...records: Uint8Array[]) => records.map(idOf)
const hex = (w: Writer) => toHex(w.identity.publicKey)

interface Plan {
  planId: Uint8Array
  a: Writer
  b: Writer
  c: Writer
  d: Writer
  aDoc: Y.Doc
  bDoc: Y.Doc
  /** A's concurrent records: add C (and its lockbox), D to editor, a consent, a content update */
  aRecords: Uint8Array[]
  removal: Uint8Array
}

/** A plan on the relay with admins A (gezag) and B and contributor D; A's and B's concurrent records written, not sent. */
async function planWithConcurrentRecords(): Promise<Plan> {
  const [a, b, c, d] = [0, 1, 2, 3].map(() => createWriter(generateSigningKeyPair())) as [Writer, Writer, Writer, Writer]
  const genesis = createGenesis(a, Date.now(), { party: 'gezag' })
  const planId = genesis.planId
  const addB = createMemberRecord(a, planId, { op: 'add', subject: b.identity.publicKey, role: 'admin', party: 'parent', after: on(genesis.bytes) })
  const addD = createMemberRecord(a, planId, { op: 'add', subject: d.identity.publicKey, role: 'contributor', party: 'parent', after: on(addB) })
  const aDoc = new Y.Doc()
  const aClient = connectAs(relay, a.identity, planId)
  await aClient.opened
  await pushBlobs(aClient, aDoc, [genesis.bytes, addB, addD])
  aClient.close()
  const bDoc = new Y.Doc()
  Y.applyUpdate(bDoc, Y.encodeStateAsUpdate(aDoc))

  const addC = createMemberRecord(a, planId, { op: 'add', subject: c.identity.publicKey, role: 'contributor', party: 'parent', after: on(addD) })
  const promoteD = createMemberRecord(a, planId, { op: 'role', subject: d.identity.publicKey, role: 'editor', after: on(addC) })
  const consent = createConsentRecord(a, planId, {
    op: 'give',
    organisation: randomBytes(32),
    expiresAt: Date.now() + 86_400_000,
    details: randomBytes(32),
    after: on(promoteD),
  })
  const key = generateContentKey()
  const content = sealRecord(a, planId, 0, key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array([1, 2, 3]))
  // as the app adds someone: with a lockbox of the plan key
  const lockboxC = createLockbox(a, planId, 0, c.identity.publicKey, key)
  const removal = createMemberRecord(b, planId, { op: 'remove', subject: a.identity.publicKey, role: 'admin', after: on(addD) })
  return { planId, a, b, c, d, aDoc, bDoc, aRecords: [addC, lockboxC, promoteD, consent, content], removal }
}

/** Sends A's records as one update; resolves with the relay's refusal, or null on its ack. */
async function sendA(p: Plan): Promise<string | null> {
  const client = connectAs(relay, p.a.identity, p.planId)
  try {
    await client.opened
  } catch {
    return 'not-admitted' // removed first: the relay does not even let A connect
  }
  const before = Y.encodeStateVector(p.aDoc)
  p.aDoc.getArray<Uint8Array>('log').push(p.aRecords)
  client.send(syncMessage(2, Y.encodeStateAsUpdate(p.aDoc, before)))
  const answer = await Promise.race([
    client.next(isError).then((m) => errorOf(m).code),
    waitForAckOf(client, p.aDoc).then(() => null),
    client.closed.then(({ reason }) => reason || 'closed'),
  ])
  client.close()
  return answer
}

async function sendRemoval(p: Plan): Promise<void> {
  const client = connectAs(relay, p.b.identity, p.planId)
  await client.opened
  await pushBlobs(client, p.bDoc, [p.removal])
  client.close()
}

/** A new device of D: a real client connection, validating the relay's step 2 as every device does. */
async function newDevice(p: Plan): Promise<{ room: RoomState; envelope: Y.Doc; rejected: RuleViolation[] }> {
  const envelope = new Y.Doc()
  const room = createRoomState(p.planId)
  const rejected: RuleViolation[] = []
  const conn = connectEnvelope({
    syncUrl: relay.wsUrl,
    planId: p.planId,
    envelope,
    room,
    identity: () => p.d.identity,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    onRejected: (error) => rejected.push(error),
  })
  try {
    await waitFor(() => conn.provider.synced || rejected.length > 0, 'the step 2 taken or refused')
  } finally {
    conn.destroy()
  }
  return { room, envelope, rejected }
}

function membership(room: RoomState) {
  return { members: [...room.members].sort(), consents: [...room.consents.keys()] }
}

function contentCount(envelope: Y.Doc): number {
  return [...liveBlobs(envelope)].filter(({ blob }) => blob.kind === 'update').length
}

describe('[R16] an admin removed concurrently with its own records, through a real relay', () => {
  for (const order of ['A’s records first', 'the removal first'] as const) {
    it(`[R16] ${order}: a new device takes the step 2 and agrees; a restarted relay leaves nothing out`, async () => {
      const p = await planWithConcurrentRecords()
      if (order === 'A’s records first') {
        expect(await sendA(p)).toBeNull()
        await sendRemoval(p)
      } else {
        await sendRemoval(p)
        // A is out: the relay does not admit it, or refuses what it sends
        expect(await sendA(p)).not.toBeNull()
      }
      // removal wins: whatever the order, C was never added, D stays contributor, no consent
      const want = { members: [[hex(p.b), 'admin'] as [string, string], [hex(p.d), 'contributor'] as [string, string]].sort(), consents: [] as string[] }
      const device = await newDevice(p)
      expect(device.rejected).toEqual([])
      expect(membership(device.room)).toEqual(want)
      // content: what the relay admitted while A was still an admin stays, as everywhere
      expect(contentCount(device.envelope)).toBe(order === 'A’s records first' ? 1 : 0)

      await relay.stop()
      relay = await startRelay({ dataDir: relay.dataDir, port: relay.port })
      const again = await newDevice(p)
      expect(again.rejected).toEqual([])
      expect(membership(again.room)).toEqual(want)
      expect(relay.events().filter((e) => e.event === 'room-records-left-out')).toEqual([])
    })
  }
})

describe('[R16] the app writes every membership record on its heads', () => {
  it('[R16] invite, claim, role change and consent each name membership records the relay holds', async () => {
    const mk = async (name: string) => {
      const d = await createDevice(relay, name)
      devices.push(d)
      return d
    }
    const ib = await mk('ib')
    const planId = await ib.client.createPlan({ childName: 'Sam' })
    const admin = await ib.client.openPlan(planId)
    await admin.whenSynced()
    const parent = await mk('ouder')
    await parent.client.acceptInvite(await admin.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1 }))
    const parentKey = (await parent.client.profile())!.memberKey
    await waitFor(() => admin.members().some((m) => m.memberKey === parentKey), 'the admin sees the parent')
    admin.changeRole(parentKey, 'editor')
    await admin.whenSynced()
    const parentSession = await parent.client.openPlan(planId)
    await waitFor(() => parentSession.role() === 'editor', 'the parent sees its new role')
    await parentSession.giveConsent({ organisationName: 'Wijkteam', purpose: 'Ondersteuning thuis', expiresAt: Date.now() + 86_400_000 })
    await parentSession.whenSynced()
    const ownIdentity = (await ib.client.profile())!
    const log = (await readRelayLog(relay, admin.writer.identity, admin.room.planId)).map(decodeBlob)
    const ids = new Set(log.filter((b) => b.kind === 'genesis' || b.kind === 'member' || b.kind === 'consent').map((b) => toHex(membershipId(b))))
    const membership = log.filter((b) => b.kind === 'member' || b.kind === 'consent')
    expect(membership.map((b) => (b.kind === 'member' ? b.op : b.kind))).toEqual(['invite', 'claim', 'role', 'consent'])
    for (const b of membership) {
      if (b.kind !== 'member' && b.kind !== 'consent') continue
      expect(b.after?.length).toBeGreaterThan(0)
      for (const id of b.after ?? []) expect(ids.has(toHex(id))).toBe(true)
    }
    // each was written on the one before it: one line, nothing concurrent
    const chain = [log.find((b) => b.kind === 'genesis')!, ...membership]
    for (let i = 1; i < chain.length; i++) {
      const b = chain[i]!
      if (b.kind === 'member' || b.kind === 'consent') expect(b.after?.map(toHex)).toEqual([toHex(membershipId(chain[i - 1]!))])
    }
    expect(ownIdentity.memberKey).toBe(toHex(admin.writer.identity.publicKey))
  })
})
