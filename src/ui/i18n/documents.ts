/**
 * The documents' strings (onderbouwing, print view, meeting link), in the language
 * the app shell chose (`lang()` from ./index): Dutch first, English second.
 */
import type { DocumentLang } from '../../plan'
import { lang } from './lang'
import { createTranslator } from './translator'
import { documentsEn } from './documents.en'
import { documentsNl, type DocumentsKey } from './documents.nl'

export type { DocumentsKey }

export const tDocs = createTranslator(documentsNl, documentsEn)

/** The language generated documents are written in: the app's. */
export const documentLang = (): DocumentLang => lang()
