/**
 * [R11] The relay's awareness gate (server/awarenessGate.ts), counted: which entries it keeps,
 * and how many signatures it checks. Regression: one valid presence replayed under fresh
 * awareness ids, 64 per message, was verified and relayed once per copy (19.9 s of relay CPU).
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { sealPresence } from '../../../src/sync/presence'
import { createWriter, type Writer } from '../../../src/sync/records'
import { AwarenessGate, MAX_AWARENESS_IDS_PER_CONNECTION, type AwarenessVerdict } from '../../../server/awarenessGate'
import { writeAwarenessEntries, type AwarenessEntry } from '../../../server/messages'
import type { AdmittedAs, Peer } from '../../../server/peer'
import { toHex } from '../../../src/sync/bytes'
import { createFixture, invite, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

let nextPeer = 0
function peerOf(writer: Writer | { publicKey: Uint8Array }, admittedAs: AdmittedAs = 'member'): Peer {
  const key = 'identity' in writer ? writer.identity.publicKey : writer.publicKey
  return { id: `p${nextPeer++}`, key: toHex(key), admittedAs, awarenessIds: new Set(), send: () => undefined, close: () => undefined }
}

function entry(clientId: number, clock: number, state: unknown): AwarenessEntry {
  return { clientId, clock, state, json: JSON.stringify(state) }
}

/** A room's awareness behind a gate, applied as server/room.ts does. */
function relayRoom(f: Fixture) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState(null)
  const gate = new AwarenessGate(awareness)
  awareness.on('update', ({ removed }: { removed: number[] }) => gate.removed(removed))
  return {
    awareness,
    gate,
    send(peer: Peer, entries: AwarenessEntry[]): AwarenessVerdict {
      const verdict = gate.check(f.room, peer, entries, Date.now())
      if (verdict.ok) {
        verdict.commit()
        if (verdict.kept.length > 0) awarenessProtocol.applyAwarenessUpdate(awareness, writeAwarenessEntries(verdict.kept), peer)
      }
      return verdict
    },
    leave(peer: Peer) {
      awarenessProtocol.removeAwarenessStates(awareness, [...peer.awarenessIds], null)
      gate.forget(peer, Date.now())
    },
  }
}

function kept(v: AwarenessVerdict): number[] {
  if (!v.ok) throw v.error
  return v.kept.map((e) => e.clientId)
}
function verified(v: AwarenessVerdict): number {
  if (!v.ok) throw v.error
  return v.verified
}
function refusal(v: AwarenessVerdict): string {
  return v.ok ? 'kept' : `${v.error.rule} ${v.error.code}`
}

