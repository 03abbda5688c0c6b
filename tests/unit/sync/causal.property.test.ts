/**
 * [R16] Membership in causal order, property-based: an admin (A) is removed by another (B)
 * concurrently with A's own records (an add, a role change, a consent, a content update). The
 * relay takes them in every order and split, B may have seen some of A's records before removing
 * it, the Yjs client ids (which decide a step 2's order) are random. Every device ends with the
 * same membership, which depends only on what B had seen (removal wins over the rest), and the
 * same content as the relay; no device refuses what the relay sends.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateContentKey, generateSigningKeyPair, loadSodium, randomBytes } from '../../../src/crypto'
import { decodeBlob } from '../../../src/sync/blob'
import { toHex } from '../../../src/sync/bytes'
import {
  createConsentRecord,
  createGenesis,
  createLockbox,
  createMemberRecord,
  createWriter,
  membershipId,
  sealRecord,
  type Writer,
} from '../../../src/sync/records'
import { createRoomState, liveBlobs, loadRoomState, membershipHeads, tripleOf, type RoomState } from '../../../src/sync/roomState'
import { createClaim } from '../../../src/sync/records'
import { SYNC_CHUNK_BYTES, splitStateAsUpdate } from '../../../src/sync/updateChunks'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { pushAsWriters } from '../../helpers/writers'

beforeAll(async () => {
  await loadSodium()
})

const NOW = 1_800_000_000_000
const DAY = 24 * 60 * 60 * 1000
const RUNS = Math.max(1, Number(process.env.PROPS_RUNS ?? '1') || 1)

const idOf = (bytes: Uint8Array) => membershipId(decodeBlob(bytes))
/** `after` naming these records */
const on = (...records: Uint8Array[]) => records.map(idOf)

interface World {
  planId: Uint8Array
  a: Writer
  b: Writer
  c: Writer
  d: Writer
  org: Uint8Array
  /** genesis (A, gezag), A adds B (admin) and D (contributor): everyone's starting point */
  base: Uint8Array
  /** A's records, each its own Yjs update in A's order: add C (with its key), D to editor, a consent, a content update */
  aUpdates: Uint8Array[]
  /** B removes A (or demotes it to editor), written having seen the first `seen` of A's records */
  removal: Uint8Array
  seen: number
  demote: boolean
}

/** Builds the records with real keys and signatures; `clients`: the Yjs client ids of the base, A and B. */
function buildWorld(seen: number, clients: { base: number; a: number; b: number }, demote = false): World {
  const a = createWriter(generateSigningKeyPair())
  const b = createWriter(generateSigningKeyPair())
  const c = createWriter(generateSigningKeyPair())
  const d = createWriter(generateSigningKeyPair())
  const genesis = createGenesis(a, NOW - DAY, { party: 'gezag' })
  const planId = genesis.planId
  const addB = createMemberRecord(a, planId, { op: 'add', subject: b.identity.publicKey, role: 'admin', party: 'parent', after: on(genesis.bytes) })
  const addD = createMemberRecord(a, planId, { op: 'add', subject: d.identity.publicKey, role: 'contributor', party: 'parent', after: on(addB) })
  const baseDoc = new Y.Doc()
  baseDoc.clientID = clients.base
  baseDoc.getArray<Uint8Array>('log').push([genesis.bytes, addB, addD])
  const base = Y.encodeStateAsUpdate(baseDoc)

  const org = randomBytes(32)
  const addC = createMemberRecord(a, planId, { op: 'add', subject: c.identity.publicKey, role: 'contributor', party: 'parent', after: on(addD) })
  const promoteD = createMemberRecord(a, planId, { op: 'role', subject: d.identity.publicKey, role: 'editor', after: on(addC) })
  const consent = createConsentRecord(a, planId, { op: 'give', organisation: org, expiresAt: NOW + DAY, details: randomBytes(32), after: on(promoteD) })
  const content = sealRecord(a, planId, 0, generateContentKey(), { kind: 'update', part: 0, parts: 1 }, new Uint8Array([1, 2, 3]))
  const aRecords = [addC, promoteD, consent]
  const aDoc = new Y.Doc()
  aDoc.clientID = clients.a
  Y.applyUpdate(aDoc, base)
  // as the app adds someone: the member record and a lockbox of the plan key to it, together
  const lockboxC = createLockbox(a, planId, 0, c.identity.publicKey, generateContentKey())
  const aUpdates = [[addC, lockboxC], [promoteD], [consent], [content]].map((records) => {
    const before = Y.encodeStateVector(aDoc)
    aDoc.getArray<Uint8Array>('log').push(records)
    return Y.encodeStateAsUpdate(aDoc, before)
  })

  const bDoc = new Y.Doc()
  bDoc.clientID = clients.b
  Y.applyUpdate(bDoc, base)
  for (const u of aUpdates.slice(0, seen)) Y.applyUpdate(bDoc, u)
  const after = seen === 0 ? on(addD) : on(aRecords[seen - 1]!)
  const before = Y.encodeStateVector(bDoc)
  const revocation = demote
    ? createMemberRecord(b, planId, { op: 'role', subject: a.identity.publicKey, role: 'editor', after })
    : createMemberRecord(b, planId, { op: 'remove', subject: a.identity.publicKey, role: 'admin', after })
  bDoc.getArray<Uint8Array>('log').push([revocation])
  const removal = Y.encodeStateAsUpdate(bDoc, before)
  return { planId, a, b, c, d, org, base, aUpdates, removal, seen, demote }
}

