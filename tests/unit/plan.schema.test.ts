import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PLAN_SCHEMA_VERSION, createChild, createTeam, initPlan, migratePlan, schemaVersion } from '../../src/plan'

const ALICE = 'a'.repeat(64)

describe('plan schema', () => {
  it('initPlan sets version, creator, child name and the creator in the team', () => {
    const doc = new Y.Doc()
    initPlan(doc, { childName: ' Sam ', createdBy: ALICE, creatorName: 'Alice', now: 1000 })
    expect(schemaVersion(doc)).toBe(PLAN_SCHEMA_VERSION)
    expect(createChild(doc).get().name).toBe('Sam')
    const team = createTeam(doc).list()
    expect(team).toHaveLength(1)
    expect(team[0]).toMatchObject({ memberKey: ALICE, name: 'Alice', role: 'admin', createdBy: ALICE, createdAt: 1000 })
  })

  it('initPlan is idempotent and keeps a name already set (by the access layer)', () => {
    const doc = new Y.Doc()
    doc.getMap('child').set('name', 'Noor')
    initPlan(doc, { childName: 'Other', createdBy: ALICE, creatorName: 'Alice' })
    initPlan(doc, { childName: 'Other', createdBy: ALICE, creatorName: 'Alice' })
    expect(createChild(doc).get().name).toBe('Noor')
    expect(createTeam(doc).list()).toHaveLength(1)
  })

  it('migratePlan brings a pre-schema plan to the current version', () => {
    const doc = new Y.Doc()
    expect(schemaVersion(doc)).toBe(0)
    expect(migratePlan(doc)).toEqual({ kind: 'migrated', from: 0, to: PLAN_SCHEMA_VERSION })
    expect(schemaVersion(doc)).toBe(PLAN_SCHEMA_VERSION)
  })

  it('migratePlan writes nothing on a current plan (readers may call it)', () => {
    const doc = new Y.Doc()
    initPlan(doc, { childName: 'Sam', createdBy: ALICE })
    let updates = 0
    doc.on('update', () => updates++)
    expect(migratePlan(doc)).toEqual({ kind: 'current', version: PLAN_SCHEMA_VERSION })
    expect(updates).toBe(0)
  })

  it('migratePlan reports a plan from a newer app and leaves it alone', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('schemaVersion', PLAN_SCHEMA_VERSION + 5)
    let updates = 0
    doc.on('update', () => updates++)
    expect(migratePlan(doc)).toEqual({ kind: 'newer', version: PLAN_SCHEMA_VERSION + 5 })
    expect(updates).toBe(0)
  })
})
