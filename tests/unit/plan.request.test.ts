/**
 * The request to the gemeente (issue 10 §5): compiled from the plan (voices, factors, social map,
 * route, request fields, casusregisseur), never typed twice; gaps said plainly and gathered at the
 * top; route steps from before the request still read; and the content a "klopt" covers is the
 * same on every day and in every language, and changes with every edit the request shows.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  canonicalRequest,
  compileRequest,
  createFactors,
  createMeta,
  createRequest,
  createRoute,
  createSocialMap,
  createTeam,
  createVoices,
  initPlan,
  requestContent,
  substantiationToText,
  type DocBlock,
  type Substantiation,
} from '../../src/plan'
import { ROUTE } from '../../src/plan/route'

const ANNA = 'a'.repeat(64)
const IRIS = 'c'.repeat(64)
const NOW = Date.UTC(2026, 11, 1, 12) // 1 December 2026, noon
const DAY = 86_400_000

function newPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlan(doc, { childName: 'Sam', createdBy: ANNA, creatorName: 'Anna (moeder)' })
  return doc
}

const section = (s: Substantiation, id: string) => s.sections.find((x) => x.id === id)!
const gapsOf = (blocks: DocBlock[]) => blocks.filter((b) => b.kind === 'gap').map((b) => (b as { text: string }).text)
const gapsIn = (s: Substantiation, id: string) => s.gaps.filter((g) => g.section === id).map((g) => g.text)

/** A plan in which the request says everything it can. */
function fullPlan(): Y.Doc {
  const doc = newPlan()
  const voices = createVoices(doc)
  voices.text('ouders', 'vraag').insert(0, 'Wij willen dat Sam weer graag naar school gaat.')
  voices.text('kind', 'vraag').insert(0, 'Ik wil niet meer zo boos worden.')
  voices.text('ouders', 'zorgen').insert(0, 'Elke ochtend ruzie over school.')
  voices.text('school', 'zorgen').insert(0, 'Sam loopt vaak de klas uit.')
  voices.text('kind', 'krachten').insert(0, 'Goed in voetbal.')
  const factors = createFactors(doc)
  factors.add({ domain: 'thuis', kind: 'belemmert', text: 'Vader werkt in ploegendienst', date: '2026-10-01', source: 'moeder' }, ANNA)
  factors.add({ domain: 'school', kind: 'helpt', text: 'Vaste juf', date: '2026-10-02' }, IRIS)
  factors.add({ domain: 'vrije tijd', kind: 'helpt', text: 'Voetbalclub', date: '2026-10-03' }, ANNA)
  createSocialMap(doc).add({ name: 'Oma Els', role: 'oma', callFor: 'opvang op woensdag' }, ANNA)
  createRoute(doc).add(
    {
      level: 'extra ondersteuning',
      provider: 'School (RT)',
      from: '2025-09-01',
      to: '2026-01-31',
      effect: 'Lezen ging vooruit.',
      whyNotEnough: 'De boosheid thuis bleef.',
    },
    IRIS,
  )
  createRequest(doc).set({
    form: 'Ambulante begeleiding thuis en op school',
    intensity: '3 uur per week',
    start: '2027-01-04',
    end: '2027-06-30',
    fundedBy: 'gezamenlijk',
    fundingNote: 'School betaalt de begeleiding in de klas, de gemeente die thuis.',
  })
  createTeam(doc).add({ memberKey: IRIS, name: 'Iris', role: 'editor', organisation: 'Wijkteam Noord', reach: '06 1234 5678, ma-do' }, ANNA)
  createMeta(doc).set({ casusregisseur: IRIS })
  return doc
}

