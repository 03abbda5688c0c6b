/**
 * The editor toolbar's, undo's and plan search's strings, in the language the app shell chose
 * (`lang()` from ./index): Dutch first, English second.
 */
import { lang } from './index'
import { editorEn } from './editor.en'
import { editorNl, type EditorKey } from './editor.nl'

export type { EditorKey }

const dictionaries = { nl: editorNl, en: editorEn } as const

export function te(key: EditorKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? editorNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}
