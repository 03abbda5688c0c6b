/**
 * P7: the plan-state code is taken at the newest complete snapshot, carried in presence, and a
 * present device showing another code at the same point is named.
 */
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { beforeAll, describe, expect, it } from 'vitest'
import { PlanStateWatch } from '../../src/access/session/planState'
import { planStateCode } from '../../src/access/planStateCode'
import { loadSodium } from '../../src/crypto'
import { decodeBlob } from '../../src/sync/blob'
import { planStatePoint } from '../../src/sync/planStatePoint'
import { createWriter, sealRecord } from '../../src/sync/records'
import { tripleOf } from '../../src/sync/roomState'
import { createFixture } from './sync/fixtures'

beforeAll(async () => {
  await loadSodium()
})

function snapshotOf(f: ReturnType<typeof createFixture>, seq: number): Uint8Array {
  const covers = [{ author: f.admin.identity.publicKey, session: f.admin.session, seq }]
  return sealRecord(createWriter(f.admin.identity), f.planId, 0, f.key, { kind: 'snapshot', part: 0, parts: 1, covers }, new Uint8Array([0]))
}

describe('the plan-state code (P7)', () => {
  it('[P7] is taken at the snapshot that covers the most, and is 12 digits; none before the first snapshot', () => {
    const f = createFixture()
    expect(planStatePoint(f.room)).toBeNull()
    expect(planStateCode(null)).toBeNull()
    const first = snapshotOf(f, 1)
    const second = snapshotOf(f, 2)
    expect(f.apply(f.updateWith([second, first])).ok).toBe(true)
    const point = planStatePoint(f.room)!
    expect(point.at).toBe(tripleOf(decodeBlob(second)))
    expect(planStateCode(point)).toMatch(/^\d{4} \d{4} \d{4}$/)
  })

  it('[P7] rides in presence; a present device with another code at the same point is named, and cleared when it agrees', () => {
    const f = createFixture()
    expect(f.apply(f.updateWith([snapshotOf(f, 2)])).ok).toBe(true)
    const awareness = new Awareness(new Y.Doc())
    awareness.setLocalState({ user: { name: 'Anna' } })
    let changes = 0
    const watch = new PlanStateWatch(f.room, awareness, () => changes++)
    const mine = watch.current().code!
    expect((awareness.getLocalState() as { planState: { code: string } }).planState.code).toBe(mine)
    const at = planStatePoint(f.room)!.at
    const other = 4242
    awareness.states.set(other, { memberKey: 'b'.repeat(64), planState: { at, code: '0000 0000 0000' } })
    awareness.emit('change', [{ added: [other], updated: [], removed: [] }, 'remote'])
    expect(watch.current().differs.map((d) => d.memberKey)).toEqual(['b'.repeat(64)])
    expect(changes).toBe(1)
    // another point says nothing (a matter of sync); the same code clears it
    awareness.states.set(other, { memberKey: 'b'.repeat(64), planState: { at: 'elders', code: '0000 0000 0000' } })
    awareness.emit('change', [{ added: [], updated: [other], removed: [] }, 'remote'])
    expect(watch.current().differs).toHaveLength(1)
    awareness.states.set(other, { memberKey: 'b'.repeat(64), planState: { at, code: mine } })
    awareness.emit('change', [{ added: [], updated: [other], removed: [] }, 'remote'])
    expect(watch.current().differs).toEqual([])
    // the plan view replacing the local state keeps the code in it
    awareness.setLocalState({ user: { name: 'Anna', color: '#000' } })
    expect((awareness.getLocalState() as { planState?: { code: string } }).planState?.code).toBe(mine)
    watch.destroy()
  })
})
