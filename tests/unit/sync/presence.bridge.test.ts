/**
 * [R11] What a relay can make the presence bridge do, counted through its `open` (one signature
 * check and one decryption each). Regression: one presence replayed under 64 fresh awareness ids
 * was verified and decrypted 64 times and the person shown 64 times.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { fromBase64Url, toBase64Url, toHex } from '../../../src/sync/bytes'
import { EpochKeys } from '../../../src/sync/epochKeys'
import { openPresence, sealPresence, type PresenceField } from '../../../src/sync/presence'
import { bridgePresence, MAX_PRESENCES_PER_UPDATE, MAX_REMOTE_PRESENCES } from '../../../src/sync/presenceBridge'
import { createWriter, type Writer } from '../../../src/sync/records'
import { createFixture, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

/** An awareness update as the relay sends it: [client id, clock, state] each. */
function relayUpdate(entries: Array<[number, number, unknown]>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(encoder, id)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

function setup(f: Fixture, open: typeof openPresence = openPresence) {
  const plan = new Awareness(new Y.Doc())
  const envelope = new Awareness(new Y.Doc())
  let opens = 0
  const stop = bridgePresence({
    planId: f.planId,
    writer: f.admin,
    room: f.room,
    keys: new EpochKeys({ 0: f.key }),
    plan,
    envelope,
    open: (...args) => {
      opens += 1
      return open(...args)
    },
  })
  return {
    plan,
    get opens() {
      return opens
    },
    receive: (entries: Array<[number, number, unknown]>) => applyAwarenessUpdate(envelope, relayUpdate(entries), 'relay'),
    /** the remote people shown in the plan's awareness, by id */
    shown: () => [...plan.getStates().keys()].filter((id) => id !== plan.clientID),
    stop,
  }
}

function presenceOf(writer: Writer, f: Fixture, state: unknown = {}): PresenceField {
  return sealPresence(writer, f.planId, 0, f.key, state)
}

describe('[R11] presence bridge', () => {
  it('[R11] one presence under 64 fresh ids is opened once and shown once', () => {
    const f = createFixture()
    const b = setup(f)
    const kees = f.addMember('contributor')
    const p = presenceOf(kees, f, { user: { name: 'Kees' } })
    b.receive(Array.from({ length: 64 }, (_, i) => [100 + i, 1, p] as [number, number, unknown]))
    expect(b.opens).toBe(1)
    expect(b.shown()).toEqual([100])
    expect(b.plan.getStates().get(100)).toMatchObject({ user: { name: 'Kees' }, memberKey: toHex(kees.identity.publicKey) })
  })

  it('[R11] a renewal (the same bytes again) is not opened again and keeps the person shown', () => {
    const f = createFixture()
    const b = setup(f)
    const p = presenceOf(f.addMember('contributor'), f)
    b.receive([[5, 1, p]])
    b.plan.meta.set(5, { clock: 1, lastUpdated: 0 }) // as if 30 s had passed: the plan awareness would drop it
    b.receive([[5, 2, p]])
    expect(b.opens).toBe(1)
    expect(b.plan.meta.get(5)!.lastUpdated).toBeGreaterThan(0)
  })

  it('[R11] an older or equal seq of a session is dropped before opening; a newer one under another id replaces the first', () => {
    const f = createFixture()
    const b = setup(f)
    const kees = f.addMember('contributor')
    const seq1 = presenceOf(kees, f, { cursor: 1 })
    const seq2 = presenceOf(kees, f, { cursor: 2 })
    const seq3 = presenceOf(kees, f, { cursor: 3 })
    b.receive([[10, 2, seq2]])
    b.receive([[11, 1, seq1]])
    b.receive([[10, 3, seq1]])
    expect(b.opens).toBe(1)
    expect(b.shown()).toEqual([10])
    b.receive([[12, 1, seq3]])
    expect(b.opens).toBe(2)
    expect(b.shown()).toEqual([12])
    expect(b.plan.getStates().get(12)).toMatchObject({ cursor: 3 })
  })

  it('[R11] a forged higher seq does not shadow the real presence: the seq counts only after it opened', () => {
    const f = createFixture()
    const b = setup(f)
    const kees = f.addMember('contributor')
    b.receive([[10, 1, presenceOf(kees, f, { cursor: 1 })]])
    kees.seq += 50
    const bytes = fromBase64Url(presenceOf(kees, f, { cursor: 'forged' }).p)
    bytes[bytes.length - 1]! ^= 1 // the signature's last byte
    b.receive([[11, 1, { p: toBase64Url(bytes) }]])
    expect(b.shown()).toEqual([10])
    kees.seq -= 50
    b.receive([[10, 2, presenceOf(kees, f, { cursor: 2 })]])
    expect(b.opens).toBe(3)
    expect(b.plan.getStates().get(10)).toMatchObject({ cursor: 2 })
  })

  it('[R11] a presence that left and comes back with the same bytes (a reconnect) is shown again', () => {
    const f = createFixture()
    const b = setup(f)
    const p = presenceOf(f.addMember('contributor'), f)
    b.receive([[5, 1, p]])
    b.receive([[5, 2, null]])
    expect(b.shown()).toEqual([])
    b.receive([[5, 3, p]])
    expect(b.shown()).toEqual([5])
  })

  it(`[R9] at most ${MAX_PRESENCES_PER_UPDATE} states are looked at per update, and at most ${MAX_REMOTE_PRESENCES} people shown`, () => {
    const f = createFixture()
    // the limits, not the crypto, are under test: every presence "opens"
    const b = setup(f, (_room, blob) => ({ author: toHex(blob.author), session: toHex(blob.session), seq: blob.seq, state: {} }))
    const identity = generateSigningKeyPair()
    const sessions = Array.from({ length: MAX_REMOTE_PRESENCES + 44 }, () => presenceOf(createWriter(identity), f))
    b.receive(sessions.slice(0, 100).map((p, i) => [1000 + i, 1, p] as [number, number, unknown]))
    expect(b.opens).toBe(MAX_PRESENCES_PER_UPDATE)
    for (let from = 100; from < sessions.length; from += 50) {
      b.receive(sessions.slice(from, from + 50).map((p, i) => [1000 + from + i, 1, p] as [number, number, unknown]))
    }
    expect(b.shown().length).toBe(MAX_REMOTE_PRESENCES)
  })
})
