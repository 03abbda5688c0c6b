/**
 * Presence (who is here, cursors) rides in the y-websocket awareness channel as one field `p`:
 * a signed, encrypted presence blob. The relay sees a client id and ciphertext; since awareness
 * lets any connection write any client id's state, both relay and clients verify it.
 */
import { decodeBlob, type DecodedBlob } from './blob'
import { fromBase64Url, toBase64Url, toHex } from './bytes'
import { openRecord, sealRecord, type Writer } from './records'
import { checkIntrinsic, isOpenInvite, type RoomState } from './roomState'
import { MAX_PRESENCE_BYTES, RuleViolation } from './rules'

export interface PresenceField {
  p: string
}

export function sealPresence(writer: Writer, plan: Uint8Array, epoch: number, key: Uint8Array, state: unknown): PresenceField {
  const plaintext = new TextEncoder().encode(JSON.stringify(state))
  return { p: toBase64Url(sealRecord(writer, plan, epoch, key, { kind: 'presence' }, plaintext)) }
}

/** R11. `null` (a client leaving) is always fine. */
export function validatePresence(state: RoomState, awarenessState: unknown, now: number): RuleViolation | null {
  if (awarenessState === null) return null
  try {
    const blob = decodePresence(awarenessState)
    checkIntrinsic(state.planIdHex, blob)
    const author = toHex(blob.author)
    if (!state.members.has(author) && !isOpenInvite(state, author, now)) {
      return new RuleViolation('R11', 'presence-forbidden', 'presence from someone who is not in this plan')
    }
    return null
  } catch (err) {
    if (err instanceof RuleViolation) return err
    return new RuleViolation('R11', 'presence-malformed', (err as Error).message)
  }
}

function decodePresence(awarenessState: unknown): DecodedBlob & { kind: 'presence' } {
  if (typeof awarenessState !== 'object' || awarenessState === null) throw new Error('presence must be an object')
  const keys = Object.keys(awarenessState)
  const p = (awarenessState as Record<string, unknown>).p
  if (keys.length !== 1 || typeof p !== 'string') throw new Error('presence holds only the field p')
  if (p.length > (MAX_PRESENCE_BYTES * 4) / 3 + 4) throw new RuleViolation('R9', 'presence-too-large', 'presence is too large')
  const blob = decodeBlob(fromBase64Url(p))
  if (blob.kind !== 'presence') throw new Error('not a presence blob')
  return blob
}

export interface OpenedPresence {
  author: string
  session: string
  seq: number
  state: unknown
}

/** Verifies and opens a peer's presence; returns null for anything that does not verify. */
export function openPresence(
  room: RoomState,
  awarenessState: unknown,
  keyForEpoch: (epoch: number) => Uint8Array | undefined,
  now: number,
): OpenedPresence | null {
  if (validatePresence(room, awarenessState, now) !== null || awarenessState === null) return null
  try {
    const blob = decodePresence(awarenessState)
    const plaintext = openRecord(blob, keyForEpoch, true)
    return {
      author: toHex(blob.author),
      session: toHex(blob.session),
      seq: blob.seq,
      state: JSON.parse(new TextDecoder().decode(plaintext)),
    }
  } catch {
    return null
  }
}
