/** The relay's quota and budget arithmetic (server/quota.ts, server/rateLimit.ts), without a process. */
import { describe, expect, it } from 'vitest'
import { Quotas } from '../../../server/quota'
import { ByteBudget, NewRoomLimiter } from '../../../server/rateLimit'

const blob = (bytes: number) => ({ blob: { bytes: new Uint8Array(bytes) } })
const HOUR = 60 * 60 * 1000

describe('Quotas', () => {
  const quotas = () => new Quotas({ planBytes: 1000, keyBytesPerHour: 2000, keyBytesPerDay: 3000 })

  it('[R9] refuses an update that would take a plan past its quota, but takes one that frees as much as it adds (a snapshot of a full plan)', () => {
    const q = quotas()
    expect(q.check('k', 900, [blob(200)], [], 0)?.code).toBe('plan-quota-exceeded')
    expect(q.check('k', 900, [blob(100)], [], 0)).toBeNull()
    // over quota already (the setting was lowered): a compaction that shrinks the plan is taken
    expect(q.check('k', 1500, [blob(300)], [blob(400)], 0)).toBeNull()
    expect(q.charge('k', 1500, [blob(300)], [blob(400)], 0)).toBe(1400)
  })

  it('[R9] counts what a key adds across plans per rolling hour and day', () => {
    const q = quotas()
    q.charge('k', 0, [blob(900)], [], 0)
    q.charge('k', 0, [blob(900)], [], 10 * 60 * 1000)
    expect(q.check('k', 0, [blob(300)], [], 20 * 60 * 1000)?.code).toBe('key-quota-exceeded')
    expect(q.check('other', 0, [blob(300)], [], 20 * 60 * 1000)).toBeNull()
    // an hour after the first, it no longer counts for the hour
    expect(q.check('k', 0, [blob(300)], [], HOUR + 2 * 60 * 1000)).toBeNull()
    q.charge('k', 0, [blob(900)], [], 2 * HOUR)
    // 2,700 today: the day's 3,000 holds although the last hour has only 900
    expect(q.check('k', 0, [blob(400)], [], 2 * HOUR + 60 * 1000)?.code).toBe('key-quota-exceeded')
    q.prune(26 * HOUR)
    expect(q.check('k', 0, [blob(900)], [], 26 * HOUR)).toBeNull()
  })
})

describe('ByteBudget', () => {
  it('[R9] starts work while credit is left, goes into debt by that one answer, then refuses until refilled', () => {
    const b = new ByteBudget(100, 1000, 0)
    expect(b.hasCredit(0)).toBe(true)
    b.charge(1500, 0)
    expect(b.hasCredit(0)).toBe(false)
    expect(b.hasCredit(4_000)).toBe(false) // -500 + 400
    expect(b.hasCredit(6_000)).toBe(true)
  })
})

describe('NewRoomLimiter', () => {
  it('[R9] limits new plans per address and per key; a refused try is not counted', () => {
    const l = new NewRoomLimiter(2)
    expect(l.allow('a1', 'k1', 'p1', 0)).toBe(true)
    expect(l.allow('a2', 'k1', 'p2', 0)).toBe(true)
    expect(l.allow('a3', 'k1', 'p3', 0)).toBe(false) // the key's third
    expect(l.allow('a3', 'k2', 'p3', 0)).toBe(true) // a3 was not charged for the refusal
    expect(l.allow('a1', 'k3', 'p4', 0)).toBe(true)
    expect(l.allow('a1', 'k4', 'p5', 0)).toBe(false) // the address's third
    expect(l.allow('a1', 'k1', 'p1', 0)).toBe(true) // reconnecting to a plan it is creating
    expect(l.allow('a1', 'k4', 'p5', HOUR + 1)).toBe(true)
  })
})
