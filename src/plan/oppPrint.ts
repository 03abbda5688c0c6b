/**
 * The OPP's part of the print view (compilePrintDocument's perspective section), compiled from the
 * plan: the expected uitstroombestemming and its explanation, the factors the onderbouwing rests
 * on (from the matrix), the onderbouwing, the handelingsdeel by kind with each line's tussendoel,
 * the explanation of the afwijkingen, and the talks with the parents. The instemming and the
 * vaststelling are signed acts only the access layer can verify: it hands their standing in
 * (`OppStanding`), and the document says only what it was given.
 */
import type * as Y from 'yjs'
import { dateWords, type DocumentLang } from './documentText'
import { createFactors, type Factor } from './factors'
import { createGoals } from './goals'
import { createHandelingsdeel, MEASURE_KINDS } from './handelingsdeel'
import { createOppConversations } from './oppConversations'
import { BESTEMMING_WORDS, MEASURE_KIND_WORDS, OPP_LABELS, TALK_KIND_WORDS } from './oppWords'
import { createPerspective, referencedFactors } from './perspective'
import { richTextBlocks, type RichBlock } from './richText'
import type { Fact } from './substantiation'

/** The verified standing of the OPP's signed acts, as the access layer judged them. */
export interface OppStanding {
  agreements: { name: string; signedAt: number }[]
  disagreements: { name: string; signedAt: number; reason: string }[]
  vaststelling: { name: string; signedAt: number; basis: 'instemming' | 'disagreement'; current: boolean } | null
}

/** What the perspective section gets from the print view's context (kept to what it needs). */
export interface OppPrintContext {
  doc: Y.Doc
  lang: DocumentLang
  /** a member's name by key */
  name: (key: string) => string
  /** the value, or "Niet ingevuld" */
  orNot: (value: string) => string
  /** a collaborative text as a block, or the sentence that it is empty */
  rich: (blocks: RichBlock[]) => OppBlock
  gap: () => OppBlock
  /** the labels of the parts that were there before (onderbouwing, afwijkingen) */
  label: (key: 'uitstroom' | 'onderbouwing' | 'afwijkingen') => string
}

export type OppBlock =
  | { kind: 'heading'; level: 4 | 5; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'gap'; text: string }
  | { kind: 'facts'; facts: Fact[] }
  | { kind: 'list'; items: { lead?: string; text: string; note?: string }[] }
  | { kind: 'rich'; blocks: RichBlock[] }

const ms = (at: number, lang: DocumentLang) => dateWords(new Date(at).toISOString().slice(0, 10), lang)

export function oppBlocks(c: OppPrintContext, standing?: OppStanding): OppBlock[] {
  const L = OPP_LABELS[c.lang]
  const perspective = createPerspective(c.doc)
  const bestemming = perspective.bestemming()
  const out: OppBlock[] = [
    {
      kind: 'facts',
      facts: [
        { label: c.label('uitstroom'), value: bestemming ? BESTEMMING_WORDS[c.lang][bestemming] : c.orNot('') },
        { label: L.explanation, value: c.orNot(perspective.uitstroom()) },
      ],
    },
    { kind: 'heading', level: 4, text: c.label('onderbouwing') },
  ]
  const factors = referencedFactors(perspective.factorIds(), createFactors(c.doc).list())
  const factorList = (heading: string, list: Factor[]): OppBlock[] =>
    list.length > 0
      ? [
          { kind: 'heading', level: 5, text: heading },
          { kind: 'list', items: list.map((f) => ({ text: f.text })) },
        ]
      : []
  if (factors.bevorderend.length + factors.belemmerend.length > 0)
    out.push({ kind: 'paragraph', text: `${L.basedOn}:` }, ...factorList(L.helps, factors.bevorderend), ...factorList(L.hinders, factors.belemmerend))
  out.push(c.rich(richTextBlocks(perspective.text('onderbouwing'))))

  out.push({ kind: 'heading', level: 4, text: L.handelingsdeel })
  const measures = createHandelingsdeel(c.doc).list()
  const goals = new Map(
    createGoals(c.doc)
      .list()
      .map((g) => [g.id, g.title]),
  )
  if (measures.length === 0) out.push(c.gap())
  for (const kind of MEASURE_KINDS) {
    const ofKind = measures.filter((m) => m.kind === kind)
    if (ofKind.length === 0) continue
    out.push(
      { kind: 'heading', level: 5, text: MEASURE_KIND_WORDS[c.lang][kind] },
      {
        kind: 'list',
        items: ofKind.map((m) => ({
          lead: m.area || undefined,
          text: m.text,
          note: m.goalId ? `${L.goal}: ${goals.get(m.goalId) ?? ''}` : undefined,
        })),
      },
    )
  }
  out.push({ kind: 'heading', level: 5, text: c.label('afwijkingen') }, c.rich(richTextBlocks(perspective.text('afwijkingen'))))

  out.push({ kind: 'heading', level: 4, text: L.talks })
  const talks = createOppConversations(c.doc).list()
  if (talks.length === 0) out.push(c.gap())
  else
    out.push({
      kind: 'list',
      items: talks.map((t) => {
        const present = [...t.participantKeys.map(c.name), ...(t.others ? [t.others] : [])].join(', ')
        return {
          lead: `${TALK_KIND_WORDS[c.lang][t.kind]}, ${dateWords(t.date, c.lang)}`,
          text: t.outcome,
          note: present ? `${L.present}: ${present}` : undefined,
        }
      }),
    })

  if (standing) {
    out.push({ kind: 'heading', level: 4, text: L.instemming })
    const lines = [
      ...standing.agreements.map((a) => ({ text: L.agreed(a.name, ms(a.signedAt, c.lang)) })),
      ...standing.disagreements.map((d) => ({ text: L.disagreed(d.name, ms(d.signedAt, c.lang), d.reason) })),
    ]
    out.push(lines.length > 0 ? { kind: 'list', items: lines } : c.gap())
    if (standing.disagreements.length > 0) out.push({ kind: 'paragraph', text: L.dispute })
    out.push({ kind: 'heading', level: 4, text: L.vaststelling })
    const v = standing.vaststelling
    out.push({ kind: 'paragraph', text: v ? L.set(v.name, ms(v.signedAt, c.lang), v.basis === 'disagreement', v.current) : L.notSet })
  }
  return out
}
