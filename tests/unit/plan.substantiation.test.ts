import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  compileSubstantiation,
  createActions,
  createChild,
  createGoals,
  createMeetings,
  createMeta,
  createNeeds,
  createRoute,
  durationWords,
  initPlan,
  substantiationToText,
  type DocBlock,
  type Substantiation,
} from '../../src/plan'

const ANNA = 'a'.repeat(64)
const BRAM = 'b'.repeat(64)
const NOW = Date.UTC(2026, 11, 1, 12) // 1 December 2026, noon

function newPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlan(doc, { childName: 'Sam', createdBy: ANNA, creatorName: 'Anna (moeder)' })
  return doc
}

const section = (s: Substantiation, id: string) => s.sections.find((x) => x.id === id)!
const gaps = (blocks: DocBlock[]) => blocks.filter((b): b is Extract<DocBlock, { kind: 'gap' }> => b.kind === 'gap').map((b) => b.text)
const headings = (blocks: DocBlock[]) => blocks.filter((b): b is Extract<DocBlock, { kind: 'heading' }> => b.kind === 'heading').map((b) => b.text)

describe('durations in Dutch words', () => {
  it.each([
    ['2026-03-01', '2026-03-03', 'minder dan een week'],
    ['2026-03-01', '2026-03-07', 'één week'],
    ['2026-03-01', '2026-03-21', 'drie weken'],
    ['2026-03-01', '2026-04-15', 'zeven weken'],
    ['2026-03-01', '2026-05-31', 'drie maanden'],
    ['2025-09-01', '2026-06-30', 'tien maanden'],
    ['2025-01-01', '2025-12-31', 'één jaar'],
    ['2024-09-01', '2025-11-15', 'één jaar en twee maanden'],
    ['2012-01-01', '2026-01-31', '14 jaar en één maand'],
  ])('%s to %s is %s', (from, to, words) => {
    expect(durationWords(from, to)).toBe(words)
  })

  it('in English too, and nothing for a broken period', () => {
    expect(durationWords('2026-03-01', '2026-05-31', 'en')).toBe('three months')
    expect(durationWords('2026-03-01', '2026-02-01')).toBe('')
    expect(durationWords('', '2026-02-01')).toBe('')
  })
})

