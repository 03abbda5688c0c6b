/**
 * The remaining plan sections' strings (planstatus, basisgegevens, contacten, factoren, behoeften,
 * OPP, ingezette hulp), in the language the app shell chose (`lang()` from ./index): Dutch first,
 * English second. Dates use formatPlanDate from ./sections.
 */
import { lang } from './lang'
import { createTranslator } from './translator'
import { planSectionsEn } from './plansections.en'
import { planSectionsNl, type PlanSectionKey } from './plansections.nl'

export type { PlanSectionKey }

export const tPlanSections = createTranslator(planSectionsNl, planSectionsEn)
