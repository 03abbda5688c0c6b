/**
 * Issue 9: what an update costs is bounded by what it holds, checked cheapest first. Costs are
 * proven by count (rule checks, libsodium verifications), never by time.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { decodeBlob } from '../../../src/sync/blob'
import { toHex } from '../../../src/sync/bytes'
import { createClaim, createGenesis, createLockbox, createMemberRecord, createWriter, sealRecord, type Writer } from '../../../src/sync/records'
import { createRoomState, loadRoomState } from '../../../src/sync/roomState'
import { MAX_DELETE_RANGES_PER_UPDATE, MAX_NEW_BLOBS_PER_UPDATE, MAX_OPEN_DEVICE_LINKS, MAX_RAW_DELETE_RANGES, maxChecks } from '../../../src/sync/rules'
import { candidateBlobs, mergedDeletes, validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, pushAsWriters, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

function expectRule(result: ReturnType<typeof validateUpdate>, rule: string, code?: string) {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.rule).toBe(rule)
  if (code) expect(result.error.code).toBe(code)
}

const hex = (w: Writer) => toHex(w.identity.publicKey)
const newWriter = () => createWriter(generateSigningKeyPair())
const freshStats = () => ({ checks: 0, signatures: 0 })

/** An update carrying `blobs` as new items, in this order, each author's under its own Yjs client (R14). */
function updateOf(blobs: Uint8Array[], from?: Y.Doc): Uint8Array {
  const doc = new Y.Doc()
  if (from) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from))
  const before = Y.encodeStateVector(doc)
  pushAsWriters(doc, blobs)
  return Y.encodeStateAsUpdate(doc, before)
}

/** A delete-set-only update: no structs, one client, these ranges as given (duplicates kept). */
function deletesOnly(client: number, ranges: { clock: number; len: number }[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0) // no struct groups
  encoding.writeVarUint(e, 1) // one client in the delete set
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, ranges.length)
  for (const r of ranges) {
    encoding.writeVarUint(e, r.clock)
    encoding.writeVarUint(e, r.len)
  }
  return encoding.toUint8Array(e)
}

/** A genesis and `n` admins, each added by the one before: [genesis, add 1, …, add n]. */
function adminChain(n: number) {
  const creator = newWriter()
  const g = createGenesis(creator, 1_700_000_000_000)
  const writers = [creator]
  const adds: Uint8Array[] = []
  for (let i = 0; i < n; i++) {
    const next = newWriter()
    adds.push(createMemberRecord(writers[i]!, g.planId, { op: 'add', subject: next.identity.publicKey, role: 'admin', party: 'parent' }))
    writers.push(next)
  }
  return { g, creator, writers, adds }
}

describe('[R9] the undo journal: a refused update leaves the state exactly as it was', () => {
  it('[R6][R7] records folded before the refusal are rolled back (deep compare)', () => {
    const f = createFixture()
    f.addMember('editor')
    const before = structuredClone(f.room)
    const a = newWriter()
    const b = newWriter()
    const update = f.updateWith([
      createMemberRecord(f.admin, f.planId, { op: 'add', subject: a.identity.publicKey, role: 'admin', party: 'gezag' }),
      createMemberRecord(a, f.planId, { op: 'add', subject: b.identity.publicKey, role: 'reader', party: 'parent' }),
      createMemberRecord(f.admin, f.planId, { op: 'role', subject: f.admin.identity.publicKey, role: 'editor' }),
      createLockbox(a, f.planId, 3, b.identity.publicKey, f.key),
      f.update(f.admin),
      // never admissible: a lockbox for a stranger
      createLockbox(a, f.planId, 0, generateSigningKeyPair().publicKey, f.key),
    ])
    expectRule(f.apply(update), 'R7', 'lockbox-recipient')
    expect(f.room).toEqual(before)
  })

  it('abort() after an accepted validation rolls it back; commit() keeps it', () => {
    const f = createFixture()
    const before = structuredClone(f.room)
    const editor = newWriter()
    const update = f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject: editor.identity.publicKey, role: 'editor', party: 'parent' })])
    const r = validateUpdate(f.envelope, f.room, update, { now: Date.now() })
    if (!r.ok) throw r.error
    expect(f.room.members.get(hex(editor))).toBe('editor') // folded in place, not copied
    r.abort()
    expect(f.room).toEqual(before)
    const again = validateUpdate(f.envelope, f.room, update, { now: Date.now() })
    if (!again.ok) throw again.error
    again.commit()
    again.abort() // too late: ended
    expect(f.room.members.get(hex(editor))).toBe('editor')
  })

  it('a validation left open is not taken: the next one starts from the state before it', () => {
    const f = createFixture()
    const before = structuredClone(f.room)
    const editor = newWriter()
    const update = f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject: editor.identity.publicKey, role: 'editor', party: 'parent' })])
    expect(validateUpdate(f.envelope, f.room, update, { now: Date.now() }).ok).toBe(true)
    expect(validateUpdate(f.envelope, f.room, update, { now: Date.now() }).ok).toBe(true) // not "already-member"
    expectRule(validateUpdate(f.envelope, f.room, new Uint8Array([1, 2, 3]), { now: Date.now() }), 'R1')
    expect(f.room).toEqual(before)
  })
})

