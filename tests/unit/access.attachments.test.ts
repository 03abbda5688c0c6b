/**
 * The session's attachment jobs against an in-memory relay (a `fetch` that answers like
 * server/http/files.ts) and fake-indexeddb: what waits and what is kept on the disk, sending that
 * stops when offline and goes on later, pieces read back from the disk checked like the relay's,
 * and the sync status's count. The real relay: tests/integration/access.attachments.test.ts.
 */
import 'fake-indexeddb/auto'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { FILE_PIECE_PLAINTEXT_BYTES, generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { AttachmentStore, KEPT_STORE, UPLOADS_STORE } from '../../src/access/session/attachmentStore'
import { SessionAttachments } from '../../src/access/session/attachments'
import { syncStatus, type SyncFacts } from '../../src/access/session/syncStatus'
import { createAttachments } from '../../src/plan'
import type { Role } from '../../src/sync/blob'

const ME = 'a'.repeat(64)
let dbs = 0

/** A relay's file endpoints in memory; `down` makes every request fail as a lost connection does. */
function memoryRelay() {
  const held = new Map<string, Uint8Array>()
  const relay = {
    held,
    down: false,
    puts: 0,
    /** how many of the next requests get 429, as the relay's per-key rate limit answers */
    limited: 0,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (relay.down) throw new TypeError('fetch failed')
      if (relay.limited > 0) {
        relay.limited--
        return new Response('{"error":"rate-limited"}', { status: 429 })
      }
      const url = new URL(String(input))
      const address = /\/files\/([0-9a-f]{64})$/.exec(url.pathname)?.[1]
      if (!address) {
        const have = (url.searchParams.get('have') ?? '').split(',').filter((a) => held.has(a))
        return new Response(JSON.stringify({ have }), { status: 200 })
      }
      if (init?.method === 'PUT') {
        relay.puts++
        held.set(address, new Uint8Array(init.body as Uint8Array))
        return new Response(null, { status: 201 })
      }
      const piece = held.get(address)
      return piece ? new Response(piece as Uint8Array<ArrayBuffer>, { status: 200 }) : new Response('{"error":"not-found"}', { status: 404 })
    }) as typeof fetch,
  }
  return relay
}

function setup(options: { role?: Role; online?: () => boolean; relay?: ReturnType<typeof memoryRelay> } = {}) {
  const doc = new Y.Doc()
  const relay = options.relay ?? memoryRelay()
  const store = new AttachmentStore(`unit-attachments-${process.pid}-${++dbs}-files`)
  let waitingCalls = 0
  const session = new SessionAttachments({
    doc,
    me: ME,
    role: () => options.role ?? 'contributor',
    isMine: (k) => k === ME,
    transfer: () => ({ syncUrl: 'ws://relay.test/sync', identity: generateSigningKeyPair(), planId: new Uint8Array(32), fetch: relay.fetch }),
    online: options.online ?? (() => true),
    store,
    announceFile: () => undefined,
    dropFile: () => undefined,
    waitingChanged: () => void waitingCalls++,
    rateRetryMs: 5,
  })
  return { doc, relay, store, session, waitingCalls: () => waitingCalls }
}

const file = (size: number) => ({ name: 'verslag.pdf', type: 'application/pdf', bytes: new Uint8Array(size).map((_, i) => (i * 13) & 255) })
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

beforeAll(loadSodium)