/** A device or relay: an envelope and its folded room state. */
interface Replica {
  envelope: Y.Doc
  room: RoomState
}

function replica(planId: Uint8Array): Replica {
  return { envelope: new Y.Doc(), room: createRoomState(planId) }
}

/** Validates and applies; `historic`: what a client does with what the relay sends. */
function deliver(r: Replica, update: Uint8Array, historic: boolean): ReturnType<typeof validateUpdate> {
  const result = validateUpdate(r.envelope, r.room, update, { now: NOW, historicContent: historic })
  if (result.ok) {
    Y.applyUpdate(r.envelope, update)
    result.commit()
  }
  return result
}

/** What must agree everywhere: members, consents, the highest roles, and which records are live. */
function membershipOf(room: RoomState) {
  return {
    members: [...room.members].sort(),
    admins: [...room.admins].sort(),
    consents: [...room.consents].map(([org, c]) => [org, c.status, c.by]).sort(),
    everRoles: [...room.everRoles].sort(),
  }
}

function contentOf(r: Replica): string[] {
  return [...liveBlobs(r.envelope)]
    .filter(({ blob }) => blob.kind === 'update')
    .map(({ blob }) => tripleOf(blob))
    .sort()
}

/**
 * The membership removal-wins gives, by what B had seen when it removed (or demoted) A. A
 * demotion to editor takes only what needs an admin (the add, the role change): A's consent
 * counts whenever the relay took it (`consentTaken`).
 */
function expected(w: World, consentTaken: boolean) {
  const hex = (writer: Writer) => toHex(writer.identity.publicKey)
  const members: [string, string][] = [[hex(w.b), 'admin']]
  if (w.demote) members.push([hex(w.a), 'editor'])
  members.push([hex(w.d), w.seen >= 2 ? 'editor' : 'contributor'])
  if (w.seen >= 1) members.push([hex(w.c), 'contributor'])
  return {
    members: members.sort(),
    consents: w.seen >= 3 || (w.demote && consentTaken) ? [toHex(w.org)] : [],
  }
}