describe('[R9] admission in dependency order: linear in the records', () => {
  it('[R9] a genesis, a full update of chained admin adds in reverse order and one never-admissible record: refused in a linear number of checks', () => {
    // as many records as one update may hold (MAX_NEW_BLOBS_PER_UPDATE): genesis, lockbox and the chain
    const { g, creator, adds } = adminChain(MAX_NEW_BLOBS_PER_UPDATE - 2)
    const stranger = generateSigningKeyPair().publicKey
    const records = [createLockbox(creator, g.planId, 0, stranger, new Uint8Array(32)), ...[...adds].reverse(), g.bytes]
    const state = createRoomState(g.planId)
    const before = structuredClone(state)
    const stats = freshStats()
    expectRule(validateUpdate(new Y.Doc(), state, updateOf(records), { now: Date.now(), stats }), 'R7', 'lockbox-recipient')
    // the retry passes took n²/2 ≈ 500,000 checks here
    expect(stats.checks).toBeLessThanOrEqual(3 * records.length)
    expect(state).toEqual(before)
  })

  it('[R6] the same chain without it is admitted whole, in a linear number of checks', () => {
    const { g, writers, adds } = adminChain(MAX_NEW_BLOBS_PER_UPDATE - 1)
    const state = createRoomState(g.planId)
    const stats = freshStats()
    const r = validateUpdate(new Y.Doc(), state, updateOf([...[...adds].reverse(), g.bytes]), { now: Date.now(), stats })
    if (!r.ok) throw r.error
    r.commit()
    expect(state.admins.size).toBe(writers.length)
    expect(stats.checks).toBeLessThanOrEqual(3 * (adds.length + 1))
  })

  it('[R9] a chain that needs more checks than the budget is refused as too complex', () => {
    // one invite, claimed by many: every claim waits for the invite, every fold wakes the rest
    const f = createFixture()
    const inviteKey = generateSigningKeyPair()
    const now = Date.now()
    const claims = Array.from({ length: 200 }, () => createClaim(newWriter(), f.planId, inviteKey, 'reader'))
    const inviteRecord = createMemberRecord(f.admin, f.planId, {
      op: 'invite',
      subject: inviteKey.publicKey,
      role: 'reader',
      expiresAt: now + 60_000,
      party: 'parent',
    })
    const stats = freshStats()
    const r = validateUpdate(f.envelope, f.room, f.updateWith([...claims, inviteRecord]), { now, stats })
    expect(r.ok).toBe(false)
    expect(stats.checks).toBeLessThanOrEqual(maxChecks(claims.length + 1))
  })

  it('[R6] a device-link → claim chain stored in reverse order loads with every record admitted, linearly', () => {
    const f = createFixture()
    const first = f.addMember('reader')
    const records: Uint8Array[] = []
    let author = first
    const devices: Writer[] = []
    for (let i = 0; i < 60; i++) {
      const key = generateSigningKeyPair()
      const next = newWriter()
      records.push(
        createMemberRecord(author, f.planId, { op: 'device', subject: key.publicKey, role: 'reader', expiresAt: Date.now() + 600_000 }),
        createLockbox(author, f.planId, 0, key.publicKey, f.key),
        createClaim(next, f.planId, key, 'reader'),
      )
      devices.push(next)
      author = next
    }
    pushAsWriters(f.envelope, records.reverse())
    const report = { checks: 0, leftOut: 0 }
    const state = loadRoomState(f.planId, f.envelope, undefined, undefined, report)
    expect(report.leftOut).toBe(0)
    for (const d of devices) expect(state.persons.get(hex(d))).toBe(hex(first))
    expect(report.checks).toBeLessThanOrEqual(3 * f.envelope.getArray('log').length)
  })

  it('[R6] the same records in any order give the same membership', () => {
    const f = createFixture()
    const now = Date.now()
    const base = structuredClone(f.room)
    const a = newWriter()
    const b = newWriter()
    const inviteKey = generateSigningKeyPair()
    const joiner = newWriter()
    const deviceKey = generateSigningKeyPair()
    const phone = newWriter()
    const records = [
      createMemberRecord(f.admin, f.planId, { op: 'add', subject: a.identity.publicKey, role: 'admin', party: 'gezag' }),
      createMemberRecord(a, f.planId, { op: 'add', subject: b.identity.publicKey, role: 'editor', party: 'parent' }),
      createMemberRecord(a, f.planId, { op: 'invite', subject: inviteKey.publicKey, role: 'contributor', expiresAt: now + 60_000, party: 'youth' }),
      createClaim(joiner, f.planId, inviteKey, 'contributor'),
      createMemberRecord(joiner, f.planId, { op: 'device', subject: deviceKey.publicKey, role: 'contributor', expiresAt: now + 60_000 }),
      createLockbox(joiner, f.planId, 0, deviceKey.publicKey, f.key),
      createClaim(phone, f.planId, deviceKey, 'contributor'),
      createMemberRecord(a, f.planId, { op: 'role', subject: f.admin.identity.publicKey, role: 'editor' }),
      f.update(b),
    ]
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    // the relay (new records) and a client (what the relay holds, where a lockbox to a device
    // link may come after the claim that answered it: a step 2 is ordered by Yjs client)
    for (const historicContent of [false, true]) {
      const results = new Set<string>()
      const set = historicContent ? records : records.filter((r) => decodeBlob(r).kind !== 'lockbox')
      for (let round = 0; round < 12; round++) {
        const shuffled = round === 0 ? set : [...set].sort(() => random() - 0.5)
        const state = structuredClone(base)
        const r = validateUpdate(f.envelope, state, f.updateWith(shuffled), { now, historicContent })
        if (!r.ok) throw r.error
        r.commit()
        results.add(JSON.stringify([[...state.members].sort(), [...state.persons].sort(), [...state.admins].sort(), state.epoch]))
      }
      expect(results.size).toBe(1)
    }
  })
})

