import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PLAN_SCHEMA_VERSION,
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createMeta,
  createObservations,
  createSocialMap,
  createTeam,
  createVoices,
  initPlan,
  migratePlan,
  schemaVersion,
  searchPlan,
} from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

/** A plan as schema 1 wrote it (initPlan, team.add and voices of that version), field by field. */
function v1Plan(): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    const meta = doc.getMap('meta')
    meta.set('createdBy', ALICE)
    meta.set('createdAt', 1000)
    doc.getMap('child').set('name', 'Sam')
    const member = (id: string, memberKey: string, name: string, role: string, organisation: string) => {
      const m = new Y.Map<unknown>()
      for (const [k, v] of Object.entries({ id, memberKey, name, role, organisation, createdBy: ALICE, createdAt: 1000 })) m.set(k, v)
      return m
    }
    doc
      .getArray('team')
      .push([
        member('1'.repeat(32), ALICE, 'Alice', 'admin', ''),
        member('2'.repeat(32), BOB, 'Bob', 'editor', 'OBS De Linde'),
        member('3'.repeat(32), '', 'Juf Anja', 'reader', 'OBS De Linde'),
      ])
    doc.getText('voices.kind.vraag').insert(0, 'Mag ik meer pauzes?')
    meta.set('schemaVersion', 1)
  })
  return doc
}

describe('plan schema 1 → 2', () => {
  it('the current version is 2, and a new plan starts there', () => {
    expect(PLAN_SCHEMA_VERSION).toBe(2)
    const doc = new Y.Doc()
    initPlan(doc, { childName: 'Sam', createdBy: ALICE })
    expect(schemaVersion(doc)).toBe(2)
  })

  it('migrates a schema 1 plan, writing only the version, and every section reads', () => {
    const doc = v1Plan()
    const before = doc.toJSON()
    expect(migratePlan(doc)).toEqual({ kind: 'migrated', from: 1, to: 2 })
    expect(schemaVersion(doc)).toBe(2)
    expect(doc.toJSON()).toEqual({ ...before, meta: { ...(before.meta as object), schemaVersion: 2 } })

    expect(createChild(doc).get().name).toBe('Sam')
    expect(
      createTeam(doc)
        .list()
        .map((m) => [m.name, m.role, m.callFor, m.reach]),
    ).toEqual([
      ['Alice', 'admin', '', ''],
      ['Bob', 'editor', '', ''],
      ['Juf Anja', 'reader', '', ''],
    ])
    expect(createVoices(doc).snapshot().kind.vraag).toBe('Mag ik meer pauzes?')
    expect(createMeta(doc).get()).toMatchObject({
      status: 'concept',
      supportLevel: 'basisondersteuning',
      careLevel: 'geen',
      casusregisseur: '',
      nextEvaluation: '',
      createdBy: ALICE,
      createdAt: 1000,
    })
    expect(createSocialMap(doc).list()).toEqual([])
    expect(createFactors(doc).list()).toEqual([])
    expect(createGoals(doc).list()).toEqual([])
    expect(createMeetings(doc).list()).toEqual([])
    expect(searchPlan(doc, 'pauzes')).toHaveLength(1)
  })

  it('is idempotent: a second run writes nothing', () => {
    const doc = v1Plan()
    migratePlan(doc)
    let updates = 0
    doc.on('update', () => updates++)
    expect(migratePlan(doc)).toEqual({ kind: 'current', version: 2 })
    initPlan(doc, { childName: 'Other', createdBy: ALICE })
    expect(updates).toBe(0)
  })

  it('a migrated plan takes the new sections', () => {
    const doc = v1Plan()
    migratePlan(doc)
    const goal = createGoals(doc).add({ title: 'Pauzes plannen', domain: 'werkhouding', owner: BOB }, ALICE)
    createActions(doc).add({ what: 'Pauzekaart', goalId: goal, fundedBy: 'onderwijs' }, ALICE)
    createObservations(doc).add({ date: '2025-01-10', text: 'Kaart gebruikt', context: 'school', goalIds: [goal] }, BOB)
    createTeam(doc).update('2'.repeat(32), { callFor: 'rooster', reach: 'na 15:00' })
    expect(createObservations(doc).forGoal(goal)).toHaveLength(1)
    expect(createTeam(doc).findByKey(BOB)).toMatchObject({ callFor: 'rooster', reach: 'na 15:00' })
  })

  it('two devices migrating the same plan offline converge, and a status set meanwhile is never overwritten', () => {
    const a = v1Plan()
    const b = new Y.Doc()
    sync(a, b)
    migratePlan(a)
    createMeta(a).set({ status: 'vastgesteld' }) // a is already on 2 and sets the real status
    expect(migratePlan(b)).toEqual({ kind: 'migrated', from: 1, to: 2 }) // b migrates offline, later
    sync(a, b)
    const view = (d: Y.Doc) => ({
      meta: d.getMap('meta').toJSON(),
      child: d.getMap('child').toJSON(),
      team: d.getArray('team').toJSON(),
      vraag: d.getText('voices.kind.vraag').toString(),
    })
    expect(view(a)).toEqual(view(b))
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b))
    expect(schemaVersion(b)).toBe(2)
    expect(createMeta(b).get().status).toBe('vastgesteld')
    expect(createTeam(b).list()).toHaveLength(3)
    expect(migratePlan(b)).toEqual({ kind: 'current', version: 2 })
  })

  it('a plan from a newer schema is read safely and left alone', () => {
    const doc = v1Plan()
    doc.getMap('meta').set('schemaVersion', 3)
    doc.getMap('meta').set('status', 'gearchiveerd')
    expect(migratePlan(doc)).toEqual({ kind: 'newer', version: 3 })
    expect(createMeta(doc).get().status).toBe('concept')
  })
})
