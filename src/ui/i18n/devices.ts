/**
 * The device views' strings, in the language the app shell chose (`lang()` from ./index): Dutch
 * first, English second.
 */
import { lang } from './index'
import { devicesEn } from './devices.en'
import { devicesNl, type DevicesKey } from './devices.nl'

export type { DevicesKey }

const dictionaries = { nl: devicesNl, en: devicesEn } as const

export function td(key: DevicesKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? devicesNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}
