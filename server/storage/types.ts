/**
 * What the relay needs from storage, and nothing more. Async on purpose: SQLite answers at
 * once, PostgreSQL does not, and the relay waits for both alike. Plans are named by the hex of
 * their id.
 *
 * Several relays may share one store (PostgreSQL). Then every plan has a version: the number of
 * its latest stored update, dense and in commit order. A relay validates and stores an update
 * only inside `writePlan`, which holds the plan's lock and first hands over what other relays
 * stored since the version the caller knows; so two relays never admit conflicting records
 * (two claims of one invite, a removal and a write by the removed member).
 */
import type { FileHandle } from 'node:fs/promises'
import type { ClusterSignals } from './signals'

export interface StoredRoom {
  /** every stored Yjs update of the room's envelope, oldest first (after compaction: one) */
  updates: Uint8Array[]
  /** the replay index (R8): triple `author:session:seq` -> Yjs item id, kept forever */
  seen: [triple: string, itemId: string][]
  /** the version `updates` reach (0: nothing stored; a store only one relay writes may keep 0) */
  version: number
}

/** A blob the relay deleted on a snapshot's behalf, kept for the retention period (R10). */
export interface ArchivedBlob {
  itemId: string
  triple: string
  bytes: Uint8Array
}

/** An update some relay stored, as another relay catches up with it. */
export interface CommittedUpdate {
  version: number
  update: Uint8Array
  /**
   * ms since epoch at which the storing relay validated it: a relay catching up validates it at
   * the same moment, so an invite or consent that ended since cannot make the two disagree
   */
  at: number
}

/** One plan's write, under its lock (`RelayStore.writePlan`). */
export interface PlanWrite {
  /** what other relays stored after the caller's version, oldest first: fold it in before validating */
  readonly behind: readonly CommittedUpdate[]
  /**
   * Stores one accepted update with the triples it adds and the blobs it deletes; durable, and
   * seen by other relays, once `writePlan` resolves. Resolves with the update's version.
   */
  append(update: Uint8Array, seen: [string, string][], archived: ArchivedBlob[], now: number): Promise<number>
  /** Replaces the stored updates up to `version` (all the caller holds) by one merged state; the seen index and archive stay. */
  compact(merged: Uint8Array, version: number, now: number): Promise<void>
  /**
   * R22: the plan's retention end (ms) as its standing close names it, or null when it is open
   * (reopened) or its close names none. Stored with the write (a shared store: in the same
   * transaction, nothing of it if `work` throws; SQLite: committed as it is made, as an append
   * is); the relay's sweep finds plans past it (`RelayStore.plansPastRetention`).
   */
  retain(keepUntil: number | null): Promise<void>
}

/**
 * Attachment pieces (src/crypto/filePieces.ts): ciphertext only, each under its BLAKE2b
 * address, per plan. Read and written a piece (≤ 4 MiB) at a time, never a whole file; a store
 * of files also moves and streams them without the piece in memory (server/http/files.ts).
 */
export interface FileStore {
  /** Stores a piece of a plan; false when the plan held it already (an upload resumed or repeated). */
  putPiece(plan: string, address: string, data: Uint8Array, now: number): Promise<boolean>
  getPiece(plan: string, address: string): Promise<Uint8Array | null>
  /**
   * Only a store that keeps pieces as files (SQLite): stores the piece whose bytes are the file at
   * `file` (the relay's spool, checked against `address`) by moving it into place, never reading it
   * into memory; false when the plan held it already (then `file` stays where it is).
   */
  putPieceFile?(plan: string, address: string, file: string, now: number): Promise<boolean>
  /**
   * Only a store that keeps pieces as files: the piece opened for streaming, with its size, or
   * null. The handle reads the piece whole even if it is dropped meanwhile; the caller closes it.
   */
  openPiece?(plan: string, address: string): Promise<{ handle: FileHandle; size: number } | null>
  /** Which of `addresses` the plan holds: a resumed upload sends only the rest. */
  havePieces(plan: string, addresses: string[]): Promise<string[]>
  /** The bytes of every piece the plan holds (its file quota). */
  planFileBytes(plan: string): Promise<number>
  /** Deletes the plan's pieces stored before `before` that are not in `keep`; returns how many. */
  dropUnreferenced(plan: string, keep: ReadonlySet<string>, before: number): Promise<number>
}

