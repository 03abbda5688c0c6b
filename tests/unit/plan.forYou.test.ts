/**
 * "Voor jou" (issue 14): what is asked of one person now, decisions first, and only what is
 * theirs. Pure, so the plan view and the home screen cannot differ.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  createActions,
  createGoals,
  createHandelingsdeel,
  decodeHomeSummary,
  encodeHomeSummary,
  handelingsdeelHasContent,
  sameHomeSummary,
  type Action,
} from '../../src/plan'
import { forYou, readForYouItem, type ForYouInput } from '../../src/plan/forYou'
import { forYouIn } from '../../src/access/forYou'
import type { PlanSession } from '../../src/access/types'

const MUM = 'a'.repeat(64)
const IB = 'b'.repeat(64)
const SCHOOL = 'c'.repeat(64)

function afspraken(): { doc: Y.Doc; list: () => Action[]; mine: string; theirs: string; done: string } {
  const doc = new Y.Doc()
  const actions = createActions(doc)
  const mine = actions.add({ what: 'Dagritmekaart maken', whoKey: MUM, when: 'elke maandag' }, IB, 1000)
  const theirs = actions.add({ what: 'Gesprek met juf', whoKey: IB }, IB, 2000)
  const done = actions.add({ what: 'Aanmelden sportclub', whoKey: MUM }, IB, 3000)
  actions.setDone(done, true)
  return { doc, list: () => actions.list(), mine, theirs, done }
}

const base = (over: Partial<ForYouInput> = {}): ForYouInput => ({ me: MUM, undecided: [], instemming: null, actions: [], ...over })

describe('Voor jou', () => {
  it('nothing asked: an empty list', () => {
    expect(forYou(base())).toEqual([])
  })

  it("a consent decision, then the instemming, then my open afspraken; not someone else's, not a done one", () => {
    const { list, mine } = afspraken()
    const items = forYou(base({ undecided: [{ id: SCHOOL, name: 'De Linde' }], instemming: 'none', actions: list() }))
    expect(items).toEqual([
      { kind: 'consent', organisationId: SCHOOL, organisationName: 'De Linde' },
      { kind: 'instemming', again: false },
      { kind: 'afspraak', actionId: mine, what: 'Dagritmekaart maken', when: 'elke maandag' },
    ])
  })

  it('instemming: asked again after the afspraken changed; not when I agreed to this version, not when I may not agree, not without afspraken', () => {
    const { list } = afspraken()
    expect(forYou(base({ instemming: 'outdated', actions: list() }))).toContainEqual({ kind: 'instemming', again: true })
    expect(forYou(base({ instemming: 'current', actions: list() })).some((i) => i.kind === 'instemming')).toBe(false)
    expect(forYou(base({ instemming: 'withdrawn', actions: list() })).some((i) => i.kind === 'instemming')).toBe(false)
    expect(forYou(base({ instemming: null, actions: list() })).some((i) => i.kind === 'instemming')).toBe(false)
    expect(forYou(base({ instemming: 'none', actions: [] }))).toEqual([])
  })

  it('instemming: asked too when the handelingsdeel holds goals or its parts but no afspraken', () => {
    const doc = new Y.Doc()
    const ask = () => forYou(base({ instemming: 'none', actions: createActions(doc).list(), somethingToAgree: handelingsdeelHasContent(doc) }))
    expect(handelingsdeelHasContent(doc)).toBe(false)
    expect(ask()).toEqual([])
    createGoals(doc).add({ title: 'Zelf naar school fietsen', domain: 'zelfredzaamheid' }, IB)
    expect(ask()).toEqual([{ kind: 'instemming', again: false }])

    const lines = new Y.Doc()
    createHandelingsdeel(lines).add({ kind: 'ondersteuning', text: 'Een vaste plek in de klas' }, IB)
    expect(forYou(base({ instemming: 'outdated', actions: [], somethingToAgree: handelingsdeelHasContent(lines) }))).toEqual([
      { kind: 'instemming', again: true },
    ])
    // still nothing asked once she agreed to this version
    expect(forYou(base({ instemming: 'current', actions: [], somethingToAgree: true }))).toEqual([])
  })

  it('an afspraak is mine only by its member key: the IB sees hers, a person without key none', () => {
    const { list, theirs } = afspraken()
    expect(forYou(base({ me: IB, actions: list() }))).toEqual([{ kind: 'afspraak', actionId: theirs, what: 'Gesprek met juf', when: '' }])
    expect(forYou(base({ me: '', actions: list() }))).toEqual([])
  })

  it('an afspraak named by the invite I claimed (before I joined) is mine, by the rule P1 judges Gedaan by', () => {
    const INVITE = 'd'.repeat(64)
    const doc = new Y.Doc()
    const actions = createActions(doc)
    const named = actions.add({ what: 'Samen lezen', whoKey: INVITE }, IB, 1000)
    const item = { kind: 'afspraak', actionId: named, what: 'Samen lezen', when: '' }
    expect(forYou(base({ actions: actions.list(), isMine: (k) => k === INVITE }))).toEqual([item])
    // without the rule only my own key counts
    expect(forYou(base({ actions: actions.list() }))).toEqual([])
  })

  it('the slots for verslagen to approve and meetings to prepare come after the decisions and before the afspraken', () => {
    const { list } = afspraken()
    const kinds = forYou(
      base({ instemming: 'none', actions: list(), verslagen: [{ meetingId: 'm1', date: '2027-01-15' }], toPrepare: [{ meetingId: 'm2', date: '2027-02-01' }] }),
    ).map((i) => i.kind)
    expect(kinds).toEqual(['instemming', 'verslag', 'prepare', 'afspraak'])
  })

  it('items round-trip through the sealed home summary; a malformed item makes the summary unreadable', () => {
    const { list } = afspraken()
    const items = forYou(
      base({ undecided: [{ id: SCHOOL, name: 'De Linde' }], instemming: 'outdated', actions: list(), verslagen: [{ meetingId: 'm1', date: '2027-01-15' }] }),
    )
    const s = { childName: 'Zoë', school: 'De Linde', nextMeeting: '', openActions: 2, forYou: items }
    const back = decodeHomeSummary(encodeHomeSummary(s))
    expect(back).toEqual(s)
    expect(sameHomeSummary(s, back!)).toBe(true)
    expect(sameHomeSummary(s, { ...s, forYou: items.slice(1) })).toBe(false)
    // a summary saved before "Voor jou" still reads, with nothing asked
    expect(decodeHomeSummary(new TextEncoder().encode('[1,"a","b","c",1]'))).toEqual({ childName: 'a', school: 'b', nextMeeting: 'c', openActions: 1 })
    expect(decodeHomeSummary(new TextEncoder().encode('[2,"a","b","c",1,[{"kind":"instemming","again":"ja"}]]'))).toBeNull()
    expect(decodeHomeSummary(new TextEncoder().encode('[2,"a","b","c",1,{}]'))).toBeNull()
    expect(readForYouItem({ kind: 'elders' })).toBeNull()
    expect(readForYouItem({ kind: 'afspraak', actionId: 'x', what: 'y' })).toBeNull()
  })

  it('through a session: consent is asked only of who may decide, about an organisation with people in the plan', () => {
    const { doc, mine } = afspraken()
    const session = (mayConsent: boolean, mayAgree: boolean) =>
      ({
        doc,
        // "Voor jou" asks a member who writes to prepare the meetings ahead (none here)
        role: () => 'editor',
        isMine: (key: string) => key === MUM,
        consents: () => [],
        members: () => [
          { memberKey: IB, role: 'admin', person: IB },
          { memberKey: MUM, role: 'editor', person: MUM },
        ],
        organisations: () => [
          { id: SCHOOL, name: 'De Linde' },
          { id: 'd'.repeat(64), name: 'Zonder mensen' },
        ],
        organisationOf: (key: string) => (key === IB ? SCHOOL : undefined),
        mayGiveConsent: () => mayConsent,
        mayAgree: () => mayAgree,
        instemming: () => ({
          currentHash: '',
          overall: 'none',
          parents: [{ memberKey: MUM, state: 'none', agreedAt: null, latest: null }],
          history: [],
          ignored: [],
        }),
      }) as unknown as PlanSession
    expect(forYouIn(session(true, true), MUM)).toEqual([
      { kind: 'consent', organisationId: SCHOOL, organisationName: 'De Linde' },
      { kind: 'instemming', again: false },
      { kind: 'afspraak', actionId: mine, what: 'Dagritmekaart maken', when: 'elke maandag' },
    ])
    expect(forYouIn(session(false, false), MUM).map((i) => i.kind)).toEqual(['afspraak'])
  })
})
