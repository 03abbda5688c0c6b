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

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(ms)
}

export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(ms)
}
