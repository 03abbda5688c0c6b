/**
 * The activity view's lines (src/ui/team/activityLines.ts): one per person, section and hour.
 * Issue 14: "wijzigde Stem van de ouders (6×)" was repeated line after line, because lines only
 * merged while nothing else came between them and within ten minutes of the newest.
 */
import { describe, expect, it } from 'vitest'
import { hourOf, mergeActivity, type ActivityInput } from '../../src/ui/team/activityLines'

const ANNA = 'a'.repeat(64)
const BRAM = 'b'.repeat(64)
const HOUR = new Date(2026, 2, 10, 14, 0, 0).getTime() // 14:00 local time
const min = (m: number) => HOUR + m * 60_000

const update = (author: string, at: number, ...roots: string[]): ActivityInput => ({ author, kind: 'update', writtenAt: at, roots })
const snapshot = (author: string, at: number): ActivityInput => ({ author, kind: 'snapshot', writtenAt: at, roots: [] })
/** names a record's roots by their first part, as the view does in words */
const sectionOf = (roots: readonly string[]) => [...new Set(roots.map((r) => r.split('.').slice(0, 2).join('.')))].join(' en ') || 'overig'
const merge = (entries: ActivityInput[], showSnapshots = false, limit = 100) => mergeActivity(entries, sectionOf, { showSnapshots, limit })

describe('activity lines', () => {
  it('one person writing one voice all hour, interleaved with someone else, makes one line with the count and the newest time', () => {
    const entries: ActivityInput[] = []
    for (let m = 0; m < 60; m += 10) {
      entries.push(update(ANNA, min(m), 'voices.ouders.zorgen'))
      entries.push(update(BRAM, min(m + 1), 'observations'))
    }
    expect(merge(entries)).toEqual([
      { author: BRAM, kind: 'update', section: 'observations', at: min(51), count: 6 },
      { author: ANNA, kind: 'update', section: 'voices.ouders', at: min(50), count: 6 },
    ])
  })

  it('a new clock hour starts a new line, also when only minutes lie between', () => {
    const lines = merge([update(ANNA, min(58), 'goals'), update(ANNA, min(59), 'goals'), update(ANNA, min(61), 'goals')])
    expect(lines.map((l) => [l.at, l.count])).toEqual([
      [min(61), 1],
      [min(59), 2],
    ])
  })

  it('other sections and other people stay apart; a record touching two sections is its own section', () => {
    const lines = merge([
      update(ANNA, min(1), 'goals'),
      update(ANNA, min(2), 'actions'),
      update(BRAM, min(3), 'goals'),
      update(ANNA, min(4), 'goals', 'actions'),
    ])
    expect(lines.map((l) => `${l.author === ANNA ? 'A' : 'B'} ${l.section} ${l.count}`)).toEqual([
      'A goals en actions 1',
      'B goals 1',
      'A actions 1',
      'A goals 1',
    ])
  })

  it('snapshots are left out unless asked for, and then merge per person and hour like the rest', () => {
    const entries = [update(ANNA, min(1), 'goals'), snapshot(ANNA, min(2)), snapshot(ANNA, min(3)), update(ANNA, min(4), 'goals')]
    expect(merge(entries)).toEqual([{ author: ANNA, kind: 'update', section: 'goals', at: min(4), count: 2 }])
    expect(merge(entries, true)).toEqual([
      { author: ANNA, kind: 'update', section: 'goals', at: min(4), count: 2 },
      { author: ANNA, kind: 'snapshot', section: '', at: min(3), count: 2 },
    ])
  })

  it("newest line first by the writers' clocks, at most the limit, and a line shown counts every record of its hour", () => {
    const entries = [
      update(BRAM, min(30), 'goals'),
      update(ANNA, min(5), 'goals'),
      ...Array.from({ length: 5 }, (_, i) => update(ANNA, min(40 + i), 'actions')),
    ]
    const lines = merge(entries, false, 2)
    expect(lines.map((l) => [l.section, l.count])).toEqual([
      ['actions', 5],
      ['goals', 1],
    ])
    expect(lines[1]!.author).toBe(BRAM)
  })

  it('hourOf is the start of the local hour', () => {
    expect(hourOf(min(59))).toBe(HOUR)
    expect(hourOf(min(60))).toBe(HOUR + 3_600_000)
  })
})
