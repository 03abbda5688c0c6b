/**
 * Decides whether a Yjs update to an envelope doc may be applied (R1–R10), before it is applied.
 * The relay runs it on every update from a connection; every client runs it on every update
 * from the relay, so a compromised relay can withhold data but not inject or delete it.
 */
import * as Y from 'yjs'
import { ContentBinary, ContentDeleted, GC, Item, Skip } from 'yjs'
import { decodeBlob, type DecodedBlob } from './blob'
import {
  COMPACT_ROLE,
  applyRecord,
  checkIntrinsic,
  checkRecord,
  draftOf,
  groupKeyOf,
  roleAtLeast,
  sessionKeyOf,
  tripleOf,
  type CheckOptions,
  type RoomState,
  type SnapshotGroup,
} from './roomState'
import { preverifyBlobs } from './records'
import { MAX_BLOB_BYTES, RuleViolation } from './rules'

/** A whole offline week, or a relay healed from an old backup, arrives as one sync step 2. */
export const MAX_UPDATE_BYTES = 16 * 1024 * 1024

export interface AcceptedBlob {
  blob: DecodedBlob
  itemId: string
  triple: string
}

export type Validation =
  | { ok: true; added: AcceptedBlob[]; deleted: AcceptedBlob[]; commit(): void }
  | { ok: false; error: RuleViolation }

export interface ValidateOptions {
  now: number
  maxUpdateBytes?: number
  /**
   * Clients set this for what the relay sends: content the relay admitted while its author was
   * a member stays admissible after a removal. The relay leaves it off: a removed member's new
   * content is refused there (R5).
   */
  historicContent?: boolean
  /**
   * Item ids (`client:clock`) whose blob signatures were verified already, off the event loop
   * (`preverifyUpdate`): only these skip libsodium; every other blob is verified here.
   */
  signaturesChecked?: ReadonlySet<string>
}

export function validateUpdate(envelope: Y.Doc, state: RoomState, update: Uint8Array, opts: ValidateOptions): Validation {
  try {
    return validateOrThrow(envelope, state, update, opts)
  } catch (err) {
    if (err instanceof RuleViolation) return { ok: false, error: err }
    return { ok: false, error: new RuleViolation('R1', 'malformed-update', (err as Error).message ?? 'cannot decode') }
  }
}

function validateOrThrow(envelope: Y.Doc, state: RoomState, update: Uint8Array, opts: ValidateOptions): Validation {
  const limit = opts.maxUpdateBytes ?? MAX_UPDATE_BYTES
  if (update.length > limit) throw new RuleViolation('R9', 'update-too-large', `update of ${update.length} bytes exceeds ${limit}`)
  let decoded: { structs: Array<Item | GC | Skip>; ds: { clients: Map<number, { clock: number; len: number }[]> } }
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded
  } catch {
    throw new RuleViolation('R1', 'malformed-update', 'not a Yjs update')
  }
  const held = Y.decodeStateVector(Y.encodeStateVector(envelope))
  const candidates = newBlobs(decoded.structs, held, state.planIdHex, opts.signaturesChecked)

  const draft = draftOf(state)
  const stagedSeen = new Map<string, string>()
  for (const c of candidates) {
    const known = state.seen.get(c.triple) ?? stagedSeen.get(c.triple)
    // the same item sent again (it was pending, or a client resends) is not a replay
    if (known !== undefined && known !== c.itemId) throw new RuleViolation('R8', 'replay', 'this record was accepted before')
    if (known === undefined && coveredBySnapshot(draft, c.blob)) {
      throw new RuleViolation('R8', 'replay', 'this record was compacted into a snapshot before')
    }
    stagedSeen.set(c.triple, c.itemId)
  }
  const admitted = admitInAnyOrder(draft, candidates, opts.now, { historicContent: opts.historicContent })

  refuseDeletesOfUnknownItems(envelope, held, decoded)
  const deleted = heldDeletions(envelope, held, decoded.ds.clients, draft)
  return {
    ok: true,
    added: candidates,
    deleted,
    // Folds the admitted records into the state as it is at commit, not by putting the draft in
    // its place: between validation and commit the update is applied, and a device's bridge may
    // fold records of its own into the state meanwhile (a snapshot it compacts into on seeing
    // the update); swapping the draft in would drop them.
    commit() {
      for (const c of admitted) applyRecord(state, c.blob)
      for (const d of deleted) if (d.blob.kind === 'snapshot') state.snapshots.delete(groupKeyOf(d.blob))
      for (const [k, v] of stagedSeen) state.seen.set(k, v)
    },
  }
}

