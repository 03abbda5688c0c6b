/**
 * The attack catalogue (tests/helpers/attacks.ts) builds what it says: the benchmark and other
 * tests rely on each message reaching the code path of its issue-9 item. Small sizes here.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../src/crypto'
import { decodeBlob } from '../../src/sync/blob'
import { toHex } from '../../src/sync/bytes'
import { createRoomState, type RoomState } from '../../src/sync/roomState'
import { validatePresence } from '../../src/sync/presence'
import { MAX_UPDATE_BYTES, validateUpdate } from '../../src/sync/validateUpdate'
import {
  awarenessFlood,
  coverBeyond,
  deleteRangeBomb,
  honestUpdate,
  oversizedDeviceProofs,
  reverseChain,
  signatureFlood,
  type Attack,
} from '../helpers/attacks'

beforeAll(async () => {
  await loadSodium()
})

/** The plan as a relay holds it after the attack's setup, each setup update validated and committed. */
function relayAfterSetup(attack: Attack): { doc: Y.Doc; state: RoomState } {
  const doc = new Y.Doc()
  const state = createRoomState(attack.planId)
  for (const update of attack.setup) {
    const v = validateUpdate(doc, state, update, { now: Date.now() })
    if (!v.ok) throw v.error
    Y.applyUpdate(doc, update)
    v.commit()
  }
  return { doc, state }
}

/** The Yjs update inside a sync frame (tag 0, sub-type, payload). */
function updateOf(frame: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(frame)
  expect(decoding.readVarUint(d)).toBe(0)
  decoding.readVarUint(d)
  return decoding.readVarUint8Array(d)
}

function decoded(frame: Uint8Array) {
  return Y.decodeUpdate(updateOf(frame)) as unknown as {
    structs: Array<Y.Item>
    ds: { clients: Map<number, Array<{ clock: number; len: number }>> }
  }
}

describe('attack catalogue', () => {
  it('delete-range bomb: one range over snapshot-covered blobs, repeated, on a plan whose setup is valid', () => {
    const attack = deleteRangeBomb({ blobs: 4, blobBytes: 256, repeats: 50 })
    const { doc } = relayAfterSetup(attack)
    const { structs, ds } = decoded(attack.bytes)
    expect(structs).toHaveLength(0)
    expect(ds.clients.size).toBe(1)
    const [client, ranges] = [...ds.clients][0]!
    expect(ranges).toHaveLength(50)
    expect(new Set(ranges.map((r) => `${r.clock}+${r.len}`)).size).toBe(1)
    // the range names exactly the four content blobs the relay holds, which a stored snapshot covers
    const inRange = (doc.store.clients.get(client) ?? []).filter((s) => s.id.clock >= ranges[0]!.clock && s.id.clock < ranges[0]!.clock + ranges[0]!.len)
    expect(inRange.map((s) => decodeBlob(((s as Y.Item).content as Y.ContentBinary).content).kind)).toEqual(['update', 'update', 'update', 'update'])
    expect(
      doc
        .getArray<Uint8Array>('log')
        .toArray()
        .map((b) => decodeBlob(b).kind),
    ).toContain('snapshot')
  })

  it('reverse chain: one update, structs in reverse dependency order, refused whole', () => {
    const attack = reverseChain({ links: 20 })
    const { structs } = decoded(attack.bytes)
    const kinds = structs.map((s) => decodeBlob((s.content as Y.ContentBinary).content))
    expect(kinds).toHaveLength(22)
    expect(kinds.at(-1)!.kind).toBe('genesis')
    // each link's author is the subject of the link after it in the list (listed before it)
    for (let i = 1; i < 21; i++) {
      const link = kinds[i]!
      const earlier = kinds[i + 1]!
      if (link.kind !== 'member') throw new Error('not a member record')
      expect(toHex(link.author)).toBe(earlier.kind === 'genesis' ? toHex(earlier.author) : toHex((earlier as { subject: Uint8Array }).subject))
    }
    const v = validateUpdate(new Y.Doc(), createRoomState(attack.planId), updateOf(attack.bytes), { now: Date.now() })
    expect(v.ok).toBe(false)
  })

  it('signature flood: one blob under many item ids, filling one update by default', () => {
    const small = signatureFlood({ copies: 100 })
    const { structs } = decoded(small.bytes)
    expect(structs).toHaveLength(100)
    expect(new Set(structs.map((s) => `${s.id.client}:${s.id.clock}`)).size).toBe(100)
    expect(new Set(structs.map((s) => toHex((s.content as Y.ContentBinary).content))).size).toBe(1)
    const full = updateOf(signatureFlood().bytes)
    expect(full.length).toBeLessThanOrEqual(MAX_UPDATE_BYTES)
    expect(full.length).toBeGreaterThan(MAX_UPDATE_BYTES * 0.95)
  })

  it("awareness flood: the sender's own valid presence under 64 fresh ids", () => {
    const attack = awarenessFlood({ presenceBytes: 100 })
    const { state } = relayAfterSetup(attack)
    const d = decoding.createDecoder(attack.bytes)
    expect(decoding.readVarUint(d)).toBe(1)
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d))
    const count = decoding.readVarUint(inner)
    const ids = new Set<number>()
    for (let i = 0; i < count; i++) {
      ids.add(decoding.readVarUint(inner))
      decoding.readVarUint(inner)
      const presence = JSON.parse(decoding.readVarString(inner)) as { p: string }
      expect(validatePresence(state, presence, Date.now())).toBeNull()
    }
    expect(ids.size).toBe(64)
  })

  it('oversized device proofs: device links by a reader, each with a long proof', () => {
    const attack = oversizedDeviceProofs({ links: 3, proofBytes: 1000 })
    const { doc, state } = relayAfterSetup(attack)
    const refused = validateUpdate(doc, state, updateOf(attack.bytes), { now: Date.now() })
    expect(refused.ok ? 'accepted' : `${refused.error.rule} ${refused.error.code}`).toBe('R2 malformed-blob')
    const blobs = decoded(attack.bytes).structs.map((s) => (s.content as Y.ContentBinary).content)
    expect(blobs).toHaveLength(3)
    for (const bytes of blobs) {
      // [R2] a proof belongs to a claim only: the strict decoder says no, whatever the signature
      expect(() => decodeBlob(bytes)).toThrow(/proof must be 0 bytes/)
      expect(bytes.length).toBeGreaterThan(1000)
      expect(toHex(bytes.subarray(35, 67))).toBe(toHex(attack.sender.publicKey))
    }
  })

  it("cover beyond: an editor's snapshot covering the admin's session far past what exists", () => {
    const attack = coverBeyond()
    relayAfterSetup(attack)
    const [blob] = decoded(attack.bytes).structs.map((s) => decodeBlob((s.content as Y.ContentBinary).content))
    if (blob?.kind !== 'snapshot') throw new Error('not a snapshot')
    expect(blob.covers).toHaveLength(1)
    expect(toHex(blob.covers[0]!.author)).toBe(toHex(attack.admin!.publicKey))
    expect(blob.covers[0]!.seq).toBe(2 ** 40)
  })

  it('honest update: accepted on the plan its setup stores', () => {
    const attack = honestUpdate({ blobs: 50 })
    const { doc, state } = relayAfterSetup(attack)
    const v = validateUpdate(doc, state, updateOf(attack.bytes), { now: Date.now() })
    expect(v.ok).toBe(true)
    if (v.ok) expect(v.added).toHaveLength(50)
  })
})
