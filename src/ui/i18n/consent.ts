/** Consent and party strings in the language the app shell chose: Dutch first, English second. */
import { lang } from './lang'
import { createTranslator } from './translator'
import { consentEn } from './consent.en'
import { consentNl, type ConsentKey } from './consent.nl'

export type { ConsentKey }

export const tConsent = createTranslator(consentNl, consentEn)

/** A date as a Dutch reader writes it: "1 december 2026". */
export function formatDay(ms: number): string {
  return new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }).format(ms)
}
