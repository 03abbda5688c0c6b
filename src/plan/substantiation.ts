/**
 * Onderbouwing toegang: the substantiation a jeugdconsulent of the gemeente needs for a referral,
 * compiled from the plan. In this order: the help already tried (level, provider, period and how
 * long, what it did), what is still needed (needs and open goals), the goals with their
 * evaluations, and the advice and decisions of the latest meetings. Gaps are said plainly, so
 * the consultant sees what is missing rather than guessing from an empty space.
 *
 * A pure function of the plan doc and the clock: a structure of headings, facts, paragraphs and
 * lists, no DOM. The UI renders it and copies it as text (substantiationToText).
 */
import type * as Y from 'yjs'
import { createActions } from './actions'
import { createChild } from './child'
import {
  CARE_LEVEL_WORDS,
  EVALUATION_DECISION_WORDS,
  EVALUATION_RESULT_WORDS,
  GOAL_DOMAIN_WORDS,
  GOAL_STATUS_WORDS,
  MEETING_TYPE_WORDS,
  NEED_HOLDER_WORDS,
  PLAN_STATUS_WORDS,
  ROUTE_LEVEL_WORDS,
  SUPPORT_LEVEL_WORDS,
  asSentence,
  dateWords,
  durationWords,
  isoDay,
  numberWord,
  type DocumentLang,
} from './documentText'
import { createGoals, type Goal } from './goals'
import { createMeetings, type Attendee, type Meeting } from './meetings'
import { createNeeds, NEED_HOLDERS } from './needs'
import { blocksToText, richTextBlocks, type RichBlock } from './richText'
import { createRoute, type RouteStep } from './route'
import { createMeta } from './status'
import { memberName } from './team'

/** The latest meetings held (not those still planned) whose advice the onderbouwing carries. */
export const MEETINGS_IN_SUBSTANTIATION = 2

export interface Fact {
  label: string
  value: string
}

