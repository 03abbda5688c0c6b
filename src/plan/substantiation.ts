/**
 * The request to the gemeente (once "onderbouwing toegang"): a document a jeugdconsulent can
 * decide on, compiled from the plan. In this order: the question of parents and child in their own
 * words; how it goes at home and at school; own strength and network; the help already tried (how
 * long, what it did, why it was not enough); what is still needed; goals and evaluations; the
 * advice of the latest meetings; what exactly is asked for (form, how much, from when to when);
 * who pays what; who to contact (the casusregisseur). Gaps are said plainly ("Nog niet ingevuld:
 * …") where they are, and gathered in one list at the top, so the family and the consultant see
 * what is missing rather than guessing from an empty space.
 *
 * A pure function of the plan (requestContent.ts gathers what it says), the clock and the words:
 * a structure of headings, facts, paragraphs and lists, no DOM. The UI renders it and copies it
 * as text (substantiationToText).
 */
import type * as Y from 'yjs'
import {
  CARE_LEVEL_WORDS,
  EVALUATION_DECISION_WORDS,
  EVALUATION_RESULT_WORDS,
  FUNDER_WORDS,
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
import { blocksToText, type RichBlock } from './richText'
import { requestContent, type FactorLine, type GoalContent, type MeetingContent, type RequestContent, type RouteStepContent } from './requestContent'

export { MEETINGS_IN_SUBSTANTIATION } from './requestContent'

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

export const REQUEST_SECTIONS = ['question', 'home', 'school', 'strength', 'route', 'need', 'goals', 'meetings', 'requested', 'funding', 'contact'] as const
export type SubstantiationSectionId = (typeof REQUEST_SECTIONS)[number]

export interface DocSection {
  id: SubstantiationSectionId
  heading: string
  blocks: DocBlock[]
}

/** One thing the request does not say yet, and where. */
export interface RequestGap {
  section: SubstantiationSectionId
  /** "Nog niet ingevuld: …", the same words as the gap in its section */
  text: string
}

export interface Substantiation {
  title: string
  /** child, date of birth, school, plan status and levels, date compiled, and the parents' "klopt" when given */
  facts: Fact[]
  sections: DocSection[]
  /** every gap of every section, in document order */
  gaps: RequestGap[]
}

/** How the parents' "klopt" stands, said in the document (judged by the access layer, P12). */
export type RequestApprovalLine = { state: 'klopt'; at: number } | { state: 'changed'; at: number } | { state: 'unread' } | { state: 'no-parents' }

const WORDS = {
  nl: {
    title: 'Aanvraag bij de gemeente',
    child: 'Kind',
    dateOfBirth: 'Geboortedatum',
    school: 'School',
    group: 'Groep',
    status: 'Status van het plan',
    supportLevel: 'Ondersteuning op school',
    careLevel: 'Jeugdhulp nu',
    compiled: 'Samengesteld op',
    unknown: 'Niet ingevuld',
    missing: (what: string) => `Nog niet ingevuld: ${what}.`,
    approval: 'Ouders',
    approvalLine: {
      klopt: (date: string) => `klopt (${date})`,
      changed: (date: string) => `gewijzigd na akkoord (akkoord op ${date})`,
      unread: () => 'nog niet gelezen door ouders',
      'no-parents': () => 'er is geen ouder met gezag in het plan',
    },
    question: 'De vraag van ouders en kind',
    questionOuders: 'De vraag van de ouders',
    questionKind: 'De vraag van het kind',
    missingQuestionOuders: 'de vraag van de ouders, in hun eigen woorden',
    missingQuestionKind: 'de vraag van het kind, in eigen woorden',
    home: 'Hoe het thuis gaat',
    homeWords: 'Wat de ouders zorgen geeft',
    missingHome: 'hoe het thuis gaat',
    schoolSection: 'Hoe het op school gaat',
    schoolWords: 'Wat de school zorgen geeft',
    missingSchool: 'hoe het op school gaat',
    helps: 'Wat helpt',
    hinders: 'Wat het moeilijk maakt',
    strength: 'Eigen kracht en netwerk',
    strengthKind: 'Wat het kind goed kan',
    strengthOuders: 'Wat de ouders goed kunnen',
    network: 'Wie er om het gezin heen staan',
    missingStrength: 'wat goed gaat bij kind en ouders',
    missingNetwork: 'wie er om het gezin heen staan (familie, buren, club, huisarts)',
    route: 'Wat al is geprobeerd',
    routeIntro: (n: number, since: string) =>
      `${n === 1 ? 'Er is één vorm van hulp' : `Er zijn ${numberWord(n)} vormen van hulp`} ingezet sinds ${since}, in de volgorde waarin ze begonnen.`,
    missingRoute: 'welke hulp al is geprobeerd',
    level: 'Niveau',
    provider: 'Aanbieder',
    period: 'Periode',
    periodClosed: (from: string, to: string, length: string) => `${from} tot en met ${to} (${length})`,
    periodOpen: (from: string, length: string) => `Sinds ${from}, loopt nog (${length} tot nu)`,
    periodFuture: (from: string) => `Begint op ${from}`,
    effect: 'Wat het opleverde',
    whyNotEnough: 'Waarom het niet genoeg was',
    missingEffect: (provider: string) => `wat de hulp van ${provider} opleverde`,
    missingWhy: (provider: string) => `waarom de hulp van ${provider} niet genoeg was`,
    need: 'Wat er nog nodig is',
    missingNeeds: 'wat het kind, de leerkracht en de ouders nodig hebben',
    openGoals: 'Doelen die nog open staan',
    noOpenGoals: 'Er staan geen doelen open.',
    goals: 'Doelen en evaluaties',
    missingGoals: 'de doelen',
    untitledGoal: 'Doel zonder titel',
    domain: 'Gebied',
    goalStatus: 'Status',
    targetDate: 'Streefdatum',
    owner: 'Houdt dit in de gaten',
    evaluations: 'Evaluaties',
    missingEvaluation: (goal: string) => `een evaluatie van het doel "${goal}"`,
    evaluation: (date: string, result: string, decision: string, seen: string) =>
      `${date}: ${result}; besluit: ${decision}.${seen ? ` Gezien: ${asSentence(seen)}` : ''}`,
    meetings: 'Advies en besluiten van het laatste overleg',
    missingMeetings: 'advies uit een overleg (er is nog geen overleg geweest)',
    meetingName: (type: string, date: string) => `${type} op ${date}`,
    present: 'Aanwezig',
    nobodyPresent: 'Niet vastgelegd wie er waren.',
    decisions: 'Besluiten',
    missingDecisions: (meeting: string) => `de besluiten van het ${meeting}`,
    actionsAgreed: 'Afspraken uit dit overleg',
    // each part a sentence of its own, and an empty one said: "Oefenen met Daan. Wie: IB. Wanneer: nog niet afgesproken."
    action: (what: string, who: string, when: string) =>
      `${asSentence(what)} Wie: ${asSentence(who) || 'nog niet afgesproken.'} Wanneer: ${asSentence(when) || 'nog niet afgesproken.'}`,
    evaluatedHere: 'Geëvalueerd in dit overleg',
    nextMeeting: 'Volgend overleg',
    requested: 'Wat we aanvragen',
    form: 'Soort hulp',
    intensity: 'Hoeveel',
    start: 'Vanaf',
    end: 'Tot en met',
    duration: 'Hoe lang',
    missingForm: 'welke hulp we aanvragen',
    missingIntensity: 'hoeveel hulp (bijvoorbeeld uren per week)',
    missingStart: 'vanaf wanneer de hulp nodig is',
    missingEnd: 'tot wanneer de hulp nodig is',
    funding: 'Wie wat betaalt',
    fundedBy: 'Betaald door',
    fundingNote: 'Uitleg',
    missingFunding: 'wie de hulp betaalt (onderwijs, jeugdhulp of samen)',
    missingFundingNote: 'wat onderwijs betaalt en wat jeugdhulp betaalt',
    contact: 'Contactpersoon',
    contactIntro: 'Vragen over deze aanvraag? Neem contact op met de casusregisseur.',
    casusregisseur: 'Casusregisseur',
    organisation: 'Organisatie',
    reach: 'Bereikbaar via',
    missingContact: 'wie de casusregisseur is',
    missingReach: 'hoe de casusregisseur te bereiken is',
    unknownMember: 'onbekend lid',
    source: (s: string) => `bron: ${s}`,
  },
  en: {
    title: 'Request to the gemeente',
    child: 'Child',
    dateOfBirth: 'Date of birth',
    school: 'School',
    group: 'Group',
    status: 'Plan status',
    supportLevel: 'Support at school',
    careLevel: 'Youth care now',
    compiled: 'Compiled on',
    unknown: 'Not filled in',
    missing: (what: string) => `Not filled in yet: ${what}.`,
    approval: 'Parents',
    approvalLine: {
      klopt: (date: string) => `correct (${date})`,
      changed: (date: string) => `changed after approval (approved on ${date})`,
      unread: () => 'not yet read by the parents',
      'no-parents': () => 'there is no parent with parental authority in the plan',
    },
    question: 'The question of parents and child',
    questionOuders: "The parents' question",
    questionKind: "The child's question",
    missingQuestionOuders: "the parents' question, in their own words",
    missingQuestionKind: "the child's question, in its own words",
    home: 'How it goes at home',
    homeWords: 'What worries the parents',
    missingHome: 'how it goes at home',
    schoolSection: 'How it goes at school',
    schoolWords: 'What worries the school',
    missingSchool: 'how it goes at school',
    helps: 'What helps',
    hinders: 'What makes it hard',
    strength: 'Own strength and network',
    strengthKind: 'What the child is good at',
    strengthOuders: 'What the parents are good at',
    network: 'Who is around the family',
    missingStrength: 'what goes well for child and parents',
    missingNetwork: 'who is around the family (relatives, neighbours, club, GP)',
    route: 'Help already tried',
    routeIntro: (n: number, since: string) =>
      `${n === 1 ? 'One kind of help has' : `${numberWord(n, 'en')} kinds of help have`} been tried since ${since}, in the order they started.`,
    missingRoute: 'which help has been tried',
    level: 'Level',
    provider: 'Provider',
    period: 'Period',
    periodClosed: (from: string, to: string, length: string) => `${from} to ${to} (${length})`,
    periodOpen: (from: string, length: string) => `Since ${from}, still running (${length} so far)`,
    periodFuture: (from: string) => `Starts on ${from}`,
    effect: 'What it did',
    whyNotEnough: 'Why it was not enough',
    missingEffect: (provider: string) => `what the help of ${provider} did`,
    missingWhy: (provider: string) => `why the help of ${provider} was not enough`,
    need: 'What is still needed',
    missingNeeds: 'what the child, the teacher and the parents need',
    openGoals: 'Goals still open',
    noOpenGoals: 'No goals are open.',
    goals: 'Goals and evaluations',
    missingGoals: 'the goals',
    untitledGoal: 'Goal without a title',
    domain: 'Area',
    goalStatus: 'Status',
    targetDate: 'Target date',
    owner: 'Looked after by',
    evaluations: 'Evaluations',
    missingEvaluation: (goal: string) => `an evaluation of the goal "${goal}"`,
    evaluation: (date: string, result: string, decision: string, seen: string) =>
      `${date}: ${result}; decision: ${decision}.${seen ? ` Seen: ${asSentence(seen)}` : ''}`,
    meetings: 'Advice and decisions of the latest meeting',
    missingMeetings: 'advice from a meeting (no meeting has been held yet)',
    meetingName: (type: string, date: string) => `${type} on ${date}`,
    present: 'Present',
    nobodyPresent: 'Not recorded who was there.',
    decisions: 'Decisions',
    missingDecisions: (meeting: string) => `the decisions of the ${meeting}`,
    actionsAgreed: 'Agreements from this meeting',
    action: (what: string, who: string, when: string) =>
      `${asSentence(what)} Who: ${asSentence(who) || 'not agreed yet.'} When: ${asSentence(when) || 'not agreed yet.'}`,
    evaluatedHere: 'Evaluated in this meeting',
    nextMeeting: 'Next meeting',
    requested: 'What we ask for',
    form: 'Kind of help',
    intensity: 'How much',
    start: 'From',
    end: 'Until',
    duration: 'How long',
    missingForm: 'which help we ask for',
    missingIntensity: 'how much help (for example hours a week)',
    missingStart: 'from when the help is needed',
    missingEnd: 'until when the help is needed',
    funding: 'Who pays what',
    fundedBy: 'Paid by',
    fundingNote: 'Explanation',
    missingFunding: 'who pays for the help (education, youth care or both)',
    missingFundingNote: 'what education pays and what youth care pays',
    contact: 'Contact',
    contactIntro: 'Questions about this request? Contact the case director (casusregisseur).',
    casusregisseur: 'Case director (casusregisseur)',
    organisation: 'Organisation',
    reach: 'How to reach',
    missingContact: 'who the case director (casusregisseur) is',
    missingReach: 'how to reach the case director',
    unknownMember: 'unknown member',
    source: (s: string) => `source: ${s}`,
  },
} as const

type Words = (typeof WORDS)[DocumentLang]

/** What every section's renderer gets. */
interface Context {
  w: Words
  lang: DocumentLang
  today: string
  gap: (what: string) => DocBlock
  date: (iso: string) => string
  name: (name: string | null) => string
}

const rich = (blocks: RichBlock[]): DocBlock[] => (blocks.length > 0 ? [{ kind: 'rich', blocks }] : [])

function factorItems(c: Context, lines: FactorLine[]): string[] {
  return lines.map((f) => {
    const note = [f.date && c.date(f.date), f.source && c.w.source(f.source)].filter(Boolean).join(', ')
    return note ? `${f.text} (${note})` : f.text
  })
}

function factorBlocks(c: Context, helps: FactorLine[], hinders: FactorLine[]): DocBlock[] {
  const blocks: DocBlock[] = []
  if (helps.length > 0) blocks.push({ kind: 'heading', text: c.w.helps }, { kind: 'list', items: factorItems(c, helps) })
  if (hinders.length > 0) blocks.push({ kind: 'heading', text: c.w.hinders }, { kind: 'list', items: factorItems(c, hinders) })
  return blocks
}

function questionBlocks(c: Context, q: RequestContent['question']): DocBlock[] {
  return [
    { kind: 'heading', text: c.w.questionOuders },
    ...(q.ouders.length > 0 ? rich(q.ouders) : [c.gap(c.w.missingQuestionOuders)]),
    { kind: 'heading', text: c.w.questionKind },
    ...(q.kind.length > 0 ? rich(q.kind) : [c.gap(c.w.missingQuestionKind)]),
  ]
}

function situationBlocks(c: Context, s: RequestContent['home'], wordsHeading: string, missing: string): DocBlock[] {
  const blocks: DocBlock[] = []
  if (s.words.length > 0) blocks.push({ kind: 'heading', text: wordsHeading }, ...rich(s.words))
  blocks.push(...factorBlocks(c, s.helps, s.hinders))
  return blocks.length > 0 ? blocks : [c.gap(missing)]
}

function strengthBlocks(c: Context, s: RequestContent['strength']): DocBlock[] {
  const blocks: DocBlock[] = []
  if (s.kind.length > 0) blocks.push({ kind: 'heading', text: c.w.strengthKind }, ...rich(s.kind))
  if (s.ouders.length > 0) blocks.push({ kind: 'heading', text: c.w.strengthOuders }, ...rich(s.ouders))
  if (s.helps.length > 0) blocks.push({ kind: 'heading', text: c.w.helps }, { kind: 'list', items: factorItems(c, s.helps) })
  if (blocks.length === 0) blocks.push(c.gap(c.w.missingStrength))
  blocks.push({ kind: 'heading', text: c.w.network })
  blocks.push(s.network.length > 0 ? { kind: 'list', items: s.network } : c.gap(c.w.missingNetwork))
  return blocks
}

function routeBlocks(c: Context, steps: RouteStepContent[]): DocBlock[] {
  const { w, lang } = c
  if (steps.length === 0) return [c.gap(w.missingRoute)]
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: w.routeIntro(steps.length, dateWords(steps[0]!.from, lang)) }]
  for (const s of steps) {
    const from = dateWords(s.from, lang)
    const started = s.from <= c.today
    const period = s.to
      ? w.periodClosed(from, dateWords(s.to, lang), durationWords(s.from, s.to, lang))
      : started
        ? w.periodOpen(from, durationWords(s.from, c.today, lang))
        : w.periodFuture(from)
    blocks.push({ kind: 'heading', text: `${ROUTE_LEVEL_WORDS[lang][s.level]}: ${s.provider}` })
    const facts: Fact[] = [
      { label: w.level, value: ROUTE_LEVEL_WORDS[lang][s.level] },
      { label: w.provider, value: s.provider },
      { label: w.period, value: period },
    ]
    if (s.effect) facts.push({ label: w.effect, value: s.effect })
    if (s.whyNotEnough) facts.push({ label: w.whyNotEnough, value: s.whyNotEnough })
    blocks.push({ kind: 'facts', facts })
    // help that has not begun has done nothing yet: nothing is missing about it
    if (started && !s.effect) blocks.push(c.gap(w.missingEffect(s.provider)))
    if (started && !s.whyNotEnough) blocks.push(c.gap(w.missingWhy(s.provider)))
  }
  return blocks
}

