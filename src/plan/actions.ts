/**
 * Afspraken (handelingsdeel): what is done, by whom, when or how often, for which goal, and who
 * pays (onderwijs, Jeugdwet or both). The parents' instemming covers this part; canonicalActions
 * gives the exact bytes a signature over it covers.
 *
 * `who` is free text ("ouders", "IB'er"); `whoKey` links the afspraak to a member, so a parent's
 * phone can show "your afspraken". `when` says in words when or how often; `dueDate` is the day it
 * is due at the latest ("Uiterlijk op"), which the reminders use. Short fields, last writer wins
 * per field.
 */
import * as Y from 'yjs'
import { PlanError } from './errors'
import { checkBoolean, checkDate, checkMemberKey, checkOneOf, checkText, isIsoDate, readBoolean, readDate, readNumber, readOneOf, readString } from './fields'
import { LINE_MAX, SHORT_TEXT_MAX } from './limits'
import { GOALS } from './goals'
import { createRecordStore } from './records'

export const ACTIONS = 'actions'

export const FUNDERS = ['onderwijs', 'Jeugdwet', 'gezamenlijk'] as const
export type Funder = (typeof FUNDERS)[number]

export interface Action {
  id: string
  what: string
  /** who does it, in words */
  who: string
  /** member key of who does it, or '' */
  whoKey: string
  /** when or how often: "elke maandag", "tot de herfstvakantie" */
  when: string
  /** done at the latest on this day ("Uiterlijk op", yyyy-mm-dd), or '' */
  dueDate: string
  /** the goal it serves, or '' */
  goalId: string
  /** '' until agreed */
  fundedBy: Funder | ''
  done: boolean
  /** the meeting it was agreed in, or '' */
  meetingId: string
  createdBy: string
  createdAt: number
}

type ActionFields = Omit<Action, 'id' | 'createdBy' | 'createdAt'>
export type NewAction = Pick<ActionFields, 'what'> & Partial<ActionFields>
export type ActionPatch = Partial<Omit<ActionFields, 'meetingId'>>

