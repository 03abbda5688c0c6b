/**
 * The strings around the request to the gemeente (gaps, the parents' "klopt", what is asked and
 * who pays), in the language the app shell chose (`lang()` from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { requestEn } from './request.en'
import { requestNl, type RequestKey } from './request.nl'

export type { RequestKey }

export const tRequest = createTranslator(requestNl, requestEn)
