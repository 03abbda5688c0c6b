/**
 * Property-based tests of the rules (issue 9): random honest plan histories (tests/helpers/recordModel.ts),
 * delivered whole, split and reordered, with hostile records slipped in, checked against a small
 * reference model. `PROPS_RUNS=20 npx vitest run tests/unit/sync/rules.property.test.ts` multiplies
 * every run count (the nightly-size run, see the README).
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { contributorContentPolicy } from '../../../src/access/contentPolicy'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import { EnvelopeBridge } from '../../../src/sync/bridge'
import { encodeContent } from '../../../src/sync/content'
import { EpochKeys } from '../../../src/sync/epochKeys'
import { createClaim, createMemberRecord, createWriter, sealRecord, type Writer } from '../../../src/sync/records'
import { createRoomState, liveBlobs, loadRoomState, tripleOf, type RoomState } from '../../../src/sync/roomState'
import { validateUpdate, type Validation } from '../../../src/sync/validateUpdate'
import {
  NOW,
  buildHistory,
  contentOf,
  expectedMembership,
  fullSummary,
  historyArb,
  membershipOf,
  summarize,
  type History,
} from '../../helpers/recordModel'

beforeAll(async () => {
  await loadSodium()
})

/** The nightly-size run multiplies every count (PROPS_RUNS=20: ~20× the cases, minutes instead of seconds). */
const RUNS = Math.max(1, Number(process.env.PROPS_RUNS ?? '1') || 1)
const runs = (n: number): fc.Parameters<unknown> => ({ numRuns: Math.ceil(n * RUNS), endOnFailure: false })

const bridges: EnvelopeBridge[] = []
afterEach(() => {
  for (const b of bridges.splice(0)) b.destroy()
})

/** A device that takes what it is sent: envelope, room state and, optionally, a bridge opening content into a plan doc. */
interface Receiver {
  envelope: Y.Doc
  room: RoomState
  plan: Y.Doc
}

function openBridge(h: History, envelope: Y.Doc, room: RoomState): Y.Doc {
  const plan = new Y.Doc()
  const bridge = new EnvelopeBridge({
    planId: h.planId,
    writer: createWriter(generateSigningKeyPair()),
    envelope,
    plan,
    room,
    keys: new EpochKeys({ 0: h.key }),
    recipients: () => [],
    canWrite: () => false,
    canCompact: () => false,
    flushWindowMs: 0,
    contentPolicy: contributorContentPolicy(() => room),
  })
  bridge.start()
  bridges.push(bridge)
  return plan
}

function receiver(h: History, withBridge = false): Receiver {
  const envelope = new Y.Doc()
  const room = createRoomState(h.planId)
  return { envelope, room, plan: withBridge ? openBridge(h, envelope, room) : new Y.Doc() }
}

/**
 * Validates an update and, when allowed, folds it into the room state and applies it, in the
 * order a client does since issue 9 item 14: membership first, then the bridge judges content.
 */
function deliver(r: Receiver, update: Uint8Array, historicContent: boolean): Validation {
  const result = validateUpdate(r.envelope, r.room, update, { now: NOW, historicContent })
  if (result.ok) {
    result.commit()
    Y.applyUpdate(r.envelope, update, 'relay')
  }
  return result
}

function deliverAll(r: Receiver, updates: Uint8Array[], historicContent: boolean): void {
  for (const [i, u] of updates.entries()) {
    const result = deliver(r, u, historicContent)
    if (!result.ok) throw new Error(`part ${i + 1} of ${updates.length} refused: ${result.error.message}`)
  }
}

const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates))

/** The history's step updates cut at `cuts` (taken modulo the number of steps) into consecutive parts, each merged. */
function split(h: History, cuts: number[]): Uint8Array[] {
  const n = h.steps.length
  const at = [...new Set(cuts.map((c) => c % n).filter((c) => c > 0))].sort((a, b) => a - b)
  const bounds = [0, ...at, n]
  const parts: Uint8Array[] = []
  for (let i = 0; i + 1 < bounds.length; i++) parts.push(merge(h.steps.slice(bounds[i], bounds[i + 1]).map((s) => s.update)))
  return parts
}

