/**
 * The editor toolbar's, undo's and plan search's strings, in the language the app shell chose
 * (`lang()` from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { editorEn } from './editor.en'
import { editorNl, type EditorKey } from './editor.nl'

export type { EditorKey }

export const tEditor = createTranslator(editorNl, editorEn)
