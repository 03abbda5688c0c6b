/**
 * Decides whether a Yjs update to an envelope doc may be applied (R1–R10, R14, R15), before it is applied.
 * The relay runs it on every update from a connection; every client runs it on every update
 * from the relay, so a compromised relay can withhold data but not inject or delete it.
 *
 * Cheap checks come first, every limit before the work it bounds (docs/RULES.md, "Cost bound"):
 * size; structure and the number of new blobs; each blob's strict decoding, plan and seq; replays
 * and covers; whether the author can be a member at all. Only then signatures, the chain (R15), then the rules,
 * record by record in dependency order, folded straight into the state under an undo journal.
 */
import * as Y from 'yjs'
import { ContentBinary, ContentDeleted, type GC, Item, Skip } from 'yjs'
import { admitRecords } from './admit'
import { inClosedPlan } from './closure'
import { ChainViolation, checkChain, heldBytes } from './chain'
import { decodeBlob, type DecodedBlob } from './blob'
import { toHex } from './bytes'
import { coverReach } from './coverIndex'
import { deleteIn, rollBack, setIn, type Journal } from './journal'
import { groupKeyOf, markSeen, removeSnapshotGroup, sessionKeyOf, tripleOf, type RoomState } from './roomState'
import { preverifyBlobs, verifyBlob } from './records'
import { MAX_BLOB_BYTES, MAX_DELETE_RANGES_PER_UPDATE, MAX_NEW_BLOBS_PER_UPDATE, MAX_RAW_DELETE_RANGES, RuleViolation } from './rules'

/** A whole offline week, or a relay healed from an old backup, arrives as one sync step 2. */
export const MAX_UPDATE_BYTES = 16 * 1024 * 1024

export interface AcceptedBlob {
  blob: DecodedBlob
  itemId: string
  triple: string
  /**
   * Sent and deleted in the same update: it arrives as a tombstone and no record ever lives (a
   * reload has none), so it is not folded into the state. It is still checked and verified, and
   * its triple is taken (R8): a copy in another item, in this update or later, is a replay.
   */
  tombstone?: true
}

/**
 * A successful validation has already folded the update's records into the state (in place, so
 * an update costs what it holds, not what the plan holds). End it with `commit()` once the
 * update is applied or about to be (it does not depend on that), or `abort()` when it will not
 * be applied (Y.applyUpdate threw): that rolls the state back. A validation left open is rolled
 * back by the next validateUpdate on the same state: not committed means not taken.
 */
export type Validation = { ok: true; added: AcceptedBlob[]; deleted: AcceptedBlob[]; commit(): void; abort(): void } | { ok: false; error: RuleViolation }

/** A device's own writing session: what it has written, it knows (R8 `cover-beyond` on clients). */
export interface OwnSession {
  author: Uint8Array
  session: Uint8Array
  /** the last seq this session wrote */
  seq: number
}

export interface ValidateOptions {
  now: number
  maxUpdateBytes?: number
  /**
   * Clients set this for what the relay sends: content the relay admitted while its author was
   * a member stays admissible after a removal. The relay leaves it off: a removed member's new
   * content is refused there (R5), and covers are checked against every session it has seen (R8).
   */
  historicContent?: boolean
  /**
   * Item ids (`client:clock`) whose blob signatures were verified already, off the event loop
   * (`preverifyUpdate`): only these skip libsodium; every other blob is verified here.
   */
  signaturesChecked?: ReadonlySet<string>
  /**
   * A client's own writing session: a snapshot covering it beyond what it wrote is refused (R8
   * `cover-beyond`). A client cannot know every session's highest seq, but it knows its own.
   */
  ownSession?: OwnSession
  /**
   * filled in, for tests and benchmarks: rule checks run, signatures verified by libsodium, and
   * `covers`: snapshot cover lookups (R8 replay, R10 delete), the work that must stay O(blobs)
   */
  stats?: { checks: number; signatures: number; covers?: number }
  /** new blobs one update may add (R9 `too-many-blobs`); an import reads a whole plan at once */
  maxNewBlobs?: number
}

