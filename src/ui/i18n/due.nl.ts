/**
 * Dutch strings for afspraken with a date ("Uiterlijk op"), their reminders, and which pushes a
 * device gets ("Meldingen op dit apparaat"). Every key here must exist in due.en.ts (the type
 * enforces it). Placeholders: {date}, {what}, {who}.
 */
export const dueNl = {
  'due.label': 'Uiterlijk op',
  'due.hint': 'De dag waarop het klaar moet zijn. Komt die dag dichtbij, dan ziet iedereen een herinnering.',
  'due.line': 'Uiterlijk op: {date}',
  'due.field': 'uiterlijk op',
  'due.push.all': 'Alle nieuwe dingen',
  'due.push.all.help': 'Een melding als iemand anders iets in het plan zet.',
  'due.push.mine': 'Alleen mijn afspraken en overleggen',
  'due.push.mine.help': 'Een melding als iemand een afspraak voor jou maakt of verandert, of een overleg waar jij bij bent.',
  'due.push.none': 'Niets',
  'due.push.none.help': 'Geen meldingen voor dit plan.',
  'due.reminder': 'Afspraak “{what}”: uiterlijk op {date}',
  'due.reminder.for': 'Afspraak “{what}” voor {who}: uiterlijk op {date}',
  'due.reminder.overdue': 'Afspraak over datum: “{what}” (uiterlijk op {date})',
  'due.reminder.overdueFor': 'Afspraak over datum: “{what}” voor {who} (uiterlijk op {date})',
} as const

export type DueKey = keyof typeof dueNl
export type DueMessages = Record<DueKey, string>
