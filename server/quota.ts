/**
 * Storage quotas (R9, DESIGN §5.6): what one plan may hold and what one key may add, so nobody
 * can fill the relay's disk by writing into a plan of their own (anyone can make one). Counted
 * in blob bytes, the part a client controls; checked before an update is applied or stored.
 */
import type * as Y from 'yjs'
import { RuleViolation } from '../src/sync/rules'

const MINUTE_MS = 60 * 1000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

export interface QuotaLimits {
  /** live blob bytes one plan may hold: added minus deleted */
  planBytes: number
  /** blob bytes one key may add across all plans in any rolling hour, and day */
  keyBytesPerHour: number
  keyBytesPerDay: number
}

/** The blobs an update adds or deletes, as far as their size goes. */
interface Sized {
  blob: { bytes: Uint8Array }
}

/** The live blob bytes of a plan's envelope (its log's not-deleted items): once, at room load. */
export function liveBlobBytes(doc: Y.Doc): number {
  let total = 0
  doc.getArray<Uint8Array>('log').forEach((blob) => {
    total += blob.byteLength
  })
  return total
}

function sizeOf(blobs: readonly Sized[]): number {
  let total = 0
  for (const b of blobs) total += b.blob.bytes.byteLength
  return total
}

/**
 * The quotas of one relay process. Per key in memory, by the minute over the last day: a
 * restart forgets them, which costs at most one more day's quota.
 */
export class Quotas {
  /** key -> minute (ms since epoch / MINUTE_MS) -> blob bytes added in that minute */
  private readonly added = new Map<string, Map<number, number>>()

  constructor(readonly limits: QuotaLimits) {}

  /** Why an update adding `added` and deleting `deleted` to a plan holding `liveBytes`, sent by `key`, is refused; null if it is not. */
  check(key: string, liveBytes: number, added: readonly Sized[], deleted: readonly Sized[], now = Date.now()): RuleViolation | null {
    const adds = sizeOf(added)
    if (adds === 0) return null
    const after = liveBytes + adds - sizeOf(deleted)
    // an update that frees as much as it adds is always taken, so a full plan can be compacted
    if (after > liveBytes && after > this.limits.planBytes) {
      return new RuleViolation('R9', 'plan-quota-exceeded', `the plan would hold ${after} bytes, more than ${this.limits.planBytes}`)
    }
    const hour = this.usedSince(key, now - HOUR_MS)
    if (hour + adds > this.limits.keyBytesPerHour) {
      return new RuleViolation('R9', 'key-quota-exceeded', `this key added ${hour} bytes in the last hour; at most ${this.limits.keyBytesPerHour}`)
    }
    const day = this.usedSince(key, now - DAY_MS)
    if (day + adds > this.limits.keyBytesPerDay) {
      return new RuleViolation('R9', 'key-quota-exceeded', `this key added ${day} bytes in the last day; at most ${this.limits.keyBytesPerDay}`)
    }
    return null
  }

  /** Books a stored update; returns the plan's new live bytes. */
  charge(key: string, liveBytes: number, added: readonly Sized[], deleted: readonly Sized[], now = Date.now()): number {
    const adds = sizeOf(added)
    if (adds > 0) {
      let minutes = this.added.get(key)
      if (!minutes) this.added.set(key, (minutes = new Map()))
      const minute = Math.floor(now / MINUTE_MS)
      minutes.set(minute, (minutes.get(minute) ?? 0) + adds)
    }
    return liveBytes + adds - sizeOf(deleted)
  }

  /** Forgets what is older than a day, so the map holds only keys active today. */
  prune(now = Date.now()): void {
    const oldest = Math.floor((now - DAY_MS) / MINUTE_MS)
    for (const [key, minutes] of this.added) {
      for (const minute of minutes.keys()) if (minute < oldest) minutes.delete(minute)
      if (minutes.size === 0) this.added.delete(key)
    }
  }

  private usedSince(key: string, since: number): number {
    const minutes = this.added.get(key)
    if (!minutes) return 0
    const first = Math.floor(since / MINUTE_MS)
    let total = 0
    for (const [minute, bytes] of minutes) if (minute >= first) total += bytes
    return total
  }
}
