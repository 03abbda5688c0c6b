/**
 * The relay refuses what breaks the rules (docs/RULES.md) before it stores or forwards
 * anything, and keeps serving everyone else. Real relay process, raw y-protocols clients.
 * After each refusal a fresh member reads the relay's whole log back: it is unchanged.
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { decodeBlob } from '../../src/sync/blob'
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

const MAX_MESSAGE_BYTES = 256 * 1024

let relay: RelayProcess
let plan: TestPlan & { client: RawClient }
let reader: Writer
let editor: Writer

const text = (s: string) => new TextEncoder().encode(s)
const logHex = (log: Uint8Array[]) => log.map(toHex)

beforeAll(async () => {
  await loadSodium()
  relay = await startRelay({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), RELAY_MAX_MESSAGES_PER_S: '50' } })
  plan = await createPlanOnRelay(relay)
  reader = createWriter(generateSigningKeyPair())
  editor = createWriter(generateSigningKeyPair())
  await pushBlobs(plan.client, plan.doc, [
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: reader.identity.publicKey, role: 'reader', party: 'parent' }),
    createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: editor.identity.publicKey, role: 'editor', party: 'parent' }),
    sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text('eerste notitie')),
  ])
})
afterAll(async () => {
  await relay?.stop()
})

/** Connects `who`, sends one sync update made from `doc` (since `before`), returns the close and error. */
async function sendAs(who: Writer, update: Uint8Array) {
  const client = connectAs(relay, who.identity, plan.planId)
  await client.opened
  client.send(syncMessage(2, update))
  const closed = await client.closed
  const error = client.received.find(isError)
  return { closed, error: error ? errorOf(error) : null }
}

/** A doc that starts as a copy of what the relay holds, as a real client's envelope would. */
function copyOfPlanDoc(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
  return doc
}

async function expectRefused(who: Writer, update: Uint8Array, rule: string, code: string) {
  const before = await readRelayLog(relay, plan.admin.identity, plan.planId)
  const { closed, error } = await sendAs(who, update)
  expect(closed).toEqual({ code: CLOSE.rejected, reason: `${rule} ${code}` })
  expect(error).toMatchObject({ rule, code })
  // nothing of it was stored: a fresh member sees the same log as before
  expect(logHex(await readRelayLog(relay, plan.admin.identity, plan.planId))).toEqual(logHex(before))
  const logged = relay.events().filter((e) => e.event === 'update-rejected' && e.code === code)
  expect(logged.length).toBeGreaterThan(0)
  expect(logged[0]).toMatchObject({ rule })
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  throw new Error('not found')
}

function changeOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('the relay refuses, stores nothing, and keeps serving', () => {
  it('[R3] a blob whose signature was forged', async () => {
    const blob = sealRecord(editor, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text('vervalst'))
    blob[blob.length - 1]! ^= 0xff
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push([blob])),
      'R3',
      'bad-signature',
    )
  })

  it('[R3] a blob tampered with after signing (ciphertext changed)', async () => {
    const blob = sealRecord(editor, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text('origineel'))
    blob[blob.length - 70]! ^= 1 // inside the ciphertext, before the 64-byte signature
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push([blob])),
      'R3',
      'bad-signature',
    )
  })

  it('[R2] a blob that does not decode', async () => {
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push([new Uint8Array([1, 2, 3])])),
      'R2',
      'malformed-blob',
    )
  })

  it('[R1] a change to a root other than `log`', async () => {
    const blob = sealRecord(editor, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text('ernaast'))
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('elders').push([blob])),
      'R1',
      'not-log',
    )
  })

  it('[R1] a map entry, and non-binary content', async () => {
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getMap('log').set('k', new Uint8Array([1]))),
      'R1',
      'map-entry',
    )
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push(['platte tekst'])),
      'R1',
      'not-binary',
    )
  })

  it('[R5] a reader writing an update', async () => {
    const blob = sealRecord(reader, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text('mag niet'))
    await expectRefused(
      reader,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push([blob])),
      'R5',
      'role-forbidden',
    )
  })

  it('[R5] a forged role change: an editor makes itself admin', async () => {
    const promote = createMemberRecord(editor, plan.planId, { op: 'role', subject: editor.identity.publicKey, role: 'admin' })
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push([promote])),
      'R5',
      'role-forbidden',
    )
  })

  it('[R3] a forged role change: the admin’s record with its role changed after signing', async () => {
    const record = createMemberRecord(plan.admin, plan.planId, { op: 'role', subject: reader.identity.publicKey, role: 'editor' })
    // member body: op, subject (32 bytes), role: the role byte follows the subject
    const roleAt = indexOfBytes(record, reader.identity.publicKey) + 32
    const forged = Uint8Array.from(record)
    forged[roleAt] = 3 // admin
    expect(decodeBlob(forged)).toMatchObject({ kind: 'member', op: 'role', role: 'admin' })
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push([forged])),
      'R3',
      'bad-signature',
    )
  })

  it('[R8] a record replayed in a new item', async () => {
    const stored = plan.doc.getArray<Uint8Array>('log').get(3)
    expect(decodeBlob(stored).kind).toBe('update')
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').push([stored])),
      'R8',
      'replay',
    )
  })

  it('[R10] deleting a record no snapshot covers', async () => {
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').delete(3, 1)),
      'R10',
      'uncovered-delete',
    )
    await expectRefused(
      editor,
      changeOf(copyOfPlanDoc(), (d) => d.getArray('log').delete(1, 1)),
      'R10',
      'uncovered-delete',
    ) // a member record
  })

  it('[R10] deleting an item the relay has never seen (it would wait and strike later)', async () => {
    const elsewhere = new Y.Doc()
    elsewhere.getArray('log').push([new Uint8Array([9])])
    elsewhere.getArray('log').delete(0, 1)
    const onlyDeletes = Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(elsewhere))
    await expectRefused(editor, onlyDeletes, 'R10', 'unknown-delete')
  })

  it('[R1] bytes that are not a Yjs update', async () => {
    await expectRefused(editor, new Uint8Array([200, 1, 2, 3, 4, 5]), 'R1', 'malformed-update')
  })

  it('[R9] a message over the size limit is closed with 4413 and stores nothing', async () => {
    const before = logHex(await readRelayLog(relay, plan.admin.identity, plan.planId))
    const client = connectAs(relay, editor.identity, plan.planId)
    await client.opened
    client.send(syncMessage(2, new Uint8Array(MAX_MESSAGE_BYTES + 10)))
    expect(await client.closed).toEqual({ code: CLOSE.tooLarge, reason: 'R9 message-too-large' })
    expect(errorOf(client.received.find(isError)!).code).toBe('message-too-large')
    expect(logHex(await readRelayLog(relay, plan.admin.identity, plan.planId))).toEqual(before)
  })

  it('[R9] more messages than the rate allows is closed with 4029', async () => {
    const client = connectAs(relay, editor.identity, plan.planId)
    await client.opened
    for (let i = 0; i < 300; i++) client.send(new Uint8Array([3])) // query awareness, cheap to answer
    expect(await client.closed).toEqual({ code: CLOSE.rateLimited, reason: 'R9 rate-limited' })
  })

  it('garbage protocol bytes are closed as malformed, never crash the relay', async () => {
    for (const bytes of [
      new Uint8Array([]),
      new Uint8Array([0]),
      new Uint8Array([0, 1, 200]),
      new Uint8Array([1, 5, 1, 2]),
      new Uint8Array([42]),
      new Uint8Array([255, 255, 255, 255, 255, 255]),
    ]) {
      const client = connectAs(relay, editor.identity, plan.planId)
      await client.opened
      client.send(bytes)
      expect(await client.closed, `bytes ${[...bytes]}`).toEqual({ code: CLOSE.rejected, reason: 'malformed' })
    }
    const text = connectAs(relay, editor.identity, plan.planId)
    await text.opened
    text.ws.send('hallo')
    expect((await text.closed).code).toBe(CLOSE.rejected)
  })

  it('[R11] presence that is not a signed presence blob is refused; the relay still serves the plan', async () => {
    const client = connectAs(relay, editor.identity, plan.planId)
    await client.opened
    const state = JSON.stringify({ user: { name: 'platte tekst' } })
    const inner = [1, 7, 1, state.length, ...new TextEncoder().encode(state)]
    client.send(new Uint8Array([1, inner.length, ...inner]))
    const closed = await client.closed
    expect(closed.code).toBe(CLOSE.rejected)
    expect(closed.reason).toMatch(/^R11 /)
  })

  it('after all that, members still sync: a valid update is stored, acknowledged and forwarded', async () => {
    const watcher = connectAs(relay, plan.admin.identity, plan.planId)
    await watcher.opened
    // in the room before the update: its step 1 answered (an open socket is still being admitted)
    watcher.send(syncMessage(0, Y.encodeStateVector(plan.doc)))
    await watcher.next((m) => m[0] === 0 && m[1] === 1)
    const doc = copyOfPlanDoc()
    const client = connectAs(relay, editor.identity, plan.planId)
    await client.opened
    const blob = sealRecord(editor, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, text('tweede notitie'))
    await pushBlobs(client, doc, [blob])
    // forwarded to the other member as a sync update (tag 0, type 2)
    await watcher.next((m) => m[0] === 0 && m[1] === 2)
    const log = await readRelayLog(relay, reader.identity, plan.planId)
    expect(logHex(log)).toContain(toHex(blob))
    expect(log.length).toBe(plan.doc.getArray('log').length + 1)
    expect((await fetch(`${relay.url}/health`)).status).toBe(200)
    expect(relay.logs()).not.toMatch(/uncaught|unhandled/)
    client.close()
    watcher.close()
  })
})