const goalTitle = (g: GoalContent, w: Words) => g.title || w.untitledGoal

function needBlocks(c: Context, content: RequestContent): DocBlock[] {
  const blocks: DocBlock[] = []
  for (const n of content.needs) blocks.push({ kind: 'heading', text: NEED_HOLDER_WORDS[c.lang][n.holder] }, ...rich(n.blocks))
  if (blocks.length === 0) blocks.push(c.gap(c.w.missingNeeds))
  const open = content.goals.filter((g) => g.status === 'open')
  blocks.push({ kind: 'heading', text: c.w.openGoals })
  blocks.push(open.length === 0 ? { kind: 'paragraph', text: c.w.noOpenGoals } : { kind: 'list', items: open.map((g) => goalTitle(g, c.w)) })
  return blocks
}

function evaluationLine(c: Context, e: GoalContent['evaluations'][number]): string {
  return c.w.evaluation(c.date(e.date), EVALUATION_RESULT_WORDS[c.lang][e.result], EVALUATION_DECISION_WORDS[c.lang][e.decision], e.seen)
}

function goalBlocks(c: Context, goals: GoalContent[]): DocBlock[] {
  const { w, lang } = c
  if (goals.length === 0) return [c.gap(w.missingGoals)]
  const blocks: DocBlock[] = []
  for (const g of goals) {
    const facts: Fact[] = [
      { label: w.domain, value: GOAL_DOMAIN_WORDS[lang][g.domain] },
      { label: w.goalStatus, value: GOAL_STATUS_WORDS[lang][g.status] },
    ]
    if (g.targetDate) facts.push({ label: w.targetDate, value: c.date(g.targetDate) })
    if (g.owner !== '') facts.push({ label: w.owner, value: c.name(g.owner) })
    blocks.push({ kind: 'heading', text: goalTitle(g, w) })
    if (g.description) blocks.push({ kind: 'paragraph', text: g.description })
    blocks.push({ kind: 'facts', facts })
    if (g.evaluations.length === 0) blocks.push(c.gap(w.missingEvaluation(goalTitle(g, w))))
    else blocks.push({ kind: 'paragraph', text: `${w.evaluations}:` }, { kind: 'list', items: g.evaluations.map((e) => evaluationLine(c, e)) })
  }
  return blocks
}

