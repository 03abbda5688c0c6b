/**
 * The strings of an invite link's check, in the language the app shell chose (`lang()` from
 * ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { joinEn } from './join.en'
import { joinNl, type JoinKey } from './join.nl'

export type { JoinKey }

export const tJoin = createTranslator(joinNl, joinEn)