describe('[R11] relay awareness gate', () => {
  it('[R11] one valid presence under 64 fresh ids in one message is refused (presence-too-many-ids) before any signature', () => {
    const f = createFixture()
    const room = relayRoom(f)
    const p = sealPresence(f.admin, f.planId, 0, f.key, { user: { name: 'Ingrid' } })
    const v = room.send(
      peerOf(f.admin),
      Array.from({ length: 64 }, (_, i) => entry(1000 + i, 1, p)),
    )
    expect(refusal(v)).toBe('R11 presence-too-many-ids')
    expect(room.awareness.getStates().size).toBe(0)
  })

  it('[R11] the same presence under fresh ids, one message each: one signature check, one copy kept, the fifth id refused', () => {
    const f = createFixture()
    const room = relayRoom(f)
    const peer = peerOf(f.admin)
    const p = sealPresence(f.admin, f.planId, 0, f.key, { user: { name: 'Ingrid' } })
    const first = room.send(peer, [entry(1, 1, p)])
    expect([kept(first), verified(first)]).toEqual([[1], 1])
    for (let id = 2; id <= MAX_AWARENESS_IDS_PER_CONNECTION; id++) {
      const v = room.send(peer, [entry(id, 1, p)])
      expect([kept(v), verified(v)]).toEqual([[], 0])
    }
    expect(refusal(room.send(peer, [entry(99, 1, p)]))).toBe('R11 presence-too-many-ids')
    expect([...room.awareness.getStates().keys()].filter((id) => id !== room.awareness.clientID)).toEqual([1])
  })

  it('[R11] a renewal (the same bytes, a newer clock) is kept without a signature check; a new seq is checked once', () => {
    const f = createFixture()
    const room = relayRoom(f)
    const peer = peerOf(f.admin)
    const p1 = sealPresence(f.admin, f.planId, 0, f.key, { cursor: 1 })
    expect(verified(room.send(peer, [entry(7, 1, p1)]))).toBe(1)
    const renewal = room.send(peer, [entry(7, 2, p1)])
    expect([kept(renewal), verified(renewal)]).toEqual([[7], 0])
    const p2 = sealPresence(f.admin, f.planId, 0, f.key, { cursor: 2 })
    const moved = room.send(peer, [entry(7, 3, p2)])
    expect([kept(moved), verified(moved)]).toEqual([[7], 1])
    // the older presence under its own id again: a replay
    expect(kept(room.send(peer, [entry(7, 4, p1)]))).toEqual([])
  })

  it('[R11] a presence signed by another key is refused (presence-not-yours), without its signature being checked', () => {
    const f = createFixture()
    const room = relayRoom(f)
    const other = f.addMember('contributor')
    const p = sealPresence(f.admin, f.planId, 0, f.key, { user: { name: 'Ingrid' } })
    expect(refusal(room.send(peerOf(other), [entry(5, 1, p)]))).toBe('R11 presence-not-yours')
  })

  it("[R11] an id another key's connection owns: a newer state is refused (presence-id-taken); an echo and a null are dropped", () => {
    const f = createFixture()
    const room = relayRoom(f)
    const other = f.addMember('contributor')
    const p = sealPresence(f.admin, f.planId, 0, f.key, { user: { name: 'Ingrid' } })
    const admin = peerOf(f.admin)
    const echoing = peerOf(other)
    kept(room.send(admin, [entry(5, 3, p)]))
    // y-websocket sends back what it was sent (same clock) and removals of peers it timed out
    expect(kept(room.send(echoing, [entry(5, 3, p), entry(6, 1, null)]))).toEqual([])
    expect(kept(room.send(echoing, [entry(5, 4, null)]))).toEqual([])
    expect(room.awareness.getStates().get(5)).toEqual(p)
    const own = sealPresence(other, f.planId, 0, f.key, { user: { name: 'Kees' } })
    expect(refusal(room.send(echoing, [entry(5, 9, own)]))).toBe('R11 presence-id-taken')
  })

  it('[R11] the same key on a new socket takes its id over (a reconnect); the old socket leaving does not remove it', () => {
    const f = createFixture()
    const room = relayRoom(f)
    const p = sealPresence(f.admin, f.planId, 0, f.key, { cursor: 1 })
    const old = peerOf(f.admin)
    const fresh = peerOf(f.admin)
    kept(room.send(old, [entry(5, 3, p)]))
    expect(kept(room.send(fresh, [entry(5, 3, p)]))).toEqual([]) // its first send repeats the clock
    const renewal = room.send(fresh, [entry(5, 4, p)])
    expect([kept(renewal), verified(renewal)]).toEqual([[5], 0])
    room.leave(old)
    expect(room.awareness.getStates().get(5)).toEqual(p)
    expect([...old.awarenessIds, ...fresh.awarenessIds]).toEqual([5])
  })

  it('[R11] once an id left, its presence is relayed again (a tab back after a drop), and nothing stays behind', () => {
    const f = createFixture()
    const room = relayRoom(f)
    const p = sealPresence(f.admin, f.planId, 0, f.key, { cursor: 1 })
    const first = peerOf(f.admin)
    kept(room.send(first, [entry(5, 3, p)]))
    room.leave(first)
    expect(room.gate.size).toMatchObject({ owners: 0, relayed: 0, sessions: 0 })
    const again = peerOf(f.admin)
    expect(kept(room.send(again, [entry(5, 4, p)]))).toEqual([5])
    room.leave(again)
    expect(room.gate.size).toMatchObject({ owners: 0, relayed: 0, sessions: 0 })
  })

  it('[R11] a presence before its author is a member is dropped, not refused: a creator before its genesis, a device before its claim', () => {
    const f = createFixture()
    const room = relayRoom(f)
    const newcomer = createWriter(generateSigningKeyPair())
    const creatorish = room.send(peerOf(newcomer, 'creator'), [entry(5, 1, sealPresence(newcomer, f.planId, 0, f.key, {}))])
    expect([kept(creatorish), verified(creatorish)]).toEqual([[], 0])
    // a device on an invite connection seals with its own key once it claimed; the relay may not have the claim yet
    const { invite: inviteKeys, record } = invite(f, 'contributor', Date.now() + 60_000)
    expect(f.apply(f.updateWith([record])).ok).toBe(true)
    const onInvite = room.send(peerOf(inviteKeys, 'invite'), [entry(6, 1, sealPresence(newcomer, f.planId, 0, f.key, {}))])
    expect([kept(onInvite), verified(onInvite)]).toEqual([[], 0])
  })
})
