import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  compilePrintDocument,
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createMeta,
  createNeeds,
  createObservations,
  createOppConversations,
  createHandelingsdeel,
  createPerspective,
  createRoute,
  createSocialMap,
  createTeam,
  createVoices,
  initPlan,
  PRINT_SECTIONS,
  type PrintBlock,
  type PrintDocument,
  type PrintSection,
  type PrintWords,
} from '../../src/plan'

const ANNA = 'a'.repeat(64)
const BRAM = 'b'.repeat(64)
const NOW = Date.UTC(2026, 11, 1, 12) // 1 December 2026, noon

/** Words that show which label was asked for: the real ones live in src/ui/i18n. */
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
  agendaItem: (item) => `<item ${item.id}>`,
}

const compile = (doc: Y.Doc, sections: Iterable<PrintSection> = PRINT_SECTIONS, lang: 'nl' | 'en' = 'nl') =>
  compilePrintDocument(doc, { sections, now: NOW, lang, words: WORDS })
const blocksOf = (d: PrintDocument, id: PrintSection) => d.sections.find((s) => s.id === id)!.blocks
const EMPTY: PrintBlock = { kind: 'gap', text: '[empty]' }

function newPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlan(doc, { childName: 'Sam', createdBy: ANNA, creatorName: 'Anna (moeder)' })
  return doc
}

