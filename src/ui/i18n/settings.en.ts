import type { SettingsMessages } from './settings.nl'

/** English strings of the settings view. */
export const settingsEn: SettingsMessages = {
  'settings.title': 'Settings',
  'settings.lockTitle': 'Locking',
  'settings.autoLock': 'Lock automatically after',
  'settings.autoLockHint': 'If you do nothing for this long, Samenplan locks itself.',
  'settings.minutes': '{n} minutes',
  'settings.hour': '1 hour',
  'settings.hours': '{n} hours',
  'settings.saved': 'Saved.',
  'settings.passTitle': 'Change password',
  'settings.current': 'Current password',
  'settings.newPass': 'New password',
  'settings.repeatPass': 'Repeat the new password',
  'settings.change': 'Change password',
  'settings.changing': 'Changing…',
  'settings.changed': 'Your password has been changed.',
  'settings.deviceTitle': 'This device',
  'settings.logout': 'Log out and delete everything',
  'settings.logoutHint':
    'Your profile and the plans on this device will be deleted. The others in the plan keep the plan. To open it here again you need a new invitation.',
  'settings.unsynced':
    'There are still {n} changes that have not been sent. If you log out now, they will be lost. Better wait until everything has been sent.',
  'settings.unsynced.one': 'There is still 1 change that has not been sent. If you log out now, it will be lost. Better wait until everything has been sent.',
  'settings.logoutAnyway': 'Log out anyway',
  'settings.back': 'Back to my plans',
}