describe('the request to the gemeente (compileRequest)', () => {
  it('reads the question, home, school, strength and network from where the plan keeps them', () => {
    const s = compileRequest(fullPlan(), { now: NOW })
    const text = substantiationToText(s)
    expect(section(s, 'question').blocks).toContainEqual({ kind: 'heading', text: 'De vraag van de ouders' })
    expect(text).toContain('Wij willen dat Sam weer graag naar school gaat.')
    expect(text).toContain('Ik wil niet meer zo boos worden.')
    expect(text).toContain('Elke ochtend ruzie over school.')
    expect(section(s, 'home').blocks).toContainEqual({ kind: 'list', items: ['Vader werkt in ploegendienst (1 oktober 2026, bron: moeder)'] })
    expect(section(s, 'school').blocks).toContainEqual({ kind: 'list', items: ['Vaste juf (2 oktober 2026)'] })
    expect(section(s, 'strength').blocks).toContainEqual({ kind: 'list', items: ['Voetbalclub (3 oktober 2026)'] })
    expect(section(s, 'strength').blocks).toContainEqual({ kind: 'list', items: ['Oma Els, oma, opvang op woensdag'] })
    expect(text).toContain('Waarom het niet genoeg was: De boosheid thuis bleef.')
  })

  it('says what is asked for, who pays and whom to call; a filled-in plan has no gaps in those parts', () => {
    const s = compileRequest(fullPlan(), { now: NOW })
    expect(section(s, 'requested').blocks).toEqual([
      {
        kind: 'facts',
        facts: [
          { label: 'Soort hulp', value: 'Ambulante begeleiding thuis en op school' },
          { label: 'Hoeveel', value: '3 uur per week' },
          { label: 'Vanaf', value: '4 januari 2027' },
          { label: 'Tot en met', value: '30 juni 2027' },
          { label: 'Hoe lang', value: 'zes maanden' },
        ],
      },
    ])
    expect(section(s, 'funding').blocks).toEqual([
      {
        kind: 'facts',
        facts: [
          { label: 'Betaald door', value: 'Samen: onderwijs en jeugdhulp' },
          { label: 'Uitleg', value: 'School betaalt de begeleiding in de klas, de gemeente die thuis.' },
        ],
      },
    ])
    expect(section(s, 'contact').blocks).toContainEqual({
      kind: 'facts',
      facts: [
        { label: 'Casusregisseur', value: 'Iris' },
        { label: 'Organisatie', value: 'Wijkteam Noord' },
        { label: 'Bereikbaar via', value: '06 1234 5678, ma-do' },
      ],
    })
    for (const id of ['question', 'home', 'school', 'strength', 'route', 'requested', 'funding', 'contact']) expect(gapsIn(s, id), id).toEqual([])
  })

  it('names every missing part plainly, in its section and in the list at the top, in the text too', () => {
    const doc = newPlan()
    createVoices(doc).text('ouders', 'vraag').insert(0, 'Hulp thuis.')
    createRequest(doc).set({ form: 'Gezinsbegeleiding', fundedBy: 'gezamenlijk' })
    createMeta(doc).set({ casusregisseur: IRIS }) // not on the team list: no name, no way to reach
    const s = compileRequest(doc, { now: NOW })
    expect(gapsIn(s, 'question')).toEqual(['Nog niet ingevuld: de vraag van het kind, in eigen woorden.'])
    expect(gapsIn(s, 'home')).toEqual(['Nog niet ingevuld: hoe het thuis gaat.'])
    expect(gapsIn(s, 'school')).toEqual(['Nog niet ingevuld: hoe het op school gaat.'])
    expect(gapsIn(s, 'strength')).toEqual([
      'Nog niet ingevuld: wat goed gaat bij kind en ouders.',
      'Nog niet ingevuld: wie er om het gezin heen staan (familie, buren, club, huisarts).',
    ])
    expect(gapsIn(s, 'requested')).toEqual([
      'Nog niet ingevuld: hoeveel hulp (bijvoorbeeld uren per week).',
      'Nog niet ingevuld: vanaf wanneer de hulp nodig is.',
      'Nog niet ingevuld: tot wanneer de hulp nodig is.',
    ])
    expect(gapsIn(s, 'funding')).toEqual(['Nog niet ingevuld: wat onderwijs betaalt en wat jeugdhulp betaalt.'])
    expect(gapsIn(s, 'contact')).toEqual(['Nog niet ingevuld: hoe de casusregisseur te bereiken is.'])
    expect(section(s, 'contact').blocks).toContainEqual({ kind: 'facts', facts: [{ label: 'Casusregisseur', value: 'onbekend lid' }] })
    // the list is the sections' gaps, in order, and each is also in its own section
    expect(s.gaps.map((g) => g.text)).toEqual(s.sections.flatMap((x) => gapsOf(x.blocks)))
    const text = substantiationToText(s)
    const top = text.indexOf('- Nog niet ingevuld: de vraag van het kind')
    expect(top).toBeGreaterThan(0)
    expect(top).toBeLessThan(text.indexOf('1. DE VRAAG VAN OUDERS EN KIND'))

    const none = compileRequest(newPlan(), { now: NOW })
    expect(gapsIn(none, 'funding')).toEqual(['Nog niet ingevuld: wie de hulp betaalt (onderwijs, jeugdhulp of samen).'])
    expect(gapsIn(none, 'contact')).toEqual(['Nog niet ingevuld: wie de casusregisseur is.'])
    const en = compileRequest(newPlan(), { now: NOW, lang: 'en' })
    expect(en.gaps.every((g) => g.text.startsWith('Not filled in yet: '))).toBe(true)
  })

  it('a route step stored before the request (no "why not enough") still reads, and the request asks for it', () => {
    const doc = newPlan()
    // written by the app as it was: the fields of then, nothing more
    const old = new Y.Map<unknown>()
    for (const [k, v] of Object.entries({
      id: 'r1',
      level: 'vrij toegankelijk',
      provider: 'Wijkteam',
      from: '2026-02-01',
      to: '',
      effect: 'Iets rustiger.',
      createdBy: ANNA,
      createdAt: 1,
    }))
      old.set(k, v)
    doc.getArray(ROUTE).push([old])
    const route = createRoute(doc)
    expect(route.list()).toEqual([expect.objectContaining({ provider: 'Wijkteam', effect: 'Iets rustiger.', whyNotEnough: '' })])
    expect(gapsIn(compileRequest(doc, { now: NOW }), 'route')).toEqual(['Nog niet ingevuld: waarom de hulp van Wijkteam niet genoeg was.'])
    route.update('r1', { whyNotEnough: 'Het gezin had meer nodig dan één gesprek per maand.' })
    expect(gapsIn(compileRequest(doc, { now: NOW }), 'route')).toEqual([])
    expect(route.get('r1')).toEqual(expect.objectContaining({ level: 'vrij toegankelijk', effect: 'Iets rustiger.' }))
  })

  it('says how the parents\' "klopt" stands when it is given', () => {
    const doc = fullPlan()
    const at = Date.UTC(2026, 10, 28, 12)
    const fact = (s: Substantiation) => s.facts.find((f) => f.label === 'Ouders')?.value
    expect(fact(compileRequest(doc, { now: NOW }))).toBeUndefined()
    expect(fact(compileRequest(doc, { now: NOW, approval: { state: 'klopt', at } }))).toBe('klopt (28 november 2026)')
    expect(fact(compileRequest(doc, { now: NOW, approval: { state: 'changed', at } }))).toBe('gewijzigd na akkoord (akkoord op 28 november 2026)')
    expect(fact(compileRequest(doc, { now: NOW, approval: { state: 'unread' } }))).toBe('nog niet gelezen door ouders')
    expect(substantiationToText(compileRequest(doc, { now: NOW, approval: { state: 'unread' } }))).toContain('Ouders: nog niet gelezen door ouders')
  })
})

