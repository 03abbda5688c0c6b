/**
 * The plan's content as versioned JSON (docs/EXPORT-JSON.md): every section's content comes
 * through a text round trip exactly as the plan's accessors read it, no key or piece address
 * leaves the plan, the shape is pinned, and the transferable parts seed a new plan without history.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createMeta,
  createNeeds,
  createObservations,
  createOrganisations,
  createPerspective,
  createRoute,
  createSocialMap,
  createTeam,
  createVoices,
  initPlan,
} from '../../src/plan'
import { createAttachments } from '../../src/plan/attachments'
import { createConsents } from '../../src/plan/consent'
import { createHandelingsdeel } from '../../src/plan/handelingsdeel'
import { createInstemming } from '../../src/plan/instemming'
import { createOppConversations } from '../../src/plan/oppConversations'
import { createPreparations } from '../../src/plan/preparations'
import { createRequest } from '../../src/plan/request'
import { createVaststelling } from '../../src/plan/vaststelling'
import { CONTENT_SECTIONS, planContentJson, planContentJsonText, type PlanContentJson } from '../../src/plan/contentJson'
import { seedTransferredContent, TRANSFER_SECTIONS } from '../../src/plan/transferSeed'

const ANNA = 'a'.repeat(64)
const BRAM = 'b'.repeat(64)
const ORG = 'c'.repeat(64)
const NOW = Date.UTC(2026, 11, 1, 12)
const FILE_KEY = 'K'.repeat(43)
const PIECE = '9'.repeat(64)
const HASH = 'e'.repeat(64)
const SIGNATURE = 'f'.repeat(128)
/** a meeting id the plan does not hold (made on a device whose meeting never arrived, or removed) */
const UNKNOWN_MEETING = '0'.repeat(32)

/** A plan with something in every section. */
function fullPlan(): Y.Doc {
  const doc = new Y.Doc()
  initPlan(doc, { childName: 'Sam', createdBy: ANNA, creatorName: 'Anna (moeder)', now: NOW })
  createChild(doc).set({ dateOfBirth: '2016-04-02', school: 'De Linde', group: '5' })
  createMeta(doc).set({ status: 'in uitvoering', nextEvaluation: '2027-01-15' })
  createTeam(doc).add({ memberKey: BRAM, name: 'Bram (IB)', role: 'editor', organisation: 'De Linde', callFor: 'lezen', reach: 'ma-do' }, ANNA, NOW)
  createRoute(doc).add({ level: 'basisondersteuning', provider: 'De Linde', from: '2025-09-01', to: '2026-01-31', effect: 'Meer rust' }, ANNA, NOW)
  createNeeds(doc).text('kind').insert(0, 'Korte opdrachten')
  const voices = createVoices(doc)
  voices.text('ouders', 'zorgen').insert(0, 'Slaapt slecht')
  voices.text('kind', 'vraag').insert(0, 'Mag ik buiten spelen?')
  voices.text('school', 'krachten').insert(0, 'Helpt anderen')
  voices.comment('school', ANNA).insert(0, 'Klopt, thuis ook')
  createFactors(doc).add({ domain: 'school', kind: 'helpt', text: 'Vaste plek', date: '2026-10-01', source: 'juf' }, BRAM, NOW)
  const perspective = createPerspective(doc)
  perspective.setUitstroom('havo')
  perspective.text('onderbouwing').insert(0, 'Goede resultaten')
  const goals = createGoals(doc)
  const goal = goals.add({ title: 'Lezen op niveau', description: 'AVI E5', domain: 'leren', targetDate: '2027-06-01', owner: BRAM }, ANNA, NOW)
  const meeting = createMeetings(doc).add({ type: 'MDO', date: '2026-11-20', attendees: [{ kind: 'guest', name: 'Dr. Vos' }] }, ANNA, NOW)
  createMeetings(doc).notes(meeting, 'zorgen').insert(0, 'Leest weinig')
  goals.addEvaluation(goal, { date: '2026-11-20', result: 'deels', decision: 'doorgaan', seen: 'Beter', meetingId: meeting }, BRAM, NOW)
  createActions(doc).add({ what: 'Elke dag lezen', who: 'Anna', whoKey: ANNA, when: 'dagelijks', goalId: goal }, ANNA, NOW)
  createObservations(doc).add({ date: '2026-11-01', text: 'Las een heel boek', context: 'thuis', goalIds: [goal] }, ANNA, NOW)
  createHandelingsdeel(doc).add({ kind: 'begeleiding', text: 'Twee keer per week leesbegeleiding', area: 'lezen', goalId: goal }, BRAM, NOW)
  createOppConversations(doc).add(
    { kind: 'oogo', date: '2026-10-15', participantKeys: [ANNA, BRAM], others: 'tolk', outcome: 'Eens over de doelen' },
    BRAM,
    NOW,
  )
  const instemming = createInstemming(doc)
  instemming.append({ version: 2, memberKey: ANNA, actionsHash: HASH, signedAt: NOW, signature: SIGNATURE, agreed: 'canonical text' })
  instemming.append({ kind: 'disagreement', version: 2, memberKey: ANNA, actionsHash: HASH, signedAt: NOW + 1, signature: SIGNATURE, reason: 'Te weinig uren' })
  createVaststelling(doc).append({ memberKey: BRAM, hash: HASH, basis: 'disagreement', signedAt: NOW + 2, signature: SIGNATURE })
  const preparations = createPreparations(doc)
  preparations.text(meeting, ANNA, 'goes-well').insert(0, 'Hij leest voor het slapen')
  preparations.text(meeting, BRAM, 'discuss').insert(0, 'De leestoets')
  preparations.text(UNKNOWN_MEETING, ANNA, 'worries').insert(0, 'NIET-GETOOND')
  createRequest(doc).set({
    form: 'Ambulante begeleiding',
    intensity: '3 uur per week',
    start: '2027-01-01',
    end: '2027-06-30',
    fundedBy: 'gezamenlijk',
    fundingNote: 'Half-half',
  })
  createSocialMap(doc).add({ name: 'Opa Jan', role: 'opa', callFor: 'ophalen', reach: '06' }, ANNA, NOW)
  createOrganisations(doc).add({ id: ORG, name: 'De Linde' }, ANNA, NOW)
  createConsents(doc).add(
    {
      organisationId: ORG,
      organisationName: 'De Linde',
      purpose: 'Begeleiding',
      givenBy: ANNA,
      givenAt: NOW,
      expiresAt: NOW + 1000,
      salt: 'ab'.repeat(16),
      recordHash: 'd'.repeat(64),
    },
    ANNA,
    NOW,
  )
  createAttachments(doc).add(
    { name: 'verslag.pdf', type: 'application/pdf', size: 1234, hash: '1'.repeat(64), key: FILE_KEY, format: 2, pieces: [PIECE], place: { kind: 'plan' } },
    ANNA,
    NOW,
  )
  return doc
}

