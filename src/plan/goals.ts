/**
 * Doelen: SMART goals with a domain, an owner (member key), a target date, a status and the
 * evaluations made of them over time.
 *
 * Title and description are collaborative texts at the root, named `goals.<id>.title` and
 * `goals.<id>.description` (like voices). Evaluations are a Y.Array nested in the goal's map: it
 * is created together with the goal, on one device, so no two devices can create it concurrently.
 * Removing a goal empties its texts (root types cannot be deleted); afspraken and observations
 * that linked to it keep the id, and readers treat an unknown goal id as "removed".
 */
import * as Y from 'yjs'
import { checkDate, checkMemberKey, checkOneOf, checkText, readDate, readNumber, readOneOf, readString } from './fields'
import { LONG_TEXT_MAX, TITLE_MAX, clipText } from './limits'
import { clearText, createRecordStore } from './records'
import { randomId } from './ids'
import { PlanError } from './errors'

export const GOALS = 'goals'

/** Ontwikkelingsgebieden a goal is about; 'overig' for anything else. */
export const GOAL_DOMAINS = [
  'leren',
  'sociaal-emotioneel',
  'werkhouding',
  'communicatie',
  'motoriek',
  'zelfredzaamheid',
  'thuis',
  'vrije tijd',
  'overig',
] as const
export type GoalDomain = (typeof GOAL_DOMAINS)[number]

export const GOAL_STATUSES = ['open', 'behaald', 'deels', 'niet behaald', 'gestopt'] as const
export type GoalStatus = (typeof GOAL_STATUSES)[number]

export const EVALUATION_RESULTS = ['behaald', 'deels', 'niet'] as const
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number]

/** What the evaluation decides: continue, adjust the goal, step the help down, or step it up. */
export const EVALUATION_DECISIONS = ['doorgaan', 'bijstellen', 'afschalen', 'opschalen'] as const
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number]

export const GOAL_TEXTS = ['title', 'description'] as const
export type GoalText = (typeof GOAL_TEXTS)[number]

export function goalTextName(goalId: string, field: GoalText): string {
  return `goals.${goalId}.${field}`
}

export interface Evaluation {
  id: string
  /** yyyy-mm-dd */
  date: string
  result: EvaluationResult
  /** what was seen: the evidence for the result */
  seen: string
  decision: EvaluationDecision
  /** the meeting it was made in, or '' */
  meetingId: string
  /** who evaluated (member key) */
  createdBy: string
  createdAt: number
}

export interface Goal {
  id: string
  title: string
  description: string
  domain: GoalDomain
  /** member key of the owner, or '' */
  owner: string
  /** yyyy-mm-dd or '' */
  targetDate: string
  status: GoalStatus
  /** oldest first */
  evaluations: Evaluation[]
  /** the meeting it came from, or '' */
  meetingId: string
  createdBy: string
  createdAt: number
}

export interface NewGoal {
  title: string
  description?: string
  domain: GoalDomain
  owner?: string
  targetDate?: string
  status?: GoalStatus
  meetingId?: string
}
export type GoalPatch = Partial<Pick<Goal, 'domain' | 'owner' | 'targetDate' | 'status'>>
export type NewEvaluation = Pick<Evaluation, 'date' | 'result' | 'decision'> & Partial<Pick<Evaluation, 'seen' | 'meetingId'>>

