/**
 * The documents' strings (onderbouwing, print view, home summary, meeting link), in the language
 * the app shell chose (`lang()` from ./index): Dutch first, English second.
 */
import type { DocumentLang } from '../../plan'
import { lang } from './index'
import { documentsEn } from './documents.en'
import { documentsNl, type DocumentsKey } from './documents.nl'

export type { DocumentsKey }

const dictionaries = { nl: documentsNl, en: documentsEn } as const

export function td(key: DocumentsKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? documentsNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

/** The language generated documents are written in: the app's. */
export const documentLang = (): DocumentLang => lang()
