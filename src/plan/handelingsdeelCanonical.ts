/**
 * The handelingsdeel as canonical bytes, for the instemming (version 2) to hash and sign: the
 * tussendoelen (goals), the afspraken, the parts of the handelingsdeel (ondersteuning, begeleiding,
 * extra hulp, afwijkingen), the explanation of the afwijkingen, and the child's date of birth
 * (who must agree depends on it: from 18 the pupil, src/plan/instemming.ts). UTF-8 JSON, records
 * sorted by id, fields in a fixed order, every text in Unicode NFC: identical content gives
 * identical bytes on every device.
 *
 * An afspraak's date ("Uiterlijk op") is part of it only when set, so versions agreed to before
 * afspraken had a date keep their bytes (src/plan/actions.ts, SIGNED_WHEN_SET_FIELDS).
 *
 * Left out on purpose: a goal's status and evaluations and an afspraak's `done` (working on the
 * plan must not void the instemming to it), and bookkeeping (createdBy, createdAt, meetingId).
 *
 * handelingsdeelChanges names what differs between a version agreed to and now: which goal,
 * afspraak or part, added, removed or changed in which field.
 */
import type * as Y from 'yjs'
import { SIGNED_ACTION_FIELDS, canonicalActions, createActions, parseCanonicalActions, readSignedAction, signedAction, type SignedAction } from './actions'
import { createChild } from './child'
import { createGoals } from './goals'
import { createHandelingsdeel } from './handelingsdeel'
import { createPerspective } from './perspective'

/** Names the format inside the bytes, so a signature over one form can never match another. */
export const CANONICAL_HANDELINGSDEEL_FORMAT = 'samenplan.handelingsdeel.v1'

export const SIGNED_GOAL_FIELDS = ['id', 'title', 'description', 'domain', 'owner', 'targetDate'] as const
export const SIGNED_MEASURE_FIELDS = ['id', 'kind', 'area', 'text', 'goalId'] as const
export type SignedGoal = Record<(typeof SIGNED_GOAL_FIELDS)[number], string>
export type SignedMeasure = Record<(typeof SIGNED_MEASURE_FIELDS)[number], string>

export interface CanonicalHandelingsdeel {
  dateOfBirth: string
  goals: SignedGoal[]
  actions: SignedAction[]
  measures: SignedMeasure[]
  /** the explanation of the afwijkingen (perspective.afwijkingen) */
  afwijkingen: string
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function pick<F extends string>(record: Record<F, string>, fields: readonly F[]): Record<F, string> {
  const out = {} as Record<F, string>
  for (const f of fields) out[f] = record[f].normalize('NFC')
  return out
}

export function handelingsdeelOf(doc: Y.Doc): CanonicalHandelingsdeel {
  const actions = parseCanonicalActions(new TextDecoder().decode(canonicalActions(doc))) ?? []
  return {
    dateOfBirth: createChild(doc).get().dateOfBirth,
    goals: createGoals(doc)
      .list()
      .sort(byId)
      .map((g) => pick(g, SIGNED_GOAL_FIELDS)),
    actions,
    measures: createHandelingsdeel(doc)
      .list()
      .sort(byId)
      .map((m) => pick(m, SIGNED_MEASURE_FIELDS)),
    afwijkingen: createPerspective(doc).text('afwijkingen').toString().normalize('NFC'),
  }
}

/**
 * Whether there is anything to agree to: an afspraak, a goal, a part of the handelingsdeel or the
 * explanation of the afwijkingen. The instemming section and "Voor jou" ask by this one rule.
 */
export function handelingsdeelHasContent(doc: Y.Doc): boolean {
  return (
    createActions(doc).list().length > 0 ||
    createGoals(doc).list().length > 0 ||
    createHandelingsdeel(doc).list().length > 0 ||
    createPerspective(doc).text('afwijkingen').length > 0
  )
}

/** The bytes an instemming of version 2 hashes; key order fixed by this function, not by the doc. */
export function canonicalHandelingsdeel(doc: Y.Doc): Uint8Array {
  const h = handelingsdeelOf(doc)
  const ordered = {
    format: CANONICAL_HANDELINGSDEEL_FORMAT,
    dateOfBirth: h.dateOfBirth,
    goals: h.goals,
    actions: h.actions.map(signedAction),
    measures: h.measures,
    afwijkingen: h.afwijkingen,
  }
  return new TextEncoder().encode(JSON.stringify(ordered))
}

function rows<F extends string>(value: unknown, fields: readonly F[]): Record<F, string>[] | null {
  if (!Array.isArray(value)) return null
  const out: Record<F, string>[] = []
  for (const r of value) {
    if (typeof r !== 'object' || r === null) return null
    const row = {} as Record<F, string>
    for (const f of fields) {
      const v = (r as Record<string, unknown>)[f]
      if (typeof v !== 'string') return null
      row[f] = v
    }
    out.push(row)
  }
  return out
}

/** Reads canonical bytes (as text) back, to show an agreed version; null for anything not exactly this format. */
export function parseCanonicalHandelingsdeel(text: string): CanonicalHandelingsdeel | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const p = parsed as Record<string, unknown>
  if (p.format !== CANONICAL_HANDELINGSDEEL_FORMAT || typeof p.dateOfBirth !== 'string' || typeof p.afwijkingen !== 'string') return null
  const goals = rows(p.goals, SIGNED_GOAL_FIELDS)
  const actions = Array.isArray(p.actions) ? p.actions.map(readSignedAction) : null
  const measures = rows(p.measures, SIGNED_MEASURE_FIELDS)
  if (!goals || !actions || actions.some((a) => a === null) || !measures) return null
  return { dateOfBirth: p.dateOfBirth, goals, actions: actions as SignedAction[], measures, afwijkingen: p.afwijkingen }
}

