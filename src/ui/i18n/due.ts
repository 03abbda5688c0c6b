/**
 * The strings of afspraken with a date, their reminders and the push setting per device, in the
 * language the app shell chose (`lang()` from ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { dueEn } from './due.en'
import { dueNl, type DueKey } from './due.nl'

export type { DueKey }

export const tDue = createTranslator(dueNl, dueEn)
