import type { DueMessages } from './due.nl'

export const dueEn: DueMessages = {
  'due.label': 'Due by',
  'due.hint': 'Optional. The day it must be done by.',
  'due.line': 'Due by: {date}',
  'due.field': 'due by',
  'due.reminder': 'Agreement “{what}”: due by {date}',
  'due.reminder.for': 'Agreement “{what}” for {who}: due by {date}',
  'due.reminder.overdue': 'Agreement past its date: “{what}” (due by {date})',
  'due.reminder.overdueFor': 'Agreement past its date: “{what}” for {who} (due by {date})',
}
