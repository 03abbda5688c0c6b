/**
 * Loading: the room state of a plan rebuilt from its stored envelope (the relay's room on first
 * use, a client opening a plan), and the envelope's live blobs it reads.
 */
import type * as Y from 'yjs'
import { ContentBinary } from 'yjs'
import { admitRecords } from './admit'
import { BlobFormatError, decodeBlob, type DecodedBlob } from './blob'
import { toHex } from './bytes'
import { checkIntrinsic } from './recordChecks'
import { preverifyBlobs } from './records'
import { markSeen } from './roomStateFold'
import { createRoomState, parseItemId, type RoomState } from './roomStateShape'
import { RuleViolation } from './rules'

/**
 * Rebuilds the state from a stored envelope. Records are admitted in dependency order
 * (admitRecords: a claim listed before its invite waits for it), so a log merged in another
 * order yields the same membership, in time linear in the log. `signaturesChecked`: ids of
 * items whose signature was verified already (preverifiedItems), so opening a large plan need
 * not verify hundreds of signatures on the main thread. `report`, when given, says how many
 * checks it took and how many records were left out (never admissible, or past the budget).
 */
export function loadRoomState(
  planId: Uint8Array,
  envelope: Y.Doc,
  seen?: Iterable<[string, string]>,
  signaturesChecked: ReadonlySet<string> = new Set(),
  report?: { checks: number; leftOut: number },
): RoomState {
  const state = createRoomState(planId, seen)
  const intact: { blob: DecodedBlob; itemId: string }[] = []
  for (const live of liveBlobs(envelope)) {
    try {
      checkIntrinsic(state.planIdHex, live.blob, signaturesChecked.has(live.itemId))
    } catch (err) {
      // a stored blob that breaks a rule here was never admitted by this code: leave it out;
      // anything else is a bug and must not be hidden as a record left out
      if (!(err instanceof RuleViolation)) throw err
      continue
    }
    intact.push(live)
  }
  bindClientIds(state, intact)
  const blobs: DecodedBlob[] = []
  for (const { blob, itemId } of intact) {
    // R14: a record under a client id another author wrote under first is left out, not loaded
    if (state.clientAuthors.get(parseItemId(itemId).client) !== toHex(blob.author)) continue
    markSeen(state, blob, itemId)
    blobs.push(blob)
  }
  // far in the past: a claim that was valid when accepted must not fail now that its invite expired
  const result = admitRecords(state, blobs, (b) => b, { now: 0, historicContent: true })
  if (report) {
    report.checks = result.checks
    report.leftOut = result.refused.length
  }
  return state
}

/**
 * R14 for a stored log: a client id nobody holds yet (the relay's seen index binds every one it
 * ever admitted, compacted ones included) goes to the author of its live record with the lowest
 * clock, the first in write order. Log order would not do: a crafted item may sit left of an
 * earlier one of its client. A client loading a compacted log cannot know who had a client id
 * whose records are all compacted: it stays unbound, and the next author under it takes it.
 */
function bindClientIds(state: RoomState, live: ReadonlyArray<{ blob: DecodedBlob; itemId: string }>): void {
  const first = new Map<number, { clock: number; author: Uint8Array }>()
  for (const { blob, itemId } of live) {
    const { client, clock } = parseItemId(itemId)
    if (state.clientAuthors.has(client)) continue
    const known = first.get(client)
    if (!known || clock < known.clock) first.set(client, { clock, author: blob.author })
  }
  for (const [client, { author }] of first) state.clientAuthors.set(client, toHex(author))
}

/** Ids of the envelope's items whose signatures WebCrypto verified, for loadRoomState. */
export async function preverifiedItems(envelope: Y.Doc): Promise<Set<string>> {
  const live = [...liveBlobs(envelope)]
  const ok = await preverifyBlobs(live.map(({ blob }) => blob))
  return new Set(live.filter((_, i) => ok[i]).map(({ itemId }) => itemId))
}

/** Every blob in the envelope's `log` that is not deleted, with the id of the item carrying it. */
export function* liveBlobs(envelope: Y.Doc): Generator<{ blob: DecodedBlob; itemId: string }> {
  let item = envelope.getArray<Uint8Array>('log')._start
  for (; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof ContentBinary)) continue
    try {
      yield { blob: decodeBlob(item.content.content), itemId: `${item.id.client}:${item.id.clock}` }
    } catch (err) {
      // a stored blob that no longer decodes was never admitted by this code: skip, do not crash
      if (!(err instanceof BlobFormatError)) throw err
    }
  }
}
