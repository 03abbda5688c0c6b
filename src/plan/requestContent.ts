/**
 * What the request to the gemeente says, gathered from the plan as plain data with no words of
 * its own: the question of parents and child, home and school, own strength and network, the help
 * already tried, what is still needed, goals, the latest advice, what is asked for, who pays and
 * who to contact. Every part is read from where the plan keeps it (voices, factors, social map,
 * route, needs, goals, meetings, the `request` map, the casusregisseur), never typed twice.
 *
 * This is both what the request is rendered from (substantiation.ts) and what a parent's signed
 * "klopt" covers (canonicalRequest): no language, no "today" words, so the same plan gives the
 * same bytes on every device in either language, on any day. Only which meetings count as held
 * depends on the day, and that is a change of what the request says.
 */
import type * as Y from 'yjs'
import { createActions } from './actions'
import { createChild } from './child'
import { createFactors, type Factor, type FactorDomain } from './factors'
import { createGoals, type EvaluationDecision, type EvaluationResult, type GoalDomain, type GoalStatus } from './goals'
import { createMeetings, type MeetingType } from './meetings'
import { createNeeds, NEED_HOLDERS, type NeedHolder } from './needs'
import { createRequest, type RequestDetails } from './request'
import { richTextBlocks, type RichBlock } from './richText'
import { createRoute, type RouteLevel } from './route'
import { createSocialMap } from './socialMap'
import { createMeta, type CareLevel, type PlanStatus, type SchoolSupportLevel } from './status'
import { createTeam, memberName } from './team'
import { createVoices } from './voices'

/** The latest meetings held (not those still planned) whose advice the request carries. */
export const MEETINGS_IN_SUBSTANTIATION = 2

export interface FactorLine {
  text: string
  /** who said it: the free-text source or the member's name ('' when neither) */
  source: string
  /** yyyy-mm-dd */
  date: string
}

export interface SituationContent {
  /** the perspective's worries, in its own words */
  words: RichBlock[]
  helps: FactorLine[]
  hinders: FactorLine[]
}

export interface RouteStepContent {
  level: RouteLevel
  provider: string
  from: string
  to: string
  effect: string
  whyNotEnough: string
}

export interface GoalContent {
  title: string
  description: string
  domain: GoalDomain
  status: GoalStatus
  targetDate: string
  /** the owner's name; '' when the goal has none; null when the plan does not know the name */
  owner: string | null
  evaluations: { date: string; result: EvaluationResult; decision: EvaluationDecision; seen: string; meetingId: string }[]
}

export interface MeetingContent {
  id: string
  type: MeetingType
  date: string
  nextDate: string
  /** names; null for a member the plan does not know by name */
  present: (string | null)[]
  decisions: string[]
  /** afspraken agreed in it; `who` null when it names a member the plan does not know */
  actions: { what: string; who: string | null; when: string }[]
}

export interface RequestContent {
  child: { name: string; dateOfBirth: string; school: string; group: string }
  levels: { status: PlanStatus; supportLevel: SchoolSupportLevel; careLevel: CareLevel }
  /** the question (vraag) in the parents' and the child's own words (their voices) */
  question: { ouders: RichBlock[]; kind: RichBlock[] }
  home: SituationContent
  school: SituationContent
  strength: { kind: RichBlock[]; ouders: RichBlock[]; helps: FactorLine[]; network: string[] }
  /** oldest first */
  route: RouteStepContent[]
  needs: { holder: NeedHolder; blocks: RichBlock[] }[]
  goals: GoalContent[]
  /** newest first, at most MEETINGS_IN_SUBSTANTIATION */
  meetings: MeetingContent[]
  requested: RequestDetails
  /** the casusregisseur; null when the plan names none */
  contact: { name: string; organisation: string; reach: string } | null
}

function factorLines(doc: Y.Doc, factors: readonly Factor[]): FactorLine[] {
  return factors.map((f) => ({ text: f.text, source: f.source || (f.sourceKey ? memberName(doc, f.sourceKey) : ''), date: f.date }))
}

