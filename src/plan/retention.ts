/**
 * How long a plan is kept after it ends (issue 11 §4). The organisation's policy, written into
 * the plan by an admin (P14), sets the term; the parents see the date. Defaults an organisation
 * can change: school support two years after the plan ends; youth care content fifteen years
 * (the Jeugdwet's bewaartermijn, art. 7.3.8). After the end every device that opens the plan
 * deletes it (judged on the device, by its clock).
 *
 * When a plan ends is the closure's (h-close: `closureOf(doc).closedAt`); until that is wired the
 * caller passes it (`endedAt`, null while the plan runs).
 */
import type * as Y from 'yjs'

/** the plan doc's root holding the policy; only an admin writes it (P14) */
export const RETENTION = 'retention'

export const RETENTION_KINDS = ['school', 'care'] as const
export type RetentionKind = (typeof RETENTION_KINDS)[number]

/** years after the end, by kind: the defaults an organisation may change */
export const DEFAULT_RETENTION_YEARS: Readonly<Record<RetentionKind, number>> = { school: 2, care: 15 }
/** a term outside this is a typing error, not a policy (the Jeugdwet's 15 years, with room above) */
export const MAX_RETENTION_YEARS = 30

export interface RetentionPolicy {
  kind: RetentionKind
  /** whole years after the plan ends */
  years: number
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { kind: 'school', years: DEFAULT_RETENTION_YEARS.school }

/**
 * The retention end (ms) of a plan under `policy`: `years` calendar years after it ended (the same
 * date; 29 February becomes 1 March), or null while it has not ended ("tot … na afsluiten").
 */
export function retentionEnd(policy: RetentionPolicy, { endedAt }: { endedAt: number | null }): number | null {
  if (endedAt === null) return null
  const end = new Date(endedAt)
  end.setUTCFullYear(end.getUTCFullYear() + policy.years)
  return end.getTime()
}

/** Whether the plan's retention end has passed at `now`: then it is deleted wherever it is opened. */
export function retentionPassed(policy: RetentionPolicy, ended: { endedAt: number | null }, now: number): boolean {
  const end = retentionEnd(policy, ended)
  return end !== null && end <= now
}

function isPolicy(kind: unknown, years: unknown): boolean {
  return (
    typeof kind === 'string' &&
    (RETENTION_KINDS as readonly string[]).includes(kind) &&
    typeof years === 'number' &&
    Number.isInteger(years) &&
    years >= 1 &&
    years <= MAX_RETENTION_YEARS
  )
}

export interface Retention {
  /** the plan's policy, or the default when none (or none readable) is set */
  policy(): RetentionPolicy
  /** whether an admin set one (else the default applies) */
  isSet(): boolean
  /** an admin sets the policy (P14: other members' changes are refused by every device) */
  set(policy: RetentionPolicy): void
  observe(listener: () => void): () => void
}

export function createRetention(doc: Y.Doc): Retention {
  const map = doc.getMap<unknown>(RETENTION)
  const read = (): RetentionPolicy | null => {
    const kind = map.get('kind')
    const years = map.get('years')
    return isPolicy(kind, years) ? { kind: kind as RetentionKind, years: years as number } : null
  }
  return {
    policy: () => read() ?? DEFAULT_RETENTION_POLICY,
    isSet: () => read() !== null,
    set(policy) {
      if (!isPolicy(policy.kind, policy.years)) throw new Error(`a retention of 1..${MAX_RETENTION_YEARS} whole years, for school or care`)
      doc.transact(() => {
        if (map.get('kind') !== policy.kind) map.set('kind', policy.kind)
        if (map.get('years') !== policy.years) map.set('years', policy.years)
      })
    },
    observe(listener) {
      map.observe(listener)
      return () => map.unobserve(listener)
    },
  }
}