describe('the print view as a document (compilePrintDocument)', () => {
  it('an empty plan: the title block, every section in order, each empty part said plainly', () => {
    const d = compile(newPlan())
    expect(d.title).toBe('Plan of Sam')
    expect(d.facts).toEqual([
      { label: '[child]', value: 'Sam' },
      { label: '[dateOfBirth]', value: '[notFilled]' },
      { label: '[school]', value: '[notFilled]' },
      { label: '[group]', value: '[notFilled]' },
      { label: '[status]', value: 'Concept' },
      { label: '[printed]', value: '1 december 2026' },
    ])
    expect(d.involved).toEqual({ label: '[involved]', text: 'Anna (moeder), <admin>' })
    expect(d.sections.map((s) => s.id)).toEqual([...PRINT_SECTIONS])
    expect(d.sections.map((s) => s.heading)).toEqual(PRINT_SECTIONS.map((s) => `[section.${s}]`))

    expect(blocksOf(d, 'status')).toEqual([
      {
        kind: 'facts',
        facts: [
          { label: '[status]', value: 'Concept' },
          { label: '[supportLevel]', value: 'Basisondersteuning' },
          { label: '[careLevel]', value: 'Geen jeugdhulp' },
          { label: '[casusregisseur]', value: '[notFilled]' },
          { label: '[nextEvaluation]', value: '[notFilled]' },
        ],
      },
    ])
    // the creator is on the team; the sociale kaart is left out while it is empty
    expect(blocksOf(d, 'team')).toEqual([
      { kind: 'table', columns: ['[name]', '[role]', '[organisation]', '[callFor]', '[reach]'], rows: [['Anna (moeder)', '<admin>', '', '', '']] },
    ])
    const voices = blocksOf(d, 'voices')
    expect(voices.map((b) => b.kind === 'item' && b.heading)).toEqual([
      '[perspective.kind]',
      '[perspective.ouders]',
      '[perspective.school]',
      '[perspective.zorg]',
    ])
    expect(voices[0]).toEqual({
      kind: 'item',
      heading: '[perspective.kind]',
      blocks: [
        { kind: 'heading', level: 5, text: '[voice.zorgen]' },
        EMPTY,
        { kind: 'heading', level: 5, text: '[voice.krachten]' },
        EMPTY,
        { kind: 'heading', level: 5, text: '[voice.vraag]' },
        EMPTY,
      ],
    })
    expect(blocksOf(d, 'factors')).toEqual([EMPTY])
    expect(blocksOf(d, 'needs')).toEqual([
      { kind: 'item', heading: 'Wat het kind nodig heeft', blocks: [EMPTY] },
      { kind: 'item', heading: 'Wat de leerkracht nodig heeft', blocks: [EMPTY] },
      { kind: 'item', heading: 'Wat de ouders nodig hebben', blocks: [EMPTY] },
    ])
    expect(blocksOf(d, 'perspective')).toEqual([
      {
        kind: 'facts',
        facts: [
          { label: '[uitstroom]', value: '[notFilled]' },
          { label: 'Uitleg bij de uitstroom', value: '[notFilled]' },
        ],
      },
      { kind: 'heading', level: 4, text: '[onderbouwing]' },
      EMPTY,
      { kind: 'heading', level: 4, text: 'Handelingsdeel' },
      EMPTY,
      { kind: 'heading', level: 5, text: '[afwijkingen]' },
      EMPTY,
      { kind: 'heading', level: 4, text: 'Gesprekken met ouders over het OPP' },
      EMPTY,
    ])
    for (const id of ['goals', 'actions', 'route', 'observations', 'meetings'] as const) expect(blocksOf(d, id)).toEqual([EMPTY])
  })

  it('only the chosen sections, always in the print order; none chosen leaves the title block', () => {
    const doc = newPlan()
    expect(compile(doc, ['meetings', 'status', 'goals']).sections.map((s) => s.id)).toEqual(['status', 'goals', 'meetings'])
    expect(compile(doc, new Set<PrintSection>(['route'])).sections.map((s) => s.id)).toEqual(['route'])
    const none = compile(doc, [])
    expect(none.sections).toEqual([])
    expect(none.title).toBe('Plan of Sam')
    expect(none.facts).toHaveLength(6)
  })

  it('a child without a name, and a team without anyone', () => {
    const doc = new Y.Doc()
    createChild(doc).set({ name: '' })
    const d = compile(doc, ['team'])
    expect(d.title).toBe('Plan of this child')
    expect(d.facts[0]).toEqual({ label: '[child]', value: '[notFilled]' })
    expect(d.involved).toBeNull()
    expect(blocksOf(d, 'team')).toEqual([EMPTY])
  })

  it('a filled plan: every section says what the plan holds', () => {
    const doc = newPlan()
    createChild(doc).set({ dateOfBirth: '2016-04-02', school: 'De Linde', group: '5' })
    const team = createTeam(doc)
    team.add({ memberKey: BRAM, name: 'Bram', role: 'editor', organisation: 'De Linde', callFor: 'rooster', reach: 'ma-do' }, ANNA)
    team.add({ memberKey: '', name: '', role: 'reader', organisation: 'Wijkteam' }, ANNA)
    createMeta(doc).set({
      status: 'in uitvoering',
      supportLevel: 'arrangement',
      careLevel: 'vrij toegankelijk',
      casusregisseur: BRAM,
      nextEvaluation: '2027-02-01',
    })
    createSocialMap(doc).add({ name: 'Dr. Vos', role: 'huisarts', organisation: 'Praktijk Noord', callFor: 'medicatie', reach: '' }, ANNA)
    createVoices(doc).text('ouders', 'zorgen').insert(0, 'Slaapt slecht')
    const factors = createFactors(doc)
    factors.add({ domain: 'school', kind: 'helpt', text: 'Vaste plek', date: '2026-10-01', source: 'juf Anke' }, ANNA)
    factors.add({ domain: 'school', kind: 'helpt', text: 'Koptelefoon', date: '2026-10-02', sourceKey: BRAM }, ANNA)
    createNeeds(doc).text('kind').insert(0, 'Rust bij wisselingen')
    const koptelefoon = factors.list().find((f) => f.text === 'Koptelefoon')!.id
    const perspective = createPerspective(doc)
    perspective.setBestemming('vmbo-k')
    perspective.setUitstroom('met lwoo')
    perspective.setFactorReferenced(koptelefoon, true)
    perspective.text('afwijkingen').insert(0, 'Geen')
    createOppConversations(doc).add({ kind: 'oogo', date: '2026-10-05', participantKeys: [BRAM], others: 'tolk', outcome: 'Eens over de doelen.' }, BRAM)
    const goals = createGoals(doc)
    const goal = goals.add(
      { title: 'Zelf de klas in', description: 'Zonder begeleiding', domain: 'zelfredzaamheid', owner: BRAM, targetDate: '2026-12-18' },
      ANNA,
    )
    const untitled = goals.add({ title: 'Weg', domain: 'leren' }, ANNA)
    goals.text(untitled, 'title').delete(0, 3) // a title emptied by hand
    goals.addEvaluation(goal, { date: '2026-11-20', result: 'deels', decision: 'opschalen', seen: 'Drie van de vijf dagen.' }, BRAM)
    createHandelingsdeel(doc).add({ kind: 'afwijking', area: 'rekenen', text: 'Eigen leerlijn', goalId: goal }, BRAM)
    const actions = createActions(doc)
    actions.add({ what: 'Dagritmekaart', who: 'IB', when: 'maandag', goalId: goal, fundedBy: 'onderwijs' }, ANNA)
    actions.add({ what: 'Aanvraag indienen', who: 'IB', when: '', dueDate: '2027-01-15', fundedBy: 'Jeugdwet' }, ANNA)
    const gone = goals.add({ title: 'Weggehaald', domain: 'overig' }, ANNA)
    const done = actions.add({ what: 'Gesprek', whoKey: BRAM, goalId: gone }, ANNA)
    actions.update(done, { done: true })
    goals.remove(gone)
    createRoute(doc).add({ level: 'extra ondersteuning', provider: 'RT', from: '2025-09-01', to: '2026-01-31', effect: 'Lezen ging vooruit' }, BRAM)
    createRoute(doc).add({ level: 'vrij toegankelijk', provider: 'Wijkteam', from: '2026-03-02' }, BRAM)
    createObservations(doc).add({ date: '2026-11-02', text: 'Rustig begonnen', context: 'school' }, BRAM)
    const meetings = createMeetings(doc)
    const mdo = meetings.add(
      {
        type: 'MDO',
        date: '2026-11-20',
        nextDate: '2027-01-15',
        attendees: [
          { kind: 'member', memberKey: ANNA },
          { kind: 'guest', name: 'Dr. Vos' },
        ],
      },
      ANNA,
    )
    meetings.addDecision(mdo, 'Aanmelden bij de gemeente', ANNA)
    meetings.notes(mdo, 'regie').insert(0, 'Bram houdt de regie')
    meetings.add({ type: 'OT', date: '2027-01-15' }, ANNA)

    const d = compile(doc)
    expect(d.facts).toContainEqual({ label: '[dateOfBirth]', value: '2 april 2016' })
    expect(d.facts).toContainEqual({ label: '[group]', value: '5' })
    expect(d.involved?.text).toBe('Anna (moeder), <admin>; Bram, <editor>, De Linde; unknown, <reader>, Wijkteam')

    expect(blocksOf(d, 'status')[0]).toEqual({
      kind: 'facts',
      facts: [
        { label: '[status]', value: 'In uitvoering' },
        { label: '[supportLevel]', value: 'Arrangement' },
        { label: '[careLevel]', value: 'Vrij toegankelijke jeugdhulp' },
        { label: '[casusregisseur]', value: 'Bram' },
        { label: '[nextEvaluation]', value: '1 februari 2027' },
      ],
    })
    expect(blocksOf(d, 'team')).toEqual([
      {
        kind: 'table',
        columns: ['[name]', '[role]', '[organisation]', '[callFor]', '[reach]'],
        rows: [
          ['Anna (moeder)', '<admin>', '', '', ''],
          ['Bram', '<editor>', 'De Linde', 'rooster', 'ma-do'],
          ['unknown', '<reader>', 'Wijkteam', '', ''],
        ],
      },
      { kind: 'heading', level: 4, text: '[socialMap]' },
      { kind: 'list', items: [{ text: 'Dr. Vos, huisarts, Praktijk Noord, [callFor]: medicatie' }] },
    ])
    const ouders = blocksOf(d, 'voices')[1]
    expect(ouders?.kind === 'item' && ouders.blocks[1]).toEqual({ kind: 'rich', blocks: [{ kind: 'paragraph', runs: [{ text: 'Slaapt slecht' }] }] })

    // only the domains with a factor, each with both kinds
    expect(blocksOf(d, 'factors')).toEqual([
      {
        kind: 'item',
        heading: '[factorDomain.school]',
        blocks: [
          { kind: 'heading', level: 5, text: '[factor.helpt]' },
          {
            kind: 'list',
            items: [
              { text: 'Vaste plek', note: '(1 oktober 2026, source: juf Anke)' },
              { text: 'Koptelefoon', note: '(2 oktober 2026, source: Bram)' },
            ],
          },
          { kind: 'heading', level: 5, text: '[factor.belemmert]' },
          EMPTY,
        ],
      },
    ])
    expect(blocksOf(d, 'needs')[0]).toEqual({
      kind: 'item',
      heading: 'Wat het kind nodig heeft',
      blocks: [{ kind: 'rich', blocks: [{ kind: 'paragraph', runs: [{ text: 'Rust bij wisselingen' }] }] }],
    })
    expect(blocksOf(d, 'perspective')).toEqual([
      {
        kind: 'facts',
        facts: [
          { label: '[uitstroom]', value: 'Vmbo kader' },
          { label: 'Uitleg bij de uitstroom', value: 'met lwoo' },
        ],
      },
      { kind: 'heading', level: 4, text: '[onderbouwing]' },
      { kind: 'paragraph', text: 'Waarop dit is gebaseerd:' },
      { kind: 'heading', level: 5, text: 'Dit helpt' },
      { kind: 'list', items: [{ text: 'Koptelefoon' }] },
      EMPTY,
      { kind: 'heading', level: 4, text: 'Handelingsdeel' },
      { kind: 'heading', level: 5, text: 'Afwijkingen van het programma' },
      { kind: 'list', items: [{ lead: 'rekenen', text: 'Eigen leerlijn', note: 'tussendoel: Zelf de klas in' }] },
      { kind: 'heading', level: 5, text: '[afwijkingen]' },
      { kind: 'rich', blocks: [{ kind: 'paragraph', runs: [{ text: 'Geen' }] }] },
      { kind: 'heading', level: 4, text: 'Gesprekken met ouders over het OPP' },
      { kind: 'list', items: [{ lead: 'Overleg met ouders (OOGO), 5 oktober 2026', text: 'Eens over de doelen.', note: 'Erbij: Bram, tolk' }] },
    ])
    // the signed acts only as the access layer hands them in
    const withStanding = compilePrintDocument(doc, {
      sections: ['perspective'],
      now: NOW,
      lang: 'nl',
      words: WORDS,
      opp: {
        agreements: [],
        disagreements: [{ name: 'Anna', signedAt: Date.UTC(2026, 10, 2, 12), reason: 'Te weinig uren.' }],
        vaststelling: { name: 'Bram', signedAt: Date.UTC(2026, 10, 3, 12), basis: 'disagreement', current: true },
      },
    })
    expect(blocksOf(withStanding, 'perspective').slice(-5)).toEqual([
      { kind: 'heading', level: 4, text: 'Instemming' },
      { kind: 'list', items: [{ text: 'Anna is het niet eens (2 november 2026): Te weinig uren.' }] },
      {
        kind: 'paragraph',
        text: 'Niet eens met het OPP? Praat eerst met de school. Kom je er samen niet uit, dan kun je naar de Geschillencommissie passend onderwijs (www.onderwijsgeschillen.nl).',
      },
      { kind: 'heading', level: 4, text: 'Vaststelling' },
      { kind: 'paragraph', text: 'Vastgesteld door Bram op 3 november 2026, terwijl de ouders het niet eens waren.' },
    ])

    const goalItems = blocksOf(d, 'goals')
    expect(goalItems.map((b) => b.kind === 'item' && b.heading).sort()).toEqual(['(untitled goal)', 'Zelf de klas in'])
    expect(goalItems).toContainEqual({
      kind: 'item',
      heading: 'Zelf de klas in',
      blocks: [
        { kind: 'paragraph', text: 'Zonder begeleiding' },
        {
          kind: 'facts',
          facts: [
            { label: '[domain]', value: 'Zelfredzaamheid' },
            { label: '[goalStatus]', value: 'Open' },
            { label: '[targetDate]', value: '18 december 2026' },
            { label: '[owner]', value: 'Bram' },
          ],
        },
        { kind: 'heading', level: 5, text: '[evaluations]' },
        { kind: 'list', items: [{ text: '20 november 2026: deels behaald, hulp opschalen. Drie van de vijf dagen.' }] },
      ],
    })
    // a goal without a description, target date, owner or evaluation
    expect(goalItems.find((b) => b.kind === 'item' && b.heading === '(untitled goal)')).toEqual({
      kind: 'item',
      heading: '(untitled goal)',
      blocks: [
        {
          kind: 'facts',
          facts: [
            { label: '[domain]', value: 'Leren' },
            { label: '[goalStatus]', value: 'Open' },
            { label: '[targetDate]', value: '[notFilled]' },
            { label: '[owner]', value: '[notFilled]' },
          ],
        },
      ],
    })

    const table = blocksOf(d, 'actions')[0]
    expect(table?.kind === 'table' && table.columns).toEqual(['What', '[who]', '[when]', '[goal]', '[fundedBy]', '[done]'])
    expect(table?.kind === 'table' && [...table.rows].sort()).toEqual([
      ['Aanvraag indienen', 'IB', '[dueBy] 15 januari 2027', '', '<funder Jeugdwet>', '[no]'],
      ['Dagritmekaart', 'IB', 'maandag', 'Zelf de klas in', '<funder onderwijs>', '[no]'],
      // issue 14: an empty "when" says so
      ['Gesprek', 'Bram', '[notFilled]', 'removed goal', '<funder none>', '[yes]'],
    ])

    const route = blocksOf(d, 'route')
    expect(route).toContainEqual({
      kind: 'item',
      heading: 'Extra ondersteuning op school: RT',
      blocks: [
        {
          kind: 'facts',
          facts: [
            { label: '[period]', value: '1 september 2025 until 31 januari 2026 (vijf maanden)' },
            { label: '[effect]', value: 'Lezen ging vooruit' },
          ],
        },
      ],
    })
    expect(route).toContainEqual({
      kind: 'item',
      heading: 'Vrij toegankelijke jeugdhulp: Wijkteam',
      blocks: [
        {
          kind: 'facts',
          facts: [
            { label: '[period]', value: 'since 2 maart 2026' },
            { label: '[effect]', value: '[notFilled]' },
          ],
        },
      ],
    })

    expect(blocksOf(d, 'observations')).toEqual([{ kind: 'list', items: [{ lead: '2 november 2026', text: '([context.school], Bram): Rustig begonnen' }] }])

    const meetingItems = blocksOf(d, 'meetings')
    expect(meetingItems).toContainEqual({
      kind: 'item',
      heading: 'MDO, 20 november 2026',
      blocks: [
        {
          kind: 'facts',
          facts: [
            { label: '[present]', value: 'Anna (moeder), Dr. Vos' },
            { label: '[nextMeeting]', value: '15 januari 2027' },
          ],
        },
        { kind: 'heading', level: 5, text: '[decisions]' },
        { kind: 'list', items: [{ text: 'Aanmelden bij de gemeente' }] },
        { kind: 'heading', level: 5, text: '<item regie>' },
        { kind: 'rich', blocks: [{ kind: 'paragraph', runs: [{ text: 'Bram houdt de regie' }] }] },
      ],
    })
    // a planned meeting: nobody recorded as present, no decisions, no notes
    expect(meetingItems).toContainEqual({
      kind: 'item',
      heading: 'OT, 15 januari 2027',
      blocks: [{ kind: 'facts', facts: [{ label: '[present]', value: '[notFilled]' }] }],
    })
  })

  it("the plan's own words follow the language", () => {
    const doc = newPlan()
    createNeeds(doc).text('ouders').insert(0, 'Rust')
    const d = compile(doc, ['status', 'needs'], 'en')
    expect(d.facts).toContainEqual({ label: '[printed]', value: '1 December 2026' })
    expect(blocksOf(d, 'status')[0]).toEqual({
      kind: 'facts',
      facts: [
        { label: '[status]', value: 'Draft' },
        { label: '[supportLevel]', value: 'Basic support' },
        { label: '[careLevel]', value: 'No youth care' },
        { label: '[casusregisseur]', value: '[notFilled]' },
        { label: '[nextEvaluation]', value: '[notFilled]' },
      ],
    })
    expect(blocksOf(d, 'needs').map((b) => b.kind === 'item' && b.heading)).toEqual(['What the child needs', 'What the teacher needs', 'What the parents need'])
  })
})
