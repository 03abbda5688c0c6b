import type { SignalsMessages } from './signals.nl'

export const signalsEn: SignalsMessages = {
  'new.title': 'New since your last visit',
  'new.none': 'Nothing new since your last visit.',
  'new.one': '{name} wrote in {section}',
  'new.many': '{name} wrote in {section} ({n})',
  'new.someone': 'Someone',
  'new.seen': 'Seen',
  'new.seenDone': 'Marked as seen.',
  'new.home': 'New: {items}',
  'new.homeMore': 'and {n} more',
}
