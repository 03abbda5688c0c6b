import { hashParts } from '../crypto'
import { fromHex } from '../sync/bytes'
import type { PlanStatePoint } from '../sync/planStatePoint'

/**
 * The plan-state code (P7): 12 digits from the chain hash of the plan's last snapshot, to compare
 * by phone or in a meeting like the safety code. The same code means the same plan up to that
 * snapshot; a different code at the same point means the relay shows you two different plans.
 */
export function planStateCode(point: PlanStatePoint | null): string | null {
  if (!point) return null
  const digest = hashParts('samenplan/plan-state/v1', fromHex(point.hash))
  let digits = ''
  for (let i = 0; digits.length < 12; i += 2) digits += String(((digest[i]! << 8) | digest[i + 1]!) % 1000).padStart(3, '0')
  return digits.match(/.{4}/g)!.join(' ')
}
