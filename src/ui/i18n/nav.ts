/**
 * The section menu's and "Voor jou"'s strings, in the language the app shell chose (`lang()`
 * from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { navEn } from './nav.en'
import { navNl, type NavKey } from './nav.nl'

export type { NavKey }

export const tNav = createTranslator(navNl, navEn)