/** The validation still open on a state (see `Validation`): at most one at a time. */
const open = new WeakMap<RoomState, Journal>()

export function validateUpdate(envelope: Y.Doc, state: RoomState, update: Uint8Array, opts: ValidateOptions): Validation {
  const left = open.get(state)
  if (left) {
    rollBack(left)
    open.delete(state)
  }
  const journal: Journal = []
  try {
    const result = validateOrThrow(envelope, state, update, opts, journal)
    open.set(state, journal)
    const end = (undo: boolean) => {
      if (open.get(state) !== journal) return
      if (undo) rollBack(journal)
      open.delete(state)
      journal.length = 0
    }
    return { ok: true, ...result, commit: () => end(false), abort: () => end(true) }
  } catch (err) {
    rollBack(journal)
    if (err instanceof RuleViolation) return { ok: false, error: err }
    return { ok: false, error: new RuleViolation('R1', 'malformed-update', (err as Error).message ?? 'cannot decode') }
  }
}

interface Decoded {
  structs: Array<Item | GC | Skip>
  ds: { clients: Map<number, { clock: number; len: number }[]> }
}

/**
 * The relay and the client decode an update twice, to pick what to verify off the event loop
 * (`preverifyUpdate`) and to validate it: the second time reuses the first's structs and blobs.
 * Weak: they go with the update's bytes. Nothing here mutates a decoded struct or blob.
 */
const decodedUpdates = new WeakMap<Uint8Array, Decoded>()
const decodedBlobs = new WeakMap<Uint8Array, DecodedBlob>()

function decodeOrThrow(update: Uint8Array, opts: { maxUpdateBytes?: number }): Decoded {
  const limit = opts.maxUpdateBytes ?? MAX_UPDATE_BYTES
  if (update.length > limit) throw new RuleViolation('R9', 'update-too-large', `update of ${update.length} bytes exceeds ${limit}`)
  const cached = decodedUpdates.get(update)
  if (cached) return cached
  let decoded: Decoded
  try {
    decoded = Y.decodeUpdate(update) as unknown as Decoded
  } catch {
    throw new RuleViolation('R1', 'malformed-update', 'not a Yjs update')
  }
  decodedUpdates.set(update, decoded)
  return decoded
}

function validateOrThrow(
  envelope: Y.Doc,
  state: RoomState,
  update: Uint8Array,
  opts: ValidateOptions,
  journal: Journal,
): { added: AcceptedBlob[]; deleted: AcceptedBlob[] } {
  const decoded = decodeOrThrow(update, opts)
  const held = Y.decodeStateVector(Y.encodeStateVector(envelope))
  const deletes = mergedDeletes(decoded.ds.clients)
  if (opts.stats) opts.stats.covers = 0
  const candidates = cheapChecks(decoded.structs, held, state, opts, deletes, envelope)

  const stats = opts.stats
  if (stats) stats.signatures = 0
  for (const c of candidates) {
    if (opts.signaturesChecked?.has(c.itemId)) continue
    if (stats) stats.signatures++
    if (!verifyBlob(c.blob)) throw new RuleViolation('R3', 'bad-signature', 'signature does not verify')
  }
  // R15 after the signatures: a fork is proven by two signed records
  const links = checkChain(state, envelope, candidates)
  for (const c of candidates) markSeen(state, c.blob, c.itemId, journal, links.get(c.triple))

  const admission = admitRecords(
    state,
    candidates.filter((c) => !c.tombstone),
    (c) => c.blob,
    {
      now: opts.now,
      historicContent: opts.historicContent,
      journal,
      stopAtDefinitive: true,
    },
  )
  if (stats) stats.checks = admission.checks
  if ('definitive' in admission && admission.definitive) throw admission.definitive
  if (admission.tooComplex) throw new RuleViolation('R9', 'update-too-complex', 'the records of this update need too many checks to admit')
  if (admission.refused.length > 0) throw admission.refused[0]!.error
  refuseOutsideClosure(state, admission.admitted)

  refuseDeletesOfUnknownItems(envelope, held, decoded.structs, deletes)
  const deleted = heldDeletions(envelope, held, deletes, state, stats)
  for (const d of deleted) if (d.blob.kind === 'snapshot') removeSnapshotGroup(state, groupKeyOf(d.blob), journal)
  for (const d of deleted) unlinkDeleted(state, d, journal)
  return { added: candidates, deleted }
}

