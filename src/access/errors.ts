export type AccessErrorCode =
  | 'no-profile'
  | 'plan-unknown'
  /** R20: the plan was erased, or its retention end passed, and is deleted from this device */
  | 'plan-erased'
  | 'forbidden'
  | 'invite-invalid'
  | 'invite-expired'
  | 'invite-used'
  | 'invite-withdrawn'
  | 'offline'
  | 'rejected'
  | 'export-passphrase-too-short'
  | 'export-not-samenplan'
  | 'export-newer-version'
  | 'export-damaged'
  | 'export-wrong-passphrase'
  | 'export-refused'
  /** the afspraken changed between showing them and agreeing: show them again */
  | 'actions-changed'
  /** the request to the gemeente changed between showing it and saying "klopt": show it again */
  | 'request-changed'
  /** signVerslag(expectedHash): the verslag changed after it was shown; nothing was signed */
  | 'document-changed'
  | 'consent-missing'
  | 'consent-forbidden'
  | 'consent-invalid'
  | 'access-invalid'
  | 'organisation-missing'
  | 'organisation-unknown'

/** What the UI shows a person: a code it can translate, never a library's exception. */
export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message?: string,
  ) {
    super(message ?? code)
    this.name = 'AccessError'
  }
}
