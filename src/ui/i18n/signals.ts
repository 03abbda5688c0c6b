/**
 * The strings of "Nieuw sinds je laatste bezoek" and the reminders, in the language the app
 * shell chose (`lang()` from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { signalsEn } from './signals.en'
import { signalsNl, type SignalsKey } from './signals.nl'

export type { SignalsKey }

export const tSignals = createTranslator(signalsNl, signalsEn)
