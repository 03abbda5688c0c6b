/**
 * The instemming's and the contributor line's strings, in the language the app shell chose
 * (`lang()` from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { instemmingEn } from './instemming.en'
import { instemmingNl, type InstemmingKey } from './instemming.nl'

export type { InstemmingKey }

export const tInstemming = createTranslator(instemmingNl, instemmingEn)
