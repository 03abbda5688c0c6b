/**
 * The numbered rules the relay and every client enforce (docs/RULES.md gives each in prose).
 * A violation names its rule, so tests, logs and the UI speak the same language.
 */
export const RULES = {
  R1: 'only binary blobs in the root array `log`',
  R2: 'blob decodes, known version, this plan',
  R3: 'valid author signature',
  R4: 'genesis first, once, bound to the plan id',
  R5: "author's role permits the kind",
  R6: 'member records follow the membership rules',
  R7: 'lockboxes only from admins to members or invites, or from a member to its own device link',
  R8: '(author, session, seq) accepted once, never again',
  R9: 'sizes within limits',
  R10: 'deletes only of blobs covered by a snapshot from a compacting role',
  R11: 'presence is a signed blob from a member or open invite',
  R12: 'professionals only with live consent for their organisation, given by gezag or youth from 16',
  R13: 'a time-limited membership ends at its set time: then shut out and removed with a key rotation',
} as const

export type RuleId = keyof typeof RULES

export class RuleViolation extends Error {
  constructor(readonly rule: RuleId, readonly code: string, message: string) {
    super(`${rule} ${code}: ${message}`)
    this.name = 'RuleViolation'
  }
}

/** 64 KiB of ciphertext per blob (one flush; larger edits are split into parts) plus header room. */
export const MAX_BLOB_BYTES = 64 * 1024 + 4 * 1024
/** A presence payload holds a name, a colour and cursors: small. */
export const MAX_PRESENCE_BYTES = 8 * 1024
/** Snapshots of a big plan are split into parts; this bounds the parts of one record. */
export const MAX_PARTS = 4096
/** A device link is a secret that makes its holder you: it lives an hour at most. */
export const MAX_DEVICE_INVITE_MS = 60 * 60 * 1000
