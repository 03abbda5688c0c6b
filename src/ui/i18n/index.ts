/**
 * Dutch first, English second. The chosen language is the only thing the UI keeps in
 * localStorage: never plan content.
 */
import { createRoot, createSignal } from 'solid-js'
import { en } from './en'
import { nl, type MessageKey } from './nl'

export type Lang = 'nl' | 'en'
export type { MessageKey }

const STORAGE_KEY = 'samenplan.lang'
const dictionaries = { nl, en } as const

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl'
  } catch {
    return 'nl'
  }
}

const i18n = createRoot(() => {
  const [lang, setLangSignal] = createSignal<Lang>(storedLang())
  const setLang = (next: Lang) => {
    setLangSignal(next)
    document.documentElement.lang = next
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // private mode: the choice lasts this session only
    }
  }
  return { lang, setLang }
})

export const lang = i18n.lang
export const setLang = i18n.setLang

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? nl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

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
