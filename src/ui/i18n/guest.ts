/**
 * The strings of a time-limited membership, in the language the app shell chose (`lang()` from
 * ./index): Dutch first, English second.
 */
import { lang } from './index'
import { guestEn } from './guest.en'
import { guestNl, type GuestKey } from './guest.nl'

export type { GuestKey }

const dictionaries = { nl: guestNl, en: guestEn } as const

export function tg(key: GuestKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? guestNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}
