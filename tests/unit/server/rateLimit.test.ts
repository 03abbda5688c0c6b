/** The relay's per-connection limits (server/rateLimit.ts): refill, burst and debt, on an injected clock. */
import { describe, expect, it } from 'vitest'
import { ByteBudget, TokenBucket } from '../../../server/rateLimit'

describe('TokenBucket', () => {
  it('allows a burst at once, then the sustained rate', () => {
    const bucket = new TokenBucket(2, 4, 0)
    expect([1, 2, 3, 4, 5].map(() => bucket.take(0))).toEqual([true, true, true, true, false])
    expect(bucket.take(400)).toBe(false) // 0.8 of a token back
    expect(bucket.take(500)).toBe(true) // one token after half a second at 2/s
    expect(bucket.take(500)).toBe(false)
  })

  it('refills no further than its burst however long it rested', () => {
    const bucket = new TokenBucket(10, 3, 0)
    const taken = Array.from({ length: 5 }, () => bucket.take(60_000)).filter(Boolean)
    expect(taken).toHaveLength(3)
  })
})

describe('ByteBudget', () => {
  it('starts work while any credit is left, charges it in full, and refuses until the debt is paid back', () => {
    const budget = new ByteBudget(1000, 2000, 0)
    expect(budget.hasCredit(0)).toBe(true)
    budget.charge(5000, 0) // one answer larger than the burst: 3000 in debt
    expect(budget.hasCredit(2999)).toBe(false)
    expect(budget.hasCredit(3001)).toBe(true)
  })

  it('refills no further than its burst', () => {
    const budget = new ByteBudget(1000, 2000, 0)
    budget.charge(1, 60_000) // rested a minute: back to the 2000 burst, not 60,000
    budget.charge(2000, 60_000)
    expect(budget.hasCredit(60_000)).toBe(false)
  })
})
