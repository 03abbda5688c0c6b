/**
 * The OPP's strings (uitstroombestemming, handelingsdeel, talks with the parents, disagreement,
 * vaststelling), in the language the app shell chose (`lang()` from ./index): Dutch first,
 * English second.
 */
import { createTranslator } from './translator'
import { oppEn } from './opp.en'
import { oppNl, type OppKey } from './opp.nl'

export type { OppKey }

export const tOpp = createTranslator(oppNl, oppEn)
