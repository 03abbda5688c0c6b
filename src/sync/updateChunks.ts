/**
 * A sync step 2 in parts. The answer to a step 1 is everything the asker lacks; for a large plan
 * that is more than one message may hold (R9: an update ≤ 16 MiB), and an answer nobody may
 * accept means a new device can never join. So an answer past `SYNC_CHUNK_BYTES` is cut into
 * updates that each stand on their own for the receiver's validator: sent in order, every chunk
 * depends only on what the receiver holds and on earlier chunks (a claim on its invite, content
 * on its author's add), never on a later one.
 *
 * Where to cut: the envelope's `log` array in document order is a linear extension of causal
 * order (a device appends after everything it has seen, and one Yjs client's items lie in clock
 * order along it). Walking it, chunk k takes, per Yjs client, every struct (items, deleted items,
 * GC) from the previous cut up to the end of the last item of that client reached so far, plus
 * whatever an item's origins point at that is not taken yet. The whole delete set goes in the
 * last chunk, when every item it names is held.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { ContentBinary, type GC, Item } from 'yjs'

/**
 * One chunk of a step 2: cheap to validate (a sixteenth of MAX_UPDATE_BYTES) and small enough
 * that a slow link still moves one within a few seconds; one blob (≤ 68 KiB) always fits.
 */
export const SYNC_CHUNK_BYTES = 1024 * 1024
/**
 * Records (log items) in one chunk: half of what a receiver takes in one update
 * (MAX_NEW_BLOBS_PER_UPDATE), so 1 MiB of small blobs is still several cheap messages.
 */
export const SYNC_CHUNK_RECORDS = 512

/** Whether an update goes as it is: within both bounds (its clock span counts every record it may hold). */
export function fitsOneChunk(update: Uint8Array, bound = SYNC_CHUNK_BYTES, records = SYNC_CHUNK_RECORDS): boolean {
  if (update.length > bound) return false
  const { from, to } = Y.parseUpdateMeta(update)
  let span = 0
  for (const [client, end] of to) span += end - (from.get(client) ?? 0)
  return span <= records
}

/** a client's header in an update (struct count, client id, first clock: three varuints) at most */
const SPAN_HEADER_BYTES = 15
/** the update's client count and an empty delete set */
const UPDATE_FRAME_BYTES = 6

type Struct = Item | GC
type ID = { client: number; clock: number }

/** What one chunk carries of one Yjs client: its structs from `from` to `to`. */
interface Span {
  client: number
  from: number
  to: number
}

/**
 * The updates that together are `Y.encodeStateAsUpdate(doc, stateVector)`: one when it fits in
 * `bound` bytes, else several, each ≤ `bound` unless a single struct is larger. Applied in
 * order to a doc at `stateVector`, they give the same state as the whole update.
 */
export function splitStateAsUpdate(doc: Y.Doc, stateVector?: Uint8Array, bound = SYNC_CHUNK_BYTES, maxRecords = SYNC_CHUNK_RECORDS): Uint8Array[] {
  const whole = Y.encodeStateAsUpdate(doc, stateVector)
  if (fitsOneChunk(whole, bound, maxRecords)) return [whole]
  const has = stateVector ? Y.decodeStateVector(stateVector) : new Map<number, number>()
  const store = doc.store
  /** per client: the clock up to which structs are taken into a chunk (sent or current) */
  const taken = new Map<number, number>()
  const takenOf = (client: number) => Math.max(taken.get(client) ?? 0, has.get(client) ?? 0)
  const chunks: Uint8Array[] = []
  let current = new Map<number, Span>()
  let currentBytes = UPDATE_FRAME_BYTES
  let currentRecords = 0

  const flush = () => {
    if (current.size === 0) return
    chunks.push(encodeSpans(store, [...current.values()], null))
    current = new Map()
    currentBytes = UPDATE_FRAME_BYTES
    currentRecords = 0
  }

  /** Takes `client`'s structs up to at least `upTo` and, first, whatever their origins need. */
  const take = (client: number, upTo: number) => {
    // the structs to take, with their origins resolved first (depth first, no recursion limit)
    const stack: ID[] = [{ client, clock: upTo - 1 }]
    while (stack.length > 0) {
      const target = stack[stack.length - 1]!
      const from = takenOf(target.client)
      if (target.clock < from) {
        stack.pop()
        continue
      }
      const structs = store.clients.get(target.client)
      if (!structs || from >= Y.getState(store, target.client)) {
        stack.pop()
        continue
      }
      // the next struct of that client not taken yet: its origins go first
      const index = Y.findIndexSS(structs, from)
      const struct = structs[index]!
      const needs = originsOf(struct).filter((id) => id.clock >= takenOf(id.client))
      if (needs.length > 0) {
        stack.push(...needs)
        continue
      }
      const end = struct.id.clock + struct.length
      const raw = structBytes(struct, from - struct.id.clock)
      let bytes = raw + (current.has(target.client) ? 0 : SPAN_HEADER_BYTES)
      const record = struct instanceof Item && struct.content instanceof ContentBinary ? 1 : 0
      if (current.size > 0 && (currentBytes + bytes > bound || currentRecords + record > maxRecords)) {
        flush()
        bytes = raw + SPAN_HEADER_BYTES
      }
      currentRecords += record
      const span = current.get(target.client)
      if (span) span.to = end
      else current.set(target.client, { client: target.client, from, to: end })
      currentBytes += bytes
      taken.set(target.client, end)
    }
  }

  const log = doc.share.get('log') as Y.AbstractType<unknown> | undefined
  for (let item = log?._start ?? null; item !== null; item = item.right) {
    const end = item.id.clock + item.length
    if (end > takenOf(item.id.client)) take(item.id.client, end)
  }
  // what the walk did not reach (GC structs at a client's end, anything outside `log`)
  for (const [client, structs] of store.clients) {
    const last = structs[structs.length - 1]!
    const end = last.id.clock + last.length
    if (end > takenOf(client)) take(client, end)
  }
  const deletes = deleteSetBytes(doc)
  if (current.size > 0 && currentBytes + deletes.length > bound) flush()
  chunks.push(encodeSpans(store, [...current.values()], deletes))
  return withPending(doc, chunks, stateVector)
}

