/** Retention (issue 11 §4): the end is the organisation's term after the plan ends; a policy only an admin sets (P14). */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createRetention, DEFAULT_RETENTION_POLICY, DEFAULT_RETENTION_YEARS, RETENTION, retentionEnd, retentionPassed } from '../../src/plan'
import { mayChangeRoot } from '../../src/plan/rights'

const at = (iso: string) => Date.parse(iso)

describe('retention', () => {
  it('ends the term after the plan ended, by calendar years; not before it ended', () => {
    expect(DEFAULT_RETENTION_YEARS).toEqual({ school: 2, care: 15 })
    expect(retentionEnd(DEFAULT_RETENTION_POLICY, { endedAt: at('2026-07-10T12:00:00Z') })).toBe(at('2028-07-10T12:00:00Z'))
    expect(retentionEnd({ kind: 'care', years: 15 }, { endedAt: at('2026-07-10T12:00:00Z') })).toBe(at('2041-07-10T12:00:00Z'))
    expect(retentionEnd({ kind: 'school', years: 2 }, { endedAt: at('2028-02-29T00:00:00Z') })).toBe(at('2030-03-01T00:00:00Z'))
    expect(retentionEnd(DEFAULT_RETENTION_POLICY, { endedAt: null })).toBeNull()
    expect(retentionPassed(DEFAULT_RETENTION_POLICY, { endedAt: null }, Number.MAX_SAFE_INTEGER)).toBe(false)
    expect(retentionPassed(DEFAULT_RETENTION_POLICY, { endedAt: at('2026-01-01T00:00:00Z') }, at('2027-12-31T23:59:59Z'))).toBe(false)
    expect(retentionPassed(DEFAULT_RETENTION_POLICY, { endedAt: at('2026-01-01T00:00:00Z') }, at('2028-01-01T00:00:00Z'))).toBe(true)
  })

  it('reads the plan’s policy, the default when none or a broken one is set; refuses a nonsense term', () => {
    const doc = new Y.Doc()
    const r = createRetention(doc)
    expect(r.policy()).toEqual(DEFAULT_RETENTION_POLICY)
    expect(r.isSet()).toBe(false)
    r.set({ kind: 'care', years: 15 })
    expect(r.policy()).toEqual({ kind: 'care', years: 15 })
    expect(() => r.set({ kind: 'care', years: 0 })).toThrow()
    expect(() => r.set({ kind: 'school', years: 2.5 })).toThrow()
    doc.getMap(RETENTION).set('years', 'veel')
    expect(r.policy()).toEqual(DEFAULT_RETENTION_POLICY)
  })

  it('[P14] only an admin changes the policy', () => {
    const author = (role: 'reader' | 'contributor' | 'editor' | 'admin') => ({ role, party: 'professional' as const, orgKind: undefined, isMine: () => false })
    expect(mayChangeRoot(author('admin'), RETENTION, [])).toBe(true)
    expect(mayChangeRoot(author('editor'), RETENTION, [])).toBe(false)
    expect(mayChangeRoot(author('contributor'), RETENTION, [])).toBe(false)
    expect(mayChangeRoot(author('reader'), RETENTION, [])).toBe(false)
  })
})