/**
 * R19 whatever order the update listed its records in: a record folded before the update's close
 * (a step 2 lists records client by client) was not judged against that close's cut. Once the
 * plan stands closed, every record of the update but a close or reopen must lie in the cut; an
 * honest relay holds nothing else (what it took after a close it refused, and a reopened plan's
 * later close names everything written while it was open). O(records in the update).
 */
function refuseOutsideClosure(state: RoomState, admitted: readonly AcceptedBlob[]): void {
  if (!state.closure) return
  for (const a of admitted) {
    if (a.blob.kind !== 'close' && a.blob.kind !== 'erase' && !inClosedPlan(state, a.blob)) throw new RuleViolation('R19', 'plan-closed', 'the plan is closed')
  }
}

/**
 * Everything about the new blobs that costs no signature, in this order: R1 structure and at
 * most MAX_NEW_BLOBS_PER_UPDATE of them (counted before decoding more); each blob's size, strict
 * decoding, plan, seq (R9, R2, R8); its Yjs client id bound to no other author (R14: the state's
 * binding, or the update's first record under it; bound by `markSeen` once admitted); its triple neither repeated in the update nor known to the
 * state under another item, nor covered by a snapshot (R8 `replay`); covers within what exists
 * (R8 `cover-beyond`); an author who is or becomes a member (R4, R5). Returns the candidates.
 */
function cheapChecks(
  structs: Array<Item | GC | Skip>,
  held: Map<number, number>,
  state: RoomState,
  opts: ValidateOptions,
  deletes: Ranges,
  envelope?: Y.Doc,
): AcceptedBlob[] {
  const fresh: Item[] = []
  for (const struct of structs) {
    if (newBlobBytes(struct, held) === null) continue
    const cap = opts.maxNewBlobs ?? MAX_NEW_BLOBS_PER_UPDATE
    if (fresh.length === cap) throw new RuleViolation('R9', 'too-many-blobs', `an update adds at most ${cap} records`)
    fresh.push(struct as Item)
  }
  const out: AcceptedBlob[] = []
  const inUpdate = new Map<string, string>()
  // R14: each client id's author, looked up once per client of the update
  const owners = new Map<number, string>()
  for (const item of fresh) {
    const bytes = (item.content as ContentBinary).content
    const blob = decodeChecked(bytes, state.planIdHex)
    const client = item.id.client
    const author = toHex(blob.author)
    let owner = owners.get(client)
    if (owner === undefined) {
      // unbound: the update's first record under it (Yjs lists a client's structs by clock) takes it
      owner = state.clientAuthors.get(client) ?? author
      owners.set(client, owner)
    }
    if (owner !== author) throw new RuleViolation('R14', 'client-id-taken', 'another author writes under this Yjs client id')
    const itemId = `${client}:${item.id.clock}`
    const triple = tripleOf(blob)
    // the same item sent again (it was pending, or a client resends) is not a replay
    const known = state.seen.get(triple) ?? inUpdate.get(triple)
    if (known !== undefined && known !== itemId) {
      if (envelope) refuseFork(state, envelope, blob)
      throw new RuleViolation('R8', 'replay', 'this record was accepted before')
    }
    if (known === undefined && coveredBySnapshot(state, blob, opts.stats)) {
      throw new RuleViolation('R8', 'replay', 'this record was compacted into a snapshot before')
    }
    inUpdate.set(triple, itemId)
    out.push(deletedBy(deletes, item.id.client, item.id.clock) ? { blob, itemId, triple, tombstone: true } : { blob, itemId, triple })
  }
  refuseCoversBeyond(out, state, opts)
  refuseImplausibleAuthors(out, state, opts)
  return inWriteOrder(structs, held, out)
}

/**
 * R15 on the way to an R8 refusal: another record under a triple this device holds is a fork
 * when its bytes differ and it is signed by the author (checked here, on the refusal path only:
 * one signature, and the update is refused anyway). The two records are the proof.
 */
