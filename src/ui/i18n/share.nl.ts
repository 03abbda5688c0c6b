/**
 * Dutch strings of inviting someone (the share dialog) and accepting an invitation (Join). Part
 * of the app shell's translator `t` (./index). Every key here must exist in share.en.ts (the
 * type enforces it). Placeholders: {child}, {date}, {inviter}, {name}.
 */
export const shareNl = {
  'share.open': 'Delen',
  'share.title': 'Iemand uitnodigen',
  'share.intro': 'Maak een persoonlijke uitnodigingslink en stuur die via een veilig kanaal.',
  'share.role': 'Rol',
  'share.expiry': 'Link geldig',
  'share.expiry.1': '1 uur',
  'share.expiry.24': '1 dag',
  'share.expiry.168': '7 dagen',
  'share.name': 'Naam (optioneel)',
  'share.nameHint': 'Voor wie is de uitnodiging? Alleen zichtbaar in het plan.',
  'share.create': 'Link maken',
  'share.creating': 'Link wordt gemaakt…',
  'share.link': 'Uitnodigingslink',
  'share.qr': 'QR-code voor de uitnodiging',
  'share.copy': 'Kopiëren',
  'share.copied': 'Gekopieerd',
  'share.warning': 'Deze link werkt één keer en is geheim: wie de link heeft, kan het plan openen. Stuur hem alleen naar de persoon die je uitnodigt.',
  'share.close': 'Sluiten',
  'share.another': 'Nog iemand uitnodigen',
  'share.failed': 'De uitnodiging kon niet worden gemaakt.',

  'join.title': 'Uitnodiging',
  'join.checking': 'Uitnodiging wordt gecontroleerd…',
  'join.invitedBy': '{inviter} nodigt je uit voor het plan van {child}.',
  'join.invited': 'Je bent uitgenodigd voor het plan van {child}.',
  'join.validUntil': 'Geldig tot',
  'join.expires': '{date}',
  'join.accept': 'Uitnodiging accepteren',
  'join.accepting': 'Bezig met accepteren…',
  'join.as': 'Je doet mee als {name}.',
  'join.alreadyMember': 'Dit plan staat al op dit apparaat.',
  'join.open': 'Plan openen',

  'error.offline': 'Er is nu geen verbinding. Probeer het opnieuw zodra je online bent.',
} as const

export type ShareKey = keyof typeof shareNl
export type ShareMessages = Record<ShareKey, string>
