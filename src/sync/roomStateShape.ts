/**
 * What the room state of one plan holds, how one is made (`createRoomState`) and copied
 * (`draftOf`), and the keys its maps use. The fold (roomStateFold.ts) changes it.
 */
import type { CloseReason, DecodedBlob, Party, Role } from './blob'
import { toHex } from './bytes'
import { copyCoverIndex, createCoverIndex, type CoverIndex } from './coverIndex'
import type { EraseHalf, Erasure } from './erase'

export interface Invite {
  role: Role
  expiresAt: number
  by: string
  claimedBy?: string
  withdrawn: boolean
  /** a `device` record: the author's own next device, which joins the author's person */
  forDevice?: boolean
  /** who is invited; the claimer becomes this party (undefined: a v1 invite, see `parties`) */
  party?: Party
  /** hex organisation id, professionals only */
  organisation?: string
  /** ms: the claimer's membership ends then (R13); a device link carries its person's end */
  accessUntil?: number
}

/** The consent for one organisation as its latest record says (R12). */
export interface Consent {
  status: 'given' | 'withdrawn'
  /** author of the latest record */
  by: string
  /** author of the latest `give` */
  givenBy?: string
  /** of the latest `give`: the consent ends then */
  expiresAt: number
  /** hex of the latest record's details hash */
  details: string
  /** whether any `give` was folded: enough for records already in a log (see checkAffiliation) */
  everGiven: boolean
  /** hex details hash of every `give` for this organisation, oldest first (never mutated in place) */
  gives: readonly string[]
}

export interface CausalEntry {
  /**
   * hex ids of the records this one names as `after`; for a record from before R16, which names
   * none, the heads of the state that took it (it was written on all before it); none for a genesis
   */
  parents?: readonly string[]
  blob: DecodedBlob
}

export interface CausalIndex {
  /** every membership record (genesis, member, consent) this state took, applied or void, by hex id */
  byId: Map<string, CausalEntry>
  /** hex ids in the order this state took them: what a re-fold replays */
  order: string[]
  /** hex ids of the records that are void (R16) or no longer pass at their place after a re-fold */
  voided: Set<string>
  /**
   * hex ids of the applied membership records no applied record names as `after`, in the order
   * they were taken: what this device's next one names (a record from before R16 replaces them all)
   */
  heads: readonly string[]
  /** hex key -> ids of applied `remove`/`role` records (with `after`) about that key */
  revocations: Map<string, readonly string[]>
  /** hex author -> ids of its applied membership records with `after` */
  byAuthor: Map<string, readonly string[]>
  /** bumped by every re-fold, so admit.ts wakes every parked record */
  refolds: number
}

export function createCausalIndex(): CausalIndex {
  return { byId: new Map(), order: [], voided: new Set(), heads: [], revocations: new Map(), byAuthor: new Map(), refolds: 0 }
}

export function copyCausalIndex(c: CausalIndex): CausalIndex {
  return {
    byId: new Map(c.byId),
    order: [...c.order],
    voided: new Set(c.voided),
    heads: c.heads,
    revocations: new Map(c.revocations),
    byAuthor: new Map(c.byAuthor),
    refolds: c.refolds,
  }
}

export interface SnapshotGroup {
  author: string
  parts: number
  present: Set<number>
  /** `${authorHex}:${sessionHex}` -> highest seq covered (from part 0) */
  covers: Map<string, number> | null
}

/** R17: one attachment the plan references (a `file` add), until a `file` drop. */
export interface FileRef {
  /** the key that added it */
  author: string
  /** hex piece addresses, in order */
  pieces: string[]
  /** ciphertext bytes */
  size: number
  dropped: boolean
}

/** R19: the plan's closure while it is closed (the last `close` not followed by a `reopen`). */
export interface Closure {
  /** the admin who closed it */
  author: string
  reason: CloseReason
  /** ms, the closing admin's clock (the relay checked it against its own) */
  closedAt: number
  /** ms: an admin may reopen it until then */
  reopenUntil: number
  /** Yjs client id -> clock: records below it are the closed plan; nothing else is taken */
  cut: ReadonlyMap<number, number>
  /** R22: ms, the plan's retention end its close names (null in closes from before R22) */
  keepUntil: number | null
  /** R22: the signed close record, the proof a relay keeps when it erases the plan at `keepUntil` */
  record: Uint8Array
}

