/**
 * The plan sections' view of one open plan: the src/plan accessors, and Solid signals that follow
 * the doc. Lists of records whose cards hold editors are keyed by id (`goalIds`, `meetingIds`), so
 * typing in a goal's title re-renders the summary line but never remounts its editor.
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { roleAtLeast, type Role, type SyncStatus } from '../../access/types'
import {
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createMeta,
  createNeeds,
  createObservations,
  createPerspective,
  createRoute,
  createSocialMap,
  createPlanUndo,
  createTeam,
  type Action,
  type ChildDetails,
  type Contact,
  type Factor,
  type Goal,
  type Meeting,
  type Observation,
  type PlanMeta,
  type RouteStep,
  type TeamMember,
  type Undo,
} from '../../plan'
import { tPlan } from '../i18n/plan'
import { createRevealer, type Revealer } from './paging'

export interface SectionsModel {
  doc: Y.Doc
  awareness: Awareness
  /** this device's member key (hex), '' when unknown */
  me: string
  status: Accessor<SyncStatus>
  /** editors and admins: everything */
  canEdit: Accessor<boolean>
  /** contributors and up: observations */
  canContribute: Accessor<boolean>
  /** whether a member key is this person's (any of its devices, or the invite it joined by): its own afspraken and presence (P1) */
  isMine(memberKey: string): boolean
  goals: ReturnType<typeof createGoals>
  actions: ReturnType<typeof createActions>
  observations: ReturnType<typeof createObservations>
  meetings: ReturnType<typeof createMeetings>
  team: Accessor<TeamMember[]>
  /** team members with a key and a name: who can own a goal or do an afspraak */
  people: Accessor<TeamMember[]>
  goalList: Accessor<Goal[]>
  goalIds: Accessor<string[]>
  goal(id: string): Goal | undefined
  actionList: Accessor<Action[]>
  action(id: string): Action | undefined
  observationList: Accessor<Observation[]>
  meetingList: Accessor<Meeting[]>
  meetingIds: Accessor<string[]>
  meeting(id: string): Meeting | undefined
  meta: ReturnType<typeof createMeta>
  metaValue: Accessor<PlanMeta>
  child: ReturnType<typeof createChild>
  childValue: Accessor<ChildDetails>
  teamAccessor: ReturnType<typeof createTeam>
  socialMap: ReturnType<typeof createSocialMap>
  contactIds: Accessor<string[]>
  contact(id: string): Contact | undefined
  factors: ReturnType<typeof createFactors>
  factorList: Accessor<Factor[]>
  factor(id: string): Factor | undefined
  needs: ReturnType<typeof createNeeds>
  perspective: ReturnType<typeof createPerspective>
  uitstroom: Accessor<string>
  route: ReturnType<typeof createRoute>
  /** oldest first, by start date */
  routeIds: Accessor<string[]>
  routeStep(id: string): RouteStep | undefined
  /** a member key's name in this plan, or "onbekend" */
  nameOf(memberKey: string): string
  /** a goal's title for a link, or "verwijderd doel" */
  goalTitle(goalId: string): string
  /** undo of one's own structured edits (forms); texts have their own undo in each editor */
  undo: Undo
  /** paged sections show a record on a later page when asked (the plan search) */
  revealer: Revealer
}

export function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** A signal that follows an accessor's observe(); call inside a component (cleans up with it). */
function follow<T>(read: () => T, observe: (listener: (value: T) => void) => () => void): Accessor<T> {
  const [value, setValue] = createSignal<T>(read(), { equals: false })
  onCleanup(observe((v) => setValue(() => v)))
  return value
}