/** A device's Web Push subscription for one plan, under the member key it subscribed with. */
export interface PushSubscriptionRow {
  plan: string
  key: string
  endpoint: string
  /** the subscription's P-256 public key and auth secret (base64url), to encrypt the push to */
  p256dh: string
  auth: string
  /** random, chosen by the device per plan: all a push says (no plan id, no name) */
  tag: string
  /** which pushes the device wants: on every write by someone else, or only on a nudge naming its member (PUSH_MODES) */
  mode: PushMode
}

/**
 * `all`: a push when someone else wrote in the plan; `mine`: only when a writer's device asks the
 * relay to nudge this member (an afspraak or meeting that names it, server/http/pushNudge.ts).
 * "Niets" is no subscription at all.
 */
export const PUSH_MODES = ['all', 'mine'] as const
export type PushMode = (typeof PUSH_MODES)[number]

/** A mode read back from storage: anything this relay does not know is `all`, as before modes existed. */
export const pushModeOf = (v: unknown): PushMode => (v === 'mine' ? 'mine' : 'all')

/** Web Push subscriptions (server/push/): kept per plan and member key, removed with the member. */
export interface PushStore {
  /** Adds or replaces the subscription of (plan, key, endpoint). */
  subscribe(row: PushSubscriptionRow, now: number): Promise<void>
  unsubscribe(plan: string, key: string, endpoint: string): Promise<void>
  forPlan(plan: string): Promise<PushSubscriptionRow[]>
  /** Drops the plan's subscriptions of keys not in `members`; returns how many. */
  keepOnly(plan: string, members: ReadonlySet<string>): Promise<number>
  /** An endpoint the push service says is gone (404/410): dropped everywhere. */
  dropEndpoint(endpoint: string): Promise<void>
  /**
   * Takes the right to push to this subscription now: true, and noted, only if its last push is
   * at least `gapMs` ago. One statement, so relays sharing the store push once between them.
   */
  claimPush(plan: string, key: string, endpoint: string, now: number, gapMs: number): Promise<boolean>
}

/** A shared extract's row (R18): what the relay knows of a link, never its key or content. */
export interface StoredShare {
  /** base64url share id */
  id: string
  plan: string
  /** hex key of the member who stored it */
  by: string
  /** hex organisation id it is for (live consent when stored, R18) */
  organisation: string
  kind: string
  createdAt: number
  expiresAt: number
  maxOpens: number
  opens: number
  /** ms, null while not withdrawn */
  withdrawnAt: number | null
  /** whether its ciphertext is still held (gone once withdrawn, used up or past expiry) */
  held: boolean
}

export type NewShare = Omit<StoredShare, 'opens' | 'withdrawnAt' | 'held'>

/**
 * Shared extracts (server/http/shares.ts): ciphertext under a random id, with an expiry and a
 * count of openings kept atomically, and each opening's time (no address). The bytes go when the
 * link is withdrawn, used up or past its expiry; the row and its openings stay for the plan's
 * members until SHARE_LOG_RETENTION_MS after the expiry.
 */
export interface ShareStore {
  /** Stores a new link unless its id is taken or the plan holds `maxLive` live links already. */
  put(share: NewShare, data: Uint8Array, maxLive: number, now: number): Promise<'stored' | 'exists' | 'quota'>
  /** Live links of the plan: held and not past expiry. */
  liveCount(plan: string, now: number): Promise<number>
  get(id: string): Promise<StoredShare | null>
  /**
   * One opening, atomically: counted and answered with the bytes only while the link is held, not
   * withdrawn, not past expiry and below its count; the last allowed opening drops the bytes.
   * Null when it may not be opened (anymore).
   */
  open(id: string, now: number): Promise<{ share: StoredShare; data: Uint8Array } | null>
  /** Withdraws a link: its bytes go at once. False when it was withdrawn already or is unknown. */
  withdraw(id: string, now: number): Promise<boolean>
  /**
   * R18: withdraws the plan's links stored by keys not in `members` (a member removed, or whose
   * time-limited membership ended): their bytes go at once. Returns how many.
   */
  withdrawAllBut(plan: string, members: ReadonlySet<string>, now: number): Promise<number>
  /** The plan's links with the time of every opening, oldest first. */
  forPlan(plan: string): Promise<(StoredShare & { openings: number[] })[]>
  /** Drops the bytes of links past expiry, and rows (with openings) past the log's retention; returns the links emptied. */
  prune(now: number): Promise<number>
}

