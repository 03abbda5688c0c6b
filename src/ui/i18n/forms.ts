/**
 * The forms' shared strings (counter, too long), in the language the app shell chose (`lang()`
 * from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { formsEn } from './forms.en'
import { formsNl, type FormsKey } from './forms.nl'

export type { FormsKey }

export const tForms = createTranslator(formsNl, formsEn)
