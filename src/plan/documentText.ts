/**
 * Words for generated documents (the onderbouwing): dates and durations written out, and the
 * plan's enum values as a reader outside the team understands them. Dutch is the document
 * language for the gemeente; English is there for a reader who switched the app to English.
 */
import type { Funder } from './actions'
import type { GoalDomain, GoalStatus, EvaluationDecision, EvaluationResult } from './goals'
import type { MeetingType } from './meetings'
import type { NeedHolder } from './needs'
import type { RouteLevel } from './route'
import type { CareLevel, PlanStatus, SchoolSupportLevel } from './status'

export type DocumentLang = 'nl' | 'en'

const MS_PER_DAY = 86_400_000
const DAYS_PER_MONTH = 30.44 // the mean Gregorian month: "drie maanden" from 1 March to 1 June
const WEEKS_UNTIL_MONTHS = 8 // up to two months a period reads in weeks ("zes weken"), beyond that in months

const NUMBER_WORDS: Record<DocumentLang, readonly string[]> = {
  nl: ['nul', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
}

export function numberWord(n: number, lang: DocumentLang = 'nl'): string {
  return NUMBER_WORDS[lang][n] ?? String(n)
}

function isoToUtc(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null
}

/** A plan date in words: "12 maart 2025" (calendar dates carry no time zone: formatted in UTC). */
export function dateWords(iso: string, lang: DocumentLang = 'nl'): string {
  const ms = isoToUtc(iso)
  if (ms === null) return iso
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms)
}

