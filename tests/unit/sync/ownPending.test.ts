/**
 * The status's pending count (src/sync/ownPending.ts): this person's records the relay has not
 * acknowledged, not every record beyond the relay's state vector (issue 14: "111 wijziging(en)
 * wachten" where 3 of hers were waiting).
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { toHex } from '../../../src/sync/bytes'
import { createGenesis, createMemberRecord, createWriter } from '../../../src/sync/records'
import { countOwnUnconfirmed } from '../../../src/sync/ownPending'
import { decodeBlob } from '../../../src/sync/blob'

beforeAll(async () => {
  await loadSodium()
})

const svOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc))

function plan() {
  const me = createWriter(generateSigningKeyPair())
  const other = createWriter(generateSigningKeyPair())
  const { planId, bytes } = createGenesis(other, 1)
  const invite = (w: typeof me) => createMemberRecord(w, planId, { op: 'invite', subject: generateSigningKeyPair().publicKey, role: 'editor', expiresAt: 99 })
  return { me, other, genesis: bytes, invite, mine: new Set([toHex(me.identity.publicKey)]) }
}

describe('countOwnUnconfirmed', () => {
  it('counts only my records beyond what the relay acknowledged, not the ones others wrote', () => {
    const p = plan()
    // what came from the relay: the genesis and others' records
    const relayDoc = new Y.Doc()
    relayDoc.getArray<Uint8Array>('log').push([p.genesis, p.invite(p.other), p.invite(p.other)])
    const envelope = new Y.Doc()
    Y.applyUpdate(envelope, Y.encodeStateAsUpdate(relayDoc))
    const relay = svOf(envelope)
    expect(countOwnUnconfirmed(envelope, relay, p.mine)).toBe(0)

    envelope.getArray<Uint8Array>('log').push([p.invite(p.me), p.invite(p.me)])
    envelope.getArray<Uint8Array>('log').push([p.invite(p.me)])
    expect(countOwnUnconfirmed(envelope, relay, p.mine)).toBe(3)
    // nothing known of the relay (a plan made offline): still only mine
    expect(countOwnUnconfirmed(envelope, null, p.mine)).toBe(3)
    // the relay acknowledged them
    expect(countOwnUnconfirmed(envelope, svOf(envelope), p.mine)).toBe(0)
  })

  it('counts a record the relay acknowledged in part: one item of several values', () => {
    const p = plan()
    const envelope = new Y.Doc()
    const log = envelope.getArray<Uint8Array>('log')
    log.push([p.invite(p.me), p.invite(p.me), p.invite(p.me)])
    const client = envelope.clientID
    expect(countOwnUnconfirmed(envelope, new Map([[client, 1]]), p.mine)).toBe(2)
    expect(countOwnUnconfirmed(envelope, new Map([[client, 3]]), p.mine)).toBe(0)
  })

  it('a record compacted away (deleted) is no longer waiting', () => {
    const p = plan()
    const envelope = new Y.Doc()
    const log = envelope.getArray<Uint8Array>('log')
    log.push([p.invite(p.me), p.invite(p.me)])
    log.delete(0, 1)
    expect(countOwnUnconfirmed(envelope, null, p.mine)).toBe(1)
  })

  it('the same count in a fresh doc from the same stored state (a reload) with the same relay state', () => {
    const p = plan()
    const envelope = new Y.Doc()
    envelope.getArray<Uint8Array>('log').push([p.genesis, p.invite(p.other)])
    const relay = svOf(envelope)
    envelope.getArray<Uint8Array>('log').push([p.invite(p.me), p.invite(p.me)])
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(envelope))
    expect(countOwnUnconfirmed(reloaded, relay, p.mine)).toBe(countOwnUnconfirmed(envelope, relay, p.mine))
    expect(countOwnUnconfirmed(reloaded, relay, p.mine)).toBe(2)
  })

  it('agrees with walking the whole log, for any writers, compactions and relay state (property, fast-check)', () => {
    const p = plan()
    const records = { me: [p.invite(p.me), p.invite(p.me)], other: [p.invite(p.other), p.invite(p.other)] }
    // the reference: every item of the log's list, tombstones included (what the count did before)
    const walked = (envelope: Y.Doc, relay: ReadonlyMap<number, number> | null) => {
      let n = 0
      const log = envelope.getArray<Uint8Array>('log') as unknown as { _start: Y.Item | null }
      for (let item = log._start; item !== null; item = item.right as Y.Item | null) {
        if (item.deleted) continue
        const acked = relay?.get(item.id.client) ?? 0
        item.content.getContent().forEach((value, i) => {
          if (item!.id.clock + i >= acked && p.mine.has(toHex(decodeBlob(value as Uint8Array).author))) n += 1
        })
      }
      return n
    }
    const step = fc.oneof(
      fc.record({ op: fc.constant('write' as const), device: fc.nat(2), mine: fc.boolean(), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ op: fc.constant('compact' as const), from: fc.nat(20), count: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ op: fc.constant('sync' as const), device: fc.nat(2) }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.array(fc.nat(12), { minLength: 3, maxLength: 3 }), (steps, cut) => {
        // three devices' docs in one plan: this device is 0; what the others write reaches it at a sync
        const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
        for (const s of steps) {
          if (s.op === 'write') {
            const bytes = s.mine ? records.me : records.other
            docs[s.device]!.getArray<Uint8Array>('log').push(Array.from({ length: s.count }, (_, i) => bytes[i % 2]!))
          } else if (s.op === 'compact') {
            const log = docs[0]!.getArray<Uint8Array>('log')
            const from = Math.min(s.from, log.length)
            log.delete(from, Math.min(s.count, log.length - from))
          } else {
            Y.applyUpdate(docs[0]!, Y.encodeStateAsUpdate(docs[s.device]!))
            Y.applyUpdate(docs[s.device]!, Y.encodeStateAsUpdate(docs[0]!))
          }
        }
        const envelope = docs[0]!
        // the relay holds some prefix of each client's clocks
        const relay = new Map([...svOf(envelope)].map(([client, clock], i) => [client, Math.min(clock, cut[i % 3]!)]))
        expect(countOwnUnconfirmed(envelope, relay, p.mine)).toBe(walked(envelope, relay))
        expect(countOwnUnconfirmed(envelope, null, p.mine)).toBe(walked(envelope, null))
      }),
      { numRuns: 200 },
    )
  })
})