function meetingBlocks(c: Context, held: MeetingContent[], goals: GoalContent[]): DocBlock[] {
  const { w, lang } = c
  if (held.length === 0) return [c.gap(w.missingMeetings)]
  const blocks: DocBlock[] = []
  for (const m of held) {
    const name = w.meetingName(MEETING_TYPE_WORDS[lang][m.type], c.date(m.date))
    blocks.push({ kind: 'heading', text: name })
    const present = m.present.map((p) => c.name(p))
    blocks.push({ kind: 'facts', facts: [{ label: w.present, value: present.length > 0 ? present.join(', ') : w.nobodyPresent }] })
    blocks.push({ kind: 'paragraph', text: `${w.decisions}:` })
    blocks.push(m.decisions.length === 0 ? c.gap(w.missingDecisions(name)) : { kind: 'list', items: m.decisions })
    if (m.actions.length > 0)
      blocks.push(
        { kind: 'paragraph', text: `${w.actionsAgreed}:` },
        { kind: 'list', items: m.actions.map((a) => w.action(a.what, a.who ?? w.unknownMember, a.when)) },
      )
    const evaluated = goals.flatMap((g) => g.evaluations.filter((e) => e.meetingId === m.id).map((e) => `${goalTitle(g, w)}: ${evaluationLine(c, e)}`))
    if (evaluated.length > 0) blocks.push({ kind: 'paragraph', text: `${w.evaluatedHere}:` }, { kind: 'list', items: evaluated })
    if (m.nextDate) blocks.push({ kind: 'facts', facts: [{ label: w.nextMeeting, value: c.date(m.nextDate) }] })
  }
  return blocks
}

