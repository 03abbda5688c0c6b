/**
 * Dutch strings of the settings view (auto-lock, change passphrase, log out). Part of the app
 * shell's translator `t` (./index). Every key here must exist in settings.en.ts (the type
 * enforces it). Placeholders: {n}.
 */
export const settingsNl = {
  'settings.title': 'Instellingen',
  'settings.lockTitle': 'Vergrendelen',
  'settings.autoLock': 'Automatisch vergrendelen na',
  'settings.autoLockHint': 'Als je zo lang niets doet, vergrendelt Samenplan zich.',
  'settings.minutes': '{n} minuten',
  'settings.hour': '1 uur',
  'settings.hours': '{n} uur',
  'settings.saved': 'Opgeslagen.',
  'settings.passTitle': 'Wachtwoord wijzigen',
  'settings.current': 'Huidig wachtwoord',
  'settings.newPass': 'Nieuw wachtwoord',
  'settings.repeatPass': 'Herhaal het nieuwe wachtwoord',
  'settings.change': 'Wachtwoord wijzigen',
  'settings.changing': 'Bezig met wijzigen…',
  'settings.changed': 'Je wachtwoord is gewijzigd.',
  'settings.deviceTitle': 'Dit apparaat',
  'settings.logout': 'Uitloggen en alles wissen',
  'settings.logoutHint':
    'Je profiel en de plannen op dit apparaat worden gewist. De anderen in het plan houden het plan. Om het hier weer te openen heb je een nieuwe uitnodiging nodig.',
  'settings.unsynced': 'Er zijn nog {n} aanpassingen niet verstuurd. Als je nu uitlogt, gaan ze verloren. Wacht liever tot alles verstuurd is.',
  'settings.unsynced.one': 'Er is nog 1 aanpassing niet verstuurd. Als je nu uitlogt, gaat die verloren. Wacht liever tot alles verstuurd is.',
  'settings.logoutAnyway': 'Toch uitloggen',
  'settings.back': 'Terug naar mijn plannen',
} as const

export type SettingsKey = keyof typeof settingsNl
export type SettingsMessages = Record<SettingsKey, string>
