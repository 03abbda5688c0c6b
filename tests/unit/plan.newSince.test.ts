/**
 * "Nieuw sinds je laatste bezoek" (issue 10 §3): others' updates after the mark, grouped per
 * section and person, newest first; mine never; snapshots never. Pure, so the plan view and the
 * home card cannot differ.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeHomeSummary, encodeHomeSummary, type HomeSummary } from '../../src/plan'
import { NEW_SINCE_MAX_GROUPS, decodeLastVisit, encodeLastVisit, newSince, readNewSinceGroup, sectionOfRoot } from '../../src/plan/newSince'

const ME = 'a'.repeat(64)
const MY_PHONE = 'd'.repeat(64)
const ANJA = 'b'.repeat(64)
const IB = 'c'.repeat(64)
const NAMES: Record<string, string> = { [ANJA]: 'Juf Anja', [IB]: 'Ib' }
const mine = (k: string) => k === ME || k === MY_PHONE
const up = (author: string, writtenAt: number, ...roots: string[]) => ({ author, kind: 'update' as const, writtenAt, roots })

describe('newSince', () => {
  it('groups others’ changes per section and person, newest first, counting each record once per section', () => {
    const groups = newSince({
      activity: [
        up(ANJA, 100, 'actions'),
        up(ANJA, 110, 'actions', 'instemming'), // both are Afspraken: one record, counted once
        up(IB, 120, 'goals.g1.title', 'observations'),
        up(ANJA, 130, 'observations'),
      ],
      since: 50,
      isMine: mine,
      nameOf: (k) => NAMES[k] ?? '',
    })
    expect(groups).toEqual([
      { section: 'observaties', author: ANJA, name: 'Juf Anja', count: 1, latest: 130 },
      { section: 'doelen', author: IB, name: 'Ib', count: 1, latest: 120 },
      { section: 'observaties', author: IB, name: 'Ib', count: 1, latest: 120 },
      { section: 'afspraken', author: ANJA, name: 'Juf Anja', count: 2, latest: 110 },
    ])
  })

  it('leaves out my own changes (any device of mine), snapshots, what came at or before the mark, and roots no section shows', () => {
    const groups = newSince({
      activity: [
        up(ME, 200, 'actions'),
        up(MY_PHONE, 200, 'goals'),
        { author: ANJA, kind: 'snapshot', writtenAt: 300, roots: [] },
        up(ANJA, 100, 'actions'), // exactly at the mark: seen
        up(ANJA, 99, 'actions'),
        up(IB, 300, 'attachments'),
      ],
      since: 100,
      isMine: mine,
    })
    expect(groups).toEqual([])
  })

  it('never marked: everything by others is new; unknown names stay empty for the UI to fill', () => {
    expect(newSince({ activity: [up(ANJA, 1, 'child')], since: 0, isMine: mine })).toEqual([
      { section: 'gegevens', author: ANJA, name: '', count: 1, latest: 1 },
    ])
  })

  it('maps the plan doc’s roots to the sections that exist, and nothing for an unknown root', () => {
    expect(sectionOfRoot('voices.ouders.zorgen')).toBe('stemmen')
    expect(sectionOfRoot('needs.school')).toBe('behoeften')
    expect(sectionOfRoot('consents')).toBe('toestemmingen')
    expect(sectionOfRoot('meetings')).toBe('overleggen')
    expect(sectionOfRoot('toString')).toBeNull()
    expect(sectionOfRoot('')).toBeNull()
  })

  it('for any activity: only others’ updates after the mark, counts add up, newest first, bounded', () => {
    const authors = [ME, MY_PHONE, ANJA, IB]
    const roots = ['actions', 'goals.x.title', 'observations', 'attachments', 'meta', 'voices.kind.wens', 'weird']
    const entry = fc.record({
      author: fc.constantFrom(...authors),
      kind: fc.constantFrom('update', 'snapshot'),
      writtenAt: fc.integer({ min: 0, max: 1000 }),
      roots: fc.subarray(roots),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (activity, since) => {
        const groups = newSince({ activity, since, isMine: mine })
        expect(groups.length).toBeLessThanOrEqual(NEW_SINCE_MAX_GROUPS)
        for (let i = 1; i < groups.length; i++) expect(groups[i - 1]!.latest).toBeGreaterThanOrEqual(groups[i]!.latest)
        for (const g of groups) {
          expect(mine(g.author)).toBe(false)
          expect(g.latest).toBeGreaterThan(since)
          const counted = activity.filter(
            (e) => e.kind === 'update' && e.author === g.author && e.writtenAt > since && e.roots.some((r) => sectionOfRoot(r) === g.section),
          )
          expect(g.count).toBe(counted.length)
          expect(g.latest).toBe(Math.max(...counted.map((e) => e.writtenAt)))
        }
        const anyNew = activity.some((e) => e.kind === 'update' && !mine(e.author) && e.writtenAt > since && e.roots.some((r) => sectionOfRoot(r)))
        expect(groups.length > 0).toBe(anyNew)
      }),
    )
  })
})

describe('stored forms', () => {
  it('the home summary keeps the new-since lines sealed (version 3) and still reads version 2', () => {
    const s: HomeSummary = {
      childName: 'Noor',
      school: 'De Linde',
      nextMeeting: '',
      openActions: 1,
      newSince: [{ section: 'afspraken', author: ANJA, name: 'Juf Anja', count: 2, latest: 5 }],
    }
    expect(decodeHomeSummary(encodeHomeSummary(s))).toEqual(s)
    const v2 = new TextEncoder().encode(JSON.stringify([2, 'Noor', '', '', 0, []]))
    expect(decodeHomeSummary(v2)).toEqual({ childName: 'Noor', school: '', nextMeeting: '', openActions: 0 })
    const bad = new TextEncoder().encode(JSON.stringify([3, 'Noor', '', '', 0, [], [{ section: 'nowhere', author: ANJA, name: '', count: 1, latest: 1 }], []]))
    expect(decodeHomeSummary(bad)).toBeNull()
  })

  it('reads only exact groups', () => {
    const ok = { section: 'doelen', author: IB, name: 'Ib', count: 1, latest: 3 }
    expect(readNewSinceGroup(ok)).toEqual(ok)
    expect(readNewSinceGroup({ ...ok, count: 0 })).toBeNull()
    expect(readNewSinceGroup({ ...ok, count: 1.5 })).toBeNull()
    expect(readNewSinceGroup({ ...ok, name: 3 })).toBeNull()
    expect(readNewSinceGroup([ok])).toBeNull()
  })

  it('the last-visit mark round-trips; anything else reads as never marked', () => {
    expect(decodeLastVisit(encodeLastVisit(1_765_000_000_000))).toBe(1_765_000_000_000)
    expect(decodeLastVisit(new TextEncoder().encode('[1,-5]'))).toBe(0)
    expect(decodeLastVisit(new TextEncoder().encode('nope'))).toBe(0)
  })
})
