/** The addresses of a meeting's preparation form and of the child's own form: parsed and written back alike. */
import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute } from '../../src/ui/routes'

describe('routes of the preparation and the child’s form', () => {
  it('round-trip', () => {
    const prepare = { name: 'plan', planId: 'p1', prepare: '0123456789abcdef0123456789abcdef' } as const
    expect(parseRoute('#/plan/p1/voorbereiden/0123456789abcdef0123456789abcdef')).toEqual(prepare)
    expect(hrefFor(prepare)).toBe('#/plan/p1/voorbereiden/0123456789abcdef0123456789abcdef')
    expect(parseRoute('#/plan/p1/hoe-denk-jij')).toEqual({ name: 'plan', planId: 'p1', childVoice: true })
    expect(hrefFor({ name: 'plan', planId: 'p1', childVoice: true })).toBe('#/plan/p1/hoe-denk-jij')
    expect(parseRoute('#/plan/p1/voorbereiden/')).toEqual({ name: 'not-found' })
  })
})
