import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateContentKey, generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { decodeBlob } from '../../../src/sync/blob'
import { createClaim, createGenesis, createLockbox, createMemberRecord, createWriter, sealRecord } from '../../../src/sync/records'
import { applyRecord, createRoomState, liveBlobs, loadRoomState, mayConnect, preverifiedItems } from '../../../src/sync/roomState'
import { MAX_BLOB_BYTES } from '../../../src/sync/rules'
import { validateUpdate } from '../../../src/sync/validateUpdate'
import { toHex } from '../../../src/sync/bytes'
import { createFixture, invite } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

function expectRule(result: ReturnType<typeof validateUpdate>, rule: string, code?: string) {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.rule).toBe(rule)
  if (code) expect(result.error.code).toBe(code)
}

describe('validateUpdate', () => {
  it('accepts a genesis, member records, updates from writers', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const r = f.apply(f.updateWith([f.update(editor), f.update(f.admin)]))
    expect(r.ok).toBe(true)
    expect(f.envelope.getArray('log').length).toBe(5)
  })

  it('[R1] refuses another root, a map entry and non-binary content', () => {
    const f = createFixture()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(f.envelope))
    const sv = Y.encodeStateVector(other)
    other.getArray('notes').push([new Uint8Array([1])])
    expectRule(f.apply(Y.encodeStateAsUpdate(other, sv)), 'R1', 'not-log')

    const m = new Y.Doc()
    m.getMap('log').set('x', new Uint8Array([1]))
    expectRule(f.apply(Y.encodeStateAsUpdate(m)), 'R1')

    const s = new Y.Doc()
    Y.applyUpdate(s, Y.encodeStateAsUpdate(f.envelope))
    const sv2 = Y.encodeStateVector(s)
    s.getArray('log').push(['plain text'])
    expectRule(f.apply(Y.encodeStateAsUpdate(s, sv2)), 'R1', 'not-binary')

    const nested = new Y.Doc()
    Y.applyUpdate(nested, Y.encodeStateAsUpdate(f.envelope))
    const sv3 = Y.encodeStateVector(nested)
    nested.getArray('log').push([new Y.Map()])
    expectRule(f.apply(Y.encodeStateAsUpdate(nested, sv3)), 'R1', 'not-binary')
  })

  it('[R1] refuses bytes that are not a Yjs update, without throwing', () => {
    const f = createFixture()
    expectRule(f.apply(new Uint8Array([255, 255, 255, 1, 2, 3])), 'R1', 'malformed-update')
  })

  it('[R2] refuses a malformed blob and a blob of another plan', () => {
    const f = createFixture()
    expectRule(f.apply(f.updateWith([new Uint8Array([1, 2, 3])])), 'R2', 'malformed-blob')
    const g = createFixture()
    expectRule(f.apply(f.updateWith([g.update(g.admin)])), 'R2', 'wrong-plan')
  })

  it('[R3] refuses a forged signature and a tampered blob', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const good = f.update(editor)
    const tampered = good.slice()
    tampered[tampered.length - 80]! ^= 1
    expectRule(f.apply(f.updateWith([tampered])), 'R3', 'bad-signature')
    // the editor's signature under another author's key: an outsider is refused before any
    // signature is checked (R5); a member's key with a signature that is not theirs, by R3
    const forged = good.slice()
    forged.set(generateSigningKeyPair().publicKey.slice(0, 8), 40)
    expectRule(f.apply(f.updateWith([forged])), 'R5', 'role-forbidden')
    const asAdmin = good.slice()
    asAdmin.set(f.admin.identity.publicKey, 35)
    expectRule(f.apply(f.updateWith([asAdmin])), 'R3', 'bad-signature')
  })

  it('[R4] a plan starts with its own genesis, once', () => {
    const w = createWriter(generateSigningKeyPair())
    const g = createGenesis(w, 5)
    const room = createRoomState(g.planId)
    const env = new Y.Doc()
    const before = Y.encodeStateVector(env)
    const key = generateContentKey()
    const tmp = new Y.Doc()
    tmp.getArray('log').push([sealRecord(w, g.planId, 0, key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array([0, 0]))])
    expectRule(validateUpdate(env, room, Y.encodeStateAsUpdate(tmp, before), { now: 1 }), 'R4', 'no-genesis')

    // a genesis for another id cannot squat this one
    const squatter = createWriter(generateSigningKeyPair())
    const sg = createGenesis(squatter, 5)
    const room2 = createRoomState(g.planId)
    const t2 = new Y.Doc()
    t2.getArray('log').push([sg.bytes])
    expectRule(validateUpdate(new Y.Doc(), room2, Y.encodeStateAsUpdate(t2), { now: 1 }), 'R2', 'wrong-plan')

    const f = createFixture()
    const again = createGenesis(f.admin, 1_700_000_000_000)
    expectRule(f.apply(f.updateWith([again.bytes])), 'R2')
  })

  it('[R5] a reader writes nothing but a claim; a contributor no snapshots; only admins manage members', () => {
    const f = createFixture()
    const reader = f.addMember('reader')
    expectRule(f.apply(f.updateWith([f.update(reader)])), 'R5', 'role-forbidden')
    const contributor = f.addMember('contributor')
    expect(f.apply(f.updateWith([f.update(contributor)])).ok).toBe(true)
    const snap = sealRecord(contributor, f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 1, covers: [] }, new Uint8Array([0, 0]))
    expectRule(f.apply(f.updateWith([snap])), 'R5', 'role-forbidden')
    const editor = f.addMember('editor')
    const promote = createMemberRecord(editor, f.planId, { op: 'role', subject: reader.identity.publicKey, role: 'admin' })
    expectRule(f.apply(f.updateWith([promote])), 'R5', 'role-forbidden')
    const outsider = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([f.update(outsider)])), 'R5')
  })

  it("[R6] a claim needs an open invite and the invite key's proof; one claim per invite", () => {
    const f = createFixture()
    const now = Date.now()
    const inv = invite(f, 'editor', now + 60_000)
    expect(f.apply(f.updateWith([inv.record]), now).ok).toBe(true)
    const joiner = createWriter(generateSigningKeyPair())
    // wrong proof: signed by another key
    const fake = createClaim(joiner, f.planId, generateSigningKeyPair(), 'editor')
    const fakeBlob = decodeBlob(fake)
    expect(fakeBlob.kind).toBe('member')
    expectRule(f.apply(f.updateWith([fake]), now), 'R6', 'invite-unknown')
    // claiming a higher role than invited
    expectRule(f.apply(f.updateWith([createClaim(joiner, f.planId, inv.invite, 'admin')]), now), 'R6', 'claim-role')
    expect(f.apply(f.updateWith([createClaim(joiner, f.planId, inv.invite, 'editor')]), now).ok).toBe(true)
    expect(f.room.members.get(toHex(joiner.identity.publicKey))).toBe('editor')
    const second = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([createClaim(second, f.planId, inv.invite, 'editor')]), now), 'R6', 'invite-used')
  })

  it('[R6] an expired or withdrawn invite grants nothing, not even a connection', () => {
    const f = createFixture()
    const now = Date.now()
    const inv = invite(f, 'reader', now + 1000)
    expect(f.apply(f.updateWith([inv.record]), now).ok).toBe(true)
    expect(mayConnect(f.room, toHex(inv.invite.publicKey), now)).toBe(true)
    expect(mayConnect(f.room, toHex(inv.invite.publicKey), now + 2000)).toBe(false)
    const joiner = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([createClaim(joiner, f.planId, inv.invite, 'reader')]), now + 2000), 'R6', 'invite-expired')

    const inv2 = invite(f, 'reader', now + 60_000)
    const withdraw = createMemberRecord(f.admin, f.planId, { op: 'withdraw', subject: inv2.invite.publicKey, role: 'reader' })
    expect(f.apply(f.updateWith([inv2.record, withdraw]), now).ok).toBe(true)
    expect(mayConnect(f.room, toHex(inv2.invite.publicKey), now)).toBe(false)
    expectRule(f.apply(f.updateWith([createClaim(joiner, f.planId, inv2.invite, 'reader')]), now), 'R6', 'invite-withdrawn')
  })

  it('[R6] the last admin cannot be removed or demoted; a member may leave', () => {
    const f = createFixture()
    const demote = createMemberRecord(f.admin, f.planId, { op: 'role', subject: f.admin.identity.publicKey, role: 'editor' })
    expectRule(f.apply(f.updateWith([demote])), 'R6', 'last-admin')
    const editor = f.addMember('editor')
    const leave = createMemberRecord(editor, f.planId, { op: 'remove', subject: editor.identity.publicKey, role: 'editor' })
    expect(f.apply(f.updateWith([leave])).ok).toBe(true)
    expect(f.room.members.has(toHex(editor.identity.publicKey))).toBe(false)
    expectRule(f.apply(f.updateWith([f.update(editor)])), 'R5')
  })

  it('[R7] lockboxes only from admins, only to members or open invites', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const stranger = generateSigningKeyPair()
    expectRule(f.apply(f.updateWith([createLockbox(editor, f.planId, 0, editor.identity.publicKey, f.key)])), 'R5')
    expectRule(f.apply(f.updateWith([createLockbox(f.admin, f.planId, 0, stranger.publicKey, f.key)])), 'R7', 'lockbox-recipient')
  })

  it('[R8] a record is accepted once: a replay in a new item is refused, a resend of the same item is not', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const blob = f.update(editor)
    const first = f.updateWith([blob])
    expect(f.apply(first).ok).toBe(true)
    expect(f.apply(first).ok).toBe(true) // the same Yjs item again: a resend, harmless
    expectRule(f.apply(f.updateWith([blob])), 'R8', 'replay')
  })

  it('[R8] a replay is refused even after compaction deleted the original', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const blob = f.update(editor)
    expect(f.apply(f.updateWith([blob])).ok).toBe(true)
    const d = decodeBlob(blob)
    const snap = sealRecord(
      editor,
      f.planId,
      0,
      f.key,
      { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: d.author, session: d.session, seq: d.seq }] },
      new Uint8Array([0, 0]),
    )
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(f.envelope))
    const sv = Y.encodeStateVector(scratch)
    const log = scratch.getArray<Uint8Array>('log')
    scratch.transact(() => {
      log.delete(log.length - 1, 1)
      log.push([snap])
    })
    expect(f.apply(Y.encodeStateAsUpdate(scratch, sv)).ok).toBe(true)
    expectRule(f.apply(f.updateWith([blob])), 'R8', 'replay')
    // and a relay restarted with only its seen index still refuses it
    const reloaded = loadRoomState(f.planId, f.envelope, f.room.seen)
    const r = validateUpdate(f.envelope, reloaded, f.updateWith([blob]), { now: Date.now() })
    expectRule(r, 'R8', 'replay')
  })

  it('[R8] a commit keeps what the device folded in while the update was applied (its own snapshot)', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const theirs = f.update(editor)
    const update = f.updateWith([theirs])
    const r = validateUpdate(f.envelope, f.room, update, { now: Date.now() })
    if (!r.ok) throw r.error
    Y.applyUpdate(f.envelope, update)
    // meanwhile, as the bridge does on seeing the update: this device compacts, and folds its own
    // snapshot into the room state
    const d = decodeBlob(theirs)
    const own = sealRecord(
      f.admin,
      f.planId,
      0,
      f.key,
      { kind: 'snapshot', part: 0, parts: 1, covers: [{ author: d.author, session: d.session, seq: d.seq }] },
      new Uint8Array([0, 0]),
    )
    applyRecord(f.room, decodeBlob(own))
    r.commit()
    expect([...f.room.snapshots.values()].map((g) => g.covers?.size)).toEqual([1])
    expect(f.room.members.get(toHex(editor.identity.publicKey))).toBe('editor')
  })

  it('[R3] a stored blob with a bad signature is left out when the state is loaded, signatures checked in a batch or not', async () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    expect(f.apply(f.updateWith([f.update(editor)])).ok).toBe(true)
    // a member record altered on this device's disk: another role, the old signature
    const forged = createMemberRecord(f.admin, f.planId, { op: 'add', subject: generateSigningKeyPair().publicKey, role: 'admin', party: 'parent' })
    forged[forged.length - 70]! ^= 1
    f.envelope.getArray<Uint8Array>('log').push([forged])
    const checked = await preverifiedItems(f.envelope)
    const live = [...liveBlobs(f.envelope)]
    expect(checked.size).toBe(live.length - 1)
    for (const state of [loadRoomState(f.planId, f.envelope, undefined, checked), loadRoomState(f.planId, f.envelope)]) {
      expect([...state.members.values()].sort()).toEqual(['admin', 'editor'])
      expect(state.seen.size).toBe(live.length - 1)
    }
  })

  it('[R9] refuses an oversized blob and an oversized update', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const big = sealRecord(editor, f.planId, 0, f.key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array(MAX_BLOB_BYTES))
    expectRule(f.apply(f.updateWith([big])), 'R9', 'blob-too-large')
    const r = validateUpdate(f.envelope, f.room, f.updateWith([f.update(editor)]), { now: Date.now(), maxUpdateBytes: 100 })
    expectRule(r, 'R9', 'update-too-large')
  })

  it('[R10] deletes need a complete covering snapshot by a compacting role', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const contributor = f.addMember('contributor')
    const u = f.update(contributor)
    expect(f.apply(f.updateWith([u])).ok).toBe(true)
    const d = decodeBlob(u)
    const deleteLast = (extra: Uint8Array[]) => {
      const s = new Y.Doc()
      Y.applyUpdate(s, Y.encodeStateAsUpdate(f.envelope))
      const sv = Y.encodeStateVector(s)
      const log = s.getArray<Uint8Array>('log')
      s.transact(() => {
        log.delete(log.length - 1, 1)
        if (extra.length) log.push(extra)
      })
      return Y.encodeStateAsUpdate(s, sv)
    }
    expectRule(f.apply(deleteLast([])), 'R10', 'uncovered-delete')
    const cover = [{ author: d.author, session: d.session, seq: d.seq }]
    // covers too little
    const short = sealRecord(
      editor,
      f.planId,
      0,
      f.key,
      { kind: 'snapshot', part: 0, parts: 1, covers: [{ ...cover[0]!, seq: d.seq - 1 }] },
      new Uint8Array([0, 0]),
    )
    expectRule(f.apply(deleteLast([short])), 'R10')
    // incomplete: part 0 of 2 only
    const half = sealRecord(editor, f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 2, covers: cover }, new Uint8Array([0, 0]))
    expectRule(f.apply(deleteLast([half])), 'R10')
    // member records are never deletable
    const s = new Y.Doc()
    Y.applyUpdate(s, Y.encodeStateAsUpdate(f.envelope))
    const sv = Y.encodeStateVector(s)
    const full = sealRecord(editor, f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 1, covers: cover }, new Uint8Array([0, 0]))
    s.transact(() => {
      s.getArray<Uint8Array>('log').delete(0, 1)
      s.getArray<Uint8Array>('log').push([full])
    })
    expectRule(f.apply(Y.encodeStateAsUpdate(s, sv)), 'R10')
    // the right snapshot makes it allowed
    const ok = sealRecord(editor, f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 1, covers: cover }, new Uint8Array([0, 0]))
    const r = f.apply(deleteLast([ok]))
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.deleted.map((x) => x.blob.seq)).toEqual([d.seq])
  })

  it('[R4][R6] an update holding genesis, invite and claim out of order is admitted', () => {
    const w = createWriter(generateSigningKeyPair())
    const g = createGenesis(w, 9)
    const inviteKeys = generateSigningKeyPair()
    const joiner = createWriter(generateSigningKeyPair())
    const now = Date.now()
    const claimDoc = new Y.Doc()
    claimDoc.getArray('log').push([createClaim(joiner, g.planId, inviteKeys, 'editor')])
    const adminDoc = new Y.Doc()
    adminDoc
      .getArray('log')
      .push([
        g.bytes,
        createMemberRecord(w, g.planId, { op: 'invite', subject: inviteKeys.publicKey, role: 'editor', expiresAt: now + 10_000, party: 'parent' }),
      ])
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(claimDoc), Y.encodeStateAsUpdate(adminDoc)])
    const room = createRoomState(g.planId)
    const r = validateUpdate(new Y.Doc(), room, merged, { now })
    expect(r.ok).toBe(true)
    if (r.ok) r.commit()
    expect(room.members.get(toHex(joiner.identity.publicKey))).toBe('editor')
  })
})

