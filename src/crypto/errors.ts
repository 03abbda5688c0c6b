/** Every failure of the crypto facade is one of these codes, never a raw libsodium exception. */
export type CryptoErrorCode =
  | 'not-ready'
  | 'bad-key'
  | 'decrypt-failed'
  | 'commitment-mismatch'
  | 'unseal-failed'
  | 'kdf-failed'
  /** a value of the wrong shape for a message layout (instemming) */
  | 'bad-input'

export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message?: string,
  ) {
    super(message ?? code)
    this.name = 'CryptoError'
  }
}