function refuseFork(state: RoomState, envelope: Y.Doc, blob: DecodedBlob): void {
  const held = heldBytes(state, envelope, tripleOf(blob))
  if (!held || sameBytes(held, blob.bytes) || !verifyBlob(blob)) return
  throw new ChainViolation('fork', 'two signed records of one session share a seq', {
    author: toHex(blob.author),
    session: toHex(blob.session),
    seq: blob.seq,
    records: [blob.bytes, held],
  })
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * R15 after a compaction: a deleted record's link is kept only where a cover reaches it (the
 * next record of its session is checked against it); below the reach every seq is a replay
 * anyway. So the chain's memory follows what is live, plus one link per covered session, as a
 * relay rebuilds it after a restart.
 */
function unlinkDeleted(state: RoomState, d: AcceptedBlob, journal: Journal): void {
  const link = state.chain.get(d.triple)
  if (!link) return
  if (d.blob.seq === coverReach(state.coverIndex, sessionKeyOf(d.blob.author, d.blob.session))) {
    if (!link.cover) setIn(journal, state.chain, d.triple, { hash: link.hash, cover: true })
    return
  }
  deleteIn(journal, state.chain, d.triple)
}

/** Whether the (merged) delete set covers this clock of this client. */
function deletedBy(deletes: Ranges, client: number, clock: number): boolean {
  const ranges = deletes.get(client)
  if (!ranges) return false
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const r = ranges[mid]!
    if (clock < r.clock) hi = mid - 1
    else if (clock >= r.clock + r.len) lo = mid + 1
    else return true
  }
  return false
}

/**
 * The records in the order their writers appended them, as far as the update shows it. Yjs
 * encodes an update client by client, but membership is judged in log order: a demotion (one
 * client) and what the demoted admin wrote after seeing it (another client) must be judged in
 * that order, or a new device's step 2 admits what every other device refused. A new item
 * comes after its left origin (the last record its writer had seen) and after its own client's
 * earlier items; a depth-first walk over those two links, roots in update order, gives an order
 * that respects both. Records the update does not link stay in update order (concurrent writers:
 * the dependency worklist in admit.ts resolves what it can, and R16 makes a removal and the
 * removed admin's concurrent membership records come out the same in either order).
 */
function inWriteOrder(structs: Array<Item | GC | Skip>, held: Map<number, number>, candidates: AcceptedBlob[]): AcceptedBlob[] {
  if (candidates.length < 2) return candidates
  // every new struct of the update, per client in clock order (as Yjs encodes them)
  const byClient = new Map<number, Array<Item | GC>>()
  for (const s of structs) {
    if (s instanceof Skip || s.id.clock + s.length <= (held.get(s.id.client) ?? 0)) continue
    const list = byClient.get(s.id.client) ?? []
    list.push(s)
    byClient.set(s.id.client, list)
  }
  const find = (client: number, clock: number): { list: Array<Item | GC>; index: number } | null => {
    const list = byClient.get(client)
    if (!list) return null
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]!
      if (clock < s.id.clock) hi = mid - 1
      else if (clock >= s.id.clock + s.length) lo = mid + 1
      else return { list, index: mid }
    }
    return null
  }
  const predecessors = (s: Item | GC): Array<Item | GC> => {
    const out: Array<Item | GC> = []
    const own = find(s.id.client, s.id.clock)
    if (own && own.index > 0) out.push(own.list[own.index - 1]!)
    if (s instanceof Item && s.origin) {
      const origin = find(s.origin.client, s.origin.clock)
      if (origin) out.push(origin.list[origin.index]!)
    }
    return out
  }
  const byItem = new Map(candidates.map((c) => [c.itemId, c]))
  const ordered: AcceptedBlob[] = []
  // 1: expanded, its predecessors on the stack above it; 2: emitted. Only unexpanded
  // predecessors are pushed (duplicates allowed), so a crafted cycle of origins ends the walk
  // instead of looping, and every struct is expanded once: linear in the update.
  const state = new Map<Item | GC, 1 | 2>()
  for (const root of structs) {
    if (root instanceof Skip || state.has(root) || !find(root.id.client, root.id.clock)) continue
    // iterative post-order: chains of thousands of records must not overflow the stack
    const stack: Array<Item | GC> = [root]
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      const seen = state.get(top)
      if (seen === undefined) {
        state.set(top, 1)
        for (const p of predecessors(top)) if (!state.has(p)) stack.push(p)
        continue
      }
      stack.pop()
      if (seen === 2) continue
      state.set(top, 2)
      const c = byItem.get(`${top.id.client}:${top.id.clock}`)
      if (c) ordered.push(c)
    }
  }
  return ordered
}

