/**
 * The plan as a document to print or save as PDF: a title block (child, date of birth, school,
 * group, plan status, date printed, who is involved) and the sections the reader chose, in the
 * order of PRINT_SECTIONS. An empty part says so ("Nog niets ingevuld.") rather than leaving a
 * blank.
 *
 * A pure function of the plan doc, the clock, the chosen sections and the words, like the
 * onderbouwing (substantiation.ts): a structure of blocks with every text decided, no DOM. The
 * labels live in the UI's dictionaries, so the UI passes them in (PrintWords); the plan's enum
 * values for readers outside the team come from documentText.ts.
 */
import type * as Y from 'yjs'
import { createActions, type Funder } from './actions'
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
  type DocumentLang,
} from './documentText'
import { createFactors, FACTOR_DOMAINS, FACTOR_KINDS, type FactorDomain, type FactorKind } from './factors'
import { createGoals } from './goals'
import { createMeetings, type AgendaItem } from './meetings'
import { createNeeds, NEED_HOLDERS } from './needs'
import { createObservations, type ObservationContext } from './observations'
import { oppBlocks, type OppStanding } from './oppPrint'
import { richTextBlocks, type RichBlock } from './richText'
import { createRoute } from './route'
import { createSocialMap } from './socialMap'
import { createMeta } from './status'
import type { Fact } from './substantiation'
import { createTeam, memberName, type TeamRole } from './team'
import { createVoices, PERSPECTIVES, VOICE_FIELDS, type Perspective, type VoiceField } from './voices'

/** The parts of a plan the print view can leave out, in the order they are printed (DESIGN §6). */
export const PRINT_SECTIONS = ['status', 'team', 'voices', 'factors', 'needs', 'perspective', 'goals', 'actions', 'route', 'observations', 'meetings'] as const
export type PrintSection = (typeof PRINT_SECTIONS)[number]

/** A plain label or an enum value's name, as the UI's document dictionary names it (without its `docs.` prefix). */
export type PrintLabel =
  | 'child'
  | 'dateOfBirth'
  | 'school'
  | 'group'
  | 'status'
  | 'printed'
  | 'involved'
  | 'notFilled'
  | 'empty'
  | 'supportLevel'
  | 'careLevel'
  | 'casusregisseur'
  | 'nextEvaluation'
  | 'name'
  | 'role'
  | 'organisation'
  | 'callFor'
  | 'reach'
  | 'socialMap'
  | 'uitstroom'
  | 'onderbouwing'
  | 'afwijkingen'
  | 'domain'
  | 'goalStatus'
  | 'targetDate'
  | 'owner'
  | 'evaluations'
  | 'who'
  | 'when'
  | 'dueBy'
  | 'goal'
  | 'fundedBy'
  | 'done'
  | 'yes'
  | 'no'
  | 'period'
  | 'effect'
  | 'present'
  | 'decisions'
  | 'nextMeeting'
  | `section.${PrintSection}`
  | `perspective.${Perspective}`
  | `voice.${VoiceField}`
  | `factorDomain.${FactorDomain}`
  | `factor.${FactorKind}`
  | `context.${ObservationContext}`

/** The print view's wording, in the app's language: the UI's dictionaries behind plain functions. */
export interface PrintWords {
  label(key: PrintLabel): string
  /** the document's title: "Ondersteuningsplan van Sam" */
  planOf(name: string): string
  /** who a factor comes from: "bron: juf Anke" */
  source(source: string): string
  /** a closed period: "1 september 2025 tot en met 31 januari 2026" */
  until(from: string, to: string): string
  /** a period still running: "sinds 2 maart 2026" */
  since(from: string): string
  /** the child's name while the plan has none ("dit kind") */
  childFallback: string
  /** a member whose name the plan does not know */
  unknown: string
  untitledGoal: string
  /** an afspraak's goal that was removed since */
  removedGoal: string
  /** the afspraken table's first column */
  what: string
  role(role: TeamRole): string
  funder(funder: Funder | ''): string
  agendaItem(item: AgendaItem, legacy: boolean): string
}

/** One line of a list: `lead` is set in bold before the text, `note` muted after it. */
export interface PrintListItem {
  lead?: string
  text: string
  note?: string
}