const scenario = fc.record({
  seen: fc.integer({ min: 0, max: 3 }),
  /** B demotes A to editor instead of removing it */
  demote: fc.boolean(),
  /** where the removal reaches the relay among A's four updates (at least after what B saw) */
  removalAt: fc.integer({ min: 0, max: 4 }),
  /** which of A's updates it sends together with the one before (a batch after being offline) */
  batched: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  clients: fc.record({ base: fc.integer({ min: 1, max: 2 ** 31 }), a: fc.integer({ min: 1, max: 2 ** 31 }), b: fc.integer({ min: 1, max: 2 ** 31 }) }),
  /** cut points of the relay's accepted updates into the messages a live device gets */
  cuts: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  /** records per chunk of a step 2 cut in document order (updateChunks.ts, R9 "sync in chunks") */
  chunkRecords: fc.integer({ min: 1, max: 4 }),
})

describe('[R16] a removal and the removed admin’s concurrent records', () => {
  it('[R16] every order and split: the relay and every device agree, no step 2 is refused (property, fast-check)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(new Set([s.clients.base, s.clients.a, s.clients.b]).size === 3)
        const w = buildWorld(s.seen, s.clients, s.demote)
        const removalAt = Math.max(s.removalAt, s.seen)

        // the relay: A's updates in A's order (batched as chosen), the removal at its place; once one
        // of A's messages is refused, A's later ones (later clocks of its client) cannot follow
        const messages: { from: 'a' | 'b'; update: Uint8Array }[] = []
        let batch: Uint8Array[] = []
        w.aUpdates.forEach((u, i) => {
          if (i === removalAt) {
            if (batch.length > 0) messages.push({ from: 'a', update: Y.mergeUpdates(batch) })
            batch = []
            messages.push({ from: 'b', update: w.removal })
          }
          if (i > 0 && !s.batched[i - 1] && batch.length > 0) {
            messages.push({ from: 'a', update: Y.mergeUpdates(batch) })
            batch = []
          }
          batch.push(u)
        })
        if (batch.length > 0) messages.push({ from: 'a', update: Y.mergeUpdates(batch) })
        if (removalAt === w.aUpdates.length) messages.push({ from: 'b', update: w.removal })

        const relay = replica(w.planId)
        expect(deliver(relay, w.base, false).ok).toBe(true)
        const accepted: Uint8Array[] = [w.base]
        let aRefused = false
        let consentTaken = false
        for (const m of messages) {
          if (m.from === 'a' && aRefused) continue
          const result = deliver(relay, m.update, false)
          if (m.from === 'b') expect(result.ok).toBe(true)
          if (result.ok) {
            accepted.push(m.update)
            if (result.added.some(({ blob }) => blob.kind === 'consent')) consentTaken = true
          } else {
            aRefused = true
            // its author is out: refused before the signature (R5, R12: not a member) or as void
            // (R16); a demoted admin's add: void
            expect(result.error.rule).toMatch(s.demote ? /^R16$/ : /^(R5|R12|R16)$/)
          }
        }
        const want = expected(w, consentTaken)
        expect(membershipOf(relay.room).members).toEqual(want.members)
        expect(membershipOf(relay.room).consents.map(([org]) => org)).toEqual(want.consents)

        // a new device: the relay's whole state as one step 2 (Yjs lists it client by client)
        const fresh = replica(w.planId)
        const step2 = deliver(fresh, Y.encodeStateAsUpdate(relay.envelope), true)
        expect(step2.ok ? null : step2.error).toBeNull()
        expect(membershipOf(fresh.room)).toEqual(membershipOf(relay.room))
        expect(contentOf(fresh)).toEqual(contentOf(relay))

        // a new device whose step 2 comes in chunks, in document order, a few records each
        const chunked = replica(w.planId)
        for (const chunk of splitStateAsUpdate(relay.envelope, undefined, SYNC_CHUNK_BYTES, s.chunkRecords)) {
          const result = deliver(chunked, chunk, true)
          expect(result.ok ? null : result.error).toBeNull()
        }
        expect(membershipOf(chunked.room)).toEqual(membershipOf(relay.room))
        expect(contentOf(chunked)).toEqual(contentOf(relay))

        // a device online throughout: what the relay accepted, merged at random cuts
        const live = replica(w.planId)
        let pending: Uint8Array[] = []
        accepted.forEach((u, i) => {
          pending.push(u)
          if (i === accepted.length - 1 || s.cuts[i % s.cuts.length]) {
            const result = deliver(live, Y.mergeUpdates(pending), true)
            expect(result.ok ? null : result.error).toBeNull()
            pending = []
          }
        })
        expect(membershipOf(live.room)).toEqual(membershipOf(relay.room))
        expect(contentOf(live)).toEqual(contentOf(relay))

        // the relay restarted: its stored log loaded, nothing left out
        const report = { checks: 0, leftOut: 0 }
        const loaded = loadRoomState(w.planId, relay.envelope, undefined, undefined, report)
        expect(report.leftOut).toBe(0)
        expect(membershipOf(loaded)).toEqual(membershipOf(relay.room))
      }),
      { numRuns: 40 * RUNS },
    )
  })
})

