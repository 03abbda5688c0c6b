/** The strings of preparing a meeting, in the language the app shell chose (`lang()` from ./index): Dutch first, English second. */
import { createTranslator } from './translator'
import { prepEn } from './prep.en'
import { prepNl, type PrepKey } from './prep.nl'

export type { PrepKey }

export const tPrep = createTranslator(prepNl, prepEn)