function readEvaluation(map: Y.Map<unknown>): Evaluation | null {
  const id = map.get('id')
  if (typeof id !== 'string') return null
  return {
    id,
    date: readDate(map, 'date'),
    result: readOneOf(map, 'result', EVALUATION_RESULTS, 'deels'),
    seen: readString(map, 'seen'),
    decision: readOneOf(map, 'decision', EVALUATION_DECISIONS, 'doorgaan'),
    meetingId: readString(map, 'meetingId'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

function check(p: GoalPatch, isNew: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (isNew || p.domain !== undefined) out.domain = checkOneOf('domain', p.domain, GOAL_DOMAINS)
  if (isNew || p.owner !== undefined) out.owner = checkMemberKey('owner', p.owner ?? '')
  if (isNew || p.targetDate !== undefined) out.targetDate = checkDate('targetDate', p.targetDate ?? '', { optional: true })
  if (isNew || p.status !== undefined) out.status = checkOneOf('status', p.status ?? 'open', GOAL_STATUSES)
  return out
}

export interface GoalsAccessor {
  list(): Goal[]
  get(id: string): Goal | null
  /** goals still open: the ones a meeting evaluates */
  open(): Goal[]
  add(goal: NewGoal, createdBy: string, now?: number): string
  update(id: string, patch: GoalPatch): void
  remove(id: string): void
  /** the goal's collaborative title or description, for an editor binding */
  text(id: string, field: GoalText): Y.Text
  addEvaluation(goalId: string, evaluation: NewEvaluation, by: string, now?: number): string
  removeEvaluation(goalId: string, evaluationId: string): void
  /** fires on any change to a goal, its evaluations, or its title or description */
  observe(listener: (goals: Goal[]) => void): () => void
}

export function createGoals(doc: Y.Doc): GoalsAccessor {
  const read = (map: Y.Map<unknown>): Goal | null => {
    const id = map.get('id')
    if (typeof id !== 'string') return null
    const evals = map.get('evaluations')
    return {
      id,
      // a title typed by an older client may be any length: what is read is cut to the limit
      title: clipText(doc.getText(goalTextName(id, 'title')).toString(), TITLE_MAX),
      description: doc.getText(goalTextName(id, 'description')).toString(),
      domain: readOneOf(map, 'domain', GOAL_DOMAINS, 'overig'),
      owner: readString(map, 'owner'),
      targetDate: readDate(map, 'targetDate'),
      status: readOneOf(map, 'status', GOAL_STATUSES, 'open'),
      evaluations:
        evals instanceof Y.Array
          ? evals
              .toArray()
              .filter((e): e is Y.Map<unknown> => e instanceof Y.Map)
              .map(readEvaluation)
              .filter((e): e is Evaluation => e !== null)
          : [],
      meetingId: readString(map, 'meetingId'),
      createdBy: readString(map, 'createdBy'),
      createdAt: readNumber(map, 'createdAt'),
    }
  }
  const store = createRecordStore(doc, GOALS, 'goal', read)
  const text = (id: string, field: GoalText): Y.Text => {
    if (!GOAL_TEXTS.includes(field)) throw new PlanError('invalid-value', 'field', `unknown goal text ${String(field)}`)
    store.require(id)
    return doc.getText(goalTextName(id, field))
  }
  return {
    list: store.list,
    get: store.get,
    open: () => store.list().filter((g) => g.status === 'open'),
    add(goal, createdBy, now = Date.now()) {
      const title = checkText('title', goal.title, { required: true, max: TITLE_MAX })
      const description = checkText('description', goal.description ?? '', { max: LONG_TEXT_MAX })
      const fields = check(goal, true)
      fields.meetingId = goal.meetingId ?? ''
      let id = ''
      doc.transact(() => {
        id = store.insert(fields, createdBy, now, { evaluations: new Y.Array<Y.Map<unknown>>() })
        doc.getText(goalTextName(id, 'title')).insert(0, title)
        if (description) doc.getText(goalTextName(id, 'description')).insert(0, description)
      })
      return id
    },
    update: (id, patch) => store.patch(id, check(patch, false)),
    remove(id) {
      doc.transact(() => {
        if (!store.remove(id)) return
        for (const f of GOAL_TEXTS) clearText(doc.getText(goalTextName(id, f)))
      })
    },
    text,
    addEvaluation(goalId, evaluation, by, now = Date.now()) {
      const goal = store.require(goalId)
      const map = new Y.Map<unknown>()
      const id = randomId()
      const fields = {
        id,
        date: checkDate('date', evaluation.date),
        result: checkOneOf('result', evaluation.result, EVALUATION_RESULTS),
        seen: checkText('seen', evaluation.seen ?? '', { max: LONG_TEXT_MAX }),
        decision: checkOneOf('decision', evaluation.decision, EVALUATION_DECISIONS),
        meetingId: evaluation.meetingId ?? '',
        createdBy: by,
        createdAt: now,
      }
      for (const [k, v] of Object.entries(fields)) map.set(k, v)
      doc.transact(() => {
        let evals = goal.get('evaluations')
        if (!(evals instanceof Y.Array)) {
          // only a goal written by some other client lacks the list; creating it here is the
          // one place two devices could race, and a goal from this code never reaches it
          evals = new Y.Array<Y.Map<unknown>>()
          goal.set('evaluations', evals)
        }
        ;(evals as Y.Array<Y.Map<unknown>>).push([map])
      })
      return id
    },
    removeEvaluation(goalId, evaluationId) {
      const evals = store.require(goalId).get('evaluations')
      if (!(evals instanceof Y.Array)) return
      const i = evals.toArray().findIndex((e) => e instanceof Y.Map && e.get('id') === evaluationId)
      if (i >= 0) evals.delete(i, 1)
    },
    observe: (listener) => store.observe(listener, `${GOALS}.`),
  }
}