/** A plan with admins A and B, built record by record into one envelope (a relay), for the examples below. */
function examplePlan() {
  const a = createWriter(generateSigningKeyPair())
  const b = createWriter(generateSigningKeyPair())
  const genesis = createGenesis(a, NOW - DAY, { party: 'gezag' })
  const planId = genesis.planId
  const addB = createMemberRecord(a, planId, { op: 'add', subject: b.identity.publicKey, role: 'admin', party: 'parent', after: on(genesis.bytes) })
  const relay = replica(planId)
  const send = (records: Uint8Array[], historic = false, to: Replica = relay) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(to.envelope))
    const before = Y.encodeStateVector(doc)
    doc.getArray<Uint8Array>('log').push(records)
    return deliver(to, Y.encodeStateAsUpdate(doc, before), historic)
  }
  expect(send([genesis.bytes, addB]).ok).toBe(true)
  return { a, b, planId, relay, send, head: on(addB) }
}

describe('[R16] examples', () => {
  it('[R16] a record naming a membership record nobody holds is refused (`after-unknown`)', () => {
    const p = examplePlan()
    const someone = generateSigningKeyPair().publicKey
    const result = p.send([createMemberRecord(p.a, p.planId, { op: 'add', subject: someone, role: 'reader', party: 'parent', after: [randomBytes(32)] })])
    expect(result.ok ? null : result.error.code).toBe('after-unknown')
  })

  it('[R16] a record written after its author’s removal (the removal in its past) is refused, also in what a relay sends', () => {
    const p = examplePlan()
    const removal = createMemberRecord(p.b, p.planId, { op: 'remove', subject: p.a.identity.publicKey, role: 'admin', after: p.head })
    expect(p.send([removal]).ok).toBe(true)
    const late = createMemberRecord(p.a, p.planId, {
      op: 'add',
      subject: generateSigningKeyPair().publicKey,
      role: 'reader',
      party: 'parent',
      after: on(removal),
    })
    const relayed = p.send([late], true)
    expect(relayed.ok ? null : relayed.error.code).toBe('role-forbidden')
  })

  it('[R16] a demotion voids what needs more than the new role (an add), not what it still allows (a device link for that role)', () => {
    const p = examplePlan()
    const c = generateSigningKeyPair().publicKey
    const addC = createMemberRecord(p.a, p.planId, { op: 'add', subject: c, role: 'reader', party: 'parent', after: p.head })
    const link = generateSigningKeyPair().publicKey
    const device = createMemberRecord(p.a, p.planId, { op: 'device', subject: link, role: 'editor', expiresAt: NOW + 60_000, after: on(addC) })
    expect(p.send([addC, device]).ok).toBe(true)
    const demote = createMemberRecord(p.b, p.planId, { op: 'role', subject: p.a.identity.publicKey, role: 'editor', after: p.head })
    expect(p.send([demote]).ok).toBe(true)
    expect(p.relay.room.members.has(toHex(c))).toBe(false)
    expect(p.relay.room.members.get(toHex(p.a.identity.publicKey))).toBe('editor')
    expect(p.relay.room.invites.get(toHex(link))?.forDevice).toBe(true)
    expect(p.relay.room.causal.voided.has(toHex(idOf(addC)))).toBe(true)
  })

  it('[R16] leaving is never void: an admin removing itself while another demotes it is out', () => {
    const p = examplePlan()
    const leave = createMemberRecord(p.a, p.planId, { op: 'remove', subject: p.a.identity.publicKey, role: 'admin', after: p.head })
    const demote = createMemberRecord(p.b, p.planId, { op: 'role', subject: p.a.identity.publicKey, role: 'reader', after: p.head })
    expect(p.send([leave]).ok).toBe(true)
    // the demotion of someone no longer a member is refused; a device given both in one step 2 agrees
    expect(p.send([demote]).ok).toBe(false)
    expect(p.relay.room.members.has(toHex(p.a.identity.publicKey))).toBe(false)
  })

  it('[R16] a removal names every head its writer had folded: what it saw in two branches is its past, not void', () => {
    const p = examplePlan()
    const c = generateSigningKeyPair().publicKey
    const f = generateSigningKeyPair().publicKey
    // A adds C and B adds F, each on the same head: two concurrent branches
    const addC = createMemberRecord(p.a, p.planId, { op: 'add', subject: c, role: 'reader', party: 'parent', after: p.head })
    const addF = createMemberRecord(p.b, p.planId, { op: 'add', subject: f, role: 'reader', party: 'parent', after: p.head })
    expect(p.send([addC]).ok).toBe(true)
    expect(p.send([addF]).ok).toBe(true)
    // B has folded both (it is the relay's state here): its removal of A is written on both heads
    const heads = membershipHeads(p.relay.room)!
    expect(heads.map(toHex).sort()).toEqual([addC, addF].map((r) => toHex(idOf(r))).sort())
    const removal = createMemberRecord(p.b, p.planId, { op: 'remove', subject: p.a.identity.publicKey, role: 'admin', after: heads })
    expect(p.send([removal]).ok).toBe(true)
    expect(p.relay.room.members.has(toHex(c))).toBe(true)
    expect(membershipHeads(p.relay.room)!.map(toHex)).toEqual([toHex(idOf(removal))])
    // had it named only the head it took last, C's add would count as concurrent, and be void
    const fresh = replica(p.planId)
    expect(deliver(fresh, Y.encodeStateAsUpdate(p.relay.envelope), true).ok).toBe(true)
    expect(membershipOf(fresh.room)).toEqual(membershipOf(p.relay.room))
  })

  it('[R16] a cascade: whoever joined on the void invite is out, what it wrote meanwhile still loads everywhere', () => {
    const p = examplePlan()
    const inviteKey = generateSigningKeyPair()
    const invite = createMemberRecord(p.a, p.planId, {
      op: 'invite',
      subject: inviteKey.publicKey,
      role: 'contributor',
      party: 'parent',
      expiresAt: NOW + DAY,
      after: p.head,
    })
    const key = generateContentKey()
    expect(p.send([invite, createLockbox(p.a, p.planId, 0, inviteKey.publicKey, key)]).ok).toBe(true)
    const e = createWriter(generateSigningKeyPair())
    const claim = createClaim(e, p.planId, inviteKey, 'contributor', on(invite))
    const note = sealRecord(e, p.planId, 0, key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array([4, 5]))
    const link = createMemberRecord(e, p.planId, {
      op: 'device',
      subject: generateSigningKeyPair().publicKey,
      role: 'reader',
      expiresAt: NOW + 60_000,
      after: on(claim),
    })
    expect(p.send([claim, note, link]).ok).toBe(true)
    // B removes A without having seen the invite: it is void, and so is all that stood on it
    const removal = createMemberRecord(p.b, p.planId, { op: 'remove', subject: p.a.identity.publicKey, role: 'admin', after: p.head })
    expect(p.send([removal]).ok).toBe(true)
    const eHex = toHex(e.identity.publicKey)
    expect(p.relay.room.members.has(eHex)).toBe(false)
    expect(p.relay.room.invites.size).toBe(0)
    for (const fresh of [replica(p.planId)]) {
      const result = deliver(fresh, Y.encodeStateAsUpdate(p.relay.envelope), true)
      expect(result.ok ? null : result.error).toBeNull()
      expect(membershipOf(fresh.room)).toEqual(membershipOf(p.relay.room))
      expect(contentOf(fresh)).toEqual(contentOf(p.relay))
    }
    const report = { checks: 0, leftOut: 0 }
    expect(membershipOf(loadRoomState(p.planId, p.relay.envelope, undefined, undefined, report))).toEqual(membershipOf(p.relay.room))
    expect(report.leftOut).toBe(0)
  })

  it('[R16] a refused update leaves no trace of a re-fold: the state is rolled back whole', () => {
    const p = examplePlan()
    const c = generateSigningKeyPair().publicKey
    expect(p.send([createMemberRecord(p.a, p.planId, { op: 'add', subject: c, role: 'reader', party: 'parent', after: p.head })]).ok).toBe(true)
    const before = membershipOf(p.relay.room)
    const removal = createMemberRecord(p.b, p.planId, { op: 'remove', subject: p.a.identity.publicKey, role: 'admin', after: p.head })
    // the removal re-folds (C's add is void), then a bad record in the same update refuses it all
    const bad = createMemberRecord(p.b, p.planId, { op: 'role', subject: randomBytes(32), role: 'reader', after: on(removal) })
    expect(p.send([removal, bad]).ok).toBe(false)
    expect(membershipOf(p.relay.room)).toEqual(before)
    expect(p.relay.room.members.has(toHex(c))).toBe(true)
  })
})

