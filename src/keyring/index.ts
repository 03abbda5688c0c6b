export type { Keyring, SealedUnderPlanKey, StoredIdentity, StoredPlan } from './keyring'
export { KeyringError, type KeyringErrorCode, type KeyringErrorDetails } from './errors'
export {
  openLockedKeyring,
  DEFAULT_LOCK_SETTINGS,
  MAX_AUTO_LOCK_MINUTES,
  MIN_PASSPHRASE_LENGTH,
  type LockedKeyring,
  type LockedKeyringOptions,
  type LockSettings,
  type LockState,
} from './lockedKeyring'
export { FREE_ATTEMPTS, MAX_WAIT_MS, waitAfter } from './rateLimit'