describe('the request fields (createRequest)', () => {
  it('an empty plan reads as nothing filled in; a wrong payer or period is refused before anything is written', () => {
    const doc = newPlan()
    const request = createRequest(doc)
    expect(request.get()).toEqual({ form: '', intensity: '', start: '', end: '', fundedBy: '', fundingNote: '' })
    expect(() => request.set({ form: 'Begeleiding', fundedBy: 'de buren' as never })).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => request.set({ start: '2027-02-01', end: '2027-01-01' })).toThrow(expect.objectContaining({ code: 'invalid-period' }))
    expect(request.get().form).toBe('')
    request.set({ start: '2027-02-01' })
    expect(() => request.set({ end: '2027-01-01' })).toThrow(expect.objectContaining({ code: 'invalid-period' }))
    request.set({ fundedBy: '' })
    expect(request.get().fundedBy).toBe('')
  })
})

describe('what a "klopt" covers (requestContent, canonicalRequest)', () => {
  const bytes = (doc: Y.Doc, now: number) => canonicalRequest(requestContent(doc, new Date(now).toISOString().slice(0, 10)))

  it('is the same on another day and whatever language the reader uses', () => {
    const doc = fullPlan()
    // a step still running: its "so far" grows every day, but that is words, not content
    createRoute(doc).add({ level: 'vrij toegankelijk', provider: 'Wijkteam', from: '2026-06-01' }, IRIS)
    expect(bytes(doc, NOW + 30 * DAY)).toEqual(bytes(doc, NOW))
    const nl = compileRequest(doc, { now: NOW })
    const en = compileRequest(doc, { now: NOW, lang: 'en' })
    expect(nl.title).not.toBe(en.title)
    // and two devices holding the same plan hold the same bytes
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    expect(bytes(copy, NOW)).toEqual(bytes(doc, NOW))
  })

  it('changes with every part the request shows', () => {
    const doc = fullPlan()
    const before = bytes(doc, NOW)
    const changed = (edit: () => void) => {
      const was = bytes(doc, NOW)
      edit()
      return bytes(doc, NOW).join() !== was.join()
    }
    expect(changed(() => createRequest(doc).set({ intensity: '4 uur per week' }))).toBe(true)
    expect(changed(() => createVoices(doc).text('kind', 'vraag').insert(0, 'Echt: '))).toBe(true)
    expect(changed(() => createFactors(doc).add({ domain: 'thuis', kind: 'helpt', text: 'Opa helpt', date: '2026-11-01' }, ANNA))).toBe(true)
    expect(changed(() => createRoute(doc).update(createRoute(doc).list()[0]!.id, { whyNotEnough: 'Anders gezegd.' }))).toBe(true)
    expect(changed(() => createSocialMap(doc).add({ name: 'Buurvrouw' }, ANNA))).toBe(true)
    expect(changed(() => createTeam(doc).update(createTeam(doc).findByKey(IRIS)!.id, { reach: 'iris@wijkteam.nl' }))).toBe(true)
    // what the request does not show changes nothing
    expect(changed(() => createVoices(doc).text('zorg', 'zorgen').insert(0, 'Niet in de aanvraag.'))).toBe(false)
    expect(bytes(doc, NOW)).not.toEqual(before)
  })
})
