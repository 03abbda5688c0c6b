/**
 * The instemming's and the contributor line's strings, in the language the app shell chose
 * (`lang()` from ./index): Dutch first, English second.
 */
import { lang } from './index'
import { instemmingEn } from './instemming.en'
import { instemmingNl, type InstemmingKey } from './instemming.nl'

export type { InstemmingKey }

const dictionaries = { nl: instemmingNl, en: instemmingEn } as const

export function ti(key: InstemmingKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? instemmingNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}