export function createSectionsModel(options: {
  doc: Y.Doc
  awareness: Awareness
  me: string
  role: Accessor<Role>
  readOnlyPlan: Accessor<boolean>
  status: Accessor<SyncStatus>
  isMine?: (memberKey: string) => boolean
}): SectionsModel {
  const { doc } = options
  const goals = createGoals(doc)
  const actions = createActions(doc)
  const observations = createObservations(doc)
  const meetings = createMeetings(doc)
  const teamAccessor = createTeam(doc)
  // made after the plan view's migration, so migrating is never an undo step
  const undo = createPlanUndo(doc)
  onCleanup(() => undo.destroy())
  const meta = createMeta(doc)
  const child = createChild(doc)
  const socialMap = createSocialMap(doc)
  const factors = createFactors(doc)
  const needs = createNeeds(doc)
  const perspective = createPerspective(doc)
  const route = createRoute(doc)

  const team = follow(teamAccessor.list, teamAccessor.observe)
  const goalList = follow(goals.list, goals.observe)
  const actionList = follow(actions.list, actions.observe)
  const observationList = follow(observations.list, observations.observe)
  const meetingList = follow(meetings.list, meetings.observe)
  const metaValue = follow(meta.get, meta.observe)
  const childValue = follow(child.get, child.observe)
  const contactList = follow(socialMap.list, socialMap.observe)
  const factorList = follow(factors.list, factors.observe)
  const uitstroom = follow(perspective.uitstroom, (listener) => perspective.observe((s) => listener(s.uitstroom)))
  const routeList = follow(route.list, route.observe)

  const goalIds = createMemo(() => goalList().map((g) => g.id), [], { equals: sameIds })
  const goalsById = createMemo(() => new Map(goalList().map((g) => [g.id, g])))
  const actionsById = createMemo(() => new Map(actionList().map((a) => [a.id, a])))
  const meetingIds = createMemo(() => meetingList().map((m) => m.id), [], { equals: sameIds })
  const meetingsById = createMemo(() => new Map(meetingList().map((m) => [m.id, m])))
  const contactIds = createMemo(() => contactList().map((c) => c.id), [], { equals: sameIds })
  const contactsById = createMemo(() => new Map(contactList().map((c) => [c.id, c])))
  const factorsById = createMemo(() => new Map(factorList().map((f) => [f.id, f])))
  const routeIds = createMemo(() => routeList().map((r) => r.id), [], { equals: sameIds })
  const routeById = createMemo(() => new Map(routeList().map((r) => [r.id, r])))
  const names = createMemo(
    () =>
      new Map(
        team()
          .filter((m) => m.memberKey)
          .map((m) => [m.memberKey, m.name]),
      ),
  )

  return {
    doc,
    awareness: options.awareness,
    me: options.me,
    status: options.status,
    canEdit: () => roleAtLeast(options.role(), 'editor') && !options.readOnlyPlan(),
    canContribute: () => roleAtLeast(options.role(), 'contributor') && !options.readOnlyPlan(),
    isMine: (key) => key !== '' && (key === options.me || (options.isMine?.(key) ?? false)),
    goals,
    actions,
    observations,
    meetings,
    team,
    people: createMemo(() => team().filter((m) => m.memberKey !== '' && m.name.trim() !== '')),
    goalList,
    goalIds,
    goal: (id) => goalsById().get(id),
    actionList,
    action: (id) => actionsById().get(id),
    observationList,
    meetingList,
    meetingIds,
    meeting: (id) => meetingsById().get(id),
    meta,
    metaValue,
    child,
    childValue,
    teamAccessor,
    socialMap,
    contactIds,
    contact: (id) => contactsById().get(id),
    factors,
    factorList,
    factor: (id) => factorsById().get(id),
    needs,
    perspective,
    uitstroom,
    route,
    routeIds,
    routeStep: (id) => routeById().get(id),
    nameOf: (key) => names().get(key) || tPlan('common.unknown'),
    goalTitle(goalId) {
      const g = goalsById().get(goalId)
      if (!g) return tPlan('common.removedGoal')
      return g.title.trim() || tPlan('goals.untitled')
    },
    undo,
    revealer: createRevealer(),
  }
}
