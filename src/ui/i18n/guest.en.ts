import type { GuestMessages } from './guest.nl'

/** English strings of a time-limited membership (a guest for one meeting, R13). */
export const guestEn: GuestMessages = {
  'guest.access': 'Access',
  'guest.access.hint': 'A guest, for example for one meeting, can read the plan until the time you choose. After that they cannot open anything that is added.',
  'guest.access.none': 'No end',
  'guest.access.today': 'Until the end of today',
  'guest.access.week': '1 week',
  'guest.access.custom': 'Until a date and time I choose',
  'guest.access.until': 'Access until',
  'guest.access.invalid': 'Choose a time in the future.',
  'guest.access.inviteNote': 'The invite works no longer than the access.',
  'guest.ended':
    'Your access to this plan was temporary and has now ended. What you saw stays on this device; you get no new information. Ask the admin for a new invite if you need one.',
  'guest.member.until': 'access until {date}',
}
