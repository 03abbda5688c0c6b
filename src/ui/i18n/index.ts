/** The app shell's strings, and the shared date formats. Dutch first, English second. */
import { lang } from './lang'
import { createTranslator } from './translator'
import { homeEn } from './home.en'
import { homeNl } from './home.nl'
import { lockEn } from './lock.en'
import { lockNl } from './lock.nl'
import { planViewEn } from './planView.en'
import { planViewNl } from './planView.nl'
import { settingsEn } from './settings.en'
import { settingsNl } from './settings.nl'
import { shareEn } from './share.en'
import { shareNl } from './share.nl'
import { shellEn } from './shell.en'
import { shellNl } from './shell.nl'

export { lang, setLang, type Lang } from './lang'

/** The app shell's topics as one dictionary (tests/unit/ui.i18n.test.ts checks no key is in two). */
const nl = { ...shellNl, ...homeNl, ...planViewNl, ...shareNl, ...lockNl, ...settingsNl }
export type MessageKey = keyof typeof nl
const en: Record<MessageKey, string> = { ...shellEn, ...homeEn, ...planViewEn, ...shareEn, ...lockEn, ...settingsEn }

export const t = createTranslator(nl, en)

/** One formatter per language and style: making one costs far more than using it (lists format hundreds). */
const formats = new Map<string, Intl.DateTimeFormat>()
function formatter(style: 'time' | 'dateTime'): Intl.DateTimeFormat {
  const locale = lang() === 'nl' ? 'nl-NL' : 'en-GB'
  const key = `${locale} ${style}`
  let format = formats.get(key)
  if (!format) {
    const options: Intl.DateTimeFormatOptions = style === 'time' ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'long', timeStyle: 'short' }
    formats.set(key, (format = new Intl.DateTimeFormat(locale, options)))
  }
  return format
}

export function formatTime(ms: number): string {
  return formatter('time').format(ms)
}

export function formatDateTime(ms: number): string {
  return formatter('dateTime').format(ms)
}
