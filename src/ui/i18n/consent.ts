/** Consent and party strings in the language the app shell chose: Dutch first, English second. */
import { lang } from './index'
import { consentEn } from './consent.en'
import { consentNl, type ConsentKey } from './consent.nl'

export type { ConsentKey }

const dictionaries = { nl: consentNl, en: consentEn } as const

export function tc(key: ConsentKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? consentNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

/** A date as a Dutch reader writes it: "1 december 2026". */
export function formatDay(ms: number): string {
  return new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }).format(ms)
}
