/**
 * P1 in every order (issue 9, item 14): a new member's claim and that member's content often
 * arrive in one update (the relay forwards a device's step 2 whole; a device offline for a while
 * gets both in its own step 2). The content must be judged against a room state that knows the
 * member, whichever comes first in the update's struct order (Yjs writes higher client ids
 * first), live, in a step 2 after being offline, and on reopening from disk.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/access'
import { parseInviteLink } from '../../src/access/inviteLink'
import type { OpenPlanSession } from '../../src/access/planSession'
import { generateSigningKeyPair, signingKeyPairFromSeed } from '../../src/crypto'
import { decodeBlob } from '../../src/sync/blob'
import { fromBase64Url, toHex } from '../../src/sync/bytes'
import { encodeContent } from '../../src/sync/content'
import { createClaim, createWriter, openLockbox, sealRecord } from '../../src/sync/records'
import { connectAs, startRelay, syncMessage, waitForAckOf, type RelayProcess } from '../helpers/relayProcess'
import { createDevice, deviceLock, waitFor, type Device } from '../helpers/nodeDevice'

let relay: RelayProcess
let admin: Device
let sa: OpenPlanSession
let planId: string
const extra: Array<() => Promise<void>> = []
beforeAll(async () => {
  relay = await startRelay()
  admin = await createDevice(relay, 'ib')
  planId = await admin.client.createPlan({ childName: 'Noor' })
  sa = await admin.client.openPlan(planId)
  await sa.whenSynced()
})
afterAll(async () => {
  for (const c of extra) await c()
  await admin.client.close()
  await relay.stop()
})

const LOW_CLIENT = 1
const HIGH_CLIENT = 4_000_000_000
/** each parent writes under client ids of its own (R14: a client id belongs to one author) */
let parents = 0

/**
 * A parent (contributor) who accepts `link` and, in ONE update to the relay, claims it and writes
 * to the parents' voice (allowed) and to the school's voice (P1: refused). `claimFirst`: the
 * claim's Yjs client id is higher than the content's, so the claim comes first in the update.
 */
async function claimAndWriteInOneUpdate(link: string, text: string, claimFirst: boolean): Promise<void> {
  const { secret } = parseInviteLink(link)
  const invite = signingKeyPairFromSeed(secret)
  const plan = fromBase64Url(planId)
  const raw = connectAs(relay, invite, plan)
  await raw.opened
  raw.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())))
  const step2 = await raw.next((m) => m[0] === 0 && m[1] === 1)
  const d = decoding.createDecoder(step2)
  decoding.readVarUint(d)
  decoding.readVarUint(d)
  const envelope = new Y.Doc()
  Y.applyUpdate(envelope, decoding.readVarUint8Array(d))
  const log = envelope.getArray<Uint8Array>('log')
  const lockbox = log
    .toArray()
    .map((b) => decodeBlob(b))
    .find((b) => b.kind === 'lockbox' && toHex(b.recipient) === toHex(invite.publicKey))!
  const key = openLockbox(lockbox, invite)
  const parent = createWriter(generateSigningKeyPair())

  const before = Y.encodeStateVector(envelope)
  const [low, high] = [LOW_CLIENT + parents, HIGH_CLIENT + parents]
  parents += 1
  envelope.clientID = claimFirst ? high : low
  log.push([createClaim(parent, plan, invite, 'contributor')])
  envelope.clientID = claimFirst ? low : high
  const content = (root: string) => {
    const doc = new Y.Doc()
    doc.getText(root).insert(0, text)
    const sealed = encodeContent({ writtenAt: Date.now(), update: Y.encodeStateAsUpdate(doc) })
    return sealRecord(parent, plan, lockbox.epoch, key, { kind: 'update', part: 0, parts: 1 }, sealed)
  }
  log.push([content('voices.ouders.zorgen'), content('voices.school.zorgen')])
  const update = Y.encodeStateAsUpdate(envelope, before)
  const order = Y.decodeUpdate(update).structs.map((s) => s.id.client)
  expect(order[0]).toBe(high) // Yjs writes the higher client first: the order this case is about
  raw.send(syncMessage(2, update))
  await waitForAckOf(raw, envelope)
  raw.close()
}

/** The allowed change arrived and the forbidden one was refused for what it changes, not for an unknown author. */
async function expectJudgedAsContributor(session: OpenPlanSession, text: string): Promise<void> {
  await waitFor(() => session.doc.getText('voices.ouders.zorgen').toString().includes(text), "the parents' voice arrives")
  await waitFor(() => session.quarantined().filter((q) => q.reason.includes('content-forbidden')).length > 0, 'the refusal is listed')
  expect(session.doc.getText('voices.school.zorgen').toString()).not.toContain(text)
  expect(session.quarantined().some((q) => q.reason.includes('content-author-unknown'))).toBe(false)
}

describe("[P1] a new member's claim and content in one update", () => {
  it('[P1] live, claim first in the update: the content is judged with the member known', async () => {
    const text = 'LIVE-CLAIM-FIRST;'
    await claimAndWriteInOneUpdate(await sa.createInvite({ role: 'contributor', expiresInHours: 1 }), text, true)
    await expectJudgedAsContributor(sa, text)
  })

  it('[P1] live, content first in the update: the content is judged with the member known', async () => {
    const text = 'LIVE-CONTENT-FIRST;'
    await claimAndWriteInOneUpdate(await sa.createInvite({ role: 'contributor', expiresInHours: 1 }), text, false)
    await expectJudgedAsContributor(sa, text)
  })

  it('[P1] a device offline meanwhile gets claim and content in one step 2, in both orders, and judges them alike', async () => {
    const links = [await sa.createInvite({ role: 'contributor', expiresInHours: 1 }), await sa.createInvite({ role: 'contributor', expiresInHours: 1 })]
    await sa.whenSynced()
    sa.disconnect()
    await claimAndWriteInOneUpdate(links[0]!, 'OFFLINE-A;', true)
    await claimAndWriteInOneUpdate(links[1]!, 'OFFLINE-B;', false)
    const refusedBefore = sa.quarantined().filter((q) => q.reason.includes('content-forbidden')).length
    sa.connect()
    await waitFor(() => sa.quarantined().filter((q) => q.reason.includes('content-forbidden')).length >= refusedBefore + 2, 'both refusals are listed')
    for (const text of ['OFFLINE-A;', 'OFFLINE-B;']) await expectJudgedAsContributor(sa, text)
  })

  it("[P1] and on reopening the plan from the device's own disk", async () => {
    await sa.whenSynced()
    await admin.client.close()
    const again = await createClient({
      namespace: admin.namespace,
      syncUrl: relay.wsUrl,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...deviceLock(),
    })
    extra.push(() => again.close())
    const reopened = await again.openPlan(planId)
    for (const text of ['LIVE-CLAIM-FIRST;', 'LIVE-CONTENT-FIRST;', 'OFFLINE-A;', 'OFFLINE-B;']) await expectJudgedAsContributor(reopened, text)
    expect(reopened.quarantined().filter((q) => q.reason.includes('content-forbidden')).length).toBeGreaterThanOrEqual(4)
  })
})