/** How long a link's row and openings stay after its expiry: parents can see who opened what. */
export const SHARE_LOG_RETENTION_MS = 90 * 24 * 60 * 60 * 1000

/**
 * Why a plan was erased: `erased` on request (R20), `retention` when its standing close's
 * retention end passed (R22). Only these are ever written: a stored reason that is neither is a
 * corrupt row (`tombstoneReasonOf` in tombstone.ts throws on it).
 */
export const TOMBSTONE_REASONS = ['erased', 'retention'] as const
export type TombstoneReason = (typeof TOMBSTONE_REASONS)[number]

/**
 * R20: what the relay keeps of an erased plan, forever: its id is refused with it.
 * `proof` holds the two signed erase records (public keys, signed times, no content), so a
 * device checks against its own copy of the membership that the erasure is real before it
 * deletes anything; a relay cannot make devices wipe a plan by saying so.
 */
export interface Tombstone {
  plan: string
  erasedAt: number
  reason: TombstoneReason
  proof: Uint8Array[]
}

export interface RelayStore {
  readonly files: FileStore
  readonly shares: ShareStore
  readonly push: PushStore
  /**
   * R20: deletes every row and file of the plan (updates, the seen index, the archive, attachment
   * pieces, push subscriptions, shared extracts and their openings, its retention end) and keeps only its tombstone,
   * in one transaction; then compacts (SQLite: secure_delete and a WAL checkpoint that truncates
   * it, before this resolves, so no page of the file keeps the bytes; PostgreSQL: a plain VACUUM of
   * those tables started once the transaction commits, not awaited, which frees the space for
   * reuse but does not zero it: docs/ARCHITECTURE.md "Retention and erasure"). Idempotent.
   */
  erasePlan(tombstone: Tombstone): Promise<void>
  /** The plan's tombstone, or null: one lookup by primary key. */
  tombstone(plan: string): Promise<Tombstone | null>
  /** R22: plans (hex ids) whose retention end is at or before `now`, soonest first (ties by id), at most `limit`: one index range scan. */
  plansPastRetention(now: number, limit: number): Promise<string[]>
  loadRoom(plan: string): Promise<StoredRoom>
  /** Whether anything is stored for the plan (its genesis is): an index lookup, no rows read. */
  planExists(plan: string): Promise<boolean>
  /**
   * Runs `work` holding the plan's write lock (across relays, where the store is shared), with
   * what others stored after `knownVersion`. What `work` appends is durable when this resolves.
   * A shared store commits it all at once, and nothing of it if `work` throws; one relay's own
   * store (SQLite) commits each append as it is made, so `work` appends last.
   */
  writePlan<T>(plan: string, knownVersion: number, work: (write: PlanWrite) => Promise<T>): Promise<T>
  /** Updates stored after `version`, oldest first: how a relay catches up with other relays' commits. */
  updatesSince(plan: string, version: number): Promise<CommittedUpdate[]>
  /** Each plan's latest version (plans never stored are left out): finds what a lost signal missed. */
  versions(plans: string[]): Promise<Map<string, number>>
  /** Other relays' commits and presence; a store only one relay uses has none. */
  readonly signals: ClusterSignals
  /** Marks a token nonce used; false when it was used before (replay). Kept until it expires. */
  useNonce(nonce: string, expiresAt: number): Promise<boolean>
  /** Drops nonces past expiry and archived blobs older than the retention period. */
  prune(now: number, archiveRetentionMs: number): Promise<{ nonces: number; archived: number }>
  /** Checkpoints and closes; nothing written before is lost. */
  close(): Promise<void>
}