export interface RoomState {
  planId: Uint8Array
  planIdHex: string
  genesis: boolean
  /** R17: attachments by their hex file ref; what the relay keeps pieces for and serves */
  files: Map<string, FileRef>
  /** R19: set while the plan is closed; replaced, never changed in place */
  closure: Closure | null
  /** R20: the newest erase half per `${op}:${author}` (erase.ts) */
  eraseHalves: Map<string, EraseHalf>
  /** R20: set once a request and a confirm of two people pair up: the plan is erased */
  erasure: Erasure | null
  members: Map<string, Role>
  /**
   * The highest role each key ever held. A log merged from concurrent writers may list an
   * author's update after the author's removal; what was admitted once must still load. So
   * content and lockboxes already in a log (a relay's store, what a relay sends a client) are
   * judged by this; what is new to the relay, and every membership record, by the current role
   * (R16: a void add or role change still raises it).
   */
  everRoles: Map<string, Role>
  /** the highest key epoch any lockbox names */
  epoch: number
  invites: Map<string, Invite>
  /**
   * Party of every member and invite key the log named (kept after a removal, for history).
   * A key added in the v1 grammar, without a party, counts as 'professional' without an
   * organisation (docs/RULES.md R12).
   */
  parties: Map<string, Party>
  /** hex organisation id of every professional member and invite key that has one */
  orgs: Map<string, string>
  /**
   * R13: ms when the membership of a member (or of whoever claims an invite key) ends. Kept
   * after a removal, so a relay can tell a guest whose time is over why it is refused.
   */
  accessUntil: Map<string, number>
  /** hex key of the genesis author ('' before the genesis) */
  creator: string
  /** consent per hex organisation id */
  consents: Map<string, Consent>
  /** triple `${author}:${session}:${seq}` -> Yjs item id `${client}:${clock}` that carried it */
  seen: Map<string, string>
  /** snapshot groups by `${author}:${session}:${firstSeq}`; delete them with `removeSnapshotGroup` */
  snapshots: Map<string, SnapshotGroup>
  /**
   * How far the complete snapshots of editors cover each session (R8 replay, R10 delete) in
   * O(1) per blob; kept in step with `snapshots` and `everRoles` by applyRecord and
   * removeSnapshotGroup (src/sync/coverIndex.ts).
   */
  coverIndex: CoverIndex
  /**
   * Devices of one person: a key that claimed a `device` invite -> the person of the invite's
   * author. A key not listed is its own person (its first device). Never shrinks: a removed
   * device's person stays known, so its other devices stay grouped.
   */
  persons: Map<string, string>
  /** hex keys of the current admins: R6's last-admin check without a walk over every member */
  admins: Set<string>
  /** hex organisation id -> how many keys in `orgs` name it (R12 `consent-unknown` in O(1)) */
  orgHolders: Map<string, number>
  /**
   * `${author}:${session}` -> the highest seq of that session in `seen` (R8 `cover-beyond`:
   * a snapshot may not cover what does not exist). Kept wherever `seen` is.
   */
  highestSeq: Map<string, number>
  /**
   * person -> the expiries of its latest device links, highest first, at most
   * MAX_OPEN_DEVICE_LINKS (R6 `device-too-many`: whether that many are still open is one compare).
   */
  deviceLinks: Map<string, readonly number[]>
  /**
   * R14: Yjs client id of the envelope -> hex author of the first record written under it (in
   * write order: the lowest clock). Kept wherever `seen` is (`markSeen`); on the relay also
   * rebuilt from its seen index, so compaction forgets none.
   */
  clientAuthors: Map<number, string>
  /** R16: the membership records in causal order, and which are void (causalOrder.ts) */
  causal: CausalIndex
  /**
   * R15: triple -> the chain hash of that record (hex) and the hash its header names as its
   * predecessor (`prev`, v2 records after their session's first). Every live record `markSeen`
   * took, and, with no `prev`, the record at each snapshot cover's seq (`cover`), so the chain
   * outlives compaction; a deleted record's link goes unless a cover reaches it (validateUpdate
   * `unlinkDeleted`). The relay rebuilds it from what is live and from covers after a restart.
   */
  chain: Map<string, ChainLink>
}

/** What R15 knows of one record of a session. Replaced, never changed in place. */
export interface ChainLink {
  /** hex chain hash of the record's signed bytes */
  hash: string
  /** hex hash of its predecessor as its header names it (v2, seq > 1) */
  prev?: string
  /** known from a snapshot's cover only: the record itself is not held */
  cover?: true
}