describe('[R16] two admins removing each other at once (only a lying relay holds both)', () => {
  it('[R16] the removal with the lower id wins, in every order, split and Yjs client order (property, fast-check)', () => {
    fc.assert(
      fc.property(
        fc.record({ a: fc.integer({ min: 1, max: 2 ** 31 }), b: fc.integer({ min: 1, max: 2 ** 31 }), base: fc.integer({ min: 1, max: 2 ** 31 }) }),
        fc.boolean(),
        (clients, bFirst) => {
          fc.pre(new Set([clients.a, clients.b, clients.base]).size === 3)
          const [a, b, e] = [0, 1, 2].map(() => createWriter(generateSigningKeyPair())) as [Writer, Writer, Writer]
          const genesis = createGenesis(e, NOW - DAY, { party: 'gezag' })
          const planId = genesis.planId
          const addA = createMemberRecord(e, planId, { op: 'add', subject: a.identity.publicKey, role: 'admin', party: 'parent', after: on(genesis.bytes) })
          const addB = createMemberRecord(e, planId, { op: 'add', subject: b.identity.publicKey, role: 'admin', party: 'parent', after: on(addA) })
          const baseDoc = new Y.Doc()
          baseDoc.clientID = clients.base
          baseDoc.getArray<Uint8Array>('log').push([genesis.bytes, addA, addB])
          const base = Y.encodeStateAsUpdate(baseDoc)
          const write = (w: Writer, client: number, subject: Writer) => {
            const doc = new Y.Doc()
            doc.clientID = client
            Y.applyUpdate(doc, base)
            const record = createMemberRecord(w, planId, { op: 'remove', subject: subject.identity.publicKey, role: 'admin', after: on(addB) })
            const before = Y.encodeStateVector(doc)
            doc.getArray<Uint8Array>('log').push([record])
            return { record, update: Y.encodeStateAsUpdate(doc, before) }
          }
          const aRemovesB = write(a, clients.a, b)
          const bRemovesA = write(b, clients.b, a)
          // the lower id wins: its author stays, the other goes
          const winner = toHex(idOf(aRemovesB.record)) < toHex(idOf(bRemovesA.record)) ? a : b
          const loser = winner === a ? b : a
          const want = [...[toHex(e.identity.publicKey), toHex(winner.identity.publicKey)].map((k) => [k, 'admin'])].sort()

          // one step 2 holding both (ordered by Yjs client id)
          const whole = replica(planId)
          const all = Y.mergeUpdates([base, aRemovesB.update, bRemovesA.update])
          const r1 = deliver(whole, all, true)
          expect(r1.ok ? null : r1.error).toBeNull()
          expect([...whole.room.members].sort()).toEqual(want)
          // the two in separate messages, in either order
          const split = replica(planId)
          expect(deliver(split, base, true).ok).toBe(true)
          for (const u of bFirst ? [bRemovesA.update, aRemovesB.update] : [aRemovesB.update, bRemovesA.update]) {
            const r = deliver(split, u, true)
            expect(r.ok ? null : r.error).toBeNull()
          }
          expect([...split.room.members].sort()).toEqual(want)
          expect(split.room.members.has(toHex(loser.identity.publicKey))).toBe(false)
          // and a stored log
          expect([...loadRoomState(planId, whole.envelope).members].sort()).toEqual(want)
        },
      ),
      { numRuns: 30 * RUNS },
    )
  })
})

