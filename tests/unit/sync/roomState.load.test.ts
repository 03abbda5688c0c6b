/**
 * loadRoomState leaves out the stored records it expects to fail (a blob that does not decode,
 * R2; one that breaks a rule, R2/R3/R4…) and lets every other error through: a bug in a check
 * used to be swallowed as "a record left out", so a plan opened with members missing.
 */
import * as Y from 'yjs'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { toHex } from '../../../src/sync/bytes'
import { createGenesis, createWriter } from '../../../src/sync/records'
import { loadRoomState } from '../../../src/sync/roomState'
import { createFixture } from './fixtures'

const fault = vi.hoisted(() => ({ verify: null as Error | null, genesis: null as Error | null }))

vi.mock('../../../src/sync/records', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/sync/records')>()
  return {
    ...actual,
    verifyBlob: (...args: Parameters<typeof actual.verifyBlob>) => {
      if (fault.verify) throw fault.verify
      return actual.verifyBlob(...args)
    },
    planIdFromGenesis: (...args: Parameters<typeof actual.planIdFromGenesis>) => {
      if (fault.genesis) throw fault.genesis
      return actual.planIdFromGenesis(...args)
    },
  }
})

beforeAll(async () => {
  await loadSodium()
})

afterEach(() => {
  fault.verify = null
  fault.genesis = null
})

function copyOf(envelope: Y.Doc, extra: Uint8Array[] = []): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(envelope))
  if (extra.length > 0) copy.getArray<Uint8Array>('log').push(extra)
  return copy
}

describe('loadRoomState: which errors leave a record out', () => {
  it('R2: a stored blob that does not decode, or belongs to another plan, is left out', () => {
    const f = createFixture()
    const member = f.addMember('editor')
    const other = createGenesis(createWriter(generateSigningKeyPair()), 1_700_000_000_000)
    const state = loadRoomState(f.planId, copyOf(f.envelope, [new Uint8Array([1, 2, 3]), other.bytes]))
    expect(state.genesis).toBe(true)
    expect([...state.members.keys()].sort()).toEqual([...f.room.members.keys()].sort())
    expect(state.members.size).toBe(2)
    expect(state.members.has(toHex(member.identity.publicKey))).toBe(true)
  })

  it('a non-rule error in the intrinsic check (R2/R3) is thrown, not taken for a bad record', () => {
    const f = createFixture()
    fault.verify = new TypeError('a bug in the signature check')
    expect(() => loadRoomState(f.planId, copyOf(f.envelope))).toThrow(TypeError)
  })

  it('a non-rule error in a record check (R4, in admitRecords) is thrown, not taken for a refusal', () => {
    const f = createFixture()
    fault.genesis = new TypeError('a bug in the genesis check')
    expect(() => loadRoomState(f.planId, copyOf(f.envelope))).toThrow(TypeError)
  })
})