export type HandelingsdeelPart = 'goal' | 'action' | 'measure'

export type HandelingsdeelChange =
  | {
      part: HandelingsdeelPart
      id: string
      /** the goal's title, the afspraak's what, the part's text: now, or as it was when removed */
      label: string
      kind: 'added' | 'removed' | 'changed'
      /** for 'changed': the fields that differ, before and after */
      fields: { field: string; before: string; after: string }[]
    }
  /** the explanation of the afwijkingen, or the child's date of birth, changed */
  | { part: 'afwijkingen' | 'dateOfBirth'; id: ''; label: ''; kind: 'changed'; fields: { field: string; before: string; after: string }[] }
  /** the instemming covered only the afspraken (version 1): goals and the handelingsdeel were not part of it */
  | { part: 'scope'; id: ''; label: ''; kind: 'changed'; fields: [] }

/** A field absent from a record (an afspraak's date, signed only when set) compares as ''. */
function recordChanges<R extends { id: string }>(
  part: HandelingsdeelPart,
  before: readonly R[],
  after: readonly R[],
  fields: readonly (keyof R & string)[],
  label: (r: R) => string,
): HandelingsdeelChange[] {
  const old = new Map(before.map((r) => [r.id, r]))
  const now = new Set(after.map((r) => r.id))
  const out: HandelingsdeelChange[] = []
  for (const a of after) {
    const b = old.get(a.id)
    if (!b) {
      out.push({ part, id: a.id, label: label(a), kind: 'added', fields: [] })
      continue
    }
    const text = (r: R, f: keyof R & string) => String(r[f] ?? '')
    const differ = fields.filter((f) => f !== 'id' && text(a, f) !== text(b, f)).map((field) => ({ field, before: text(b, field), after: text(a, field) }))
    if (differ.length > 0) out.push({ part, id: a.id, label: label(a), kind: 'changed', fields: differ })
  }
  for (const b of before) if (!now.has(b.id)) out.push({ part, id: b.id, label: label(b), kind: 'removed', fields: [] })
  return out
}

/** What differs between an agreed version and now: goals, then afspraken, then the parts, then the texts. */
export function handelingsdeelChanges(before: CanonicalHandelingsdeel, after: CanonicalHandelingsdeel): HandelingsdeelChange[] {
  const out: HandelingsdeelChange[] = [
    ...recordChanges('goal', before.goals, after.goals, SIGNED_GOAL_FIELDS, (g) => g.title),
    ...recordChanges('action', before.actions, after.actions, SIGNED_ACTION_FIELDS, (a) => a.what),
    ...recordChanges('measure', before.measures, after.measures, SIGNED_MEASURE_FIELDS, (m) => m.text),
  ]
  if (before.afwijkingen !== after.afwijkingen)
    out.push({
      part: 'afwijkingen',
      id: '',
      label: '',
      kind: 'changed',
      fields: [{ field: 'afwijkingen', before: before.afwijkingen, after: after.afwijkingen }],
    })
  if (before.dateOfBirth !== after.dateOfBirth)
    out.push({
      part: 'dateOfBirth',
      id: '',
      label: '',
      kind: 'changed',
      fields: [{ field: 'dateOfBirth', before: before.dateOfBirth, after: after.dateOfBirth }],
    })
  return out
}

/**
 * What differs since a version-1 instemming (the afspraken only): the afspraken compared as above,
 * and one line that the goals and the rest of the handelingsdeel were not part of that instemming.
 */
export function changesSinceActionsOnly(agreed: readonly SignedAction[], now: CanonicalHandelingsdeel): HandelingsdeelChange[] {
  return [
    { part: 'scope', id: '', label: '', kind: 'changed', fields: [] },
    ...recordChanges('action', agreed, now.actions, SIGNED_ACTION_FIELDS, (a) => a.what),
  ]
}