describe('validateUpdate, parked deletes', () => {
  it('[R10] refuses a delete of an item not yet held or sent, which Yjs would apply unchecked later', () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    // the editor's next item will have this id; an attacker deletes it in advance
    const future = new Y.Doc()
    Y.applyUpdate(future, Y.encodeStateAsUpdate(f.envelope))
    const sv = Y.encodeStateVector(future)
    future.getArray<Uint8Array>('log').push([f.update(editor)])
    const honest = Y.encodeStateAsUpdate(future, sv)
    const [client, clock] = [...Y.parseUpdateMeta(honest).from][0]!
    // a delete-set-only update: no struct groups, one client with one range of length 1
    const e = encoding.createEncoder()
    for (const n of [0, 1, client, 1, clock, 1]) encoding.writeVarUint(e, n)
    const deleteAhead = encoding.toUint8Array(e)
    expectRule(f.apply(deleteAhead), 'R10', 'unknown-delete')
    expect(f.apply(honest).ok).toBe(true)
    expect(f.envelope.getArray('log').length).toBe(4) // genesis, lockbox, member, the update: nothing was parked
  })
})

describe('validateUpdate, after a removal', () => {
  it("[R5] a removed member's new content is refused; a client still admits what the relay took before", () => {
    const f = createFixture()
    const editor = f.addMember('editor')
    const earlier = f.update(editor) // written while a member, not yet seen by this envelope
    const leave = createMemberRecord(editor, f.planId, { op: 'remove', subject: editor.identity.publicKey, role: 'editor' })
    expect(f.apply(f.updateWith([leave])).ok).toBe(true)
    const late = f.updateWith([earlier])
    expectRule(validateUpdate(f.envelope, f.room, late, { now: Date.now() }), 'R5', 'role-forbidden')
    expect(validateUpdate(f.envelope, f.room, late, { now: Date.now(), historicContent: true }).ok).toBe(true)
    // membership records are never judged by history
    const comeback = createMemberRecord(editor, f.planId, { op: 'add', subject: editor.identity.publicKey, role: 'admin', party: 'parent' })
    expectRule(validateUpdate(f.envelope, f.room, f.updateWith([comeback]), { now: Date.now(), historicContent: true }), 'R5')
  })
})
