/**
 * [R9] A step 2 larger than one message goes in chunks (updateChunks.ts): applied in order they
 * give the state of the whole update, each stays within the bound, and each passes the rules on
 * its own against what the earlier ones built.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { decodeBlob } from '../../../src/sync/blob'
import { createClaim, createLockbox, createMemberRecord, createWriter, sealRecord, type Writer } from '../../../src/sync/records'
import { SYNC_CHUNK_RECORDS, fitsOneChunk, splitStateAsUpdate } from '../../../src/sync/updateChunks'
import { MAX_NEW_BLOBS_PER_UPDATE } from '../../../src/sync/rules'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { createFixture, pushAsWriters } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

/** the largest single struct of an update, encoded: a chunk may exceed the bound only by holding one alone */
function largestStruct(update: Uint8Array): number {
  const { structs } = Y.decodeUpdate(update)
  let largest = 0
  for (const s of structs) {
    const e = new Y.UpdateEncoderV1()
    s.write(e, 0)
    largest = Math.max(largest, e.toUint8Array().length)
  }
  return largest
}

function sameState(a: Y.Doc, b: Y.Doc): void {
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b))
  expect(a.getArray('log').toArray()).toEqual(b.getArray('log').toArray())
  expect(Y.equalDeleteSets(Y.createDeleteSetFromStructStore(a.store), Y.createDeleteSetFromStructStore(b.store))).toBe(true)
  expect(a.store.pendingStructs).toBeNull()
}

/** op: [device, kind, size]: push a blob, delete one, or sync two devices */
const ops = fc.array(fc.tuple(fc.nat(3), fc.constantFrom('push', 'push', 'push', 'delete', 'sync'), fc.integer({ min: 1, max: 600 })), {
  minLength: 1,
  maxLength: 50,
})

