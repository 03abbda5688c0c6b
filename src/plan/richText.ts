/**
 * A collaborative text (Y.Text with Quill-style formatting) as a safe, plain structure for
 * documents: headings, paragraphs and lists of runs with bold / italic / underline / strike and
 * links. Nothing here is HTML: the UI builds elements from it, so text typed by anyone is only
 * ever text. Quill keeps line formats (header, list) on the newline that ends the line, inline
 * formats on the runs.
 */
import type * as Y from 'yjs'

export interface TextRun {
  text: string
  bold?: true
  italic?: true
  underline?: true
  strike?: true
  /** only http(s) and mailto links survive; anything else reads as plain text */
  href?: string
}

export type RichBlock =
  | { kind: 'paragraph'; runs: TextRun[] }
  | { kind: 'heading'; level: 1 | 2 | 3; runs: TextRun[] }
  | { kind: 'list'; ordered: boolean; items: TextRun[][] }

/** One op of Y.Text.toDelta() */
export interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i

function runOf(text: string, attributes: Record<string, unknown> | undefined): TextRun {
  const run: TextRun = { text }
  if (!attributes) return run
  if (attributes.bold === true) run.bold = true
  if (attributes.italic === true) run.italic = true
  if (attributes.underline === true) run.underline = true
  if (attributes.strike === true) run.strike = true
  if (typeof attributes.link === 'string' && SAFE_LINK.test(attributes.link.trim())) run.href = attributes.link.trim()
  return run
}

function sameFormat(a: TextRun, b: TextRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike && a.href === b.href
}

function pushRun(runs: TextRun[], run: TextRun): void {
  if (!run.text) return
  const last = runs[runs.length - 1]
  if (last && sameFormat(last, run)) last.text += run.text
  else runs.push(run)
}

type LineKind = { kind: 'paragraph' } | { kind: 'heading'; level: 1 | 2 | 3 } | { kind: 'list'; ordered: boolean }

function lineKind(attributes: Record<string, unknown> | undefined): LineKind {
  const header = attributes?.header
  if (header === 1 || header === 2 || header === 3) return { kind: 'heading', level: header }
  if (typeof header === 'number' && header > 3) return { kind: 'heading', level: 3 }
  const list = attributes?.list
  if (list === 'ordered') return { kind: 'list', ordered: true }
  if (list === 'bullet' || list === 'checked' || list === 'unchecked') return { kind: 'list', ordered: false }
  return { kind: 'paragraph' }
}

const isBlank = (runs: TextRun[]) => runs.every((r) => r.text.trim() === '')

/** Converts a delta (Y.Text.toDelta() or a Quill delta) into blocks; embeds are dropped, empty lines separate paragraphs. */
export function deltaToBlocks(delta: readonly DeltaOp[]): RichBlock[] {
  const blocks: RichBlock[] = []
  let runs: TextRun[] = []
  const endLine = (attributes: Record<string, unknown> | undefined) => {
    const kind = lineKind(attributes)
    const line = runs
    runs = []
    if (kind.kind === 'list') {
      if (isBlank(line)) return
      const last = blocks[blocks.length - 1]
      if (last?.kind === 'list' && last.ordered === kind.ordered) last.items.push(line)
      else blocks.push({ kind: 'list', ordered: kind.ordered, items: [line] })
      return
    }
    if (isBlank(line)) return
    if (kind.kind === 'heading') blocks.push({ kind: 'heading', level: kind.level, runs: line })
    else blocks.push({ kind: 'paragraph', runs: line })
  }
  for (const op of delta) {
    if (typeof op.insert !== 'string') continue // an embed (image, formula): not part of a filed document
    const parts = op.insert.split('\n')
    parts.forEach((part, i) => {
      pushRun(runs, runOf(part, op.attributes))
      if (i < parts.length - 1) endLine(op.attributes)
    })
  }
  if (runs.length > 0) endLine(undefined)
  return blocks
}

export function richTextBlocks(text: Y.Text): RichBlock[] {
  return deltaToBlocks(text.toDelta() as DeltaOp[])
}

const runsText = (runs: TextRun[]) => runs.map((r) => r.text).join('')

/** The blocks as plain text: list items get "- " or "1. ", blocks are separated by a blank line. */
export function blocksToText(blocks: readonly RichBlock[]): string {
  return blocks
    .map((b) => {
      if (b.kind === 'list') return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${runsText(item)}`).join('\n')
      return runsText(b.runs)
    })
    .join('\n\n')
}