/** R1 for one struct: the bytes of a new binary blob in `log`, or null for what carries none. */
function newBlobBytes(struct: Item | GC | Skip, held: Map<number, number>): Uint8Array | null {
  // GC and Skip carry no content: a client healing a relay sends them for compacted history
  if (!(struct instanceof Item)) return null
  if (struct.id.clock + struct.length <= (held.get(struct.id.client) ?? 0)) return null
  if (struct.parentSub !== null) throw new RuleViolation('R1', 'map-entry', 'log entries have no key')
  // a parent given as an ID would be a nested type; none exist in an envelope
  if (struct.parent !== null && (struct.parent as unknown) !== 'log') throw new RuleViolation('R1', 'not-log', 'only the root array `log` may change')
  if (struct.content instanceof ContentDeleted) return null
  if (!(struct.content instanceof ContentBinary)) throw new RuleViolation('R1', 'not-binary', 'log entries are binary blobs')
  return struct.content.content
}

/** R9 size, R2 strict decoding and plan, R8 seq: all before any signature. */
function decodeChecked(bytes: Uint8Array, planIdHex: string): DecodedBlob {
  if (bytes.length > MAX_BLOB_BYTES) throw new RuleViolation('R9', 'blob-too-large', `blob of ${bytes.length} bytes`)
  let blob = decodedBlobs.get(bytes)
  if (!blob) {
    try {
      blob = decodeBlob(bytes)
    } catch (err) {
      throw new RuleViolation('R2', 'malformed-blob', (err as Error).message)
    }
    decodedBlobs.set(bytes, blob)
  }
  if (toHex(blob.plan) !== planIdHex) throw new RuleViolation('R2', 'wrong-plan', 'blob belongs to another plan')
  if (blob.seq < 1) throw new RuleViolation('R8', 'bad-seq', 'seq starts at 1')
  return blob
}

/**
 * R8 `cover-beyond`: a snapshot may not cover seqs nobody wrote, or the author of that session
 * could never write again (each next record would be a "replay"). The relay knows the highest
 * seq of every session it accepted (its seen index survives compaction); with what this update
 * brings, a cover may reach that far. A client knows its own session for sure (`ownSession`).
 */
function refuseCoversBeyond(candidates: readonly AcceptedBlob[], state: RoomState, opts: ValidateOptions): void {
  const snapshots = candidates.filter((c) => c.blob.kind === 'snapshot' && c.blob.part === 0 && c.blob.covers.length > 0)
  if (snapshots.length === 0) return
  const highest = new Map<string, number>()
  for (const c of candidates) {
    const session = sessionKeyOf(c.blob.author, c.blob.session)
    highest.set(session, Math.max(highest.get(session) ?? 0, c.blob.seq))
  }
  const own = opts.ownSession ? { session: sessionKeyOf(opts.ownSession.author, opts.ownSession.session), seq: opts.ownSession.seq } : null
  for (const { blob } of snapshots) {
    if (blob.kind !== 'snapshot') continue
    for (const cover of blob.covers) {
      const session = sessionKeyOf(cover.author, cover.session)
      const exists = Math.max(state.highestSeq.get(session) ?? 0, highest.get(session) ?? 0)
      const beyondSeen = !opts.historicContent && cover.seq > exists
      const beyondOwn = own !== null && session === own.session && cover.seq > Math.max(own.seq, exists)
      if (beyondSeen || beyondOwn) throw new RuleViolation('R8', 'cover-beyond', 'a snapshot covers records that do not exist')
    }
  }
}

