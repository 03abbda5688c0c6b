/**
 * The document inside a shared extract (issue 11 §2): the request to the gemeente
 * (substantiation.ts), the whole OPP or chosen sections (printDocument.ts), frozen as compiled
 * blocks with every text decided, so the recipient's browser renders exactly what was shared
 * without the plan. `readSharedDocument` reads it back strictly: the recipient takes nothing it
 * cannot render as plain text (no HTML anywhere, links only http(s) and mailto, as richText.ts).
 */
import type { PrintBlock, PrintDocument, PrintListItem } from './printDocument'
import type { RichBlock, TextRun } from './richText'
import type { DocBlock, Fact, Substantiation } from './substantiation'

export interface SharedSection {
  heading: string
  blocks: PrintBlock[]
}

export interface SharedDocument {
  title: string
  facts: Fact[]
  /** everyone on the team in one line, or null */
  involved: { label: string; text: string } | null
  sections: SharedSection[]
}

export function sharedFromPrint(doc: PrintDocument): SharedDocument {
  return { title: doc.title, facts: doc.facts, involved: doc.involved, sections: doc.sections.map((s) => ({ heading: s.heading, blocks: s.blocks })) }
}

function printBlockOf(b: DocBlock): PrintBlock {
  switch (b.kind) {
    case 'heading':
      return { kind: 'heading', level: 4, text: b.text }
    case 'list':
      return { kind: 'list', items: b.items.map((text) => ({ text })) }
    default:
      return b
  }
}

export function sharedFromSubstantiation(s: Substantiation): SharedDocument {
  return { title: s.title, facts: s.facts, involved: null, sections: s.sections.map((x) => ({ heading: x.heading, blocks: x.blocks.map(printBlockOf) })) }
}

// --- strict reading of what a link brought ----------------------------------------------------

/** Bounds on what a recipient renders: a plan's documents stay far inside them. */
const MAX_TEXT = 200_000
const MAX_ITEMS = 20_000
const MAX_DEPTH = 4

class Malformed extends Error {}

const fail = (what: string): never => {
  throw new Malformed(what)
}
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : fail('object')
const str = (v: unknown): string => (typeof v === 'string' && v.length <= MAX_TEXT ? v : fail('text'))
const arr = (v: unknown): unknown[] => (Array.isArray(v) && v.length <= MAX_ITEMS ? v : fail('list'))
const SAFE_LINK = /^(https?:\/\/|mailto:)/i

function readFact(v: unknown): Fact {
  const f = obj(v)
  return { label: str(f.label), value: str(f.value) }
}

function readRun(v: unknown): TextRun {
  const r = obj(v)
  const run: TextRun = { text: str(r.text) }
  for (const mark of ['bold', 'italic', 'underline', 'strike'] as const) if (r[mark] === true) run[mark] = true
  if (typeof r.href === 'string' && SAFE_LINK.test(r.href)) run.href = str(r.href)
  return run
}

function readRich(v: unknown): RichBlock {
  const b = obj(v)
  const runs = () => arr(b.runs).map(readRun)
  if (b.kind === 'paragraph') return { kind: 'paragraph', runs: runs() }
  if (b.kind === 'heading' && (b.level === 1 || b.level === 2 || b.level === 3)) return { kind: 'heading', level: b.level, runs: runs() }
  if (b.kind === 'list') return { kind: 'list', ordered: b.ordered === true, items: arr(b.items).map((item) => arr(item).map(readRun)) }
  return fail('rich block')
}

function readItem(v: unknown): PrintListItem {
  const i = obj(v)
  const item: PrintListItem = { text: str(i.text) }
  if (i.lead !== undefined) item.lead = str(i.lead)
  if (i.note !== undefined) item.note = str(i.note)
  return item
}

function readBlock(v: unknown, depth: number): PrintBlock {
  const b = obj(v)
  switch (b.kind) {
    case 'item':
      if (depth >= MAX_DEPTH) return fail('depth')
      return { kind: 'item', heading: str(b.heading), blocks: arr(b.blocks).map((x) => readBlock(x, depth + 1)) }
    case 'heading':
      return b.level === 4 || b.level === 5 ? { kind: 'heading', level: b.level, text: str(b.text) } : fail('heading')
    case 'paragraph':
    case 'gap':
      return { kind: b.kind, text: str(b.text) }
    case 'facts':
      return { kind: 'facts', facts: arr(b.facts).map(readFact) }
    case 'list':
      return { kind: 'list', items: arr(b.items).map(readItem) }
    case 'table':
      return { kind: 'table', columns: arr(b.columns).map(str), rows: arr(b.rows).map((row) => arr(row).map(str)) }
    case 'rich':
      return { kind: 'rich', blocks: arr(b.blocks).map(readRich) }
    default:
      return fail('block')
  }
}

/** The document, if it has exactly the shape a shared document has; null otherwise. */
export function readSharedDocument(v: unknown): SharedDocument | null {
  try {
    const d = obj(v)
    const involved =
      d.involved === null
        ? null
        : (() => {
            const i = obj(d.involved)
            return { label: str(i.label), text: str(i.text) }
          })()
    return {
      title: str(d.title),
      facts: arr(d.facts).map(readFact),
      involved,
      sections: arr(d.sections).map((s) => {
        const section = obj(s)
        return { heading: str(section.heading), blocks: arr(section.blocks).map((b) => readBlock(b, 0)) }
      }),
    }
  } catch (err) {
    if (err instanceof Malformed) return null
    throw err
  }
}