describe('[R9] splitStateAsUpdate', () => {
  it('[R9] chunks applied in order equal the whole update, each within the bound (random logs: several clients, deletions, GC)', () => {
    fc.assert(
      fc.property(ops, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 200, max: 3000 }), fc.boolean(), (steps, at, bound, gc) => {
        const devices = [0, 1, 2, 3].map((i) => {
          const d = new Y.Doc({ gc })
          d.clientID = 1000 + i * 7919 // distinct and stable, so failures replay
          return d
        })
        // a receiver that saw some earlier state: snapshot of device `at` halfway through
        let receiverState: Uint8Array | null = null
        steps.forEach(([device, kind, size], i) => {
          const d = devices[device]!
          const log = d.getArray<Uint8Array>('log')
          if (kind === 'push') log.push([new Uint8Array(size).fill(i % 251)])
          else if (kind === 'delete' && log.length > 0) log.delete(size % log.length, 1)
          else if (kind === 'sync') {
            const other = devices[(device + 1) % devices.length]!
            Y.applyUpdate(other, Y.encodeStateAsUpdate(d, Y.encodeStateVector(other)))
            Y.applyUpdate(d, Y.encodeStateAsUpdate(other, Y.encodeStateVector(d)))
          }
          if (i === Math.floor(steps.length / 2)) receiverState = Y.encodeStateAsUpdate(devices[at]!)
        })
        const sender = devices[0]!
        for (const d of devices.slice(1)) Y.applyUpdate(sender, Y.encodeStateAsUpdate(d))

        const whole = new Y.Doc({ gc })
        const parts = new Y.Doc({ gc })
        if (receiverState) {
          Y.applyUpdate(whole, receiverState)
          Y.applyUpdate(parts, receiverState)
        }
        const sv = Y.encodeStateVector(parts)
        Y.applyUpdate(whole, Y.encodeStateAsUpdate(sender, sv))
        const chunks = splitStateAsUpdate(sender, sv, bound)
        for (const chunk of chunks) {
          expect(chunk.length <= bound || largestStruct(chunk) + 64 > bound).toBe(true)
          Y.applyUpdate(parts, chunk)
          // each chunk stands on its own: nothing waits for a later one
          expect(parts.store.pendingStructs).toBeNull()
        }
        sameState(parts, whole)
        sameState(parts, sender)
      }),
      { numRuns: 150 },
    )
  })

  it('[R9] a doc holding pending structs: the last chunk carries its real delete set and the pending part, never bytes read as a delete set', () => {
    const relay = new Y.Doc()
    const log = relay.getArray<Uint8Array>('log')
    for (let i = 0; i < 40; i++) log.push([new Uint8Array(200).fill(i)])
    log.delete(3, 2)
    // a writer's second update arrives before its first: Yjs holds it pending
    const writer = new Y.Doc()
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(relay))
    const before = Y.encodeStateVector(writer)
    writer.getArray<Uint8Array>('log').push([new Uint8Array([1])])
    const middle = Y.encodeStateVector(writer)
    writer.getArray<Uint8Array>('log').push([new Uint8Array([2])])
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(writer, middle))
    expect(relay.store.pendingStructs).not.toBeNull()

    const chunks = splitStateAsUpdate(relay, undefined, 2_000)
    expect(chunks.length).toBeGreaterThan(1)
    const known = Y.decodeStateVector(Y.encodeStateVector(relay))
    for (const chunk of chunks) {
      for (const [client, ranges] of Y.decodeUpdate(chunk).ds.clients) {
        for (const r of ranges) expect(r.clock + r.len, `delete range of client ${client}`).toBeLessThanOrEqual(known.get(client) ?? 0)
      }
    }
    const fresh = new Y.Doc()
    for (const chunk of chunks) Y.applyUpdate(fresh, chunk)
    expect(Y.equalDeleteSets(Y.createDeleteSetFromStructStore(fresh.store), Y.createDeleteSetFromStructStore(relay.store))).toBe(true)
    expect(fresh.getArray('log').toArray()).toEqual(log.toArray())
    // once the missing first update comes, both hold the writer's two records
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(writer, before))
    expect(fresh.store.pendingStructs).toBeNull()
    expect(fresh.getArray('log').length).toBe(log.length + 2)
  })

  it("[R9] a sender holding some writers' newest records pending (they came before the rest): the chunks give the receiver every integrated struct and the pending ones, whatever the client ids", () => {
    // found by the failover test: a device that reconnects sends its newest edit before its step 2,
    // so the relay holds it pending; merging that into a chunk written in log order lost clients
    const writersArb = fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 }), { minLength: 2, maxLength: 8 })
    fc.assert(
      fc.property(
        writersArb,
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 300, max: 4000 }),
        (ids, withheld, offline, bound) => {
          const writers = ids.map((id) => {
            const d = new Y.Doc()
            d.clientID = id
            return d
          })
          // a shared start, then each writer alone
          const start = new Y.Doc()
          for (const w of writers) {
            w.getArray<Uint8Array>('log').push([new Uint8Array(30).fill(1)])
            Y.applyUpdate(start, Y.encodeStateAsUpdate(w))
          }
          for (const w of writers) Y.applyUpdate(w, Y.encodeStateAsUpdate(start))
          const startSv = Y.encodeStateVector(start)
          const heads = writers.map((w) => {
            for (let n = 0; n < offline; n++) w.getArray<Uint8Array>('log').push([new Uint8Array(50 + n).fill(n)])
            return Y.encodeStateVector(w)
          })
          for (const w of writers) w.getArray<Uint8Array>('log').push([new Uint8Array(80).fill(9)])
          const sender = new Y.Doc()
          Y.applyUpdate(sender, Y.encodeStateAsUpdate(start))
          writers.forEach((w, i) => {
            // a withheld writer's last record only: Yjs holds it pending
            Y.applyUpdate(sender, Y.encodeStateAsUpdate(w, withheld[i] ? heads[i] : startSv))
          })
          const receiver = new Y.Doc()
          Y.applyUpdate(receiver, Y.encodeStateAsUpdate(start))
          for (const chunk of splitStateAsUpdate(sender, Y.encodeStateVector(receiver), bound, 10)) Y.applyUpdate(receiver, chunk)
          expect(Y.encodeStateVector(receiver)).toEqual(Y.encodeStateVector(sender))
          expect(receiver.getArray('log').toArray()).toEqual(sender.getArray('log').toArray())
          // the missing records, once they come, complete both the same
          writers.forEach((w, i) => {
            if (!withheld[i]) return
            const rest = Y.encodeStateAsUpdate(w, startSv)
            Y.applyUpdate(sender, rest)
            Y.applyUpdate(receiver, rest)
          })
          sameState(receiver, sender)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('[R9] a plan that fits is one update, the same bytes as Yjs writes', () => {
    const d = new Y.Doc()
    d.getArray<Uint8Array>('log').push([new Uint8Array([1, 2, 3])])
    expect(splitStateAsUpdate(d)).toEqual([Y.encodeStateAsUpdate(d)])
  })

  it('[R9] many small records go in chunks of at most SYNC_CHUNK_RECORDS, well under what one update may add', () => {
    // 1,300 blobs of 20 bytes: some 40 KiB, far under the byte bound, yet more records than a
    // receiver takes in one update (MAX_NEW_BLOBS_PER_UPDATE): the record count cuts too
    const d = new Y.Doc()
    const log = d.getArray<Uint8Array>('log')
    for (let i = 0; i < 1_300; i++) log.push([new Uint8Array(20).fill(i % 251)])
    const whole = Y.encodeStateAsUpdate(d)
    expect(fitsOneChunk(whole)).toBe(false)
    const chunks = splitStateAsUpdate(d)
    expect(chunks.length).toBe(Math.ceil(1_300 / SYNC_CHUNK_RECORDS))
    const receiver = new Y.Doc()
    for (const chunk of chunks) {
      const records = Y.decodeUpdate(chunk).structs.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentBinary).length
      expect(records).toBeLessThanOrEqual(SYNC_CHUNK_RECORDS)
      expect(records).toBeLessThan(MAX_NEW_BLOBS_PER_UPDATE)
      Y.applyUpdate(receiver, chunk)
    }
    sameState(receiver, d)
  })

  it('[R9] every chunk passes validateUpdate against the state the earlier chunks built (claims, content of new members, snapshots deleting what they cover)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('member', 'invite', 'content', 'content', 'snapshot', 'sync'), fc.nat(2), fc.integer({ min: 1, max: 900 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 600, max: 4000 }),
        (steps, bound) => {
          const f = createFixture()
          const content = (w: Writer, size: number) => sealRecord(w, f.planId, 0, f.key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array(size))
          // three devices of the plan, each its own Yjs client and its own admin session
          const devices = [0, 1, 2].map(() => {
            const doc = new Y.Doc()
            Y.applyUpdate(doc, Y.encodeStateAsUpdate(f.envelope))
            return { doc, admin: createWriter(f.admin.identity), knows: new Set<Writer>() }
          })
          for (const d of devices) d.knows.add(d.admin)
          let members = 1
          const sync = (a: (typeof devices)[number], b: (typeof devices)[number]) => {
            Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)))
            Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)))
          }
          for (const [kind, at, size] of steps) {
            const d = devices[at]!
            const log = d.doc.getArray<Uint8Array>('log')
            if (kind === 'member') {
              const w = createWriter(generateSigningKeyPair())
              pushAsWriters(d.doc, [createMemberRecord(d.admin, f.planId, { op: 'add', subject: w.identity.publicKey, role: 'editor', party: 'parent' })])
              d.knows.add(w)
              members += 1
            } else if (kind === 'invite') {
              // the invite on this device; its claim and the new member's first content on the next one
              const inviteKeys = generateSigningKeyPair()
              pushAsWriters(d.doc, [
                createMemberRecord(d.admin, f.planId, {
                  op: 'invite',
                  subject: inviteKeys.publicKey,
                  role: 'contributor',
                  expiresAt: Date.now() + 3_600_000,
                  party: 'parent',
                }),
                createLockbox(d.admin, f.planId, 0, inviteKeys.publicKey, f.key),
              ])
              const next = devices[(at + 1) % devices.length]!
              sync(d, next)
              const w = createWriter(generateSigningKeyPair())
              pushAsWriters(next.doc, [createClaim(w, f.planId, inviteKeys, 'contributor'), content(w, size)])
              next.knows.add(w)
              members += 1
            } else if (kind === 'content') {
              const known = [...d.knows]
              pushAsWriters(d.doc, [content(known[size % known.length]!, size)])
            } else if (kind === 'snapshot') {
              // this device's admin session compacts its own updates (all of them are here)
              const own = log
                .toArray()
                .map((b, i) => [decodeBlob(b), i] as const)
                .filter(([b]) => b.kind === 'update' && hex(b.author) === hex(d.admin.identity.publicKey) && hex(b.session) === hex(d.admin.session))
              if (own.length === 0) continue
              const last = own[own.length - 1]![0]
              const snap = sealRecord(
                d.admin,
                f.planId,
                0,
                f.key,
                { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: last.author, session: last.session, seq: last.seq }] },
                new Uint8Array([0, 0]),
              )
              d.doc.clientID = Math.floor(Math.random() * 2 ** 32) // the admin's session, not the last writer's (R14)
              d.doc.transact(() => {
                for (const [, i] of [...own].reverse()) log.delete(i, 1)
                log.push([snap])
              })
            } else {
              const other = devices[(at + 1) % devices.length]!
              sync(d, other)
              for (const w of d.knows) other.knows.add(w)
              for (const w of other.knows) d.knows.add(w)
            }
          }
          const sender = devices[0]!.doc
          for (const d of devices.slice(1)) Y.applyUpdate(sender, Y.encodeStateAsUpdate(d.doc, Y.encodeStateVector(sender)))
          // a device that holds the genesis only: a fresh device after its first sync
          const receiver = new Y.Doc()
          Y.applyUpdate(receiver, Y.encodeStateAsUpdate(f.envelope))
          const chunks = splitStateAsUpdate(sender, Y.encodeStateVector(receiver), bound)
          for (const chunk of chunks) {
            const result = validateUpdate(receiver, f.room, chunk, { now: Date.now(), historicContent: true })
            if (!result.ok) throw result.error
            Y.applyUpdate(receiver, chunk)
            result.commit()
          }
          expect(receiver.getArray('log').toArray()).toEqual(sender.getArray('log').toArray())
          expect(f.room.members.size).toBe(members)
        },
      ),
      { numRuns: 25 },
    )
  })
})

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
