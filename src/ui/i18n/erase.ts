/**
 * The strings of keeping and erasing a plan, in the language the app shell chose (`lang()` from
 * ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { eraseEn } from './erase.en'
import { eraseNl, type EraseKey } from './erase.nl'

export type { EraseKey }

export const tErase = createTranslator(eraseNl, eraseEn)