describe('[R3][R9] cheap checks before any signature', () => {
  it('[R8] one valid blob repeated 1,000 times is refused as a replay without one signature check', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const blob = f.update(editor)
    const stats = freshStats()
    expectRule(validateUpdate(f.envelope, f.room, f.updateWith(Array(1000).fill(blob)), { now: Date.now(), stats }), 'R8', 'replay')
    expect(stats.signatures).toBe(0)
  })

  it('[R9] more new blobs than MAX_NEW_BLOBS_PER_UPDATE are refused before they are decoded or verified', () => {
    const f = createFixture()
    const blob = f.update(f.admin)
    const stats = freshStats()
    const copies = Array(MAX_NEW_BLOBS_PER_UPDATE + 1).fill(blob)
    expectRule(validateUpdate(f.envelope, f.room, f.updateWith(copies), { now: Date.now(), stats }), 'R9', 'too-many-blobs')
    expect(stats.signatures).toBe(0)
  })

  it("[R5] an outsider's records are refused without a signature check", () => {
    const f = createFixture()
    const outsider = newWriter()
    const stats = freshStats()
    const blobs = Array.from({ length: 50 }, () => f.update(outsider))
    expectRule(validateUpdate(f.envelope, f.room, f.updateWith(blobs), { now: Date.now(), stats }), 'R5', 'role-forbidden')
    expect(stats.signatures).toBe(0)
  })

  it('[R3] preverified signatures are not checked again; one forged signature is checked once and refuses', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const blobs = Array.from({ length: 20 }, () => f.update(editor))
    const update = f.updateWith(blobs)
    const ids = new Set(candidateBlobs(f.envelope, f.room, update).map((c) => c.itemId))
    expect(ids.size).toBe(20)
    const stats = freshStats()
    const r = validateUpdate(f.envelope, f.room, update, { now: Date.now(), signaturesChecked: ids, stats })
    expect(r.ok).toBe(true)
    if (r.ok) r.abort()
    expect(stats.signatures).toBe(0)
    const forged = f.update(editor)
    forged[forged.length - 1]! ^= 1
    const withForged = f.updateWith([...blobs, forged])
    const some = new Set(
      candidateBlobs(f.envelope, f.room, withForged)
        .map((c) => c.itemId)
        .slice(0, 20),
    )
    expectRule(validateUpdate(f.envelope, f.room, withForged, { now: Date.now(), signaturesChecked: some, stats }), 'R3', 'bad-signature')
    expect(stats.signatures).toBe(1)
  })
})

