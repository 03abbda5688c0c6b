/**
 * The remaining plan sections' strings (planstatus, basisgegevens, contacten, factoren, behoeften,
 * OPP, ingezette hulp), in the language the app shell chose (`lang()` from ./index): Dutch first,
 * English second. Dates use formatPlanDate from ./sections.
 */
import { lang } from './index'
import { planSectionsEn } from './plansections.en'
import { planSectionsNl, type PlanSectionKey } from './plansections.nl'

export type { PlanSectionKey }

const dictionaries = { nl: planSectionsNl, en: planSectionsEn } as const

export function tp(key: PlanSectionKey, params?: Record<string, string | number>): string {
  const template: string = dictionaries[lang()][key] ?? planSectionsNl[key] ?? key
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}
