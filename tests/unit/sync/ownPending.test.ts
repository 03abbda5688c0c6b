/**
 * The status's pending count (src/sync/ownPending.ts): this person's records the relay has not
 * acknowledged, not every record beyond the relay's state vector (issue 14: "111 wijziging(en)
 * wachten" where 3 of hers were waiting).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { toHex } from '../../../src/sync/bytes'
import { createGenesis, createMemberRecord, createWriter } from '../../../src/sync/records'
import { countOwnUnconfirmed } from '../../../src/sync/ownPending'

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
})
