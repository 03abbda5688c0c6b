/** Builders for plans and records in unit tests: real keys, real signatures. */
import * as Y from 'yjs'
import { generateContentKey, generateSigningKeyPair, type SigningKeyPair } from '../../../src/crypto'
import type { Role } from '../../../src/sync/blob'
import { pushAsWriters } from '../../helpers/writers'
import { createClaim, createGenesis, createLockbox, createMemberRecord, createWriter, sealRecord, type Writer } from '../../../src/sync/records'
import { createRoomState, type RoomState } from '../../../src/sync/roomState'
import { validateUpdate } from '../../../src/sync/validateUpdate'

export interface Fixture {
  planId: Uint8Array
  key: Uint8Array
  admin: Writer
  envelope: Y.Doc
  room: RoomState
  /** pushes blobs into a scratch copy of the envelope and returns the resulting update */
  updateWith(blobs: Uint8Array[], from?: Y.Doc): Uint8Array
  /** validates and, when allowed, applies an update to the fixture's envelope */
  apply(update: Uint8Array, now?: number): ReturnType<typeof validateUpdate>
  addMember(role: Role): Writer
  update(writer: Writer, text?: string): Uint8Array
}

export function createFixture(): Fixture {
  const admin = createWriter(generateSigningKeyPair())
  const genesis = createGenesis(admin, 1_700_000_000_000)
  const key = generateContentKey()
  const envelope = new Y.Doc()
  const room = createRoomState(genesis.planId)
  const fixture: Fixture = {
    planId: genesis.planId,
    key,
    admin,
    envelope,
    room,
    updateWith(blobs, from = envelope) {
      const scratch = new Y.Doc()
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(from))
      const before = Y.encodeStateVector(scratch)
      pushAsWriters(scratch, blobs)
      return Y.encodeStateAsUpdate(scratch, before)
    },
    apply(update, now = Date.now()) {
      const result = validateUpdate(envelope, room, update, { now })
      if (result.ok) {
        Y.applyUpdate(envelope, update)
        result.commit()
      }
      return result
    },
    addMember(role) {
      const writer = createWriter(generateSigningKeyPair())
      const r = fixture.apply(
        fixture.updateWith([createMemberRecord(admin, genesis.planId, { op: 'add', subject: writer.identity.publicKey, role, party: 'parent' })]),
      )
      if (!r.ok) throw r.error
      return writer
    },
    update(writer, text = 'hallo') {
      const plan = new Y.Doc()
      plan.getText('t').insert(0, text)
      return sealRecord(writer, genesis.planId, 0, key, { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(plan))
    },
  }
  const first = fixture.apply(fixture.updateWith([genesis.bytes, createLockbox(admin, genesis.planId, 0, admin.identity.publicKey, key)]))
  if (!first.ok) throw first.error
  return fixture
}

export function invite(f: Fixture, role: Role, expiresAt: number): { invite: SigningKeyPair; record: Uint8Array } {
  const inviteKeys = generateSigningKeyPair()
  return {
    invite: inviteKeys,
    record: createMemberRecord(f.admin, f.planId, { op: 'invite', subject: inviteKeys.publicKey, role, expiresAt, party: 'parent' }),
  }
}

export { createClaim, createWriter, generateSigningKeyPair, pushAsWriters }