describe('[R6] device links: at most MAX_OPEN_DEVICE_LINKS open per person', () => {
  function deviceLink(f: Fixture, author: Writer, expiresAt: number) {
    return createMemberRecord(author, f.planId, { op: 'device', subject: generateSigningKeyPair().publicKey, role: 'reader', expiresAt })
  }

  it('[R6] the sixth open link within the hour is refused; after the first expired, one more is allowed; a stored log is not judged', () => {
    const f = createFixture()
    const reader = f.addMember('reader')
    const now = Date.now()
    for (let i = 0; i < MAX_OPEN_DEVICE_LINKS; i++) expect(f.apply(f.updateWith([deviceLink(f, reader, now + 10 * 60_000 + i * 60_000)]), now).ok).toBe(true)
    expectRule(f.apply(f.updateWith([deviceLink(f, reader, now + 10 * 60_000)]), now + 1000), 'R6', 'device-too-many')
    // eleven minutes later the first has expired
    const later = now + 10 * 60_000 + 1
    expect(f.apply(f.updateWith([deviceLink(f, reader, later + 10 * 60_000)]), later).ok).toBe(true)
    expectRule(f.apply(f.updateWith([deviceLink(f, reader, later + 10 * 60_000)]), later), 'R6', 'device-too-many')
    // a client taking the relay's log later: not judged by today (like every expiry)
    const fresh = new Y.Doc()
    const state = loadRoomState(f.planId, fresh)
    expect(validateUpdate(fresh, state, Y.encodeStateAsUpdate(f.envelope), { now: later, historicContent: true }).ok).toBe(true)
  })

  it("[R6] a linked device shares its person's count", () => {
    const f = createFixture()
    const reader = f.addMember('reader')
    const now = Date.now()
    const key = generateSigningKeyPair()
    const phone = newWriter()
    const link = createMemberRecord(reader, f.planId, { op: 'device', subject: key.publicKey, role: 'reader', expiresAt: now + 60_000 })
    expect(f.apply(f.updateWith([link, createClaim(phone, f.planId, key, 'reader')]), now).ok).toBe(true)
    for (let i = 1; i < MAX_OPEN_DEVICE_LINKS; i++) expect(f.apply(f.updateWith([deviceLink(f, reader, now + 60_000)]), now).ok).toBe(true)
    expectRule(f.apply(f.updateWith([deviceLink(f, phone, now + 60_000)]), now), 'R6', 'device-too-many')
  })
})

