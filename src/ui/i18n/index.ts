/** The app shell's strings, and the shared date formats. Dutch first, English second. */
import { en } from './en'
import { nl, type MessageKey } from './nl'
import { lang } from './lang'
import { createTranslator } from './translator'

export { lang, setLang, type Lang } from './lang'
export type { MessageKey }

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
