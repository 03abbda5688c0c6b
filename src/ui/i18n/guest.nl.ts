/**
 * Dutch strings of a time-limited membership ("gast voor één bespreking", R13). Every key here
 * must exist in guest.en.ts (the type enforces it). Placeholders: {date}.
 */
export const guestNl = {
  'guest.access': 'Toegang',
  'guest.access.hint': 'Een gast, bijvoorbeeld voor één bespreking, kan het plan lezen tot de gekozen tijd. Daarna ziet die niets meer van wat erbij komt.',
  'guest.access.none': 'Onbeperkt',
  'guest.access.today': 'Tot het einde van vandaag',
  'guest.access.week': '1 week',
  'guest.access.custom': 'Tot een datum en tijd die ik kies',
  'guest.access.until': 'Toegang tot',
  'guest.access.invalid': 'Kies een tijd in de toekomst.',
  'guest.access.inviteNote': 'De uitnodiging werkt niet langer dan de toegang.',
  'guest.ended':
    'Je toegang tot dit plan was tijdelijk en is nu afgelopen. Wat je al zag, blijft op dit apparaat; nieuwe informatie krijg je niet meer. Vraag de beheerder om een nieuwe uitnodiging als dat nodig is.',
  'guest.member.until': 'toegang tot {date}',
} as const

export type GuestKey = keyof typeof guestNl
export type GuestMessages = Record<GuestKey, string>