describe('[R9][R16] cost', () => {
  it('[R9][R16] a chain of admin adds, each naming the one before, sent in reverse in one update: admitted in a linear number of checks', () => {
    const creator = createWriter(generateSigningKeyPair())
    const genesis = createGenesis(creator, NOW - DAY, { party: 'gezag' })
    const writers = [creator]
    const adds: Uint8Array[] = []
    let after = on(genesis.bytes)
    for (let i = 0; i < 1000; i++) {
      const next = createWriter(generateSigningKeyPair())
      const add = createMemberRecord(writers[i]!, genesis.planId, { op: 'add', subject: next.identity.publicKey, role: 'admin', party: 'parent', after })
      writers.push(next)
      adds.push(add)
      after = on(add)
    }
    const doc = new Y.Doc()
    // each author under a Yjs client id of its own (R14)
    pushAsWriters(doc, [...[...adds].reverse(), genesis.bytes])
    const room = createRoomState(genesis.planId)
    const stats = { checks: 0, signatures: 0 }
    const result = validateUpdate(new Y.Doc(), room, Y.encodeStateAsUpdate(doc), { now: NOW, stats })
    expect(result.ok ? null : result.error).toBeNull()
    expect(room.admins.size).toBe(writers.length)
    // each waits for the one it names (and its author's add): woken once, checked at most thrice
    expect(stats.checks).toBeLessThanOrEqual(3 * (adds.length + 1))
  })

  it('[R16] a removal that voids 50 records of a plan with 500 members re-folds once', () => {
    const p = examplePlan()
    const many = Array.from({ length: 500 }, () =>
      createMemberRecord(p.b, p.planId, { op: 'add', subject: generateSigningKeyPair().publicKey, role: 'reader', party: 'parent' }),
    )
    expect(p.send(many).ok).toBe(true)
    const head = membershipHeads(p.relay.room)!
    // A adds 50 more, one after another; B, not having seen them, removes A
    let after = head
    const concurrent: Uint8Array[] = []
    for (let i = 0; i < 50; i++) {
      const add = createMemberRecord(p.a, p.planId, { op: 'add', subject: generateSigningKeyPair().publicKey, role: 'reader', party: 'parent', after })
      concurrent.push(add)
      after = on(add)
    }
    expect(p.send(concurrent).ok).toBe(true)
    expect(p.relay.room.members.size).toBe(2 + 500 + 50)
    const refolds = p.relay.room.causal.refolds
    expect(p.send([createMemberRecord(p.b, p.planId, { op: 'remove', subject: p.a.identity.publicKey, role: 'admin', after: head })]).ok).toBe(true)
    expect(p.relay.room.causal.refolds).toBe(refolds + 1)
    expect(p.relay.room.members.size).toBe(1 + 500)
    expect(p.relay.room.causal.voided.size).toBe(50)
  })
})
