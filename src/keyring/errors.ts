export type KeyringErrorCode =
  /** the keyring is locked: unlock with the passphrase first */
  | 'locked'
  /** this device has no profile yet */
  | 'no-profile'
  /** a profile exists already (create) */
  | 'profile-exists'
  /** an older keyring holds its keys unencrypted: choose a passphrase first */
  | 'needs-passphrase'
  | 'wrong-passphrase'
  /** too many wrong passphrases: wait retryAfterMs before the next attempt */
  | 'locked-out'
  | 'passphrase-too-short'
  /** a stored record does not open under this keyring's key */
  | 'corrupt'
  /** logout refused: this many local changes have not reached the relay */
  | 'unsynced-changes'

export interface KeyringErrorDetails {
  /** wait this long before the next attempt (0: try again now) */
  retryAfterMs?: number
  /** wrong passphrases in a row so far */
  failures?: number
  /** unsynced local changes (unsynced-changes) */
  pending?: number
}

/** What the UI shows a person about the lock: a code it can translate, with the wait when there is one. */
export class KeyringError extends Error {
  readonly retryAfterMs?: number
  readonly failures?: number
  readonly pending?: number

  constructor(
    readonly code: KeyringErrorCode,
    details: KeyringErrorDetails = {},
    message?: string,
  ) {
    super(message ?? code)
    this.name = 'KeyringError'
    this.retryAfterMs = details.retryAfterMs
    this.failures = details.failures
    this.pending = details.pending
  }
}