export function createRoomState(planId: Uint8Array, seen?: Iterable<[string, string]>): RoomState {
  return {
    planId,
    planIdHex: toHex(planId),
    genesis: false,
    members: new Map(),
    everRoles: new Map(),
    epoch: 0,
    invites: new Map(),
    parties: new Map(),
    orgs: new Map(),
    accessUntil: new Map(),
    creator: '',
    consents: new Map(),
    seen: new Map(seen ?? []),
    snapshots: new Map(),
    coverIndex: createCoverIndex(),
    persons: new Map(),
    admins: new Set(),
    orgHolders: new Map(),
    highestSeq: highestSeqOf(seen ?? []),
    deviceLinks: new Map(),
    clientAuthors: clientAuthorsOf(seen ?? []),
    causal: createCausalIndex(),
    chain: new Map(),
    files: new Map(),
    closure: null,
    eraseHalves: new Map(),
    erasure: null,
  }
}

function highestSeqOf(seen: Iterable<[string, string]>): Map<string, number> {
  const out = new Map<string, number>()
  for (const [triple] of seen) {
    const cut = triple.lastIndexOf(':')
    const session = triple.slice(0, cut)
    const seq = Number(triple.slice(cut + 1))
    if (seq > (out.get(session) ?? 0)) out.set(session, seq)
  }
  return out
}

/**
 * R14 from the replay index: each client id's item with the lowest clock names its author (the
 * first in write order, also when a stored log holds a client id under two authors).
 */
function clientAuthorsOf(seen: Iterable<[string, string]>): Map<number, string> {
  const first = new Map<number, { clock: number; author: string }>()
  for (const [triple, itemId] of seen) {
    const { client, clock } = parseItemId(itemId)
    const known = first.get(client)
    if (!known || clock < known.clock) first.set(client, { clock, author: triple.slice(0, triple.indexOf(':')) })
  }
  return new Map([...first].map(([client, { author }]) => [client, author]))
}

/** An item id `${client}:${clock}` as numbers. */
export function parseItemId(itemId: string): { client: number; clock: number } {
  const cut = itemId.indexOf(':')
  return { client: Number(itemId.slice(0, cut)), clock: Number(itemId.slice(cut + 1)) }
}

/**
 * A draft shares nothing mutable with its base: for checking one local record before writing it.
 * It copies every map, so it is O(plan): validateUpdate folds in place with a journal instead.
 */
export function draftOf(state: RoomState): RoomState {
  const snapshots = new Map<string, SnapshotGroup>()
  for (const [k, g] of state.snapshots) snapshots.set(k, { ...g, present: new Set(g.present) })
  return {
    ...state,
    members: new Map(state.members),
    everRoles: new Map(state.everRoles),
    invites: new Map([...state.invites].map(([k, v]) => [k, { ...v }])),
    parties: new Map(state.parties),
    orgs: new Map(state.orgs),
    accessUntil: new Map(state.accessUntil),
    consents: new Map([...state.consents].map(([k, v]) => [k, { ...v }])),
    // applyRecord never writes these (markSeen does, with `highestSeq` and `clientAuthors`): shared, not copied
    seen: state.seen,
    snapshots,
    coverIndex: copyCoverIndex(state.coverIndex),
    persons: new Map(state.persons),
    admins: new Set(state.admins),
    orgHolders: new Map(state.orgHolders),
    highestSeq: state.highestSeq,
    deviceLinks: new Map(state.deviceLinks),
    clientAuthors: state.clientAuthors,
    causal: copyCausalIndex(state.causal),
    chain: state.chain,
    files: new Map(state.files),
    closure: state.closure,
    eraseHalves: new Map(state.eraseHalves),
  }
}

export function tripleOf(blob: { author: Uint8Array; session: Uint8Array; seq: number }): string {
  return `${toHex(blob.author)}:${toHex(blob.session)}:${blob.seq}`
}

export function sessionKeyOf(author: Uint8Array, session: Uint8Array): string {
  return `${toHex(author)}:${toHex(session)}`
}

/** A record split into parts is named by its session and the seq of its part 0. */
export function groupKeyOf(blob: DecodedBlob): string {
  const part = blob.kind === 'snapshot' || blob.kind === 'update' ? blob.part : 0
  return `${sessionKeyOf(blob.author, blob.session)}:${blob.seq - part}`
}

/** The person a device key belongs to: the key of that person's first device in this plan. */
export function personOf(state: RoomState, keyHex: string): string {
  return state.persons.get(keyHex) ?? keyHex
}