export type DocBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** something the plan does not say yet, stated plainly */
  | { kind: 'gap'; text: string }
  | { kind: 'facts'; facts: Fact[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'rich'; blocks: RichBlock[] }

export type SubstantiationSectionId = 'route' | 'need' | 'goals' | 'meetings'

export interface DocSection {
  id: SubstantiationSectionId
  heading: string
  blocks: DocBlock[]
}

export interface Substantiation {
  title: string
  /** child, date of birth, school, plan status and levels, date compiled */
  facts: Fact[]
  sections: DocSection[]
}

const WORDS = {
  nl: {
    title: 'Onderbouwing toegang jeugdhulp',
    child: 'Kind',
    dateOfBirth: 'Geboortedatum',
    school: 'School',
    group: 'Groep',
    status: 'Status van het plan',
    supportLevel: 'Ondersteuning op school',
    careLevel: 'Jeugdhulp nu',
    compiled: 'Samengesteld op',
    unknown: 'Niet ingevuld',
    route: 'Ingezette hulp',
    routeIntro: (n: number, since: string) =>
      `${n === 1 ? 'Er is één vorm van hulp' : `Er zijn ${numberWord(n)} vormen van hulp`} ingezet sinds ${since}, in de volgorde waarin ze begonnen.`,
    noRoute: 'Nog geen ingezette hulp vastgelegd.',
    level: 'Niveau',
    provider: 'Aanbieder',
    period: 'Periode',
    periodClosed: (from: string, to: string, length: string) => `${from} tot en met ${to} (${length})`,
    periodOpen: (from: string, length: string) => `Sinds ${from}, loopt nog (${length} tot nu)`,
    periodFuture: (from: string) => `Begint op ${from}`,
    effect: 'Wat het opleverde',
    noEffect: 'Niet vastgelegd wat deze hulp opleverde.',
    need: 'Wat er nog nodig is',
    noNeeds: 'Nog geen ondersteuningsbehoeften vastgelegd.',
    openGoals: 'Doelen die nog open staan',
    noOpenGoals: 'Er staan geen doelen open.',
    goals: 'Doelen en evaluaties',
    noGoals: 'Nog geen doelen vastgelegd.',
    untitledGoal: 'Doel zonder titel',
    domain: 'Gebied',
    goalStatus: 'Status',
    targetDate: 'Streefdatum',
    owner: 'Let erop',
    evaluations: 'Evaluaties',
    noEvaluations: 'Nog niet geëvalueerd.',
    evaluation: (date: string, result: string, decision: string, seen: string) =>
      `${date}: ${result}; besluit: ${decision}.${seen ? ` Gezien: ${asSentence(seen)}` : ''}`,
    meetings: 'Advies en besluiten van het laatste overleg',
    noMeetings: 'Nog geen overleg gehouden.',
    meetingName: (type: string, date: string) => `${type} op ${date}`,
    present: 'Aanwezig',
    nobodyPresent: 'Niet vastgelegd wie er waren.',
    decisions: 'Besluiten',
    noDecisions: 'Geen besluiten vastgelegd in dit overleg.',
    actionsAgreed: 'Afspraken uit dit overleg',
    // each part a sentence of its own, and an empty one said: "Oefenen met Daan. Wie: IB. Wanneer: nog niet afgesproken."
    action: (what: string, who: string, when: string) =>
      `${asSentence(what)} Wie: ${asSentence(who) || 'nog niet afgesproken.'} Wanneer: ${asSentence(when) || 'nog niet afgesproken.'}`,
    evaluatedHere: 'Geëvalueerd in dit overleg',
    nextMeeting: 'Volgend overleg',
    unknownMember: 'onbekend lid',
  },
  en: {
    title: 'Substantiation for access to youth care',
    child: 'Child',
    dateOfBirth: 'Date of birth',
    school: 'School',
    group: 'Group',
    status: 'Plan status',
    supportLevel: 'Support at school',
    careLevel: 'Youth care now',
    compiled: 'Compiled on',
    unknown: 'Not filled in',
    route: 'Help already tried',
    routeIntro: (n: number, since: string) =>
      `${n === 1 ? 'One kind of help has' : `${numberWord(n, 'en')} kinds of help have`} been tried since ${since}, in the order they started.`,
    noRoute: 'No help tried has been recorded yet.',
    level: 'Level',
    provider: 'Provider',
    period: 'Period',
    periodClosed: (from: string, to: string, length: string) => `${from} to ${to} (${length})`,
    periodOpen: (from: string, length: string) => `Since ${from}, still running (${length} so far)`,
    periodFuture: (from: string) => `Starts on ${from}`,
    effect: 'What it did',
    noEffect: 'Not recorded what this help did.',
    need: 'What is still needed',
    noNeeds: 'No support needs recorded yet.',
    openGoals: 'Goals still open',
    noOpenGoals: 'No goals are open.',
    goals: 'Goals and evaluations',
    noGoals: 'No goals recorded yet.',
    untitledGoal: 'Goal without a title',
    domain: 'Area',
    goalStatus: 'Status',
    targetDate: 'Target date',
    owner: 'Looked after by',
    evaluations: 'Evaluations',
    noEvaluations: 'Not evaluated yet.',
    evaluation: (date: string, result: string, decision: string, seen: string) =>
      `${date}: ${result}; decision: ${decision}.${seen ? ` Seen: ${asSentence(seen)}` : ''}`,
    meetings: 'Advice and decisions of the latest meeting',
    noMeetings: 'No meeting held yet.',
    meetingName: (type: string, date: string) => `${type} on ${date}`,
    present: 'Present',
    nobodyPresent: 'Not recorded who was there.',
    decisions: 'Decisions',
    noDecisions: 'No decisions recorded in this meeting.',
    actionsAgreed: 'Agreements from this meeting',
    action: (what: string, who: string, when: string) =>
      `${asSentence(what)} Who: ${asSentence(who) || 'not agreed yet.'} When: ${asSentence(when) || 'not agreed yet.'}`,
    evaluatedHere: 'Evaluated in this meeting',
    nextMeeting: 'Next meeting',
    unknownMember: 'unknown member',
  },
} as const

type Words = (typeof WORDS)[DocumentLang]

function routeBlocks(steps: RouteStep[], today: string, w: Words, lang: DocumentLang): DocBlock[] {
  if (steps.length === 0) return [{ kind: 'gap', text: w.noRoute }]
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: w.routeIntro(steps.length, dateWords(steps[0]!.from, lang)) }]
  for (const s of steps) {
    const from = dateWords(s.from, lang)
    const period = s.to
      ? w.periodClosed(from, dateWords(s.to, lang), durationWords(s.from, s.to, lang))
      : s.from > today
        ? w.periodFuture(from)
        : w.periodOpen(from, durationWords(s.from, today, lang))
    blocks.push({ kind: 'heading', text: `${ROUTE_LEVEL_WORDS[lang][s.level]}: ${s.provider}` })
    const facts: Fact[] = [
      { label: w.level, value: ROUTE_LEVEL_WORDS[lang][s.level] },
      { label: w.provider, value: s.provider },
      { label: w.period, value: period },
    ]
    if (s.effect) facts.push({ label: w.effect, value: s.effect })
    blocks.push({ kind: 'facts', facts })
    if (!s.effect) blocks.push({ kind: 'gap', text: w.noEffect })
  }
  return blocks
}

