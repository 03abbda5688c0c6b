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
  R14: 'a Yjs client id belongs to the author who first wrote under it',
  R15: "a record names its session's previous record by hash; one that contradicts a held record of its session is refused",
  R16: "membership in causal order: a removal voids the removed key's concurrent membership records",
  R19: 'a closed plan takes nothing but an admin’s reopen within its period; a close names its causal past (the envelope’s state vector) and every record outside it is refused',
  R17: 'attachments: a file record adds a piece list once (contributor+), dropped once by its adder or an editor; the relay keeps and serves only what is referenced',
  R20: 'erasure: a request by a parent with gezag or the youth from 16 and a confirm by an admin, two people, signed within 30 days, erase the plan',
  R22: 'retention: a close names the plan’s retention end, one to thirty years on; once it passes the relay erases the plan, proved by that close',
} as const

export type RuleId = keyof typeof RULES

export class RuleViolation extends Error {
  constructor(
    readonly rule: RuleId,
    readonly code: string,
    message: string,
  ) {
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
/** R19: a close or reopen says when it was written; the relay takes it within this of its own clock */
export const MAX_CLOSE_SKEW_MS = 10 * 60 * 1000
/** R19: the longest reopen period a close may set (a school year and a summer) */
export const MAX_REOPEN_MS = 400 * 24 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
/**
 * R22: the shortest retention a close may name, a year after it (the shortest term a policy sets,
 * src/plan/retention.ts): an admin cannot erase a plan alone by closing it, the parents see the
 * date for at least a year, and it never ends before the plan can no longer be reopened.
 */
export const MIN_KEEP_MS = 365 * DAY_MS
/** R22: the longest, MAX_RETENTION_YEARS (30) calendar years after the close */
export const MAX_KEEP_MS = 30 * 366 * DAY_MS
/** A device link is a secret that makes its holder you: it lives an hour at most. */
export const MAX_DEVICE_INVITE_MS = 60 * 60 * 1000
/**
 * Open device links per person (R6 `device-too-many`). A link lives an hour at most, so this is
 * also "links per hour": a new phone, a laptop, one that failed and one spare is plenty. Without
 * it a reader could add member records (which are never deleted) without end.
 */
export const MAX_OPEN_DEVICE_LINKS = 5
/**
 * New blobs in one update (R9 `too-many-blobs`), counted before any is decoded or verified: a
 * 16 MiB update of one small blob repeated would otherwise be 80,000 signature checks. Judging
 * a record costs the relay's event loop some 60 µs beyond its signature, so this also bounds how
 * long one message holds every other plan (~60 ms). Clients send no more: every sync message is
 * cut into chunks of at most SYNC_CHUNK_RECORDS (updateChunks.ts), a week offline included.
 * An exported plan, read whole on import, has its own bound (planTransfer.ts).
 */
export const MAX_NEW_BLOBS_PER_UPDATE = 1024
/**
 * Delete ranges of one update as sent (R9 `too-many-deletes`): Yjs keeps duplicates, and each
 * costs a lookup before merging. An honest update's delete set is already merged.
 */
export const MAX_RAW_DELETE_RANGES = 65_536
/**
 * Delete ranges after merging (R9 `too-many-deletes`). A compaction deletes the covered updates
 * of each Yjs client; only the records it keeps (member records, lockboxes, snapshots) split them
 * into ranges, so an honest compaction has far fewer.
 */
export const MAX_DELETE_RANGES_PER_UPDATE = 16_384
/**
 * Rule checks for the records of one update or log, admitted in dependency order (R9
 * `update-too-complex`): a record is checked once, then again only when a record it depends on
 * was folded (the genesis, its invite, its author's membership, a consent); an honest update in
 * any order needs well under two per record on average. Past this the update is hostile.
 */
export function maxChecks(records: number): number {
  return 4 * records + 16
}
