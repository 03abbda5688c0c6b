import type { DueMessages } from './due.nl'

export const dueEn: DueMessages = {
  'due.label': 'Due by',
  'due.hint': 'Optional. The day it must be done by.',
  'due.line': 'Due by: {date}',
  'due.field': 'due by',
}