/** The step updates in the order of `keys`, merged into one. */
function permuted(h: History, keys: number[]): Uint8Array {
  const order = h.steps.map((s, i) => ({ s, k: keys[i % keys.length]! * 1000 + i })).sort((a, b) => a.k - b.k)
  return merge(order.map(({ s }) => s.update))
}

const story = (h: History) => h.steps.map((s) => JSON.stringify(s.action)).join('\n  ')

const cutsArb = fc.array(fc.nat({ max: 100 }), { maxLength: 5 })
const keysArb = fc.array(fc.nat({ max: 1000 }), { minLength: 16, maxLength: 16 })

describe('rules, property-based', () => {
  it('[R4][R5][R6][R8][R10][R12] an honest history gives one membership, the model\'s, whole, split or reordered, on a client', () => {
    fc.assert(
      fc.property(historyArb(), cutsArb, keysArb, (shape, cuts, keys) => {
        const h = buildHistory(shape)
        const expected = expectedMembership(h)
        const states = [[Y.encodeStateAsUpdate(h.envelope)], split(h, cuts), [permuted(h, keys)]].map((updates) => {
          const r = receiver(h)
          deliverAll(r, updates, true)
          expect(membershipOf(r.room), story(h)).toEqual(expected)
          return summarize(r.room, r.envelope)
        })
        for (const state of states) expect(state, story(h)).toEqual(states[0])
      }),
      runs(150),
    )
  })

  it('[R4][R5][R6][R8][R10][R12] on the relay, an honest history sent step by step gives the model\'s membership', () => {
    fc.assert(
      fc.property(historyArb(), (shape) => {
        const h = buildHistory(shape)
        const r = receiver(h)
        deliverAll(r, h.steps.map((s) => s.update), false)
        expect(membershipOf(r.room), story(h)).toEqual(expectedMembership(h))
      }),
      runs(100),
    )
  })

  it('[R8][R10] a reload gives the state built update by update', () => {
    fc.assert(
      fc.property(historyArb(), cutsArb, (shape, cuts) => {
        const h = buildHistory(shape)
        const r = receiver(h)
        deliverAll(r, split(h, cuts), true)
        const reloaded = loadRoomState(h.planId, r.envelope)
        expect(summarize(reloaded), story(h)).toEqual(summarize(r.room, r.envelope))
        expect(membershipOf(reloaded)).toEqual(expectedMembership(h))
        // the reloaded state knows every live record, under the item that carries it, as the incremental one does
        for (const { blob, itemId } of liveBlobs(r.envelope)) {
          expect(reloaded.seen.get(tripleOf(blob))).toBe(itemId)
          expect(r.room.seen.get(tripleOf(blob))).toBe(itemId)
        }
        expect(summarize(loadRoomState(h.planId, h.envelope))).toEqual(summarize(reloaded))
      }),
      runs(100),
    )
  })

  it('[P1][P3] no forbidden content is applied, whatever the split, live or on reopen', () => {
    fc.assert(
      fc.property(historyArb(), cutsArb, (shape, cuts) => {
        const h = buildHistory(shape)
        const expected = h.model.expectedContent()
        expect(contentOf(h.plan)).toEqual(expected)
        for (const updates of [[Y.encodeStateAsUpdate(h.envelope)], split(h, cuts)]) {
          const r = receiver(h, true)
          deliverAll(r, updates, true)
          expect(contentOf(r.plan), story(h)).toEqual(expected)
          // a device opening the same log afresh
          const envelope = new Y.Doc()
          Y.applyUpdate(envelope, Y.encodeStateAsUpdate(r.envelope))
          const plan = openBridge(h, envelope, loadRoomState(h.planId, envelope))
          expect(contentOf(plan), story(h)).toEqual(expected)
        }
      }),
      runs(100),
    )
  })
})
