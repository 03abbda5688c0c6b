/**
 * The factors matrix as the UI lays it out: every domain (kind, school, thuis, vrije tijd) with its
 * two cells (helpt, belemmert), in the fixed order of DESIGN §6, empty cells included so the grid
 * never shifts. Within a cell the newest note comes first: it is the one a meeting talks about.
 */
import { FACTOR_DOMAINS, FACTOR_KINDS, type Factor, type FactorDomain, type FactorKind } from '../../plan'

export interface FactorCell {
  domain: FactorDomain
  kind: FactorKind
  /** ids, newest date first; equal dates: newest written first */
  ids: string[]
}

export interface FactorRow {
  domain: FactorDomain
  cells: FactorCell[]
}

const newestFirst = (a: Factor, b: Factor) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))

export function factorRows(factors: readonly Factor[]): FactorRow[] {
  const sorted = [...factors].sort(newestFirst)
  return FACTOR_DOMAINS.map((domain) => ({
    domain,
    cells: FACTOR_KINDS.map((kind) => ({ domain, kind, ids: sorted.filter((f) => f.domain === domain && f.kind === kind).map((f) => f.id) })),
  }))
}
