/**
 * Errors the plan accessors throw on write. Part of the interface: the UI maps `code` to a message
 * and `field` to the input to mark. Readers never throw; they fall back (see fields.ts).
 */
export type PlanErrorCode =
  /** not a real calendar date in the form yyyy-mm-dd */
  | 'invalid-date'
  /** a value outside the field's list (an enum), or of the wrong type */
  | 'invalid-value'
  /** not a member key: 64 lowercase hex characters (an Ed25519 public key) */
  | 'invalid-member-key'
  /** a required text is empty after trimming */
  | 'empty'
  /** a text longer than its field's limit (limits.ts) */
  | 'too-long'
  /** an end before its start */
  | 'invalid-period'
  /** no record with that id (or the goal an afspraak or observation links to does not exist) */
  | 'not-found'
  /** an attachment of a type the plan does not take (PDF, images, Word/ODT, plain text only) */
  | 'file-type'
  /** an attachment over 25 MB; carries `max` in bytes */
  | 'file-too-large'
  /** the rights inside the plan do not allow it (P8: removing another's attachment as a contributor) */
  | 'forbidden'

export class PlanError extends Error {
  override readonly name = 'PlanError'
  constructor(
    readonly code: PlanErrorCode,
    /** the field (or record kind, for not-found) the error is about */
    readonly field: string,
    message: string,
    /** for 'too-long': the field's limit in characters; for 'file-too-large': in bytes */
    readonly max?: number,
  ) {
    super(message)
  }
}