/** R1, R2, R3, R9 for every struct the envelope does not hold yet. */
function newBlobs(structs: Array<Item | GC | Skip>, held: Map<number, number>, planIdHex: string, verified?: ReadonlySet<string>): AcceptedBlob[] {
  const out: AcceptedBlob[] = []
  for (const struct of structs) {
    // GC and Skip carry no content: a client healing a relay sends them for compacted history
    if (!(struct instanceof Item)) continue
    if (struct.id.clock + struct.length <= (held.get(struct.id.client) ?? 0)) continue
    if (struct.parentSub !== null) throw new RuleViolation('R1', 'map-entry', 'log entries have no key')
    // a parent given as an ID would be a nested type; none exist in an envelope
    if (struct.parent !== null && (struct.parent as unknown) !== 'log') throw new RuleViolation('R1', 'not-log', 'only the root array `log` may change')
    if (struct.content instanceof ContentDeleted) continue
    if (!(struct.content instanceof ContentBinary)) throw new RuleViolation('R1', 'not-binary', 'log entries are binary blobs')
    const bytes = struct.content.content
    if (bytes.length > MAX_BLOB_BYTES) throw new RuleViolation('R9', 'blob-too-large', `blob of ${bytes.length} bytes`)
    let blob: DecodedBlob
    try {
      blob = decodeBlob(bytes)
    } catch (err) {
      throw new RuleViolation('R2', 'malformed-blob', (err as Error).message)
    }
    const itemId = `${struct.id.client}:${struct.id.clock}`
    checkIntrinsic(planIdHex, blob, verified?.has(itemId) ?? false)
    out.push({ blob, itemId, triple: tripleOf(blob) })
  }
  return out
}

/**
 * Verifies the signatures of the blobs an update would add in one batch through WebCrypto
 * (off the main thread in the browser, on the thread pool in Node), for `signaturesChecked`.
 * Anything it cannot decode or verify is simply left out: validateUpdate judges it.
 */
export async function preverifyUpdate(envelope: Y.Doc, update: Uint8Array): Promise<ReadonlySet<string>> {
  let structs: Array<Item | GC | Skip>
  try {
    structs = (Y.decodeUpdate(update) as unknown as { structs: Array<Item | GC | Skip> }).structs
  } catch {
    return new Set()
  }
  const held = Y.decodeStateVector(Y.encodeStateVector(envelope))
  const blobs: { blob: DecodedBlob; itemId: string }[] = []
  for (const struct of structs) {
    if (!(struct instanceof Item) || !(struct.content instanceof ContentBinary)) continue
    if (struct.id.clock + struct.length <= (held.get(struct.id.client) ?? 0)) continue
    try {
      blobs.push({ blob: decodeBlob(struct.content.content), itemId: `${struct.id.client}:${struct.id.clock}` })
    } catch {
      // validateUpdate refuses it
    }
  }
  const ok = await preverifyBlobs(blobs.map((b) => b.blob))
  return new Set(blobs.filter((_, i) => ok[i]).map((b) => b.itemId))
}

/**
 * Records in one update can depend on each other across Yjs clients (a claim and the invite it
 * answers): admit in passes until none is left; what never becomes admissible is the error.
 * Returns the candidates in the order they were folded into the draft.
 */
