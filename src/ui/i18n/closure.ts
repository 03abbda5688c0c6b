/**
 * The strings of closing a plan, its own copy and the warme overdracht, in the language the app
 * shell chose (`lang()` from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { closureEn } from './closure.en'
import { closureNl, type ClosureKey } from './closure.nl'

export type { ClosureKey }

export const tClosure = createTranslator(closureNl, closureEn)
