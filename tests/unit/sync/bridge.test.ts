import * as Y from 'yjs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateContentKey, generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { contributorContentPolicy } from '../../../src/access/contentPolicy'
import { EnvelopeBridge, type ContentPolicy } from '../../../src/sync/bridge'
import { decodeBlob } from '../../../src/sync/blob'
import { EpochKeys } from '../../../src/sync/epochKeys'
import { encodeContent } from '../../../src/sync/content'
import { createGenesis, createLockbox, createMemberRecord, createWriter, sealRecord, type Writer } from '../../../src/sync/records'
import { liveBlobs, loadRoomState, type RoomState } from '../../../src/sync/roomState'
import { validateUpdate } from '../../../src/sync/validateUpdate'

beforeAll(async () => {
  await loadSodium()
})

interface Device {
  writer: Writer
  envelope: Y.Doc
  plan: Y.Doc
  room: RoomState
  bridge: EnvelopeBridge
  keys: EpochKeys
}

const bridges: EnvelopeBridge[] = []
afterEach(() => {
  for (const b of bridges.splice(0)) b.destroy()
})

function makeDevice(
  planId: Uint8Array,
  seed: Uint8Array,
  writer: Writer,
  key: Uint8Array | null,
  opts: { compactAfterBlobs?: number; contributorRules?: boolean; tracings?: { count: number } } = {},
): Device {
  const envelope = new Y.Doc()
  Y.applyUpdate(envelope, seed)
  const room = loadRoomState(planId, envelope)
  const keys = new EpochKeys(key ? { 0: key } : {})
  const plan = new Y.Doc()
  const bridge = new EnvelopeBridge({
    planId,
    writer,
    envelope,
    plan,
    room,
    keys,
    recipients: () => [writer.identity],
    canWrite: () => true,
    canCompact: () => true,
    flushWindowMs: 0,
    compactAfterBlobs: opts.compactAfterBlobs,
    contentPolicy: opts.contributorRules
      ? counted(
          contributorContentPolicy(() => room),
          opts.tracings,
        )
      : undefined,
  })
  bridge.start()
  bridges.push(bridge)
  return { writer, envelope, plan, room, bridge, keys }
}

/** The policy's `refuse` runs once per traced record: counting it counts tracings. */
function counted(policy: ContentPolicy, tracings?: { count: number }): ContentPolicy {
  if (!tracings) return policy
  return {
    restricts: (author) => policy.restricts(author),
    refuse: (author, roots, plan) => {
      tracings.count += 1
      return policy.refuse(author, roots, plan)
    },
  }
}

/** Sends what `from` has and `to` lacks, through the client-side gate. */
function sync(from: Device, to: Device) {
  const update = Y.encodeStateAsUpdate(from.envelope, Y.encodeStateVector(to.envelope))
  const r = validateUpdate(to.envelope, to.room, update, { now: Date.now() })
  if (!r.ok) throw r.error
  Y.applyUpdate(to.envelope, update, 'relay')
  r.commit()
}

function setup(compactAfterBlobs = 10_000) {
  const adminWriter = createWriter(generateSigningKeyPair())
  const editorWriter = createWriter(generateSigningKeyPair())
  const g = createGenesis(adminWriter, 1)
  const key = generateContentKey()
  const seedDoc = new Y.Doc()
  seedDoc
    .getArray('log')
    .push([
      g.bytes,
      createLockbox(adminWriter, g.planId, 0, adminWriter.identity.publicKey, key),
      createMemberRecord(adminWriter, g.planId, { op: 'add', subject: editorWriter.identity.publicKey, role: 'editor', party: 'parent' }),
      createLockbox(adminWriter, g.planId, 0, editorWriter.identity.publicKey, key),
    ])
  const seed = Y.encodeStateAsUpdate(seedDoc)
  const a = makeDevice(g.planId, seed, adminWriter, key, { compactAfterBlobs })
  // the editor has no key yet: it must take it from its lockbox
  const b = makeDevice(g.planId, seed, editorWriter, null, { compactAfterBlobs })
  return { a, b, planId: g.planId, key }
}

