/**
 * The team and activity views' strings, in the language the app shell chose (`lang()` from
 * ./index): Dutch first, English second.
 */
import { lang } from './index'
import { teamEn } from './team.en'
import { teamNl, type TeamKey } from './team.nl'

export type { TeamKey }

const dictionaries = { nl: teamNl, en: teamEn } as const

export function tt(key: TeamKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? teamNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}