function requestedBlocks(c: Context, r: RequestContent['requested']): DocBlock[] {
  const { w } = c
  const facts: Fact[] = []
  const gaps: DocBlock[] = []
  const add = (label: string, value: string, missing: string) => (value ? facts.push({ label, value }) : gaps.push(c.gap(missing)))
  add(w.form, r.form, w.missingForm)
  add(w.intensity, r.intensity, w.missingIntensity)
  add(w.start, r.start && c.date(r.start), w.missingStart)
  add(w.end, r.end && c.date(r.end), w.missingEnd)
  if (r.start && r.end) facts.push({ label: w.duration, value: durationWords(r.start, r.end, c.lang) })
  return [...(facts.length > 0 ? [{ kind: 'facts', facts } as DocBlock] : []), ...gaps]
}

function fundingBlocks(c: Context, r: RequestContent['requested']): DocBlock[] {
  const { w } = c
  if (!r.fundedBy) return [c.gap(w.missingFunding)]
  const facts: Fact[] = [{ label: w.fundedBy, value: FUNDER_WORDS[c.lang][r.fundedBy] }]
  if (r.fundingNote) facts.push({ label: w.fundingNote, value: r.fundingNote })
  const blocks: DocBlock[] = [{ kind: 'facts', facts }]
  // shared costs need saying who pays which part; one payer says it all
  if (r.fundedBy === 'gezamenlijk' && !r.fundingNote) blocks.push(c.gap(w.missingFundingNote))
  return blocks
}