const flushAll = (...ds: Device[]) => {
  for (const d of ds) d.bridge.flush()
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('envelope bridge', () => {
  it('opens its key from a lockbox and converges concurrent edits without conflict', async () => {
    const { a, b } = setup()
    expect(b.keys.get(0)).toBeDefined()
    a.plan.getText('zorgen').insert(0, 'Slaapt slecht. ')
    b.plan.getText('zorgen').insert(0, 'Leest graag. ')
    await wait(5)
    flushAll(a, b)
    sync(a, b)
    sync(b, a)
    expect(a.plan.getText('zorgen').toString()).toBe(b.plan.getText('zorgen').toString())
    expect(a.plan.getText('zorgen').toString()).toContain('Slaapt slecht.')
    expect(a.plan.getText('zorgen').toString()).toContain('Leest graag.')
  })

  it('the envelope holds only ciphertext', async () => {
    const { a } = setup()
    a.plan.getText('t').insert(0, 'KANARIE-geheim-42')
    await wait(5)
    a.bridge.flush()
    const bytes = Y.encodeStateAsUpdate(a.envelope)
    expect(Buffer.from(bytes).includes(Buffer.from('KANARIE-geheim-42'))).toBe(false)
  })

  it('batches changes within a window into one blob; the first goes out at once', async () => {
    const { a } = setup()
    const log = a.envelope.getArray('log')
    const before = log.length
    const bridge = new EnvelopeBridge({
      planId: a.room.planId,
      writer: a.writer,
      envelope: a.envelope,
      plan: new Y.Doc(),
      room: a.room,
      keys: a.keys,
      recipients: () => [],
      canWrite: () => true,
      canCompact: () => true,
      flushWindowMs: 30,
    })
    bridge.start()
    bridges.push(bridge)
    const plan = (bridge as unknown as { o: { plan: Y.Doc } }).o.plan
    plan.getText('t').insert(0, 'a')
    expect(log.length).toBe(before + 1) // leading edge
    for (const ch of 'bcdefgh') plan.getText('t').insert(1, ch)
    expect(log.length).toBe(before + 1)
    await wait(60)
    expect(log.length).toBe(before + 2) // the rest merged into one
  })

  it('splits a large edit into parts and the other side reassembles it', async () => {
    const { a, b } = setup()
    const big = 'x'.repeat(200_000)
    a.plan.getText('t').insert(0, big)
    a.bridge.flush()
    const parts = [...liveBlobs(a.envelope)].filter(({ blob }) => blob.kind === 'update')
    expect(parts.length).toBeGreaterThan(3)
    sync(a, b)
    expect(b.plan.getText('t').length).toBe(200_000)
  })

  it('compacts into a snapshot, deletes what it covers, and a fresh device opens the result', async () => {
    const { a, b, planId, key } = setup(20)
    for (let i = 0; i < 30; i++) {
      a.plan.getText('t').insert(0, `${i},`)
      a.bridge.flush()
    }
    const kinds = [...liveBlobs(a.envelope)].map(({ blob }) => blob.kind)
    expect(kinds).toContain('snapshot')
    expect(kinds.filter((k) => k === 'update').length).toBeLessThan(20)
    sync(a, b) // deletes travel through the gate: covered by the snapshot, so allowed
    expect(b.plan.getText('t').toString()).toBe(a.plan.getText('t').toString())
    const fresh = makeDevice(planId, Y.encodeStateAsUpdate(a.envelope), createWriter(b.writer.identity), key)
    expect(fresh.plan.getText('t').toString()).toBe(a.plan.getText('t').toString())
  })

  it('never compacts away a record it could not open: it stays, quarantined', async () => {
    const { a, b, planId } = setup(5)
    // a record sealed under a key nobody has: b cannot open it
    const stray = sealRecord(b.writer, planId, 0, generateContentKey(), { kind: 'update', part: 0, parts: 1 }, new Uint8Array([0, 0]))
    b.bridge.pushRecords([stray])
    sync(b, a)
    expect(a.bridge.quarantined().map((q) => q.reason)).toContain('decrypt-failed')
    for (let i = 0; i < 10; i++) {
      a.plan.getText('t').insert(0, 'y')
      a.bridge.flush()
    }
    const left = [...liveBlobs(a.envelope)].map(({ blob }) => blob)
    expect(left.some((blob) => blob.seq === decodeBlob(stray).seq && blob.kind === 'update')).toBe(true)
  })

  it('records who changed which part of the plan, and when, on both sides', async () => {
    const { a, b } = setup()
    const before = Date.now()
    a.plan.getText('voices.ouders.zorgen').insert(0, 'Slaapt slecht.')
    a.bridge.flush()
    sync(a, b)
    const mine = a.bridge.activity().at(-1)!
    const theirs = b.bridge.activity().at(-1)!
    for (const entry of [mine, theirs]) {
      expect(entry).toMatchObject({ kind: 'update', roots: ['voices.ouders.zorgen'] })
      expect(entry.author).toBe(Buffer.from(a.writer.identity.publicKey).toString('hex'))
      expect(entry.writtenAt).toBeGreaterThanOrEqual(before)
    }
    // a deletion counts as a change to the part it deleted from
    b.plan.transact(() => {
      b.plan.getText('voices.ouders.zorgen').delete(0, 6)
      b.plan.getArray('observations').push(['x'])
    })
    b.bridge.flush()
    sync(b, a)
    expect(a.bridge.activity().at(-1)!.roots).toEqual(['observations', 'voices.ouders.zorgen'])
  })

  it("opens a contributor's record that comes before what it builds on in the log: held, then applied", () => {
    const p = contributorPlan()
    const editors = p.seal(p.editor, () => p.doc.getArray('observations').push(['van school']))
    const parents = p.seal(p.parent, () => p.doc.getArray('observations').push(['van thuis'])) // after the editor's
    // a log in which the parent's record comes first (as a relay may hand them over)
    const a = p.open([parents, editors])
    expect(a.bridge.quarantined()).toEqual([])
    expect(a.plan.getArray('observations').toArray()).toEqual(['van school', 'van thuis'])
  })

  it("a refused record keeps its author's later records coming, and compaction folds it in with them", () => {
    const p = contributorPlan()
    const records = [
      p.seal(p.parent, () => p.doc.getArray('observations').push(['eerst'])),
      p.seal(p.parent, () => p.doc.getText('voices.school.zorgen').insert(0, 'NIET-VAN-OUDER')),
      p.seal(p.parent, () => p.doc.getArray('observations').push(['daarna'])),
    ]
    const a = p.open(records)
    expect(a.bridge.quarantined().map((q) => q.reason)).toEqual(['content-forbidden'])
    expect(a.plan.getArray('observations').toArray()).toEqual(['eerst', 'daarna'])
    expect(a.plan.getText('voices.school.zorgen').toString()).toBe('')
    expect(a.bridge.compact()).toBe(true)
    // every update folded into the snapshot, the refused one too (as the gap it left)
    expect([...liveBlobs(a.envelope)].filter(({ blob }) => blob.kind === 'update')).toEqual([])
    const fresh = makeDevice(p.planId, Y.encodeStateAsUpdate(a.envelope), createWriter(generateSigningKeyPair()), p.key, { contributorRules: true })
    expect(fresh.plan.getArray('observations').toArray()).toEqual(['eerst', 'daarna'])
    expect(fresh.plan.getText('voices.school.zorgen').toString()).toBe('')
  })
})

describe('held records are retried only when what they wait for arrives', () => {
  it('N untraceable records of a contributor do not make each of M later records cost N tracings', () => {
    const p = contributorPlan()
    const N = 40
    const M = 40
    // the parent builds on an editor's item this device never gets: the first record waits for
    // it, every later one on the record before
    const missing = p.seal(p.editor, () => p.doc.getArray('observations').push(['nooit bezorgd']), 3)
    void missing
    const held = Array.from({ length: N }, (_, i) => p.seal(p.parent, () => p.doc.getArray('observations').push([`thuis ${i}`])))
    const tracings = { count: 0 }
    const a = p.open(held, { tracings })
    expect(a.plan.getArray('observations').length).toBe(0)
    const atOpen = tracings.count
    // M records of the parent that build on nothing held (the parents' voice), arriving one by one
    const voice = new Y.Doc()
    for (let i = 0; i < M; i++) {
      const before = Y.encodeStateVector(voice)
      voice.clientID = 7
      voice.getText('voices.ouders.zorgen').insert(voice.getText('voices.ouders.zorgen').length, `${i};`)
      const update = Y.encodeStateAsUpdate(voice, before)
      a.envelope.getArray<Uint8Array>('log').push([p.sealUpdate(p.parent, update)])
    }
    expect(a.plan.getText('voices.ouders.zorgen').toString().split(';').length).toBe(M + 1)
    expect(a.plan.getArray('observations').length).toBe(0) // still held
    // each live record is traced once; no held record is traced again (it was N × M before)
    expect(tracings.count - atOpen).toBe(M)
  })
})

/** A plan with an admin (the device under test), an editor and a parent as contributor, and records sealed by hand. */
function contributorPlan() {
  const admin = createWriter(generateSigningKeyPair())
  const editor = createWriter(generateSigningKeyPair())
  const parent = createWriter(generateSigningKeyPair())
  const g = createGenesis(admin, 1)
  const key = generateContentKey()
  const membership = [
    g.bytes,
    createLockbox(admin, g.planId, 0, admin.identity.publicKey, key),
    createMemberRecord(admin, g.planId, { op: 'add', subject: editor.identity.publicKey, role: 'editor', party: 'parent' }),
    createMemberRecord(admin, g.planId, { op: 'add', subject: parent.identity.publicKey, role: 'contributor', party: 'parent' }),
  ]
  /** one plan doc per writer, each seeing the others' changes at once, as after a sync */
  const doc = new Y.Doc()
  const sealUpdate = (w: Writer, update: Uint8Array) =>
    sealRecord(w, g.planId, 0, key, { kind: 'update', part: 0, parts: 1 }, encodeContent({ writtenAt: Date.now(), update }))
  const seal = (w: Writer, change: () => void, clientID = w === editor ? 1 : 2) => {
    const before = Y.encodeStateVector(doc)
    doc.clientID = clientID
    change()
    return sealUpdate(w, Y.encodeStateAsUpdate(doc, before))
  }
  const open = (records: Uint8Array[], opts: { tracings?: { count: number } } = {}) => {
    const seedDoc = new Y.Doc()
    seedDoc.getArray('log').push([...membership, ...records])
    return makeDevice(g.planId, Y.encodeStateAsUpdate(seedDoc), admin, key, { contributorRules: true, ...opts })
  }
  return { planId: g.planId, key, editor, parent, doc, seal, sealUpdate, open }
}
