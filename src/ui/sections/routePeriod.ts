/** A route step's period in words: "3 maart 2025 tot 1 juli 2025", "sinds 3 maart 2025, loopt nog". */
import type { RouteStep } from '../../plan'

export type RoutePeriod = { kind: 'closed'; from: string; to: string } | { kind: 'open'; from: string } | { kind: 'none' }

/** Which of the three forms a step's period takes; a step without a start (from an older client) has none. */
export function routePeriod(step: Pick<RouteStep, 'from' | 'to'>): RoutePeriod {
  if (!step.from) return { kind: 'none' }
  return step.to ? { kind: 'closed', from: step.from, to: step.to } : { kind: 'open', from: step.from }
}