const goalTitle = (g: Goal, w: Words) => g.title.trim() || w.untitledGoal

function needBlocks(doc: Y.Doc, openGoals: Goal[], w: Words, lang: DocumentLang): DocBlock[] {
  const needs = createNeeds(doc)
  const blocks: DocBlock[] = []
  for (const holder of NEED_HOLDERS) {
    const rich = richTextBlocks(needs.text(holder))
    if (rich.length === 0) continue
    blocks.push({ kind: 'heading', text: NEED_HOLDER_WORDS[lang][holder] }, { kind: 'rich', blocks: rich })
  }
  if (blocks.length === 0) blocks.push({ kind: 'gap', text: w.noNeeds })
  blocks.push({ kind: 'heading', text: w.openGoals })
  if (openGoals.length === 0) blocks.push({ kind: 'gap', text: w.noOpenGoals })
  else blocks.push({ kind: 'list', items: openGoals.map((g) => goalTitle(g, w)) })
  return blocks
}

const nameOf = (doc: Y.Doc, key: string, w: Words) => (key ? memberName(doc, key) || w.unknownMember : '')

function evaluationLine(e: Goal['evaluations'][number], w: Words, lang: DocumentLang): string {
  return w.evaluation(dateWords(e.date, lang), EVALUATION_RESULT_WORDS[lang][e.result], EVALUATION_DECISION_WORDS[lang][e.decision], e.seen)
}

function goalBlocks(doc: Y.Doc, goals: Goal[], w: Words, lang: DocumentLang): DocBlock[] {
  if (goals.length === 0) return [{ kind: 'gap', text: w.noGoals }]
  const blocks: DocBlock[] = []
  for (const g of goals) {
    const facts: Fact[] = [
      { label: w.domain, value: GOAL_DOMAIN_WORDS[lang][g.domain] },
      { label: w.goalStatus, value: GOAL_STATUS_WORDS[lang][g.status] },
    ]
    if (g.targetDate) facts.push({ label: w.targetDate, value: dateWords(g.targetDate, lang) })
    if (g.owner) facts.push({ label: w.owner, value: nameOf(doc, g.owner, w) })
    blocks.push({ kind: 'heading', text: goalTitle(g, w) })
    if (g.description.trim()) blocks.push({ kind: 'paragraph', text: g.description.trim() })
    blocks.push({ kind: 'facts', facts })
    if (g.evaluations.length === 0) blocks.push({ kind: 'gap', text: w.noEvaluations })
    else blocks.push({ kind: 'paragraph', text: `${w.evaluations}:` }, { kind: 'list', items: g.evaluations.map((e) => evaluationLine(e, w, lang)) })
  }
  return blocks
}

function attendeeName(doc: Y.Doc, a: Attendee, w: Words): string {
  return a.kind === 'guest' ? a.name : nameOf(doc, a.memberKey, w)
}