function admitInAnyOrder(draft: RoomState, candidates: AcceptedBlob[], now: number, check: CheckOptions): AcceptedBlob[] {
  const admitted: AcceptedBlob[] = []
  let pending = candidates
  while (pending.length > 0) {
    const retry: AcceptedBlob[] = []
    let firstError: RuleViolation | null = null
    for (const c of pending) {
      try {
        checkRecord(draft, c.blob, now, check)
        applyRecord(draft, c.blob)
        admitted.push(c)
      } catch (err) {
        if (!(err instanceof RuleViolation)) throw err
        firstError ??= err
        retry.push(c)
      }
    }
    if (retry.length === pending.length) throw firstError!
    pending = retry
  }
  return admitted
}

/**
 * R10 at the edge: Yjs parks a delete of an item it has not seen (`pendingDs`) and applies it,
 * unchecked, when the item arrives later from its honest author. An honest peer deletes only
 * items it holds and sends every item the receiver lacks in the same update, so a delete beyond
 * what is held, sent, or already pending is refused.
 */
function refuseDeletesOfUnknownItems(
  envelope: Y.Doc,
  held: Map<number, number>,
  decoded: { structs: Array<Item | GC | Skip>; ds: { clients: Map<number, { clock: number; len: number }[]> } },
): void {
  const known = new Map(held)
  const extend = (structs: Array<{ id: { client: number; clock: number }; length: number }>) => {
    for (const s of structs) known.set(s.id.client, Math.max(known.get(s.id.client) ?? 0, s.id.clock + s.length))
  }
  extend(decoded.structs.filter((s) => !(s instanceof Skip)))
  const pending = envelope.store.pendingStructs
  if (pending) extend((Y.decodeUpdateV2(pending.update) as unknown as { structs: Array<Item | GC> }).structs)
  for (const [client, ranges] of decoded.ds.clients) {
    const limit = known.get(client) ?? 0
    for (const { clock, len } of ranges) {
      if (clock + len > limit) throw new RuleViolation('R10', 'unknown-delete', 'delete of a record nobody has sent')
    }
  }
}

/** R10: only deletions of items this envelope holds and has not deleted count. */
function heldDeletions(
  envelope: Y.Doc,
  held: Map<number, number>,
  ds: Map<number, { clock: number; len: number }[]>,
  draft: RoomState,
): AcceptedBlob[] {
  const out: AcceptedBlob[] = []
  for (const [client, ranges] of ds) {
    const structs = envelope.store.clients.get(client)
    const have = held.get(client) ?? 0
    if (!structs || have === 0) continue
    for (const { clock, len } of ranges) {
      if (clock >= have) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!
        if (struct.id.clock >= clock + len) break
        if (!(struct instanceof Item) || struct.deleted || !(struct.content instanceof ContentBinary)) continue
        const blob = decodeBlob(struct.content.content)
        if (!deletable(draft, blob)) {
          throw new RuleViolation('R10', 'uncovered-delete', `${blob.kind} record is not covered by a snapshot`)
        }
        out.push({ blob, itemId: `${client}:${struct.id.clock}`, triple: tripleOf(blob) })
      }
    }
  }
  return out
}

function deletable(state: RoomState, blob: DecodedBlob): boolean {
  if (blob.kind !== 'update' && blob.kind !== 'snapshot') return false
  const own = blob.kind === 'snapshot' ? groupKeyOf(blob) : null
  for (const [key, group] of state.snapshots) {
    if (key !== own && covers(state, group, blob)) return true
  }
  return false
}

function coveredBySnapshot(state: RoomState, blob: DecodedBlob): boolean {
  for (const group of state.snapshots.values()) if (covers(state, group, blob)) return true
  return false
}

function covers(state: RoomState, group: SnapshotGroup, blob: DecodedBlob): boolean {
  if (!group.covers || group.present.size !== group.parts) return false
  if (!roleAtLeast(state.everRoles.get(group.author), COMPACT_ROLE)) return false
  const upTo = group.covers.get(sessionKeyOf(blob.author, blob.session))
  return upTo !== undefined && blob.seq <= upTo
}
