import { hashParts } from '../crypto'
import { fromHex } from '../sync/bytes'

/**
 * A short code to compare in person ("lees je code voor"): 12 digits from a hash of the member's
 * public key. Matching codes mean the key in the plan is the key on that person's device.
 */
export function safetyCode(memberKeyHex: string): string {
  const digest = hashParts('samenplan/safety-code/v1', fromHex(memberKeyHex))
  let digits = ''
  for (let i = 0; digits.length < 12; i += 2) digits += String(((digest[i]! << 8) | digest[i + 1]!) % 1000).padStart(3, '0')
  return digits.match(/.{4}/g)!.join(' ')
}
