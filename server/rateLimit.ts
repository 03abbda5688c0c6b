/** Limits with clear errors (DESIGN §5.6): messages and answered bytes per connection, new plans per address and key. */

/** An amount that refills at `perS` up to `burst`; what is spent may drive it into debt. */
class Refilling {
  private amount: number
  private last: number

  constructor(
    private readonly perS: number,
    private readonly burst: number,
    now: number,
  ) {
    this.amount = burst
    this.last = now
  }

  protected available(now: number): number {
    this.amount = Math.min(this.burst, this.amount + ((now - this.last) / 1000) * this.perS)
    this.last = now
    return this.amount
  }

  protected spend(amount: number, now: number): void {
    this.amount = this.available(now) - amount
  }
}

/** A token bucket: `ratePerS` sustained, `burst` at once (a reconnect sends several at once). */
export class TokenBucket extends Refilling {
  constructor(ratePerS: number, burst: number, now = Date.now()) {
    super(ratePerS, burst, now)
  }

  take(now = Date.now()): boolean {
    if (this.available(now) < 1) return false
    this.spend(1, now)
    return true
  }
}

/**
 * A byte budget: `bytesPerS` sustained, `burst` at once. Work whose size is known only once it
 * is done (a sync step 2) starts while any budget is left and is charged in full afterwards, so
 * the budget may go into debt by one answer and then refuses until the debt is paid back.
 */
export class ByteBudget extends Refilling {
  constructor(bytesPerS: number, burst: number, now = Date.now()) {
    super(bytesPerS, burst, now)
  }

  /** true while there is budget left to start one more piece of work */
  hasCredit(now = Date.now()): boolean {
    return this.available(now) > 0
  }

  charge(bytes: number, now = Date.now()): void {
    this.spend(bytes, now)
  }
}

const HOUR_MS = 60 * 60 * 1000

/** Distinct plans per holder (an address, a key) opened in the last hour. */
class RecentPlans {
  private readonly byHolder = new Map<string, Map<string, number>>()

  /** true when `holder` may open `plan`: it opened it before this hour, or has room for one more */
  admits(holder: string, plan: string, perHour: number, now: number): boolean {
    const plans = this.byHolder.get(holder)
    if (!plans) return perHour > 0
    for (const [p, at] of plans) if (now - at > HOUR_MS) plans.delete(p)
    return plans.has(plan) || plans.size < perHour
  }

  add(holder: string, plan: string, now: number): void {
    let plans = this.byHolder.get(holder)
    if (!plans) this.byHolder.set(holder, (plans = new Map()))
    if (!plans.has(plan)) plans.set(plan, now)
  }

  prune(now: number): void {
    for (const [holder, plans] of this.byHolder) {
      for (const [p, at] of plans) if (now - at > HOUR_MS) plans.delete(p)
      if (plans.size === 0) this.byHolder.delete(holder)
    }
  }
}

/**
 * Counts distinct not-yet-created plans opened per address and per key in the last hour.
 * Creating a plan costs a client nothing (a key pair and a hash), so the address is what a flood
 * shares; the key limits one identity behind many addresses (a proxy, a school's NAT) too.
 * Only what is allowed is counted, so a refused try costs the holder nothing more.
 */
export class NewRoomLimiter {
  private readonly byAddress = new RecentPlans()
  private readonly byKey = new RecentPlans()

  constructor(private readonly perHour: number) {}

  allow(address: string, key: string, plan: string, now = Date.now()): boolean {
    if (!this.byAddress.admits(address, plan, this.perHour, now) || !this.byKey.admits(key, plan, this.perHour, now)) return false
    this.byAddress.add(address, plan, now)
    this.byKey.add(key, plan, now)
    return true
  }

  /** Forgets holders with nothing in the last hour, so the maps do not grow forever. */
  prune(now = Date.now()): void {
    this.byAddress.prune(now)
    this.byKey.prune(now)
  }
}

/** A token bucket per key (attachment requests): an idle key's bucket is dropped by `prune`. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>()

  constructor(
    private readonly perS: number,
    private readonly burst: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    let entry = this.buckets.get(key)
    if (!entry) this.buckets.set(key, (entry = { bucket: new TokenBucket(this.perS, this.burst, now), usedAt: now }))
    entry.usedAt = now
    return entry.bucket.take(now)
  }

  /** Forgets keys quiet long enough for their bucket to be full again. */
  prune(now = Date.now()): void {
    const refillMs = (this.burst / this.perS) * 1000
    for (const [key, entry] of this.buckets) if (now - entry.usedAt > refillMs) this.buckets.delete(key)
  }
}
