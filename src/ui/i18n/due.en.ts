import type { DueMessages } from './due.nl'

export const dueEn: DueMessages = {
  'due.label': 'Due by',
  'due.hint': 'The day it must be done by. As that day comes near, everyone sees a reminder.',
  'due.line': 'Due by: {date}',
  'due.field': 'due by',
  'due.push.all': 'All new things',
  'due.push.all.help': 'A notification when someone else adds something to the plan.',
  'due.push.mine': 'Only my agreements and meetings',
  'due.push.mine.help': 'A notification when someone makes or changes an agreement for you, or a meeting you take part in.',
  'due.push.none': 'Nothing',
  'due.push.none.help': 'No notifications for this plan.',
  'due.reminder': 'Agreement “{what}”: due by {date}',
  'due.reminder.for': 'Agreement “{what}” for {who}: due by {date}',
  'due.reminder.overdue': 'Agreement past its date: “{what}” (due by {date})',
  'due.reminder.overdueFor': 'Agreement past its date: “{what}” for {who} (due by {date})',
}