function read(map: Y.Map<unknown>): Action {
  return {
    id: readString(map, 'id'),
    what: readString(map, 'what'),
    who: readString(map, 'who'),
    whoKey: readString(map, 'whoKey'),
    when: readString(map, 'when'),
    dueDate: readDate(map, 'dueDate'),
    goalId: readString(map, 'goalId'),
    // a funder this client does not know reads as "not yet agreed", never as a wrong one
    fundedBy: readOneOf<Funder | ''>(map, 'fundedBy', FUNDERS, ''),
    done: readBoolean(map, 'done'),
    meetingId: readString(map, 'meetingId'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function goalExists(doc: Y.Doc, goalId: string): boolean {
  return doc
    .getArray<unknown>(GOALS)
    .toArray()
    .some((g) => g instanceof Y.Map && g.get('id') === goalId)
}

/** A link to a goal must name one that exists (when written; it may be removed later). */
export function checkGoalLink(doc: Y.Doc, field: string, goalId: unknown): string {
  if (goalId === '') return ''
  if (typeof goalId !== 'string' || !goalExists(doc, goalId)) throw new PlanError('not-found', field, `${field}: no goal ${String(goalId)}`)
  return goalId
}

function check(doc: Y.Doc, p: NewAction | ActionPatch, isNew: boolean): Partial<ActionFields> {
  const out: Partial<ActionFields> = {}
  if (isNew || p.what !== undefined) out.what = checkText('what', p.what, { required: true, max: LINE_MAX })
  if (isNew || p.who !== undefined) out.who = checkText('who', p.who ?? '', { max: SHORT_TEXT_MAX })
  if (isNew || p.whoKey !== undefined) out.whoKey = checkMemberKey('whoKey', p.whoKey ?? '')
  if (isNew || p.when !== undefined) out.when = checkText('when', p.when ?? '', { max: SHORT_TEXT_MAX })
  if (isNew || p.dueDate !== undefined) out.dueDate = checkDate('dueDate', p.dueDate ?? '', { optional: true })
  if (isNew || p.goalId !== undefined) out.goalId = checkGoalLink(doc, 'goalId', p.goalId ?? '')
  if (isNew || p.fundedBy !== undefined) out.fundedBy = p.fundedBy === '' || p.fundedBy === undefined ? '' : checkOneOf('fundedBy', p.fundedBy, FUNDERS)
  if (isNew || p.done !== undefined) out.done = checkBoolean('done', p.done ?? false)
  return out
}

export interface ActionsAccessor {
  list(): Action[]
  get(id: string): Action | null
  forGoal(goalId: string): Action[]
  /** the afspraken a member does */
  forMember(memberKey: string): Action[]
  add(action: NewAction, createdBy: string, now?: number): string
  update(id: string, patch: ActionPatch): void
  setDone(id: string, done: boolean): void
  remove(id: string): void
  observe(listener: (actions: Action[]) => void): () => void
}

export function createActions(doc: Y.Doc): ActionsAccessor {
  const store = createRecordStore(doc, ACTIONS, 'afspraak', read)
  return {
    list: store.list,
    get: store.get,
    forGoal: (goalId) => store.list().filter((a) => goalId !== '' && a.goalId === goalId),
    forMember: (memberKey) => store.list().filter((a) => memberKey !== '' && a.whoKey === memberKey),
    add(action, createdBy, now = Date.now()) {
      const fields = check(doc, action, true)
      fields.meetingId = action.meetingId ?? ''
      return store.insert(fields, createdBy, now)
    },
    update: (id, patch) => store.patch(id, check(doc, patch, false)),
    setDone: (id, done) => store.patch(id, { done: checkBoolean('done', done) }),
    remove: (id) => void store.remove(id),
    observe: (listener) => store.observe(listener),
  }
}

/** Names the format inside the bytes, so a signature over one version can never match another. */
export const CANONICAL_ACTIONS_FORMAT = 'samenplan.actions.v1'

/** The fields an instemming covers, in the order they are written. */
export const SIGNED_FIELDS = ['id', 'what', 'who', 'whoKey', 'when', 'goalId', 'fundedBy'] as const satisfies readonly (keyof Action)[]

/**
 * Signed only when set, after SIGNED_FIELDS: an afspraak without a date has exactly the bytes it
 * had before afspraken could carry one, so every instemming given before still verifies.
 */
export const SIGNED_WHEN_SET_FIELDS = ['dueDate'] as const satisfies readonly (keyof Action)[]

export type SignedAction = Record<(typeof SIGNED_FIELDS)[number], string> & Partial<Record<(typeof SIGNED_WHEN_SET_FIELDS)[number], string>>

/** Every field a change to a signed afspraak can name, in the order they are shown. */
export const SIGNED_ACTION_FIELDS = [...SIGNED_FIELDS, ...SIGNED_WHEN_SET_FIELDS] as const
export type SignedActionField = (typeof SIGNED_ACTION_FIELDS)[number]

/** The signed fields of one afspraak in canonical order, every text in Unicode NFC. */
export function signedAction(a: SignedAction): SignedAction {
  const out = {} as SignedAction
  for (const f of SIGNED_FIELDS) out[f] = a[f].normalize('NFC')
  for (const f of SIGNED_WHEN_SET_FIELDS) if (a[f]) out[f] = a[f].normalize('NFC')
  return out
}

/**
 * One afspraak as canonical bytes hold it, or null: every field of SIGNED_FIELDS a string, a
 * field signed when set either absent or a real date (never '', which canonical bytes never hold).
 */
export function readSignedAction(value: unknown): SignedAction | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const row = {} as SignedAction
  for (const f of SIGNED_FIELDS) {
    if (typeof v[f] !== 'string') return null
    row[f] = v[f]
  }
  for (const f of SIGNED_WHEN_SET_FIELDS) {
    if (!(f in v)) continue
    if (!isIsoDate(v[f])) return null
    row[f] = v[f]
  }
  return row
}

/**
 * The action part as canonical bytes, for the parents' instemming to sign (or hash, then sign):
 * UTF-8 JSON of `{"format":…, "actions":[…]}`, afspraken sorted by id, each with SIGNED_FIELDS in
 * that order and then SIGNED_WHEN_SET_FIELDS that are set, every text in Unicode NFC. Independent
 * of array order, map key order and which device wrote what, so identical content gives identical
 * bytes everywhere.
 *
 * Left out on purpose: `done` (ticking an afspraak off must not void the consent to it),
 * `meetingId`, `createdBy` and `createdAt` (bookkeeping, not what was agreed).
 */
export function canonicalActions(doc: Y.Doc): Uint8Array {
  const actions = createActions(doc)
    .list()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(signedAction)
  return new TextEncoder().encode(JSON.stringify({ format: CANONICAL_ACTIONS_FORMAT, actions }))
}

/**
 * Reads canonical bytes (as text) back into afspraken, for showing an agreed version; null for
 * anything that is not exactly this format. The caller checks the hash first.
 */
export function parseCanonicalActions(text: string): SignedAction[] | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const { format, actions } = parsed as { format?: unknown; actions?: unknown }
  if (format !== CANONICAL_ACTIONS_FORMAT || !Array.isArray(actions)) return null
  const out: SignedAction[] = []
  for (const a of actions) {
    const row = readSignedAction(a)
    if (!row) return null
    out.push(row)
  }
  return out
}

export interface ActionChange {
  id: string
  /** the afspraak's text now (or, when removed, as it was) */
  what: string
  kind: 'added' | 'removed' | 'changed'
  /** for 'changed': the fields that differ, with before and after */
  fields: { field: Exclude<SignedActionField, 'id'>; before: string; after: string }[]
}

/** What differs between an agreed version and now, afspraak by afspraak, in the order of now (removed last). */
export function actionChanges(before: readonly SignedAction[], after: readonly SignedAction[]): ActionChange[] {
  const old = new Map(before.map((a) => [a.id, a]))
  const now = new Set(after.map((a) => a.id))
  const out: ActionChange[] = []
  for (const a of after) {
    const b = old.get(a.id)
    if (!b) {
      out.push({ id: a.id, what: a.what, kind: 'added', fields: [] })
      continue
    }
    const fields = SIGNED_ACTION_FIELDS.filter((f): f is Exclude<typeof f, 'id'> => f !== 'id' && (a[f] ?? '') !== (b[f] ?? '')).map((field) => ({
      field,
      before: b[field] ?? '',
      after: a[field] ?? '',
    }))
    if (fields.length > 0) out.push({ id: a.id, what: a.what, kind: 'changed', fields })
  }
  for (const b of before) if (!now.has(b.id)) out.push({ id: b.id, what: b.what, kind: 'removed', fields: [] })
  return out
}
