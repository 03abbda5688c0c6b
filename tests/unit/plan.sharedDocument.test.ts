/**
 * The document inside a shared extract (src/plan/sharedDocument.ts): compiled from the plan like
 * the print view and the onderbouwing, and read back strictly on the recipient's browser, which
 * takes nothing it cannot render as plain text.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  compilePrintDocument,
  compileSubstantiation,
  createGoals,
  createRoute,
  initPlan,
  PRINT_SECTIONS,
  readSharedDocument,
  sharedFromPrint,
  sharedFromSubstantiation,
  type PrintWords,
} from '../../src/plan'

const ANNA = 'a'.repeat(64)
const NOW = Date.UTC(2026, 11, 1, 12)
const WORDS: PrintWords = {
  label: (key) => `[${key}]`,
  planOf: (name) => `Plan of ${name}`,
  source: (source) => `source: ${source}`,
  until: (from, to) => `${from} until ${to}`,
  since: (from) => `since ${from}`,
  childFallback: 'this child',
  unknown: 'unknown',
  untitledGoal: '(untitled goal)',
  removedGoal: 'removed goal',
  what: 'What',
  role: (role) => `<${role}>`,
  funder: (funder) => `<funder ${funder || 'none'}>`,
  agendaItem: (item) => `<item ${item}>`,
}

function plan(): Y.Doc {
  const doc = new Y.Doc()
  initPlan(doc, { childName: 'Sam', createdBy: ANNA, creatorName: 'Anna (moeder)' })
  createRoute(doc).add({ level: 'vrij toegankelijk', provider: 'Wijkteam Noord', from: '2026-03-02' }, ANNA)
  createGoals(doc).add({ title: 'Sam gaat zelf de klas in', domain: 'zelfredzaamheid' }, ANNA)
  return doc
}

/** What the link carries and the recipient parses: JSON, both ways. */
const overTheWire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

describe('shared documents', () => {
  it('the whole OPP and chosen sections survive the trip unchanged', () => {
    const doc = plan()
    const whole = sharedFromPrint(compilePrintDocument(doc, { sections: PRINT_SECTIONS, now: NOW, lang: 'nl', words: WORDS }))
    expect(whole.sections).toHaveLength(PRINT_SECTIONS.length)
    expect(readSharedDocument(overTheWire(whole))).toEqual(whole)
    const two = sharedFromPrint(compilePrintDocument(doc, { sections: ['goals', 'route'], now: NOW, lang: 'nl', words: WORDS }))
    expect(two.sections.map((s) => s.heading)).toEqual(['[section.goals]', '[section.route]'])
    expect(readSharedDocument(overTheWire(two))).toEqual(two)
  })

  it('the request to the gemeente becomes the same blocks: headings at level 4, list lines as items', () => {
    const s = compileSubstantiation(plan(), { now: NOW })
    const shared = sharedFromSubstantiation(s)
    expect(shared.title).toBe(s.title)
    expect(shared.sections.map((x) => x.heading)).toEqual(s.sections.map((x) => x.heading))
    expect(JSON.stringify(shared)).toContain('Wijkteam Noord')
    for (const block of shared.sections.flatMap((x) => x.blocks)) {
      if (block.kind === 'heading') expect(block.level).toBe(4)
      if (block.kind === 'list') for (const item of block.items) expect(typeof item.text).toBe('string')
    }
    expect(readSharedDocument(overTheWire(shared))).toEqual(shared)
  })

  it('anything of another shape is refused whole; a link that is not http(s) or mailto is left out', () => {
    const base = { title: 'T', facts: [], involved: null, sections: [{ heading: 'H', blocks: [] as unknown[] }] }
    const withBlock = (block: unknown) => ({ ...base, sections: [{ heading: 'H', blocks: [block] }] })
    expect(readSharedDocument(withBlock({ kind: 'paragraph', text: 'ok' }))).not.toBeNull()
    expect(readSharedDocument(withBlock({ kind: 'html', html: '<script>alert(1)</script>' }))).toBeNull()
    expect(readSharedDocument(withBlock({ kind: 'paragraph', text: 42 }))).toBeNull()
    expect(readSharedDocument(withBlock({ kind: 'heading', level: 1, text: 'te groot' }))).toBeNull()
    expect(readSharedDocument({ ...base, title: undefined })).toBeNull()
    expect(readSharedDocument('a string')).toBeNull()
    const deep = (n: number): unknown => (n === 0 ? { kind: 'gap', text: '' } : { kind: 'item', heading: 'h', blocks: [deep(n - 1)] })
    expect(readSharedDocument(withBlock(deep(4)))).not.toBeNull()
    expect(readSharedDocument(withBlock(deep(6)))).toBeNull()
    const rich = readSharedDocument(
      withBlock({ kind: 'rich', blocks: [{ kind: 'paragraph', runs: [{ text: 'klik', href: 'javascript:alert(1)', bold: true, onclick: 'x' }] }] }),
    )
    expect(rich?.sections[0]?.blocks[0]).toEqual({ kind: 'rich', blocks: [{ kind: 'paragraph', runs: [{ text: 'klik', bold: true }] }] })
  })
})
