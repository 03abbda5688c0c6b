import { describe, expect, it } from 'vitest'
import { PlanError, type Factor } from '../../src/plan'
import { changedFields, fieldErrorOf } from '../../src/ui/sections/formState'
import { factorRows } from '../../src/ui/sections/factorCells'
import { routePeriod } from '../../src/ui/sections/routePeriod'

const factor = (id: string, domain: Factor['domain'], kind: Factor['kind'], date: string, createdAt = 0): Factor => ({
  id,
  domain,
  kind,
  text: id,
  source: '',
  sourceKey: '',
  date,
  meetingId: '',
  createdBy: '',
  createdAt,
})

describe('factorRows: the factors matrix as laid out', () => {
  it('has every domain × kind cell in DESIGN §6 order, empty ones included', () => {
    const rows = factorRows([])
    expect(rows.map((r) => r.domain)).toEqual(['kind', 'school', 'thuis', 'vrije tijd'])
    for (const r of rows)
      expect(r.cells.map((c) => [c.domain, c.kind, c.ids])).toEqual([
        [r.domain, 'helpt', []],
        [r.domain, 'belemmert', []],
      ])
  })
  it('puts each factor in its own cell, newest date first, then newest written', () => {
    const rows = factorRows([
      factor('old', 'school', 'helpt', '2025-01-10'),
      factor('new', 'school', 'helpt', '2025-03-01'),
      factor('sameDayEarly', 'school', 'helpt', '2025-02-01', 1),
      factor('sameDayLate', 'school', 'helpt', '2025-02-01', 2),
      factor('home', 'thuis', 'belemmert', '2025-01-01'),
    ])
    const cell = (d: string, k: string) => rows.find((r) => r.domain === d)!.cells.find((c) => c.kind === k)!.ids
    expect(cell('school', 'helpt')).toEqual(['new', 'sameDayLate', 'sameDayEarly', 'old'])
    expect(cell('thuis', 'belemmert')).toEqual(['home'])
    expect(cell('school', 'belemmert')).toEqual([])
    expect(cell('kind', 'helpt')).toEqual([])
  })
})

describe('changedFields: a form writes only what it changed', () => {
  it('leaves out fields equal to what the form opened with, ignoring surrounding spaces', () => {
    const initial = { text: 'Kan goed tekenen', date: '2025-01-10', source: '' }
    expect(changedFields(initial, { text: 'Kan goed tekenen ', date: '2025-01-10', source: '' })).toEqual({})
    expect(changedFields(initial, { text: 'Kan heel goed tekenen', date: '2025-01-10', source: 'juf Anja' })).toEqual({
      text: 'Kan heel goed tekenen',
      source: 'juf Anja',
    })
  })
  it('counts clearing a field as a change', () => {
    expect(changedFields({ to: '2025-06-01' }, { to: '' })).toEqual({ to: '' })
  })
})

describe('fieldErrorOf: where a failed write shows its message', () => {
  it('names the field and code of a PlanError', () => {
    expect(fieldErrorOf(new PlanError('invalid-period', 'to', 'ends before it starts'))).toEqual({ field: 'to', code: 'invalid-period' })
  })
  it('is null for any other failure', () => {
    expect(fieldErrorOf(new Error('boom'))).toBeNull()
    expect(fieldErrorOf('nope')).toBeNull()
  })
})

describe('routePeriod: a step of ingezette hulp', () => {
  it('is closed with both dates, open while it runs, and none without a start', () => {
    expect(routePeriod({ from: '2024-09-01', to: '2025-01-31' })).toEqual({ kind: 'closed', from: '2024-09-01', to: '2025-01-31' })
    expect(routePeriod({ from: '2025-02-01', to: '' })).toEqual({ kind: 'open', from: '2025-02-01' })
    expect(routePeriod({ from: '', to: '2025-01-31' })).toEqual({ kind: 'none' })
  })
})
