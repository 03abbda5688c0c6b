/**
 * Dutch strings for "Nieuw sinds je laatste bezoek" and the reminders (on the plan and on the
 * home screen's plan cards). Every key here must exist in signals.en.ts (the type enforces it).
 * Placeholders: {name}, {section}, {n}, {items}, {date}, {what}, {who}.
 */
export const signalsNl = {
  'new.title': 'Nieuw sinds je laatste bezoek',
  'new.none': 'Niets nieuws sinds je laatste bezoek.',
  'new.one': '{name} schreef in {section}',
  'new.many': '{name} schreef in {section} ({n})',
  'new.someone': 'Iemand',
  'new.seen': 'Gezien',
  'new.seenDone': 'Gemarkeerd als gezien.',
  'new.home': 'Nieuw: {items}',
  'reminders.title': 'Herinneringen',
  'reminders.none': 'Geen datums in de komende 30 dagen.',
  'reminders.goal': 'Evaluatie van doel “{what}”: {date}',
  'reminders.goalOverdue': 'Evaluatie van doel “{what}” was op {date}',
  'reminders.meeting': 'Volgend overleg: {date}',
  'reminders.planEvaluation': 'Evaluatie van het plan: {date}',
  'reminders.planEvaluationOverdue': 'Evaluatie van het plan was op {date}',
  'reminders.oppYearly': 'Jaarlijkse evaluatie van het OPP: {date}',
  'reminders.oppYearlyOverdue': 'Jaarlijkse evaluatie van het OPP was op {date}',
  'reminders.consent': 'Toestemming voor {who} loopt af op {date}',
  'reminders.guest': 'Toegang van {who} loopt af op {date}',
  'reminders.someone': 'een gast',
  'new.homeMore': 'en {n} meer',
} as const

export type SignalsKey = keyof typeof signalsNl
export type SignalsMessages = Record<SignalsKey, string>
