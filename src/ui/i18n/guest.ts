/**
 * The strings of a time-limited membership, in the language the app shell chose (`lang()` from
 * ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { guestEn } from './guest.en'
import { guestNl, type GuestKey } from './guest.nl'

export type { GuestKey }

export const tGuest = createTranslator(guestNl, guestEn)
