/** Limits with clear errors (DESIGN §5.6): messages per connection, new plans per address. */

/** A token bucket: `ratePerS` sustained, `burst` at once (a reconnect sends several at once). */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst
    this.last = now
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerS)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

const HOUR_MS = 60 * 60 * 1000

/**
 * Counts distinct not-yet-created plans opened per address in the last hour. Creating a plan
 * costs a client nothing (a key pair and a hash), so the address is what a flood shares.
 */
export class NewRoomLimiter {
  private readonly byAddress = new Map<string, Map<string, number>>()

  constructor(private readonly perHour: number) {}

  allow(address: string, plan: string, now = Date.now()): boolean {
    let plans = this.byAddress.get(address)
    if (!plans) this.byAddress.set(address, (plans = new Map()))
    for (const [p, at] of plans) if (now - at > HOUR_MS) plans.delete(p)
    if (plans.has(plan)) return true // reconnecting to the plan it is creating
    if (plans.size >= this.perHour) return false
    plans.set(plan, now)
    return true
  }

  /** Forgets addresses with nothing in the last hour, so the map does not grow forever. */
  prune(now = Date.now()): void {
    for (const [address, plans] of this.byAddress) {
      for (const [p, at] of plans) if (now - at > HOUR_MS) plans.delete(p)
      if (plans.size === 0) this.byAddress.delete(address)
    }
  }
}
