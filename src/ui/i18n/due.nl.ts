/**
 * Dutch strings for afspraken with a date ("Uiterlijk op"), their reminders, and which pushes a
 * device gets ("Meldingen op dit apparaat"). Every key here must exist in due.en.ts (the type
 * enforces it). Placeholders: {date}, {what}, {who}.
 */
export const dueNl = {
  'due.label': 'Uiterlijk op',
  'due.hint': 'Niet verplicht. Op deze dag moet het klaar zijn.',
  'due.line': 'Uiterlijk op: {date}',
  'due.field': 'uiterlijk op',
} as const

export type DueKey = keyof typeof dueNl
export type DueMessages = Record<DueKey, string>
