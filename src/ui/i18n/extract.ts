/** Sharing a document with an organisation and opening a shared link: Dutch first, English second. */
import { lang } from './lang'
import { createTranslator } from './translator'
import { extractEn } from './extract.en'
import { extractNl, type ExtractKey } from './extract.nl'

export type { ExtractKey }

export const tExtract = createTranslator(extractNl, extractEn)

const formats = new Map<string, Intl.DateTimeFormat>()

/** A day and time in words ("4 december 2026 om 10:12"), in the shell's language. */
export function formatMoment(ms: number): string {
  const locale = lang() === 'nl' ? 'nl-NL' : 'en-GB'
  let format = formats.get(locale)
  if (!format) formats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' })))
  return format.format(ms)
}

/** A day in words ("4 december 2026"). */
export function formatDayOf(ms: number): string {
  return new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }).format(ms)
}
