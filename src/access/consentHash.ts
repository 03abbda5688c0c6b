/**
 * The hash a signed consent record carries: of the consent's details as the plan stores them
 * (canonicalConsentDetails), so the signature covers organisation, purpose and dates while the
 * relay sees only 32 random-looking bytes.
 */
import { hashParts } from '../crypto'
import { toHex } from '../sync/bytes'
import { canonicalConsentDetails, type ConsentDetails } from '../plan'

export const CONSENT_DETAILS_DOMAIN = 'samenplan/consent-details/v1'

export function consentDetailsHash(details: ConsentDetails): Uint8Array {
  return hashParts(CONSENT_DETAILS_DOMAIN, canonicalConsentDetails(details))
}

export function consentDetailsHashHex(details: ConsentDetails): string {
  return toHex(consentDetailsHash(details))
}