export type PrintBlock =
  /** one goal, step, meeting, perspective…: a heading (level 4) and what belongs to it, kept together on paper */
  | { kind: 'item'; heading: string; blocks: PrintBlock[] }
  | { kind: 'heading'; level: 4 | 5; text: string }
  | { kind: 'paragraph'; text: string }
  /** a part of the plan with nothing in it yet, said plainly */
  | { kind: 'gap'; text: string }
  | { kind: 'facts'; facts: Fact[] }
  | { kind: 'list'; items: PrintListItem[] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  /** a collaborative text; its own headings sit below level 4 */
  | { kind: 'rich'; blocks: RichBlock[] }

export interface PrintDocSection {
  id: PrintSection
  heading: string
  blocks: PrintBlock[]
}

export interface PrintDocument {
  title: string
  /** child, date of birth, school, group, plan status, date printed */
  facts: Fact[]
  /** everyone on the team in one line ("Anna, Beheerder; Bram, Bewerker, De Linde"), null for an empty team */
  involved: { label: string; text: string } | null
  /** the chosen sections, in the order of PRINT_SECTIONS */
  sections: PrintDocSection[]
}

export interface PrintOptions {
  sections: Iterable<PrintSection>
  /** the OPP's signed acts as the access layer verified them; left out, the document does not mention them */
  opp?: OppStanding
  now: number
  lang: DocumentLang
  words: PrintWords
}

/** What every section's compiler gets: the plan, the words and the small phrases they share. */
interface Context {
  doc: Y.Doc
  lang: DocumentLang
  w: PrintWords
  label: (key: PrintLabel) => string
  /** a plan date in words, or "Niet ingevuld" */
  date: (iso: string) => string
  /** a member's name by key, '' for no key */
  name: (key: string) => string
  /** the value, or "Niet ingevuld" for an empty one */
  orNot: (value: string) => string
  /** a collaborative text, or the sentence that it is empty */
  rich: (blocks: RichBlock[]) => PrintBlock
  gap: () => PrintBlock
  opp?: OppStanding
}

function statusBlocks(c: Context): PrintBlock[] {
  const meta = createMeta(c.doc).get()
  return [
    {
      kind: 'facts',
      facts: [
        { label: c.label('status'), value: PLAN_STATUS_WORDS[c.lang][meta.status] },
        { label: c.label('supportLevel'), value: SUPPORT_LEVEL_WORDS[c.lang][meta.supportLevel] },
        { label: c.label('careLevel'), value: CARE_LEVEL_WORDS[c.lang][meta.careLevel] },
        { label: c.label('casusregisseur'), value: c.name(meta.casusregisseur) || c.label('notFilled') },
        { label: c.label('nextEvaluation'), value: c.date(meta.nextEvaluation) },
      ],
    },
  ]
}

function teamBlocks(c: Context): PrintBlock[] {
  const team = createTeam(c.doc).list()
  const contacts = createSocialMap(c.doc).list()
  const blocks: PrintBlock[] = [
    team.length === 0
      ? c.gap()
      : {
          kind: 'table',
          columns: [c.label('name'), c.label('role'), c.label('organisation'), c.label('callFor'), c.label('reach')],
          rows: team.map((m) => [m.name || c.w.unknown, c.w.role(m.role), m.organisation, m.callFor, m.reach]),
        },
  ]
  if (contacts.length > 0) {
    const line = (x: (typeof contacts)[number]) =>
      [x.name, x.role, x.organisation, x.callFor && `${c.label('callFor')}: ${x.callFor}`, x.reach].filter(Boolean).join(', ')
    blocks.push({ kind: 'heading', level: 4, text: c.label('socialMap') }, { kind: 'list', items: contacts.map((x) => ({ text: line(x) })) })
  }
  return blocks
}

function voiceBlocks(c: Context): PrintBlock[] {
  const voices = createVoices(c.doc)
  return PERSPECTIVES.map((p) => ({
    kind: 'item',
    heading: c.label(`perspective.${p}`),
    blocks: VOICE_FIELDS.flatMap((f): PrintBlock[] => [{ kind: 'heading', level: 5, text: c.label(`voice.${f}`) }, c.rich(richTextBlocks(voices.text(p, f)))]),
  }))
}

function factorBlocks(c: Context): PrintBlock[] {
  const matrix = createFactors(c.doc).matrix()
  const filled = FACTOR_DOMAINS.filter((d) => FACTOR_KINDS.some((k) => matrix[d][k].length > 0))
  if (filled.length === 0) return [c.gap()]
  return filled.map((d) => ({
    kind: 'item',
    heading: c.label(`factorDomain.${d}`),
    blocks: FACTOR_KINDS.flatMap((k): PrintBlock[] => {
      const factors = matrix[d][k]
      const items = factors.map((f) => {
        const source = f.source || c.name(f.sourceKey)
        return { text: f.text, note: `(${[c.date(f.date), source && c.w.source(source)].filter(Boolean).join(', ')})` }
      })
      return [{ kind: 'heading', level: 5, text: c.label(`factor.${k}`) }, items.length > 0 ? { kind: 'list', items } : c.gap()]
    }),
  }))
}

function needBlocks(c: Context): PrintBlock[] {
  const needs = createNeeds(c.doc)
  return NEED_HOLDERS.map((h) => ({ kind: 'item', heading: NEED_HOLDER_WORDS[c.lang][h], blocks: [c.rich(richTextBlocks(needs.text(h)))] }))
}

function perspectiveBlocks(c: Context): PrintBlock[] {
  const gap = { kind: 'gap', text: c.label('empty') } as const
  return oppBlocks(
    {
      doc: c.doc,
      lang: c.lang,
      name: c.name,
      orNot: c.orNot,
      label: (key) => c.label(key),
      rich: (blocks) => (blocks.length > 0 ? { kind: 'rich', blocks } : gap),
      gap: () => gap,
    },
    c.opp,
  )
}

function goalBlocks(c: Context): PrintBlock[] {
  const goals = createGoals(c.doc).list()
  if (goals.length === 0) return [c.gap()]
  return goals.map((g) => {
    const blocks: PrintBlock[] = []
    if (g.description.trim()) blocks.push({ kind: 'paragraph', text: g.description })
    blocks.push({
      kind: 'facts',
      facts: [
        { label: c.label('domain'), value: GOAL_DOMAIN_WORDS[c.lang][g.domain] },
        { label: c.label('goalStatus'), value: GOAL_STATUS_WORDS[c.lang][g.status] },
        { label: c.label('targetDate'), value: c.date(g.targetDate) },
        { label: c.label('owner'), value: c.name(g.owner) || c.label('notFilled') },
      ],
    })
    if (g.evaluations.length > 0) {
      const line = (e: (typeof g.evaluations)[number]) =>
        `${c.date(e.date)}: ${EVALUATION_RESULT_WORDS[c.lang][e.result]}, ${EVALUATION_DECISION_WORDS[c.lang][e.decision]}.${e.seen ? ` ${asSentence(e.seen)}` : ''}`
      blocks.push({ kind: 'heading', level: 5, text: c.label('evaluations') }, { kind: 'list', items: g.evaluations.map((e) => ({ text: line(e) })) })
    }
    return { kind: 'item', heading: g.title.trim() || c.w.untitledGoal, blocks }
  })
}

function actionBlocks(c: Context): PrintBlock[] {
  const actions = createActions(c.doc).list()
  if (actions.length === 0) return [c.gap()]
  const goals = createGoals(c.doc).list()
  const goalTitle = (id: string) => (id ? goals.find((g) => g.id === id)?.title || c.w.removedGoal : '')
  return [
    {
      kind: 'table',
      columns: [c.w.what, c.label('who'), c.label('when'), c.label('goal'), c.label('fundedBy'), c.label('done')],
      // an empty who or when says so, rather than a blank cell a reader has to guess at
      rows: actions.map((a) => [
        a.what,
        c.orNot(a.who || c.name(a.whoKey)),
        // "Uiterlijk op" (issue 10) beside the words: the date a parent holds the school to
        c.orNot([a.when, a.dueDate && `${c.label('dueBy')} ${c.date(a.dueDate)}`].filter(Boolean).join('; ')),
        goalTitle(a.goalId),
        c.w.funder(a.fundedBy),
        a.done ? c.label('yes') : c.label('no'),
      ]),
    },
  ]
}

function routeBlocks(c: Context): PrintBlock[] {
  const steps = createRoute(c.doc).list()
  if (steps.length === 0) return [c.gap()]
  return steps.map((s) => ({
    kind: 'item',
    heading: `${ROUTE_LEVEL_WORDS[c.lang][s.level]}: ${s.provider}`,
    blocks: [
      {
        kind: 'facts',
        facts: [
          {
            label: c.label('period'),
            value: s.to ? `${c.w.until(c.date(s.from), c.date(s.to))} (${durationWords(s.from, s.to, c.lang)})` : c.w.since(c.date(s.from)),
          },
          { label: c.label('effect'), value: c.orNot(s.effect) },
        ],
      },
    ],
  }))
}

function observationBlocks(c: Context): PrintBlock[] {
  const observations = createObservations(c.doc).list()
  if (observations.length === 0) return [c.gap()]
  return [
    {
      kind: 'list',
      items: observations.map((o) => ({ lead: c.date(o.date), text: `(${c.label(`context.${o.context}`)}, ${c.name(o.createdBy)}): ${o.text}` })),
    },
  ]
}

function meetingBlocks(c: Context): PrintBlock[] {
  const meetings = createMeetings(c.doc)
  const list = meetings.list()
  if (list.length === 0) return [c.gap()]
  return list.map((m) => {
    const present = m.attendees.map((a) => (a.kind === 'guest' ? a.name : c.name(a.memberKey))).join(', ')
    const facts: Fact[] = [{ label: c.label('present'), value: present || c.label('notFilled') }]
    if (m.nextDate) facts.push({ label: c.label('nextMeeting'), value: c.date(m.nextDate) })
    const blocks: PrintBlock[] = [{ kind: 'facts', facts }]
    if (m.decisions.length > 0)
      blocks.push({ kind: 'heading', level: 5, text: c.label('decisions') }, { kind: 'list', items: m.decisions.map((d) => ({ text: d.text })) })
    for (const item of m.agenda) {
      const notes = richTextBlocks(meetings.notes(m.id, item.id))
      if (notes.length > 0) blocks.push({ kind: 'heading', level: 5, text: c.w.agendaItem(item, m.legacy) }, { kind: 'rich', blocks: notes })
    }
    return { kind: 'item', heading: `${MEETING_TYPE_WORDS[c.lang][m.type]}, ${c.date(m.date)}`, blocks }
  })
}

const SECTION_BLOCKS: Record<PrintSection, (c: Context) => PrintBlock[]> = {
  status: statusBlocks,
  team: teamBlocks,
  voices: voiceBlocks,
  factors: factorBlocks,
  needs: needBlocks,
  perspective: perspectiveBlocks,
  goals: goalBlocks,
  actions: actionBlocks,
  route: routeBlocks,
  observations: observationBlocks,
  meetings: meetingBlocks,
}

export function compilePrintDocument(doc: Y.Doc, options: PrintOptions): PrintDocument {
  const { lang, words: w } = options
  const label = w.label
  const c: Context = {
    doc,
    lang,
    w,
    opp: options.opp,
    label,
    date: (iso) => (iso ? dateWords(iso, lang) : label('notFilled')),
    name: (key) => (key ? memberName(doc, key) || w.unknown : ''),
    orNot: (value) => value.trim() || label('notFilled'),
    rich: (blocks) => (blocks.length > 0 ? { kind: 'rich', blocks } : { kind: 'gap', text: label('empty') }),
    gap: () => ({ kind: 'gap', text: label('empty') }),
  }
  const child = createChild(doc).get()
  const meta = createMeta(doc).get()
  const team = createTeam(doc).list()
  const chosen = new Set(options.sections)
  return {
    title: w.planOf(child.name || w.childFallback),
    facts: [
      { label: label('child'), value: c.orNot(child.name) },
      { label: label('dateOfBirth'), value: c.date(child.dateOfBirth) },
      { label: label('school'), value: c.orNot(child.school) },
      { label: label('group'), value: c.orNot(child.group) },
      { label: label('status'), value: PLAN_STATUS_WORDS[lang][meta.status] },
      { label: label('printed'), value: dateWords(isoDay(options.now), lang) },
    ],
    involved:
      team.length === 0
        ? null
        : { label: label('involved'), text: team.map((m) => [m.name || w.unknown, w.role(m.role), m.organisation].filter(Boolean).join(', ')).join('; ') },
    sections: PRINT_SECTIONS.filter((id) => chosen.has(id)).map((id) => ({ id, heading: label(`section.${id}`), blocks: SECTION_BLOCKS[id](c) })),
  }
}