describe('attachments in a session', () => {
  it('added offline: the pieces wait on the disk; once online they go out, only those the relay lacks, and leave the disk', async () => {
    let online = false
    const { session, relay, store } = setup({ online: () => online })
    const f = file(2 * FILE_PIECE_PLAINTEXT_BYTES + 1)
    const id = await session.attach(f, { kind: 'plan' })
    expect(session.state(id).waiting).toBe(true)
    expect(session.waiting()).toBe(1)
    expect((await store.holds(UPLOADS_STORE)).map((h) => h.id)).toEqual([id])
    expect(relay.held.size).toBe(0)

    online = true
    // one piece already there (sent before a reload): it is not sent again
    const [first] = (await store.holds(UPLOADS_STORE))[0]!.pieces
    relay.held.set(first!, (await store.piece(first!))!)
    await session.sendWaiting()
    expect(relay.puts).toBe(2)
    expect(session.waiting()).toBe(0)
    expect(await store.holds(UPLOADS_STORE)).toEqual([])
    expect(await store.piece(first!)).toBeUndefined()
    expect(same(await session.open(id), f.bytes)).toBe(true)
  })

  it('a lost connection stops sending and keeps the file waiting with the code offline; the next call finishes it', async () => {
    let online = false
    const { session, relay } = setup({ online: () => online })
    const id = await session.attach(file(10), { kind: 'plan' })
    relay.down = true
    online = true
    await session.sendWaiting()
    expect(session.state(id)).toMatchObject({ waiting: true, error: 'offline' })
    relay.down = false
    await session.sendWaiting()
    expect(session.state(id)).toMatchObject({ waiting: false, error: null })
  })

  it('the relay’s rate limit (429) is waited out, sending and fetching, not left until the next connection', async () => {
    const { session, relay, doc } = setup()
    const f = file(3 * FILE_PIECE_PLAINTEXT_BYTES)
    relay.limited = 2
    const id = await session.attach(f, { kind: 'plan' })
    await session.sendWaiting()
    expect(session.state(id)).toMatchObject({ waiting: false, error: null })
    expect(relay.held.size).toBe(3)
    const other = setup({ relay })
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(doc))
    relay.limited = 3
    expect(same(await other.session.open(id), f.bytes)).toBe(true)
    expect(relay.limited).toBe(0)
  })

  it('kept offline: opens with the relay gone; a piece altered on the disk is refused like one from the relay (tampered)', async () => {
    const { session, relay, store } = setup()
    const f = file(FILE_PIECE_PLAINTEXT_BYTES + 3)
    const id = await session.attach(f, { kind: 'plan' })
    await session.sendWaiting()
    await session.keepOffline(id, true)
    expect(session.state(id).kept).toBe(true)
    relay.down = true
    expect(same(await session.open(id), f.bytes)).toBe(true)

    const [hold] = await store.holds(KEPT_STORE)
    const piece = (await store.piece(hold!.pieces[1]!))!
    piece[0]! ^= 1
    await store.hold(KEPT_STORE, hold!, [(await store.piece(hold!.pieces[0]!))!, piece])
    await expect(session.open(id)).rejects.toMatchObject({ code: 'tampered' })

    await session.keepOffline(id, false)
    expect(await store.piece(hold!.pieces[0]!)).toBeUndefined()
  })

  it('refuses a reader, a type the plan does not take and a file over 25 MB before any work', async () => {
    const reader = setup({ role: 'reader' })
    await expect(reader.session.attach(file(10), { kind: 'plan' })).rejects.toMatchObject({ code: 'forbidden' })
    const { session, doc } = setup()
    await expect(session.attach({ ...file(10), name: 'x.html', type: 'text/html' }, { kind: 'plan' })).rejects.toMatchObject({ code: 'file-type' })
    await expect(
      session.attach({ name: 'groot.pdf', type: 'application/pdf', bytes: new Uint8Array(25 * 1024 * 1024 + 1) }, { kind: 'plan' }),
    ).rejects.toMatchObject({
      code: 'file-too-large',
    })
    expect(createAttachments(doc).list()).toEqual([])
  })

  it('never seen as sent while its pieces are still being stored: waiting from the moment the plan names it', async () => {
    const { session, doc } = setup()
    const seen: boolean[] = []
    createAttachments(doc).observe(() => {
      for (const a of createAttachments(doc).list()) seen.push(session.state(a.id).waiting)
    })
    const id = await session.attach(file(10), { kind: 'plan' })
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every(Boolean)).toBe(true)
    await session.sendWaiting()
    expect(session.state(id).waiting).toBe(false)
  })

  it('a full disk while storing: the error reaches the caller, the plan does not name the file, nothing is counted', async () => {
    const { session, store, doc } = setup({ online: () => false })
    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    store.hold = async () => {
      throw full
    }
    await expect(session.attach(file(10), { kind: 'plan' })).rejects.toBe(full)
    expect(createAttachments(doc).list()).toEqual([])
    expect(session.waiting()).toBe(0)
  })

  it('removed while waiting: it leaves the plan and the disk, and is no longer counted', async () => {
    const { session, store, doc } = setup({ online: () => false })
    const id = await session.attach(file(10), { kind: 'plan' })
    await session.remove(id)
    expect(createAttachments(doc).get(id)).toBeNull()
    expect(session.waiting()).toBe(0)
    expect(await store.holds(UPLOADS_STORE)).toEqual([])
  })

  it('opens a file another device added, from the relay, and reports progress piece by piece', async () => {
    const adder = setup()
    const f = file(2 * FILE_PIECE_PLAINTEXT_BYTES)
    const id = await adder.session.attach(f, { kind: 'plan' })
    await adder.session.sendWaiting()
    // a second device: the same plan, the same relay, an empty disk
    const other = setup({ relay: adder.relay })
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(adder.doc))
    const seen: number[] = []
    other.session.onChange(() => {
      const p = other.session.state(id).progress
      if (p) seen.push(p.done)
    })
    expect(same(await other.session.open(id), f.bytes)).toBe(true)
    expect(seen).toEqual([1, 2])
  })
})

describe('the sync status counts attachments waiting', () => {
  const facts: SyncFacts = {
    pending: 0,
    lastSyncedAt: 1,
    connected: true,
    reconnecting: false,
    synced: true,
    triedBefore: true,
    rejected: 0,
    relayError: null,
    relayDataRejected: null,
    finalClose: null,
    accessEnded: false,
  }
  it('says how many, and nothing when none; the state itself is the records’', () => {
    expect(syncStatus({ ...facts, attachmentsWaiting: 2 })).toMatchObject({ state: 'synced', attachmentsWaiting: 2 })
    expect(syncStatus({ ...facts, attachmentsWaiting: 0 }).attachmentsWaiting).toBeUndefined()
    expect(syncStatus({ ...facts, connected: false, attachmentsWaiting: 1 })).toMatchObject({ state: 'saved-local', attachmentsWaiting: 1 })
  })
})