/**
 * Before any signature: every author must be a member (historic: ever one), or become one in
 * this update (a genesis, a claim, an add), or the record cannot be admitted whatever its
 * signature. An outsider's flood costs no verification.
 */
function refuseImplausibleAuthors(candidates: readonly AcceptedBlob[], state: RoomState, opts: ValidateOptions): void {
  const joining = new Set<string>()
  let genesis = state.genesis
  for (const { blob } of candidates) {
    if (blob.kind === 'genesis') {
      genesis = true
      joining.add(toHex(blob.author))
    } else if (blob.kind === 'member' && blob.op === 'claim') joining.add(toHex(blob.author))
    else if (blob.kind === 'member' && blob.op === 'add') joining.add(toHex(blob.subject))
  }
  for (const { blob } of candidates) {
    const author = toHex(blob.author)
    const member = opts.historicContent ? state.everRoles.has(author) : state.members.has(author)
    if (member || joining.has(author)) continue
    // the codes checkRecord would give a non-member, so the order of checks does not show
    if (!genesis) throw new RuleViolation('R4', 'no-genesis', 'the first record of a plan must be its genesis')
    if (blob.kind === 'consent') throw new RuleViolation('R12', 'consent-forbidden', 'non-member may not give or withdraw consent')
    throw new RuleViolation('R5', 'role-forbidden', `non-member may not write ${blob.kind}`)
  }
}

/**
 * Verifies the signatures of the blobs an update would add in one batch through WebCrypto
 * (off the main thread in the browser, on the thread pool in Node), for `signaturesChecked`.
 * Only blobs that pass the cheap checks (`candidateBlobs`) are verified. Anything it cannot
 * decode or verify is left out: validateUpdate judges it.
 */
export async function preverifyUpdate(
  envelope: Y.Doc,
  update: Uint8Array,
  state: RoomState,
  opts: Pick<ValidateOptions, 'historicContent' | 'maxUpdateBytes' | 'ownSession'> = {},
): Promise<ReadonlySet<string>> {
  const blobs = candidateBlobs(envelope, state, update, opts)
  if (blobs.length === 0) return new Set()
  const ok = await preverifyBlobs(blobs.map((b) => b.blob))
  return new Set(blobs.filter((_, i) => ok[i]).map((b) => b.itemId))
}

/**
 * The new blobs of an update that pass every check before the signature: what is worth
 * verifying off the event loop. Empty when the update is refused anyway (validateUpdate then
 * refuses it without a signature check).
 */
export function candidateBlobs(
  envelope: Y.Doc,
  state: RoomState,
  update: Uint8Array,
  opts: Pick<ValidateOptions, 'historicContent' | 'maxUpdateBytes' | 'ownSession'> = {},
): AcceptedBlob[] {
  try {
    const decoded = decodeOrThrow(update, opts)
    const held = Y.decodeStateVector(Y.encodeStateVector(envelope))
    return cheapChecks(decoded.structs, held, state, { now: 0, ...opts }, mergedDeletes(decoded.ds.clients), envelope)
  } catch (err) {
    // refused anyway: validateUpdate says why, without a signature check; anything else is a bug
    if (err instanceof RuleViolation) return []
    throw err
  }
}

type Ranges = Map<number, { clock: number; len: number }[]>

/**
 * The delete set sorted and merged per client (Yjs keeps duplicate and overlapping ranges as
 * sent: one range repeated 1,000 times archived each blob 1,000 times), so each item counts once.
 * Both counts are capped (R9 `too-many-deletes`): as sent before sorting, merged after.
 */
export function mergedDeletes(clients: Ranges): Ranges {
  let raw = 0
  for (const ranges of clients.values()) raw += ranges.length
  if (raw > MAX_RAW_DELETE_RANGES) throw new RuleViolation('R9', 'too-many-deletes', `an update holds at most ${MAX_RAW_DELETE_RANGES} delete ranges`)
  const out: Ranges = new Map()
  let merged = 0
  for (const [client, ranges] of clients) {
    const sorted = ranges.filter((r) => r.len > 0).sort((a, b) => a.clock - b.clock)
    const list: { clock: number; len: number }[] = []
    for (const r of sorted) {
      const last = list[list.length - 1]
      if (last && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock)
      else list.push({ clock: r.clock, len: r.len })
    }
    merged += list.length
    if (list.length > 0) out.set(client, list)
  }
  if (merged > MAX_DELETE_RANGES_PER_UPDATE) {
    throw new RuleViolation('R9', 'too-many-deletes', `an update deletes at most ${MAX_DELETE_RANGES_PER_UPDATE} separate ranges`)
  }
  return out
}

