/**
 * R15, the per-session hash chain: every v2 record after its session's first names the chain
 * hash of its session's previous record (`prev`), and a snapshot's covers name the hash of the
 * record each covers up to. The relay and every client refuse a record that contradicts a record
 * of the same session they hold (its predecessor's hash differs, or its successor names another
 * hash), and a snapshot whose cover hash contradicts one they know. Two signed records that
 * disagree this way are a fork: `ChainViolation` carries both, as the proof a client keeps.
 */
import * as Y from 'yjs'
import { ContentBinary, Item } from 'yjs'
import { CHAIN_HASH_BYTES, MAX_VIEW_SESSIONS, type DecodedBlob, type Head } from './blob'
import { fromHex, toHex } from './bytes'
import { coverReach } from './coverIndex'
import { setIn, type Journal } from './journal'
import { chainHashOf } from './records'
import { parseItemId, sessionKeyOf, tripleOf, type ChainLink, type RoomState } from './roomStateShape'
import { RuleViolation } from './rules'

/** A cover written without knowing its record's hash (the session's records were v1): all zeros. */
export const UNKNOWN_HASH_HEX = '00'.repeat(CHAIN_HASH_BYTES)

/** Two signed records (or a record and a snapshot's cover of it) that cannot both be a session's history. */
export interface ForkProof {
  /** hex author and session of the forked session */
  author: string
  session: string
  seq: number
  /** the signed blobs that contradict each other, as they arrived: anyone can verify them */
  records: Uint8Array[]
}

export class ChainViolation extends RuleViolation {
  constructor(
    code: 'chain-broken' | 'cover-hash' | 'fork',
    message: string,
    readonly proof: ForkProof,
  ) {
    super('R15', code, message)
    this.name = 'ChainViolation'
  }
}

/** The link a record makes: its own hash and the predecessor it names. */
export function linkOf(blob: DecodedBlob): ChainLink {
  const hash = toHex(chainHashOf(blob.signed))
  return blob.prev ? { hash, prev: toHex(blob.prev) } : { hash }
}

/**
 * Takes a record's link into the state (from `markSeen`), and for a snapshot's part 0 the hash
 * of every covered record it does not know yet: a cover vouches for what it deletes.
 */
export function linkRecord(state: RoomState, blob: DecodedBlob, link: ChainLink, journal?: Journal): void {
  setIn(journal, state.chain, tripleOf(blob), link)
  if (blob.kind !== 'snapshot' || blob.part !== 0) return
  for (const c of blob.covers) {
    if (!c.hash) continue
    const hash = toHex(c.hash)
    const triple = `${sessionKeyOf(c.author, c.session)}:${c.seq}`
    if (hash === UNKNOWN_HASH_HEX || state.chain.has(triple)) continue
    setIn(journal, state.chain, triple, { hash, cover: true })
  }
}

interface Candidate {
  blob: DecodedBlob
  itemId: string
}

/**
 * R15 for the new records of one update, against the state and each other; after their
 * signatures were verified (a proof is made of signed records). O(records + covers), one hash per
 * record. Returns each candidate's link, for `markSeen`.
 */
export function checkChain(state: RoomState, envelope: Y.Doc, candidates: readonly Candidate[]): Map<string, ChainLink> {
  const links = new Map<string, ChainLink>()
  const bytesOf = new Map<string, Uint8Array>()
  for (const c of candidates) {
    const triple = tripleOf(c.blob)
    links.set(triple, linkOf(c.blob))
    bytesOf.set(triple, c.blob.bytes)
  }
  const at = (triple: string) => links.get(triple) ?? state.chain.get(triple)
  const proofOf = (blob: DecodedBlob, other: string, seq: number): ForkProof => {
    const records = [blob.bytes]
    const theirs = bytesOf.get(other) ?? heldBytes(state, envelope, other)
    if (theirs) records.push(theirs)
    return { author: toHex(blob.author), session: toHex(blob.session), seq, records }
  }
  for (const c of candidates) {
    const { blob } = c
    const session = sessionKeyOf(blob.author, blob.session)
    const own = links.get(tripleOf(blob))!
    if (own.prev !== undefined) {
      const before = `${session}:${blob.seq - 1}`
      const link = at(before)
      if (link && link.hash !== own.prev) {
        throw new ChainViolation('chain-broken', 'the previous record of this session is another', proofOf(blob, before, blob.seq - 1))
      }
    }
    const after = `${session}:${blob.seq + 1}`
    const next = at(after)
    if (next?.prev !== undefined && next.prev !== own.hash) {
      throw new ChainViolation('chain-broken', 'the next record of this session names another', proofOf(blob, after, blob.seq))
    }
    if (blob.kind === 'snapshot' && blob.part === 0) {
      for (const cover of blob.covers) {
        if (!cover.hash) continue
        const hash = toHex(cover.hash)
        if (hash === UNKNOWN_HASH_HEX) continue
        const triple = `${sessionKeyOf(cover.author, cover.session)}:${cover.seq}`
        const link = at(triple)
        if (link && link.hash !== hash) {
          const proof = proofOf(blob, triple, cover.seq)
          throw new ChainViolation('cover-hash', 'a snapshot covers another record than the one held', {
            ...proof,
            author: toHex(cover.author),
            session: toHex(cover.session),
          })
        }
      }
    }
  }
  return links
}

/** The bytes of a record the envelope holds live, by its triple (for a proof); null when gone. */
export function heldBytes(state: RoomState, envelope: Y.Doc, triple: string): Uint8Array | null {
  const itemId = state.seen.get(triple)
  if (itemId === undefined) return null
  const { client, clock } = parseItemId(itemId)
  const structs = envelope.store.clients.get(client)
  if (!structs) return null
  let index: number
  try {
    index = Y.findIndexSS(structs, clock)
  } catch {
    return null
  }
  const struct = structs[index]
  if (!(struct instanceof Item) || struct.deleted || !(struct.content instanceof ContentBinary)) return null
  return struct.content.content
}

/**
 * The writer's view (seen-heads): for each session this device holds records of beyond what the
 * snapshots it holds cover, the last seq and its hash. Covered sessions need no entry: the
 * snapshot's covers name their hashes, and the snapshot is itself a record of a session in the
 * view (until a later snapshot covers it). So a view lists what was written since the last
 * compaction: a handful of sessions, at most MAX_VIEW_SESSIONS (the highest seqs first).
 * O(sessions seen) with an O(1) cover lookup each.
 */
export function viewOf(state: RoomState, max = MAX_VIEW_SESSIONS): Head[] {
  const heads: Head[] = []
  for (const [session, seq] of state.highestSeq) {
    if (seq <= coverReach(state.coverIndex, session)) continue
    const link = state.chain.get(`${session}:${seq}`)
    if (!link) continue
    const cut = session.indexOf(':')
    heads.push({ author: fromHex(session.slice(0, cut)), session: fromHex(session.slice(cut + 1)), seq, hash: fromHex(link.hash) })
  }
  if (heads.length > max) {
    heads.sort((a, b) => b.seq - a.seq)
    heads.length = max
  }
  return heads
}

/** The hash a new cover of `session` up to `seq` names (zeros when only a v1 cover knew it). */
export function coverHash(state: RoomState, session: string, seq: number): Uint8Array {
  const link = state.chain.get(`${session}:${seq}`)
  return fromHex(link ? link.hash : UNKNOWN_HASH_HEX)
}