function situation(doc: Y.Doc, words: RichBlock[], domain: FactorDomain): SituationContent {
  const matrix = createFactors(doc).matrix()
  return { words, helps: factorLines(doc, matrix[domain].helpt), hinders: factorLines(doc, matrix[domain].belemmert) }
}

const nameOrNull = (doc: Y.Doc, key: string): string | null => memberName(doc, key) || null

/** The request's content as the plan holds it on `today` (yyyy-mm-dd: which meetings were held). */
export function requestContent(doc: Y.Doc, today: string): RequestContent {
  const voices = createVoices(doc)
  const voice = (p: 'kind' | 'ouders' | 'school', f: 'zorgen' | 'krachten' | 'vraag') => richTextBlocks(voices.text(p, f))
  const child = createChild(doc).get()
  const meta = createMeta(doc).get()
  const matrix = createFactors(doc).matrix()
  const needs = createNeeds(doc)
  const actions = createActions(doc).list()
  const held = createMeetings(doc)
    .list()
    .filter((m) => m.date !== '' && m.date <= today)
    .slice(0, MEETINGS_IN_SUBSTANTIATION)
  const registrar = meta.casusregisseur ? createTeam(doc).findByKey(meta.casusregisseur) : null
  return {
    child: { name: child.name, dateOfBirth: child.dateOfBirth, school: child.school, group: child.group },
    levels: { status: meta.status, supportLevel: meta.supportLevel, careLevel: meta.careLevel },
    question: { ouders: voice('ouders', 'vraag'), kind: voice('kind', 'vraag') },
    home: situation(doc, voice('ouders', 'zorgen'), 'thuis'),
    school: situation(doc, voice('school', 'zorgen'), 'school'),
    strength: {
      kind: voice('kind', 'krachten'),
      ouders: voice('ouders', 'krachten'),
      helps: factorLines(doc, [...matrix.kind.helpt, ...matrix['vrije tijd'].helpt]),
      network: createSocialMap(doc)
        .list()
        .map((c) => [c.name, c.role, c.organisation, c.callFor].filter((x) => x.trim()).join(', ')),
    },
    route: createRoute(doc)
      .list()
      .map((s) => ({ level: s.level, provider: s.provider, from: s.from, to: s.to, effect: s.effect, whyNotEnough: s.whyNotEnough })),
    needs: NEED_HOLDERS.map((holder) => ({ holder, blocks: richTextBlocks(needs.text(holder)) })).filter((n) => n.blocks.length > 0),
    goals: createGoals(doc)
      .list()
      .map((g) => ({
        title: g.title.trim(),
        description: g.description.trim(),
        domain: g.domain,
        status: g.status,
        targetDate: g.targetDate,
        owner: g.owner ? nameOrNull(doc, g.owner) : '',
        evaluations: g.evaluations.map((e) => ({ date: e.date, result: e.result, decision: e.decision, seen: e.seen, meetingId: e.meetingId })),
      })),
    meetings: held.map((m) => ({
      id: m.id,
      type: m.type,
      date: m.date,
      nextDate: m.nextDate,
      present: m.attendees.map((a) => (a.kind === 'guest' ? a.name : nameOrNull(doc, a.memberKey))),
      decisions: m.decisions.map((d) => d.text),
      actions: actions
        .filter((a) => a.meetingId === m.id)
        .map((a) => ({ what: a.what, who: a.who || (a.whoKey ? nameOrNull(doc, a.whoKey) : ''), when: a.when })),
    })),
    requested: createRequest(doc).get(),
    contact: registrar
      ? { name: registrar.name, organisation: registrar.organisation, reach: registrar.reach }
      : meta.casusregisseur
        ? { name: '', organisation: '', reach: '' }
        : null,
  }
}

/**
 * The exact bytes a "klopt" on the request covers: the content as JSON (every object above is
 * built with its keys in one fixed order, so the same plan gives the same bytes everywhere).
 */
export function canonicalRequest(content: RequestContent): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(content))
}