describe('plan content JSON', () => {
  it('round-trips every section: the saved text reads back as what the accessors read', () => {
    const doc = fullPlan()
    const text = planContentJsonText(doc, { now: NOW, planId: 'plan-1' })
    const read = JSON.parse(text) as PlanContentJson
    expect(read).toEqual(planContentJson(doc, { now: NOW, planId: 'plan-1' }))
    expect(read).toMatchObject({ format: 'samenplan-plan', version: 1, exportedAt: '2026-12-01T12:00:00.000Z', planId: 'plan-1' })
    expect(Object.keys(read.sections)).toEqual([...CONTENT_SECTIONS])
    const s = read.sections
    expect(s.child).toEqual(createChild(doc).get())
    expect(s.status).toEqual(createMeta(doc).get())
    expect(s.team).toEqual(createTeam(doc).list())
    expect(s.route).toEqual(createRoute(doc).list())
    expect(s.needs).toEqual(createNeeds(doc).snapshot())
    expect(s.voices?.ouders.zorgen).toBe('Slaapt slecht')
    expect(s.voices?.school.comments).toEqual([{ memberKey: ANNA, text: 'Klopt, thuis ook' }])
    expect(s.factors).toEqual(createFactors(doc).list())
    expect(s.perspective).toEqual(createPerspective(doc).snapshot())
    expect(s.goals).toEqual(createGoals(doc).list())
    expect(s.goals?.[0]?.evaluations).toHaveLength(1)
    expect(s.actions).toEqual(createActions(doc).list())
    expect(s.observations).toEqual(createObservations(doc).list())
    expect(s.meetings?.[0]?.notes.zorgen).toBe('Leest weinig')
    expect(s.handelingsdeel).toEqual(createHandelingsdeel(doc).list())
    expect(s.handelingsdeel?.[0]).toMatchObject({ kind: 'begeleiding', area: 'lezen', goalId: s.goals?.[0]?.id })
    expect(s.oppConversations).toEqual(createOppConversations(doc).list())
    expect(s.instemming).toEqual([
      expect.objectContaining({ act: 'agreement', version: 2, memberKey: ANNA, hash: HASH, signature: SIGNATURE, reason: '' }),
      expect.objectContaining({ act: 'disagreement', version: 2, reason: 'Te weinig uren' }),
    ])
    expect(s.vaststelling).toEqual([expect.objectContaining({ memberKey: BRAM, hash: HASH, basis: 'disagreement', signedAt: NOW + 2, signature: SIGNATURE })])
    expect(s.request).toEqual(createRequest(doc).get())
    expect(s.socialMap).toEqual(createSocialMap(doc).list())
    expect(s.organisations).toEqual([{ id: ORG, name: 'De Linde', kind: '' }])
    expect(s.consents?.[0]).toMatchObject({ organisationName: 'De Linde', purpose: 'Begeleiding' })
    expect(s.attachments?.[0]).toMatchObject({ name: 'verslag.pdf', size: 1234 })
    // a readable copy, not a key ring: no file key, no piece address, no consent salt
    expect(text).not.toContain(FILE_KEY)
    expect(text).not.toContain(PIECE)
    expect(text).not.toContain('ab'.repeat(16))
  })

  it('keeps its shape (version 1): a change here is a new version or an added field, and docs/EXPORT-JSON.md says so', () => {
    expect(planContentJson(fullPlan(), { now: NOW }).version).toBe(1)
    const json = planContentJson(fullPlan(), { now: NOW })
    const shape = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.length
          ? [shape(v[0])]
          : []
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
          : typeof v
    expect(shape(json)).toMatchSnapshot()
  })

  it('holds every part of the plan: the handelingsdeel, the OPP talks, instemming and vaststelling, the preparations, the request', () => {
    const json = planContentJson(fullPlan(), { now: NOW })
    for (const part of ['handelingsdeel', 'oppConversations', 'instemming', 'vaststelling', 'preparations', 'request'] as const) {
      expect(CONTENT_SECTIONS).toContain(part)
    }
    // a full plan fills every section: a part the file drops (or reads empty) fails here
    for (const section of CONTENT_SECTIONS) {
      const value = json.sections[section]
      const filled = Array.isArray(value) ? value.length > 0 : Object.values(value ?? {}).some((v) => v !== '' && v !== null)
      expect({ section, filled }).toEqual({ section, filled: true })
    }
    expect(json.sections.oppConversations?.[0]).toMatchObject({ kind: 'oogo', date: '2026-10-15', participantKeys: [ANNA, BRAM], others: 'tolk' })
    expect(json.sections.request).toMatchObject({ form: 'Ambulante begeleiding', fundedBy: 'gezamenlijk', start: '2027-01-01' })
  })

  it('[P10] lists the answers every member reads beside the form: everyone’s, for the meetings the plan holds', () => {
    const doc = fullPlan()
    const meetingId = createMeetings(doc).list()[0]!.id
    const text = planContentJsonText(doc, { now: NOW })
    expect(JSON.parse(text).sections.preparations).toEqual([
      { meetingId, memberKey: ANNA, answers: { discuss: '', 'goes-well': 'Hij leest voor het slapen', worries: '' } },
      { meetingId, memberKey: BRAM, answers: { discuss: 'De leestoets', 'goes-well': '', worries: '' } },
    ])
    // an answer to a meeting the plan does not hold is shown to nobody, so it is not in the copy
    expect(text).not.toContain('NIET-GETOOND')
  })

  it('only the sections asked for', () => {
    const json = planContentJson(fullPlan(), { now: NOW, sections: ['goals', 'needs'] })
    expect(Object.keys(json.sections)).toEqual(['needs', 'goals'])
  })

  it('seeds a new plan with the chosen parts, without history or people: the parents’ and child’s voices only', () => {
    const from = planContentJson(fullPlan(), { now: NOW, sections: TRANSFER_SECTIONS })
    const doc = new Y.Doc()
    initPlan(doc, { childName: 'Sam', createdBy: ANNA, creatorName: 'Anna (moeder)', now: NOW + 1 })
    seedTransferredContent(doc, JSON.parse(JSON.stringify(from)) as PlanContentJson, ANNA, NOW + 1)
    const to = planContentJson(doc, { now: NOW + 1 })
    expect(to.sections.child).toEqual({ name: 'Sam', dateOfBirth: '2016-04-02', school: '', group: '' })
    const strip = <T extends { id?: string; createdBy?: string; createdAt?: number }>(list: T[] | undefined) =>
      (list ?? []).map(({ id: _i, createdBy: _b, createdAt: _a, ...rest }) => rest)
    expect(strip(to.sections.route)).toEqual(strip(from.sections.route))
    expect(strip(to.sections.factors)).toEqual(strip(from.sections.factors))
    expect(strip(to.sections.socialMap)).toEqual(strip(from.sections.socialMap))
    expect(to.sections.needs).toEqual(from.sections.needs)
    expect(to.sections.perspective).toEqual(from.sections.perspective)
    const goal = to.sections.goals?.[0]
    expect(goal).toMatchObject({
      title: 'Lezen op niveau',
      description: 'AVI E5',
      domain: 'leren',
      targetDate: '2027-06-01',
      owner: '',
      evaluations: [],
      meetingId: '',
      createdBy: ANNA,
    })
    expect(to.sections.voices?.ouders.zorgen).toBe('Slaapt slecht')
    expect(to.sections.voices?.kind.vraag).toBe('Mag ik buiten spelen?')
    expect(to.sections.voices?.school.krachten).toBe('')
    expect(to.sections.voices?.school.comments).toEqual([])
    expect(to.sections.meetings).toEqual([])
    expect(to.sections.observations).toEqual([])
    expect(to.sections.actions).toEqual([])
    expect(to.sections.team?.map((m) => m.memberKey)).toEqual([ANNA])
  })
})
