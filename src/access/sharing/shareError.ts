/**
 * What can go wrong with a shared extract, as a code the UI translates (docs/ERRORS.md lists the
 * relay's): the relay's own codes pass through, the device's checks add theirs.
 */
import { ShareFormatError } from '../../sync/sharedExtract'
import { ShareTransferError } from '../../sync/shareTransfer'

export type ShareErrorCode =
  /** no answer from the relay */
  | 'offline'
  /** the address is not a link to a shared document */
  | 'not-a-link'
  /** the relay: unknown, ended by date, withdrawn, opened as often as allowed, or the consent is gone */
  | 'share-not-found'
  | 'share-expired'
  | 'share-withdrawn'
  | 'share-used-up'
  | 'consent-missing'
  | 'rate-limited'
  /** the device: the bytes do not open with the link's key, are not signed by the sharer, or not for this link */
  | 'share-wrong-key'
  | 'share-bad-signature'
  | 'share-mismatch'
  | 'share-malformed'
  /** sharing: not allowed for this role, too large, too many live links, an expiry or count out of range */
  | 'role-forbidden'
  | 'share-too-large'
  | 'share-quota-exceeded'
  | 'share-expiry'
  | 'share-invalid'
  | 'share-not-yours'
  /** anything else the relay refused (a stale token, not a member) */
  | 'refused'

const KNOWN = new Set<string>([
  'share-not-found',
  'share-expired',
  'share-withdrawn',
  'share-used-up',
  'consent-missing',
  'rate-limited',
  'share-malformed',
  'role-forbidden',
  'share-too-large',
  'share-quota-exceeded',
  'share-expiry',
  'share-not-yours',
])

export class ShareError extends Error {
  constructor(
    readonly code: ShareErrorCode,
    message?: string,
  ) {
    super(message ?? code)
    this.name = 'ShareError'
  }
}

/** The ShareError for anything the share modules of src/sync threw; other errors pass unchanged. */
export function asShareError(err: unknown): unknown {
  if (err instanceof ShareFormatError) return new ShareError(err.code, err.message)
  if (err instanceof ShareTransferError) {
    if (err.code === 'offline') return new ShareError('offline')
    return new ShareError(KNOWN.has(err.code) ? (err.code as ShareErrorCode) : 'refused', err.code)
  }
  return err
}
