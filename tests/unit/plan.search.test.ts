import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createNeeds,
  createObservations,
  createPerspective,
  createRoute,
  createSocialMap,
  createTeam,
  createVoices,
  foldForSearch,
  searchPlan,
} from '../../src/plan'

const ALICE = 'a'.repeat(64)

function plan(): { doc: Y.Doc; ids: Record<string, string> } {
  const doc = new Y.Doc()
  createChild(doc).set({ name: 'Zoë', school: 'De Regenboog' })
  const goal = createGoals(doc).add({ title: 'Zelfstandig werken', description: 'Het plan wordt geëvalueerd in maart.', domain: 'werkhouding' }, ALICE)
  const evaluation = createGoals(doc).addEvaluation(
    goal,
    { date: '2025-01-10', result: 'deels', seen: 'Werkt 10 minuten geconcentreerd', decision: 'doorgaan' },
    ALICE,
  )
  const meeting = createMeetings(doc).add({ type: 'MDO', date: '2025-01-10', attendees: [{ kind: 'guest', name: 'Oma Tineke' }] }, ALICE)
  createMeetings(doc).notes(meeting, 'regie').insert(0, 'Moeder houdt de regie; de casusregisseur ondersteunt.')
  const decision = createMeetings(doc).addDecision(meeting, 'Aanmelden bij de jeugdarts', ALICE)
  const ids = {
    goal,
    evaluation,
    meeting,
    decision,
    member: createTeam(doc).add({ memberKey: '', name: 'Meneer Özdemir', role: 'reader', organisation: 'OBS', callFor: 'gym' }, ALICE),
    contact: createSocialMap(doc).add({ name: 'Huisarts', callFor: 'medicatie en verwijzing' }, ALICE),
    factor: createFactors(doc).add({ domain: 'vrije tijd', kind: 'helpt', text: 'Zwemles', source: 'ouders', date: '2024-01-01' }, ALICE),
    action: createActions(doc).add({ what: 'Pictogrammen op tafel', who: 'leerkracht', goalId: goal }, ALICE),
    route: createRoute(doc).add(
      { level: 'vrij toegankelijk', provider: 'Wijkteam', from: '2023-01-01', effect: 'Weinig effect op school', whyNotEnough: 'Thuis bleef het onrustig' },
      ALICE,
    ),
    observation: createObservations(doc).add({ date: '2025-01-05', text: 'Vandaag rustig gewerkt, café bezocht', context: 'thuis' }, ALICE),
  }
  createVoices(doc).text('kind', 'vraag').insert(0, 'Ik wil meer pauzes.')
  createNeeds(doc).text('leerkracht').insert(0, 'Tips voor prikkelarme werkplek')
  createPerspective(doc).setUitstroom('vmbo-kader')
  createPerspective(doc).text('afwijkingen').insert(0, 'Eigen leerlijn rekenen')
  return { doc, ids }
}

describe('searchPlan', () => {
  it('folds case and accents', () => {
    expect(foldForSearch('Geëvalueerd CAFÉ Özdemir')).toBe('geevalueerd cafe ozdemir')
    expect(foldForSearch('ge\u0065\u0308valueerd')).toBe('geevalueerd')
  })

  it('finds accented text by its plain spelling, and plain text by an accented query', () => {
    const { doc, ids } = plan()
    expect(searchPlan(doc, 'geevalueerd')).toEqual([{ section: 'goals', id: ids.goal, field: 'description', snippet: 'Het plan wordt geëvalueerd in maart.' }])
    expect(searchPlan(doc, 'GEËVALUEERD')).toHaveLength(1)
    expect(searchPlan(doc, 'cafe')[0]).toMatchObject({ section: 'observations', id: ids.observation, field: 'text' })
    expect(searchPlan(doc, 'zoe')[0]).toMatchObject({ section: 'child', id: '', field: 'name', snippet: 'Zoë' })
    expect(searchPlan(doc, 'ozdemir')[0]).toMatchObject({ section: 'team', id: ids.member, field: 'name' })
  })

  it('finds text stored in decomposed form', () => {
    const doc = new Y.Doc()
    createObservations(doc).add({ date: '2025-01-05', text: 'Het is geëvalueerd'.normalize('NFD'), context: 'school' }, ALICE)
    const [hit] = searchPlan(doc, 'geevalueerd')
    expect(hit?.snippet).toBe('Het is geëvalueerd'.normalize('NFD'))
  })

  it('searches every section, naming section, record and field', () => {
    const { doc, ids } = plan()
    const where = (q: string) => searchPlan(doc, q).map((h) => `${h.section}:${h.id}:${h.field}`)
    expect(where('regenboog')).toEqual(['child::school'])
    expect(where('medicatie')).toEqual([`socialMap:${ids.contact}:callFor`])
    expect(where('pauzes')).toEqual(['voices:kind:vraag'])
    expect(where('zwemles')).toEqual([`factors:${ids.factor}:text`])
    expect(where('prikkelarm')).toEqual(['needs::leerkracht'])
    expect(where('vmbo')).toEqual(['perspective::uitstroom'])
    expect(where('leerlijn')).toEqual(['perspective::afwijkingen'])
    expect(where('geconcentreerd')).toEqual([`goals:${ids.goal}:evaluations.${ids.evaluation}.seen`])
    expect(where('pictogrammen')).toEqual([`actions:${ids.action}:what`])
    expect(where('weinig effect')).toEqual([`route:${ids.route}:effect`])
    expect(where('bleef het onrustig')).toEqual([`route:${ids.route}:whyNotEnough`])
    expect(where('casusregisseur')).toEqual([`meetings:${ids.meeting}:notes.regie`])
    expect(where('jeugdarts')).toEqual([`meetings:${ids.meeting}:decisions.${ids.decision}`])
    expect(where('tineke')).toEqual([`meetings:${ids.meeting}:attendees`])
    expect(where('mdo')).toEqual([`meetings:${ids.meeting}:type`])
  })

  it('needs every word in one field; an empty query finds nothing', () => {
    const { doc } = plan()
    expect(searchPlan(doc, 'moeder regie')).toHaveLength(1)
    expect(searchPlan(doc, 'regie  MOEDER')).toHaveLength(1)
    expect(searchPlan(doc, 'moeder zwemles')).toEqual([])
    expect(searchPlan(doc, '   ')).toEqual([])
  })

  it('cuts a snippet around the match from long text', () => {
    const doc = new Y.Doc()
    const long = `${'Lorem ipsum dolor sit amet. '.repeat(10)}Hier staat het woord überraschung in.\n\n${'Consectetur adipiscing elit. '.repeat(10)}`
    createVoices(doc).text('ouders', 'zorgen').insert(0, long)
    const [hit] = searchPlan(doc, 'uberraschung')
    expect(hit?.snippet.startsWith('…')).toBe(true)
    expect(hit?.snippet.endsWith('…')).toBe(true)
    expect(hit?.snippet).toContain('woord überraschung in. Consectetur')
    expect(hit!.snippet.length).toBeLessThan(120)
  })
})