describe('onderbouwing toegang (compileSubstantiation)', () => {
  it('an empty plan says every gap plainly, in the fixed order, and lists them all at the top', () => {
    const s = compileSubstantiation(newPlan(), { now: NOW })
    expect(s.title).toBe('Aanvraag bij de gemeente')
    expect(s.sections.map((x) => x.id)).toEqual([
      'question',
      'home',
      'school',
      'strength',
      'route',
      'need',
      'goals',
      'meetings',
      'requested',
      'funding',
      'contact',
    ])
    expect(s.sections.map((x) => x.heading)).toEqual([
      'De vraag van ouders en kind',
      'Hoe het thuis gaat',
      'Hoe het op school gaat',
      'Eigen kracht en netwerk',
      'Wat al is geprobeerd',
      'Wat er nog nodig is',
      'Doelen en evaluaties',
      'Advies en besluiten van het laatste overleg',
      'Wat we aanvragen',
      'Wie wat betaalt',
      'Contactpersoon',
    ])
    expect(gaps(section(s, 'route').blocks)).toEqual(['Nog niet ingevuld: welke hulp al is geprobeerd.'])
    expect(gaps(section(s, 'need').blocks)).toEqual(['Nog niet ingevuld: wat het kind, de leerkracht en de ouders nodig hebben.'])
    expect(section(s, 'need').blocks).toContainEqual({ kind: 'paragraph', text: 'Er staan geen doelen open.' })
    expect(gaps(section(s, 'goals').blocks)).toEqual(['Nog niet ingevuld: de doelen.'])
    expect(gaps(section(s, 'meetings').blocks)).toEqual(['Nog niet ingevuld: advies uit een overleg (er is nog geen overleg geweest).'])
    // every gap starts the same way, and the list at the top holds exactly the gaps of the sections
    expect(s.gaps.every((g) => g.text.startsWith('Nog niet ingevuld: '))).toBe(true)
    expect(s.gaps.map((g) => g.text)).toEqual(s.sections.flatMap((x) => gaps(x.blocks)))
    expect(s.facts).toContainEqual({ label: 'Kind', value: 'Sam' })
    expect(s.facts).toContainEqual({ label: 'School', value: 'Niet ingevuld' })
    expect(s.facts).toContainEqual({ label: 'Samengesteld op', value: '1 december 2026' })
    expect(s.facts).toContainEqual({ label: 'Status van het plan', value: 'Concept' })
  })

  it('compiles the route chronologically with periods and durations, the need, the goals and the latest meetings held', () => {
    const doc = newPlan()
    createChild(doc).set({ dateOfBirth: '2016-04-02', school: 'De Linde', group: '5' })
    createMeta(doc).set({ status: 'in uitvoering', supportLevel: 'arrangement', careLevel: 'vrij toegankelijk' })
    const route = createRoute(doc)
    route.add({ level: 'vrij toegankelijk', provider: 'Wijkteam Noord', from: '2026-03-02' }, BRAM)
    route.add(
      { level: 'extra ondersteuning', provider: 'School (RT)', from: '2025-09-01', to: '2026-01-31', effect: 'Lezen ging vooruit, de angst bleef.' },
      BRAM,
    )
    route.add({ level: 'specialistisch', provider: 'Later', from: '2027-01-10' }, BRAM)
    createNeeds(doc).text('kind').insert(0, 'Een vaste plek in de klas\nRust bij wisselingen')
    const goals = createGoals(doc)
    const open = goals.add({ title: 'Sam gaat zelf de klas in', domain: 'zelfredzaamheid', owner: BRAM, targetDate: '2026-12-18' }, ANNA)
    const reached = goals.add({ title: 'Sam leest AVI M5', domain: 'leren', status: 'behaald' }, ANNA)
    const meetings = createMeetings(doc)
    const old = meetings.add({ type: 'Kans!overleg', date: '2026-06-01' }, ANNA)
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
    const oldest = meetings.add({ type: 'OT', date: '2026-01-10' }, ANNA)
    meetings.add({ type: 'evaluatie', date: '2027-01-15' }, ANNA) // still planned: not advice yet
    meetings.addDecision(mdo, 'Aanmelden voor specialistische jeugdhulp', ANNA)
    meetings.addDecision(old, 'Wijkteam inzetten', ANNA)
    meetings.addDecision(oldest, 'Niet meer in de onderbouwing', ANNA)
    createActions(doc).add({ what: 'Aanmelding bij de gemeente', who: 'IB', when: 'deze week', meetingId: mdo }, ANNA)
    goals.addEvaluation(open, { date: '2026-11-20', result: 'deels', decision: 'opschalen', seen: 'Drie van de vijf dagen.', meetingId: mdo }, BRAM)
    goals.addEvaluation(reached, { date: '2026-06-01', result: 'behaald', decision: 'afschalen' }, BRAM)

    const s = compileSubstantiation(doc, { now: NOW })
    expect(s.facts).toContainEqual({ label: 'Geboortedatum', value: '2 april 2016' })
    expect(s.facts).toContainEqual({ label: 'Ondersteuning op school', value: 'Arrangement' })

    const r = section(s, 'route').blocks
    expect(r[0]).toEqual({ kind: 'paragraph', text: 'Er zijn drie vormen van hulp ingezet sinds 1 september 2025, in de volgorde waarin ze begonnen.' })
    expect(headings(r)).toEqual([
      'Extra ondersteuning op school: School (RT)',
      'Vrij toegankelijke jeugdhulp: Wijkteam Noord',
      'Specialistische jeugdhulp: Later',
    ])
    const text = substantiationToText(s)
    expect(text).toContain('Periode: 1 september 2025 tot en met 31 januari 2026 (vijf maanden)')
    expect(text).toContain('Wat het opleverde: Lezen ging vooruit, de angst bleef.')
    expect(text).toContain('Periode: Sinds 2 maart 2026, loopt nog (negen maanden tot nu)')
    expect(text).toContain('Periode: Begint op 10 januari 2027')
    // the running step lacks what it did; both begun steps lack why they were not enough; the one not begun lacks nothing
    expect(gaps(r)).toEqual([
      'Nog niet ingevuld: waarom de hulp van School (RT) niet genoeg was.',
      'Nog niet ingevuld: wat de hulp van Wijkteam Noord opleverde.',
      'Nog niet ingevuld: waarom de hulp van Wijkteam Noord niet genoeg was.',
    ])

    const need = section(s, 'need').blocks
    expect(headings(need)).toEqual(['Wat het kind nodig heeft', 'Doelen die nog open staan'])
    expect(need).toContainEqual({ kind: 'list', items: ['Sam gaat zelf de klas in'] })
    expect(gaps(need)).toEqual([])

    const g = section(s, 'goals').blocks
    expect(headings(g)).toEqual(['Sam gaat zelf de klas in', 'Sam leest AVI M5'])
    expect(text).toContain('- 20 november 2026: deels behaald; besluit: hulp opschalen. Gezien: Drie van de vijf dagen.')
    expect(text).toContain('Houdt dit in de gaten: onbekend lid') // Bram is not in the team list

    const m = section(s, 'meetings').blocks
    // the latest two held, newest first; the planned one and the oldest are left out
    expect(headings(m)).toEqual(['MDO op 20 november 2026', 'Kans!overleg op 1 juni 2026'])
    expect(m).toContainEqual({ kind: 'facts', facts: [{ label: 'Aanwezig', value: 'Anna (moeder), Dr. Vos' }] })
    expect(m).toContainEqual({ kind: 'list', items: ['Aanmelden voor specialistische jeugdhulp'] })
    // issue 14 ("Daan.; wie:"): each part is a sentence of its own
    expect(m).toContainEqual({ kind: 'list', items: ['Aanmelding bij de gemeente. Wie: IB. Wanneer: deze week.'] })
    expect(m).toContainEqual({ kind: 'facts', facts: [{ label: 'Volgend overleg', value: '15 januari 2027' }] })
    expect(text).not.toContain('Niet meer in de onderbouwing')
    expect(text).toContain('Sam gaat zelf de klas in: 20 november 2026: deels behaald')

    // the text keeps the section order
    const order = ['5. WAT AL IS GEPROBEERD', '6. WAT ER NOG NODIG IS', '7. DOELEN EN EVALUATIES', '8. ADVIES EN BESLUITEN VAN HET LAATSTE OVERLEG'].map((h) =>
      text.indexOf(h),
    )
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!))).toBe(true)
  })

  it('a meeting without decisions or attendees says so; English works', () => {
    const doc = newPlan()
    createMeetings(doc).add({ type: 'OT', date: '2026-11-01' }, ANNA)
    const nl = compileSubstantiation(doc, { now: NOW })
    expect(gaps(section(nl, 'meetings').blocks)).toEqual(['Nog niet ingevuld: de besluiten van het OT op 1 november 2026.'])
    expect(substantiationToText(nl)).toContain('Aanwezig: Niet vastgelegd wie er waren.')
    const en = compileSubstantiation(doc, { now: NOW, lang: 'en' })
    expect(en.title).toBe('Request to the gemeente')
    expect(gaps(section(en, 'route').blocks)).toEqual(['Not filled in yet: which help has been tried.'])
    expect(en.facts).toContainEqual({ label: 'Compiled on', value: '1 December 2026' })
  })

  it('an afspraak reads as sentences: a text ending in a full stop is not doubled, an empty who or when is said (issue 14: "Daan.; wie:")', () => {
    const doc = newPlan()
    const mdo = createMeetings(doc).add({ type: 'MDO', date: '2026-11-20' }, ANNA)
    createActions(doc).add({ what: 'Oefenen met Daan.', who: '', when: '', meetingId: mdo }, ANNA)
    createActions(doc).add({ what: 'Bellen met de huisarts', who: 'Anna', when: 'vrijdag', meetingId: mdo }, ANNA)
    const items = section(compileSubstantiation(doc, { now: NOW }), 'meetings').blocks.flatMap((b) => (b.kind === 'list' ? b.items : []))
    expect(items).toContain('Oefenen met Daan. Wie: nog niet afgesproken. Wanneer: nog niet afgesproken.')
    expect(items).toContain('Bellen met de huisarts. Wie: Anna. Wanneer: vrijdag.')
    expect(items.join(' ')).not.toMatch(/\.;|: ;|:\s*$/)
    const en = section(compileSubstantiation(doc, { now: NOW, lang: 'en' }), 'meetings').blocks.flatMap((b) => (b.kind === 'list' ? b.items : []))
    expect(en).toContain('Oefenen met Daan. Who: not agreed yet. When: not agreed yet.')
  })

  it('what was seen at an evaluation ends as a sentence', () => {
    const doc = newPlan()
    const goals = createGoals(doc)
    const goal = goals.add({ title: 'Sam leest', domain: 'leren' }, ANNA)
    goals.addEvaluation(goal, { date: '2026-11-20', result: 'deels', decision: 'doorgaan', seen: 'Leest elke dag' }, ANNA)
    expect(substantiationToText(compileSubstantiation(doc, { now: NOW }))).toContain('besluit: doorgaan. Gezien: Leest elke dag.\n')
  })
})