function meetingBlocks(doc: Y.Doc, held: Meeting[], goals: Goal[], w: Words, lang: DocumentLang): DocBlock[] {
  if (held.length === 0) return [{ kind: 'gap', text: w.noMeetings }]
  const actions = createActions(doc).list()
  const blocks: DocBlock[] = []
  for (const m of held) {
    blocks.push({ kind: 'heading', text: w.meetingName(MEETING_TYPE_WORDS[lang][m.type], dateWords(m.date, lang)) })
    const present = m.attendees.map((a) => attendeeName(doc, a, w))
    blocks.push({ kind: 'facts', facts: [{ label: w.present, value: present.length > 0 ? present.join(', ') : w.nobodyPresent }] })
    blocks.push({ kind: 'paragraph', text: `${w.decisions}:` })
    if (m.decisions.length === 0) blocks.push({ kind: 'gap', text: w.noDecisions })
    else blocks.push({ kind: 'list', items: m.decisions.map((d) => d.text) })
    const agreed = actions.filter((a) => a.meetingId === m.id)
    if (agreed.length > 0)
      blocks.push(
        { kind: 'paragraph', text: `${w.actionsAgreed}:` },
        { kind: 'list', items: agreed.map((a) => w.action(a.what, a.who || nameOf(doc, a.whoKey, w), a.when)) },
      )
    const evaluated = goals.flatMap((g) => g.evaluations.filter((e) => e.meetingId === m.id).map((e) => `${goalTitle(g, w)}: ${evaluationLine(e, w, lang)}`))
    if (evaluated.length > 0) blocks.push({ kind: 'paragraph', text: `${w.evaluatedHere}:` }, { kind: 'list', items: evaluated })
    if (m.nextDate) blocks.push({ kind: 'facts', facts: [{ label: w.nextMeeting, value: dateWords(m.nextDate, lang) }] })
  }
  return blocks
}

export function compileSubstantiation(doc: Y.Doc, options: { now: number; lang?: DocumentLang }): Substantiation {
  const lang = options.lang ?? 'nl'
  const w = WORDS[lang]
  const today = isoDay(options.now)
  const child = createChild(doc).get()
  const meta = createMeta(doc).get()
  const goals = createGoals(doc).list()
  const held = createMeetings(doc)
    .list()
    .filter((m) => m.date !== '' && m.date <= today)
    .slice(0, MEETINGS_IN_SUBSTANTIATION)
  const orUnknown = (v: string) => v.trim() || w.unknown
  return {
    title: w.title,
    facts: [
      { label: w.child, value: orUnknown(child.name) },
      { label: w.dateOfBirth, value: child.dateOfBirth ? dateWords(child.dateOfBirth, lang) : w.unknown },
      { label: w.school, value: orUnknown(child.school) },
      { label: w.group, value: orUnknown(child.group) },
      { label: w.status, value: PLAN_STATUS_WORDS[lang][meta.status] },
      { label: w.supportLevel, value: SUPPORT_LEVEL_WORDS[lang][meta.supportLevel] },
      { label: w.careLevel, value: CARE_LEVEL_WORDS[lang][meta.careLevel] },
      { label: w.compiled, value: dateWords(today, lang) },
    ],
    sections: [
      { id: 'route', heading: w.route, blocks: routeBlocks(createRoute(doc).list(), today, w, lang) },
      {
        id: 'need',
        heading: w.need,
        blocks: needBlocks(
          doc,
          goals.filter((g) => g.status === 'open'),
          w,
          lang,
        ),
      },
      { id: 'goals', heading: w.goals, blocks: goalBlocks(doc, goals, w, lang) },
      { id: 'meetings', heading: w.meetings, blocks: meetingBlocks(doc, held, goals, w, lang) },
    ],
  }
}

function blockText(b: DocBlock): string {
  switch (b.kind) {
    case 'heading':
      return b.text
    case 'paragraph':
    case 'gap':
      return b.text
    case 'facts':
      return b.facts.map((f) => `${f.label}: ${f.value}`).join('\n')
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n')
    case 'rich':
      return blocksToText(b.blocks)
  }
}

/** The onderbouwing as plain text, to paste into the gemeente's form or an e-mail. */
export function substantiationToText(s: Substantiation): string {
  const parts = [s.title.toUpperCase(), s.facts.map((f) => `${f.label}: ${f.value}`).join('\n')]
  s.sections.forEach((section, i) => {
    parts.push(`${i + 1}. ${section.heading.toUpperCase()}`)
    for (const b of section.blocks) parts.push(blockText(b))
  })
  return `${parts.join('\n\n')}\n`
}
