/** The shell's PWA strings in the language the app chose (`lang()` from ./index). */
import { lang } from './index'
import { pwaEn } from './pwa.en'
import { pwaNl, type PwaKey } from './pwa.nl'

export type { PwaKey }

const dictionaries = { nl: pwaNl, en: pwaEn } as const

export function tp(key: PwaKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? pwaNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}
