/**
 * The plan sections' strings (planstatus and basisgegevens through observaties and overleggen)
 * and their date formatting, in the language the app shell chose (`lang()` from ./index): Dutch
 * first, English second.
 */
import { lang } from './lang'
import { createTranslator } from './translator'
import { planEn } from './plan.en'
import { planNl, type PlanKey } from './plan.nl'

export type { PlanKey }

export const tPlan = createTranslator(planNl, planEn)

const locale = () => (lang() === 'nl' ? 'nl-NL' : 'en-GB')

/**
 * One formatter per locale: making an Intl.DateTimeFormat costs far more than formatting with
 * one, and a five-year plan formats hundreds of dates as it opens (~100 ms of its render).
 */
const planDateFormats = new Map<string, Intl.DateTimeFormat>()

/** A plan date (yyyy-mm-dd) in words: "12 maart 2025". Calendar dates carry no time zone, so format in UTC. */
export function formatPlanDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const loc = locale()
  let format = planDateFormats.get(loc)
  if (!format) planDateFormats.set(loc, (format = new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })))
  return format.format(ms)
}

/** Today on this device's calendar, as yyyy-mm-dd (what a date input holds). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
