/**
 * The language the app shell chose: Dutch first, English second. It is the only thing the UI
 * keeps in localStorage: never plan content.
 */
import { createRoot, createSignal } from 'solid-js'

export type Lang = 'nl' | 'en'

const STORAGE_KEY = 'samenplan.lang'

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
