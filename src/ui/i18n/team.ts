/**
 * The team and activity views' strings, in the language the app shell chose (`lang()` from
 * ./index): Dutch first, English second.
 */
import { createTranslator } from './translator'
import { teamEn } from './team.en'
import { teamNl, type TeamKey } from './team.nl'

export type { TeamKey }

export const tTeam = createTranslator(teamNl, teamEn)