function contactBlocks(c: Context, contact: RequestContent['contact']): DocBlock[] {
  const { w } = c
  if (!contact) return [c.gap(w.missingContact)]
  const facts: Fact[] = [{ label: w.casusregisseur, value: c.name(contact.name || null) }]
  if (contact.organisation) facts.push({ label: w.organisation, value: contact.organisation })
  if (contact.reach) facts.push({ label: w.reach, value: contact.reach })
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: w.contactIntro },
    { kind: 'facts', facts },
  ]
  if (!contact.reach) blocks.push(c.gap(w.missingReach))
  return blocks
}

export interface RenderOptions {
  now: number
  lang?: DocumentLang
  /** the parents' "klopt" as the access layer judged it; left out, the document does not say */
  approval?: RequestApprovalLine
}

/** The request from its content (requestContent): pure, so the same content always reads the same. */
export function renderRequest(content: RequestContent, options: RenderOptions): Substantiation {
  const lang = options.lang ?? 'nl'
  const w = WORDS[lang]
  const today = isoDay(options.now)
  const c: Context = {
    w,
    lang,
    today,
    gap: (what) => ({ kind: 'gap', text: w.missing(what) }),
    date: (iso) => dateWords(iso, lang),
    name: (name) => name || w.unknownMember,
  }
  const orUnknown = (v: string) => v.trim() || w.unknown
  const facts: Fact[] = [
    { label: w.child, value: orUnknown(content.child.name) },
    { label: w.dateOfBirth, value: content.child.dateOfBirth ? c.date(content.child.dateOfBirth) : w.unknown },
    { label: w.school, value: orUnknown(content.child.school) },
    { label: w.group, value: orUnknown(content.child.group) },
    { label: w.status, value: PLAN_STATUS_WORDS[lang][content.levels.status] },
    { label: w.supportLevel, value: SUPPORT_LEVEL_WORDS[lang][content.levels.supportLevel] },
    { label: w.careLevel, value: CARE_LEVEL_WORDS[lang][content.levels.careLevel] },
    { label: w.compiled, value: c.date(today) },
  ]
  const a = options.approval
  if (a) facts.push({ label: w.approval, value: 'at' in a ? w.approvalLine[a.state](c.date(isoDay(a.at))) : w.approvalLine[a.state]() })
  const blocksOf: Record<SubstantiationSectionId, () => DocBlock[]> = {
    question: () => questionBlocks(c, content.question),
    home: () => situationBlocks(c, content.home, w.homeWords, w.missingHome),
    school: () => situationBlocks(c, content.school, w.schoolWords, w.missingSchool),
    strength: () => strengthBlocks(c, content.strength),
    route: () => routeBlocks(c, content.route),
    need: () => needBlocks(c, content),
    goals: () => goalBlocks(c, content.goals),
    meetings: () => meetingBlocks(c, content.meetings, content.goals),
    requested: () => requestedBlocks(c, content.requested),
    funding: () => fundingBlocks(c, content.requested),
    contact: () => contactBlocks(c, content.contact),
  }
  const headings: Record<SubstantiationSectionId, string> = {
    question: w.question,
    home: w.home,
    school: w.schoolSection,
    strength: w.strength,
    route: w.route,
    need: w.need,
    goals: w.goals,
    meetings: w.meetings,
    requested: w.requested,
    funding: w.funding,
    contact: w.contact,
  }
  const sections = REQUEST_SECTIONS.map((id) => ({ id, heading: headings[id], blocks: blocksOf[id]() }))
  const gaps = sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'gap').map((b) => ({ section: s.id, text: (b as { text: string }).text })))
  return { title: w.title, facts, sections, gaps }
}

/** The request to the gemeente as the plan holds it now. */
export function compileRequest(doc: Y.Doc, options: RenderOptions): Substantiation {
  return renderRequest(requestContent(doc, isoDay(options.now)), options)
}

/** The former name: the onderbouwing is the request now. */
export const compileSubstantiation = compileRequest

function blockText(b: DocBlock): string {
  switch (b.kind) {
    case 'heading':
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

/** The request as plain text, to paste into the gemeente's form or an e-mail: what is missing first. */
export function substantiationToText(s: Substantiation): string {
  const parts = [s.title.toUpperCase(), s.facts.map((f) => `${f.label}: ${f.value}`).join('\n')]
  if (s.gaps.length > 0) parts.push(s.gaps.map((g) => `- ${g.text}`).join('\n'))
  s.sections.forEach((section, i) => {
    parts.push(`${i + 1}. ${section.heading.toUpperCase()}`)
    for (const b of section.blocks) parts.push(blockText(b))
  })
  return `${parts.join('\n\n')}\n`
}
