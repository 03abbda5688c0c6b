/**
 * Plan meta: the schema version and who created the plan. The version lets a newer app migrate an
 * older plan, and lets an older app notice a plan written by a newer one (and then not write).
 */
import type * as Y from 'yjs'
import { createChild } from './child'
import { createTeam } from './team'

/** Bump when the plan doc's shape changes, and add a step to MIGRATIONS. */
export const PLAN_SCHEMA_VERSION = 2

export const META = 'meta'

export interface PlanInit {
  childName: string
  /** member key (hex) of the creator */
  createdBy: string
  /** the creator's name, put in the team list */
  creatorName?: string
  now?: number
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META)
}

/** 0 means: never initialised (or written by a pre-schema client). */
export function schemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion')
  return typeof v === 'number' ? v : 0
}

/**
 * Fills a new plan: meta, the child's name, the creator in the team. Idempotent: fields already
 * present are kept, and the creator is not added twice, so calling it on an existing plan is harmless.
 */
export function initPlan(doc: Y.Doc, init: PlanInit): void {
  const now = init.now ?? Date.now()
  doc.transact(() => {
    const meta = metaMap(doc)
    if (!meta.has('createdBy')) meta.set('createdBy', init.createdBy)
    if (!meta.has('createdAt')) meta.set('createdAt', now)
    const child = createChild(doc)
    if (!child.get().name) child.set({ name: init.childName.trim() })
    const team = createTeam(doc)
    if (!team.findByKey(init.createdBy)) {
      team.add({ memberKey: init.createdBy, name: init.creatorName ?? '', role: 'admin', organisation: '' }, init.createdBy, now)
    }
    migrateSteps(doc)
  })
}

export type MigrationResult =
  | { kind: 'current'; version: number }
  | { kind: 'migrated'; from: number; to: number }
  /** written by a newer app: read it, but do not write until the app is updated */
  | { kind: 'newer'; version: number }

type Migration = (doc: Y.Doc) => void

/**
 * MIGRATIONS[n] brings a plan from version n to n + 1. Steps must be idempotent and must never
 * create a nested shared type that another device might create concurrently (two devices
 * migrating at once would each make their own, and one would be lost): collaborative texts are
 * root-level types for this reason (see voices.ts).
 */
const MIGRATIONS: Migration[] = [
  // 0 → 1: first schema. Root types (voices, team) need no creation; only the version is recorded.
  () => {},
  // 1 → 2: every section of DESIGN §6 (planstatus, sociale kaart, factors, needs, OPP, goals,
  // afspraken, route, observations, meetings) and "bel mij voor…"/reach on team members. All new
  // sections are root types and every new field reads as its default when absent, so a version 1
  // plan is already a valid version 2 plan: nothing is written but the version. Deliberately no
  // defaults are written (status 'concept', …): a device migrating offline would race a device
  // that already set the real value, and could win. The version still matters: a version 1 app
  // now sees 'newer' and stops writing into a plan whose new sections it does not know.
  () => {},
]

function migrateSteps(doc: Y.Doc): MigrationResult {
  const from = schemaVersion(doc)
  if (from > PLAN_SCHEMA_VERSION) return { kind: 'newer', version: from }
  if (from === PLAN_SCHEMA_VERSION) return { kind: 'current', version: from }
  for (let v = from; v < PLAN_SCHEMA_VERSION; v++) MIGRATIONS[v]?.(doc)
  metaMap(doc).set('schemaVersion', PLAN_SCHEMA_VERSION)
  return { kind: 'migrated', from, to: PLAN_SCHEMA_VERSION }
}

/**
 * Brings an opened plan up to this app's schema. Writes nothing when the plan is current, so a
 * reader (who may not write) can call it safely; call it only when the role may write otherwise.
 */
export function migratePlan(doc: Y.Doc): MigrationResult {
  const from = schemaVersion(doc)
  if (from >= PLAN_SCHEMA_VERSION) return migrateSteps(doc)
  let result: MigrationResult = { kind: 'current', version: from }
  doc.transact(() => {
    result = migrateSteps(doc)
  })
  return result
}