/** The ids an item was integrated next to: it cannot be integrated before they are. */
function originsOf(struct: Struct): ID[] {
  if (!(struct instanceof Item)) return []
  const out: ID[] = []
  if (struct.origin) out.push(struct.origin)
  if (struct.rightOrigin) out.push(struct.rightOrigin)
  const parent = struct.parent as unknown
  // a nested type's parent is an item (no envelope has one, but the split stays general)
  if (parent instanceof Y.AbstractType && parent._item) out.push(parent._item.id)
  return out
}

function structBytes(struct: Struct, offset: number): number {
  const encoder = new Y.UpdateEncoderV1()
  struct.write(encoder, offset)
  return encoder.toUint8Array().length
}

/**
 * The doc's whole delete set, as it ends a V1 update (Yjs's writeDeleteSet, which it does not
 * export). Not cut from `encodeStateAsUpdate(doc, ownStateVector)`: that also carries what the
 * doc holds pending, so its first byte is not always "no structs", and the cut sent the rest as
 * a delete set (a relay sent clients a range of 3·10¹² items, which they then sent back).
 */
function deleteSetBytes(doc: Y.Doc): Uint8Array {
  const ds = Y.createDeleteSetFromStructStore(doc.store)
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size)
  for (const [client, ranges] of [...ds.clients.entries()].sort((a, b) => b[0] - a[0])) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const range of ranges) {
      encoder.writeDsClock(range.clock)
      encoder.writeDsLen(range.len)
    }
  }
  return encoder.toUint8Array()
}

/** A V1 update of these spans (as Yjs's writeClientsStructs does), then the delete set or an empty one. */
function encodeSpans(store: Y.Doc['store'], spans: Span[], deletes: Uint8Array | null): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, spans.length)
  // In the order the walk reached them, not by client id as Yjs writes them: the validator
  // admits records in the order it reads them (retrying what waits for a later one), and a
  // record may stop being admissible once a later one is in (a lockbox to an invite that a claim
  // then closes), so log order is the order that always admits an honest log. Yjs reads any order.
  for (const { client, from, to } of spans) {
    const structs = store.clients.get(client)!
    const first = Y.findIndexSS(structs, from)
    let last = first
    while (last + 1 < structs.length && structs[last + 1]!.id.clock < to) last++
    encoding.writeVarUint(encoder.restEncoder, last - first + 1)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, from)
    structs[first]!.write(encoder, from - structs[first]!.id.clock)
    for (let i = first + 1; i <= last; i++) structs[i]!.write(encoder, 0)
  }
  const head = encoder.toUint8Array()
  if (!deletes) {
    const out = new Uint8Array(head.length + 1)
    out.set(head)
    return out // an empty delete set: 0 clients
  }
  const out = new Uint8Array(head.length + deletes.length)
  out.set(head)
  out.set(deletes, head.length)
  return out
}

/**
 * Structs and deletes Yjs holds back for what it has not seen: the whole update includes them, so
 * the answer does, as a part of its own after the others. Not merged into the last chunk:
 * `Y.mergeUpdates` reads each update's clients in Yjs's order (descending ids) and `encodeSpans`
 * writes them in log order, so the merge silently dropped clients of the chunk (a relay holding
 * a reconnecting device's newest records pending left out whole sessions it had integrated).
 */
function withPending(doc: Y.Doc, chunks: Uint8Array[], stateVector?: Uint8Array): Uint8Array[] {
  const pending: Uint8Array[] = []
  const store = doc.store
  if (store.pendingDs) pending.push(Y.convertUpdateFormatV2ToV1(store.pendingDs))
  if (store.pendingStructs) {
    const structs = Y.convertUpdateFormatV2ToV1(store.pendingStructs.update)
    pending.push(stateVector ? Y.diffUpdate(structs, stateVector) : structs)
  }
  if (pending.length === 0) return chunks
  return [...chunks, pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending)]
}