describe('[R8] covers: never beyond what exists', () => {
  function snapshotCovering(f: Fixture, author: Writer, covered: Writer, seq: number) {
    return sealRecord(
      author,
      f.planId,
      0,
      f.key,
      { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: covered.identity.publicKey, session: covered.session, seq }] },
      new Uint8Array([0, 0]),
    )
  }

  it("[R8] the relay refuses a cover beyond the highest seq of the session; the victim's next record is accepted", () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    expect(f.apply(f.updateWith([f.update(f.admin)])).ok).toBe(true)
    expectRule(f.apply(f.updateWith([snapshotCovering(f, editor, f.admin, 2 ** 40)])), 'R8', 'cover-beyond')
    expectRule(f.apply(f.updateWith([snapshotCovering(f, editor, f.admin, f.admin.seq + 1)])), 'R8', 'cover-beyond')
    expect(f.apply(f.updateWith([snapshotCovering(f, editor, f.admin, f.admin.seq)])).ok).toBe(true)
    expect(f.apply(f.updateWith([f.update(f.admin)])).ok).toBe(true)
  })

  it('[R8] a cover may reach what the same update brings, and what a reloaded relay saw before compaction', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const own = f.update(editor)
    expect(f.apply(f.updateWith([own, snapshotCovering(f, editor, editor, editor.seq)])).ok).toBe(true)
    const reloaded = loadRoomState(f.planId, new Y.Doc(), f.room.seen)
    expect(reloaded.highestSeq.get(`${hex(editor)}:${toHex(editor.session)}`)).toBe(editor.seq)
  })

  it('[R8] a client refuses a snapshot covering its own session beyond what it wrote (ownSession)', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const fresh = new Y.Doc()
    const state = loadRoomState(f.planId, fresh)
    const update = Y.mergeUpdates([Y.encodeStateAsUpdate(f.envelope), f.updateWith([snapshotCovering(f, editor, f.admin, f.admin.seq + 100)])])
    const ownSession = { author: f.admin.identity.publicKey, session: f.admin.session, seq: f.admin.seq }
    expectRule(validateUpdate(fresh, state, update, { now: Date.now(), historicContent: true, ownSession }), 'R8', 'cover-beyond')
    // another device's session it cannot know: taken
    const r = validateUpdate(fresh, state, update, { now: Date.now(), historicContent: true })
    expect(r.ok).toBe(true)
  })
})

describe('[R10] the delete set is merged before it is counted', () => {
  it('merges duplicates, overlaps and neighbours per client', () => {
    const merged = mergedDeletes(
      new Map([
        [
          5,
          [
            { clock: 3, len: 3 },
            { clock: 0, len: 2 },
            { clock: 0, len: 2 },
            { clock: 1, len: 2 },
            { clock: 9, len: 1 },
          ],
        ],
      ]),
    )
    expect(merged.get(5)).toEqual([
      { clock: 0, len: 6 },
      { clock: 9, len: 1 },
    ])
  })

  it('[R10] one range repeated 1,000 times deletes (and archives) each covered blob once', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const writes = [f.update(editor), f.update(editor), f.update(editor)]
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(f.envelope))
    const sv = Y.encodeStateVector(scratch)
    scratch.getArray<Uint8Array>('log').push(writes)
    const added = Y.encodeStateAsUpdate(scratch, sv)
    expect(f.apply(added).ok).toBe(true)
    const last = decodeBlob(writes[2]!)
    const snap = sealRecord(
      editor,
      f.planId,
      0,
      f.key,
      { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: last.author, session: last.session, seq: last.seq }] },
      new Uint8Array([0, 0]),
    )
    expect(f.apply(f.updateWith([snap])).ok).toBe(true)
    const [client, clock] = [...Y.parseUpdateMeta(added).from][0]!
    const r = f.apply(deletesOnly(client, Array(1000).fill({ clock, len: 3 })))
    if (!r.ok) throw r.error
    expect(r.deleted.map((d) => d.itemId)).toEqual([0, 1, 2].map((i) => `${client}:${clock + i}`))
  })

  it('[R9] a flood of delete ranges is refused before they are sorted', () => {
    const f = createFixture()
    expectRule(f.apply(deletesOnly(1, Array(MAX_RAW_DELETE_RANGES + 1).fill({ clock: 0, len: 1 }))), 'R9', 'too-many-deletes')
    const disjoint = Array.from({ length: MAX_DELETE_RANGES_PER_UPDATE + 1 }, (_, i) => ({ clock: 2 * i, len: 1 }))
    expectRule(f.apply(deletesOnly(1, disjoint)), 'R9', 'too-many-deletes')
  })
})
