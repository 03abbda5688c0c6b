/**
 * Why syncing stopped, in the person's words: the relay's refusal codes that a person can act on
 * get their own sentence; any other says the server refuses, with its code for whoever helps.
 */
import { t } from './i18n'
import { tGuest } from './i18n/guest'

export function syncErrorText(code: string | undefined | null): string {
  switch (code) {
    case 'access-expired':
      return tGuest('guest.ended')
    case 'plan-quota-exceeded':
      return t('status.planQuota', { code })
    case 'key-quota-exceeded':
      return t('status.keyQuota', { code })
    // R19: this device's close crossed another member's write (docs/ERRORS.md)
    case 'close-stale':
      return t('status.closeStale')
    // R19: this device wrote (offline) after someone else closed the plan
    case 'plan-closed':
      return t('status.planClosed')
    default:
      return t('status.errorHelp', { code: code ?? '?' })
  }
}