/** Today on the device's calendar as yyyy-mm-dd. */
export function isoDay(now: number): string {
  const d = new Date(now)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

const unit = (lang: DocumentLang, n: number, one: Record<DocumentLang, string>, many: Record<DocumentLang, string>) =>
  `${numberWord(n, lang)} ${n === 1 ? one[lang] : many[lang]}`

/**
 * How long a period lasted, in words: "minder dan een week", "drie weken", "vijf maanden",
 * "één jaar en twee maanden". Both ends count as days of the period.
 */
export function durationWords(fromIso: string, toIso: string, lang: DocumentLang = 'nl'): string {
  const from = isoToUtc(fromIso)
  const to = isoToUtc(toIso)
  if (from === null || to === null || to < from) return ''
  const days = Math.round((to - from) / MS_PER_DAY) + 1
  if (days < 7) return lang === 'nl' ? 'minder dan een week' : 'less than a week'
  const weeks = Math.round(days / 7)
  if (weeks < WEEKS_UNTIL_MONTHS) return unit(lang, weeks, { nl: 'week', en: 'week' }, { nl: 'weken', en: 'weeks' })
  const months = Math.max(2, Math.round(days / DAYS_PER_MONTH))
  if (months < 12) return unit(lang, months, { nl: 'maand', en: 'month' }, { nl: 'maanden', en: 'months' })
  const years = Math.floor(months / 12)
  const rest = months % 12
  const y = unit(lang, years, { nl: 'jaar', en: 'year' }, { nl: 'jaar', en: 'years' })
  return rest === 0 ? y : `${y} ${lang === 'nl' ? 'en' : 'and'} ${unit(lang, rest, { nl: 'maand', en: 'month' }, { nl: 'maanden', en: 'months' })}`
}

export const ROUTE_LEVEL_WORDS: Record<DocumentLang, Record<RouteLevel, string>> = {
  nl: {
    basisondersteuning: 'Basisondersteuning op school',
    'extra ondersteuning': 'Extra ondersteuning op school',
    arrangement: 'Arrangement van het samenwerkingsverband',
    TLV: 'Toelaatbaarheidsverklaring (TLV)',
    'vrij toegankelijk': 'Vrij toegankelijke jeugdhulp',
    'niet-vrij toegankelijk': 'Niet-vrij toegankelijke jeugdhulp',
    specialistisch: 'Specialistische jeugdhulp',
  },
  en: {
    basisondersteuning: 'Basic support at school',
    'extra ondersteuning': 'Extra support at school',
    arrangement: 'Arrangement from the school partnership',
    TLV: 'Special education admission (TLV)',
    'vrij toegankelijk': 'Freely accessible youth care',
    'niet-vrij toegankelijk': 'Youth care by referral',
    specialistisch: 'Specialist youth care',
  },
}

export const SUPPORT_LEVEL_WORDS: Record<DocumentLang, Record<SchoolSupportLevel, string>> = {
  nl: { basisondersteuning: 'Basisondersteuning', 'extra ondersteuning': 'Extra ondersteuning', arrangement: 'Arrangement', TLV: 'TLV' },
  en: { basisondersteuning: 'Basic support', 'extra ondersteuning': 'Extra support', arrangement: 'Arrangement', TLV: 'TLV' },
}

export const CARE_LEVEL_WORDS: Record<DocumentLang, Record<CareLevel, string>> = {
  nl: {
    geen: 'Geen jeugdhulp',
    'vrij toegankelijk': 'Vrij toegankelijke jeugdhulp',
    'niet-vrij toegankelijk': 'Niet-vrij toegankelijke jeugdhulp',
    specialistisch: 'Specialistische jeugdhulp',
  },
  en: {
    geen: 'No youth care',
    'vrij toegankelijk': 'Freely accessible youth care',
    'niet-vrij toegankelijk': 'Youth care by referral',
    specialistisch: 'Specialist youth care',
  },
}

export const PLAN_STATUS_WORDS: Record<DocumentLang, Record<PlanStatus, string>> = {
  nl: { concept: 'Concept', vastgesteld: 'Vastgesteld', 'in uitvoering': 'In uitvoering', geëvalueerd: 'Geëvalueerd', gesloten: 'Gesloten' },
  en: { concept: 'Draft', vastgesteld: 'Agreed', 'in uitvoering': 'In progress', geëvalueerd: 'Evaluated', gesloten: 'Closed' },
}

export const GOAL_DOMAIN_WORDS: Record<DocumentLang, Record<GoalDomain, string>> = {
  nl: {
    leren: 'Leren',
    'sociaal-emotioneel': 'Sociaal-emotioneel',
    werkhouding: 'Werkhouding',
    communicatie: 'Communicatie',
    motoriek: 'Motoriek',
    zelfredzaamheid: 'Zelfredzaamheid',
    thuis: 'Thuis',
    'vrije tijd': 'Vrije tijd',
    overig: 'Overig',
  },
  en: {
    leren: 'Learning',
    'sociaal-emotioneel': 'Social and emotional',
    werkhouding: 'Work attitude',
    communicatie: 'Communication',
    motoriek: 'Motor skills',
    zelfredzaamheid: 'Independence',
    thuis: 'Home',
    'vrije tijd': 'Free time',
    overig: 'Other',
  },
}

export const GOAL_STATUS_WORDS: Record<DocumentLang, Record<GoalStatus, string>> = {
  nl: { open: 'Open', behaald: 'Behaald', deels: 'Deels behaald', 'niet behaald': 'Niet behaald', gestopt: 'Gestopt' },
  en: { open: 'Open', behaald: 'Achieved', deels: 'Partly achieved', 'niet behaald': 'Not achieved', gestopt: 'Stopped' },
}

export const EVALUATION_RESULT_WORDS: Record<DocumentLang, Record<EvaluationResult, string>> = {
  nl: { behaald: 'behaald', deels: 'deels behaald', niet: 'niet behaald' },
  en: { behaald: 'achieved', deels: 'partly achieved', niet: 'not achieved' },
}

export const EVALUATION_DECISION_WORDS: Record<DocumentLang, Record<EvaluationDecision, string>> = {
  nl: { doorgaan: 'doorgaan', bijstellen: 'doel bijstellen', afschalen: 'hulp afschalen', opschalen: 'hulp opschalen' },
  en: { doorgaan: 'continue', bijstellen: 'adjust the goal', afschalen: 'step the help down', opschalen: 'step the help up' },
}

export const MEETING_TYPE_WORDS: Record<DocumentLang, Record<MeetingType, string>> = {
  nl: {
    'eerste gesprek': 'Eerste gesprek',
    'Kans!overleg': 'Kans!overleg',
    MDO: 'MDO',
    'OPP-evaluatie': 'OPP-evaluatie',
    keukentafelgesprek: 'Keukentafelgesprek',
    OT: 'OT',
    evaluatie: 'Evaluatie',
  },
  en: {
    'eerste gesprek': 'First meeting',
    'Kans!overleg': 'Kans!overleg',
    MDO: 'MDO',
    'OPP-evaluatie': 'OPP review',
    keukentafelgesprek: 'Kitchen-table talk (municipality)',
    OT: 'Support team (OT)',
    evaluatie: 'Evaluation',
  },
}

/** Who pays, for a reader at the gemeente: the law behind each payer in plain words. */
export const FUNDER_WORDS: Record<DocumentLang, Record<Funder, string>> = {
  nl: { onderwijs: 'Onderwijs (school of samenwerkingsverband)', Jeugdwet: 'Jeugdhulp (gemeente, Jeugdwet)', gezamenlijk: 'Samen: onderwijs en jeugdhulp' },
  en: {
    onderwijs: 'Education (school or school partnership)',
    Jeugdwet: 'Youth care (gemeente, Youth Act)',
    gezamenlijk: 'Together: education and youth care',
  },
}

export const NEED_HOLDER_WORDS: Record<DocumentLang, Record<NeedHolder, string>> = {
  nl: { kind: 'Wat het kind nodig heeft', leerkracht: 'Wat de leerkracht nodig heeft', ouders: 'Wat de ouders nodig hebben' },
  en: { kind: 'What the child needs', leerkracht: 'What the teacher needs', ouders: 'What the parents need' },
}

/**
 * A text typed into a field as a sentence of a document: trimmed, with a full stop added when it
 * does not already end in one (or in ? ! … :), so "Oefenen met Daan" and "Oefenen met Daan." both
 * read "Oefenen met Daan." and never "Daan.;". '' stays ''.
 */
export function asSentence(text: string): string {
  const t = text.trim()
  if (!t) return ''
  return /[.!?…:]["'”’)]*$/u.test(t) ? t : `${t}.`
}
