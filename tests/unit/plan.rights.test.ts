/** [P1] What a contributor may change, by their party: the roots that are theirs and nothing else. [P3] What a reader with gezag may. */
import { describe, expect, it } from 'vitest'
import { PERSPECTIVES, VOICE_FIELDS, consentingReaderMayChange, contributorMayChange, contributorRoots, mayGiveInstemming, ownPerspective, voiceTextName, type Party } from '../../src/plan'

const PARTIES: Party[] = ['professional', 'parent', 'gezag', 'youth', 'youth16']
const voiceRoots = (p: (typeof PERSPECTIVES)[number]) => VOICE_FIELDS.map((f) => voiceTextName(p, f))
const OUTSIDE = ['goals', 'actions', 'meetings', 'meta', 'child', 'factors', 'socialMap', 'route', 'goals.abc.title', 'meetings.x.afspraken', 'needs.kind', 'perspective.analyse', 'log', '']

describe('[P1] contributorMayChange by party', () => {
  it('every contributor adds observations, its own name to the team list, and consent details (R12 judges those)', () => {
    for (const party of [...PARTIES, undefined]) {
      for (const root of ['observations', 'team', 'consents', 'organisations']) expect(contributorMayChange(root, party)).toBe(true)
    }
  })

  it("parents (with or without gezag) write the parents' voice, not the child's", () => {
    for (const party of ['parent', 'gezag'] as const) {
      for (const root of voiceRoots('ouders')) expect(contributorMayChange(root, party)).toBe(true)
      for (const root of voiceRoots('kind')) expect(contributorMayChange(root, party)).toBe(false)
    }
  })

  it("the youth writes the child's voice, not the parents'", () => {
    for (const party of ['youth', 'youth16'] as const) {
      for (const root of voiceRoots('kind')) expect(contributorMayChange(root, party)).toBe(true)
      for (const root of voiceRoots('ouders')) expect(contributorMayChange(root, party)).toBe(false)
    }
  })

  it('a professional contributor writes observations only, no voice', () => {
    for (const p of PERSPECTIVES) for (const root of voiceRoots(p)) expect(contributorMayChange(root, 'professional')).toBe(false)
  })

  it("nobody's contributor writes the school's or care's voice, goals, afspraken or meetings", () => {
    for (const party of [...PARTIES, undefined]) {
      for (const root of [...voiceRoots('school'), ...voiceRoots('zorg'), ...OUTSIDE]) expect(contributorMayChange(root, party), `${party} ${root}`).toBe(false)
    }
  })

  it('a name that only starts like a voice is not one', () => {
    expect(contributorMayChange('voices.oudersX.zorgen', 'parent')).toBe(false)
    expect(contributorMayChange('voices.ouders', 'parent')).toBe(false)
    expect(contributorMayChange('xvoices.ouders.zorgen', 'parent')).toBe(false)
  })

  it('only a parent with gezag writes the instemming list (entries of others would not count anyway)', () => {
    expect(PARTIES.filter((p) => contributorMayChange('instemming', p))).toEqual(['gezag'])
    expect(contributorMayChange('instemming', undefined)).toBe(false)
    expect(PARTIES.filter(mayGiveInstemming)).toEqual(['gezag'])
  })

  it('a member whose party the log does not name (before parties) counts as a professional: no voice', () => {
    for (const p of PERSPECTIVES) for (const root of voiceRoots(p)) expect(contributorMayChange(root, undefined)).toBe(false)
  })

  it('tells the UI what is theirs', () => {
    expect(PARTIES.map(ownPerspective)).toEqual([null, 'ouders', 'ouders', 'kind', 'kind'])
    expect(contributorRoots('gezag')).toEqual({ voices: ['ouders'], instemming: true })
    expect(contributorRoots('youth16')).toEqual({ voices: ['kind'], instemming: false })
    expect(contributorRoots('professional')).toEqual({ voices: [], instemming: false })
    expect(contributorRoots(undefined)).toEqual({ voices: [], instemming: false })
  })
})

describe('[P3] consentingReaderMayChange', () => {
  it('a reader with gezag changes the consent details and organisation names, nothing else', () => {
    for (const root of ['consents', 'organisations']) expect(consentingReaderMayChange(root)).toBe(true)
    for (const root of ['observations', 'team', 'instemming', ...voiceRoots('ouders'), ...voiceRoots('kind'), ...OUTSIDE]) expect(consentingReaderMayChange(root), root).toBe(false)
  })
})