/**
 * R10 at the edge: Yjs parks a delete of an item it has not seen (`pendingDs`) and applies it,
 * unchecked, when the item arrives later from its honest author. An honest peer deletes only
 * items it holds and sends every item the receiver lacks in the same update, so a delete beyond
 * what is held, sent, or already pending is refused.
 */
function refuseDeletesOfUnknownItems(envelope: Y.Doc, held: Map<number, number>, structs: Array<Item | GC | Skip>, deletes: Ranges): void {
  if (deletes.size === 0) return
  const known = new Map(held)
  const extend = (list: Array<{ id: { client: number; clock: number }; length: number }>) => {
    for (const s of list) known.set(s.id.client, Math.max(known.get(s.id.client) ?? 0, s.id.clock + s.length))
  }
  extend(structs.filter((s) => !(s instanceof Skip)))
  const pending = envelope.store.pendingStructs
  if (pending) extend((Y.decodeUpdateV2(pending.update) as unknown as { structs: Array<Item | GC> }).structs)
  for (const [client, ranges] of deletes) {
    const limit = known.get(client) ?? 0
    for (const { clock, len } of ranges) {
      if (clock + len > limit) throw new RuleViolation('R10', 'unknown-delete', 'delete of a record nobody has sent')
    }
  }
}

/** R10: only deletions of items this envelope holds and has not deleted count, each once. */
function heldDeletions(envelope: Y.Doc, held: Map<number, number>, deletes: Ranges, state: RoomState, stats?: CoverStats): AcceptedBlob[] {
  const out: AcceptedBlob[] = []
  const counted = new Set<string>()
  for (const [client, ranges] of deletes) {
    const structs = envelope.store.clients.get(client)
    const have = held.get(client) ?? 0
    if (!structs || have === 0) continue
    for (const { clock, len } of ranges) {
      if (clock >= have) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!
        if (struct.id.clock >= clock + len) break
        if (!(struct instanceof Item) || struct.deleted || !(struct.content instanceof ContentBinary)) continue
        const itemId = `${client}:${struct.id.clock}`
        // merged ranges do not overlap; this guards the invariant the archive relies on
        if (counted.has(itemId)) continue
        counted.add(itemId)
        const blob = decodeBlob(struct.content.content)
        if (!deletable(state, blob, stats)) {
          throw new RuleViolation('R10', 'uncovered-delete', `${blob.kind} record is not covered by a snapshot`)
        }
        out.push({ blob, itemId, triple: tripleOf(blob) })
      }
    }
  }
  return out
}

type CoverStats = { covers?: number }

/**
 * R10: an update or snapshot may be deleted once a complete snapshot of an editor covers it,
 * other than the blob's own group (a snapshot does not vouch for itself). One index lookup.
 */
export function deletable(state: RoomState, blob: DecodedBlob, stats?: CoverStats): boolean {
  if (blob.kind !== 'update' && blob.kind !== 'snapshot') return false
  if (stats) stats.covers = (stats.covers ?? 0) + 1
  const own = blob.kind === 'snapshot' ? groupKeyOf(blob) : null
  return blob.seq <= coverReach(state.coverIndex, sessionKeyOf(blob.author, blob.session), own)
}

/** R8: a triple a complete snapshot of an editor covers was compacted: sent again, it is a replay. One lookup. */
export function coveredBySnapshot(state: RoomState, blob: DecodedBlob, stats?: CoverStats): boolean {
  if (stats) stats.covers = (stats.covers ?? 0) + 1
  return blob.seq <= coverReach(state.coverIndex, sessionKeyOf(blob.author, blob.session))
}
