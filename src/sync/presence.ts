/**
 * Presence (who is here, cursors) rides in the y-websocket awareness channel as one field `p`:
 * a signed, encrypted presence blob. The relay sees a client id and ciphertext. Awareness lets
 * any connection write any client id's state: the relay lets a connection write only its own
 * ids with its own key's presence (server/awarenessGate.ts), and clients, who do not trust the
 * relay, verify every presence themselves (presenceBridge.ts).
 */
import { decodeBlob, type DecodedBlob } from './blob'
import { fromBase64Url, toBase64Url, toHex } from './bytes'
import { openRecord, sealRecord, verifyBlob, type Writer } from './records'
import { checkIntrinsic, isOpenInvite, type RoomState } from './roomState'
import { MAX_PRESENCE_BYTES, RuleViolation } from './rules'

export interface PresenceField {
  p: string
}

export function sealPresence(writer: Writer, plan: Uint8Array, epoch: number, key: Uint8Array, state: unknown): PresenceField {
  const plaintext = new TextEncoder().encode(JSON.stringify(state))
  return { p: toBase64Url(sealRecord(writer, plan, epoch, key, { kind: 'presence' }, plaintext)) }
}

export type PresenceBlob = DecodedBlob & { kind: 'presence' }

/**
 * R11, the cheap part: the awareness state is `{ p }` holding a presence blob that decodes and
 * names this plan. No signature is checked, so a caller can drop duplicates and replays first.
 */
export function readPresence(planIdHex: string, awarenessState: unknown): PresenceBlob {
  try {
    const blob = decodePresence(awarenessState)
    checkIntrinsic(planIdHex, blob, true)
    return blob
  } catch (err) {
    if (err instanceof RuleViolation) throw err
    throw new RuleViolation('R11', 'presence-malformed', (err as Error).message)
  }
}

/** R11: who may be present in this plan, by their key: a member or an open invite. */
export function mayBePresent(state: RoomState, authorHex: string, now: number): boolean {
  return state.members.has(authorHex) || isOpenInvite(state, authorHex, now)
}

/** The author and session of a presence, as one key: what seqs are counted per. */
export function presenceSession(blob: PresenceBlob): string {
  return `${toHex(blob.author)}:${toHex(blob.session)}`
}

/** R11. `null` (a client leaving) is always fine. Cheap checks first, the signature last. */
export function validatePresence(state: RoomState, awarenessState: unknown, now: number): RuleViolation | null {
  if (awarenessState === null) return null
  try {
    const blob = readPresence(state.planIdHex, awarenessState)
    if (!mayBePresent(state, toHex(blob.author), now)) {
      return new RuleViolation('R11', 'presence-forbidden', 'presence from someone who is not in this plan')
    }
    if (!verifyBlob(blob)) return new RuleViolation('R3', 'bad-signature', 'signature does not verify')
    return null
  } catch (err) {
    if (err instanceof RuleViolation) return err
    return new RuleViolation('R11', 'presence-malformed', (err as Error).message)
  }
}

function decodePresence(awarenessState: unknown): PresenceBlob {
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

/**
 * Opens a peer's presence read by `readPresence`: its author must be in the plan, then one
 * signature check and one decryption. Returns null for anything that does not verify or open.
 */
export function openPresence(room: RoomState, blob: PresenceBlob, keyForEpoch: (epoch: number) => Uint8Array | undefined, now: number): OpenedPresence | null {
  const author = toHex(blob.author)
  if (!mayBePresent(room, author, now)) return null
  try {
    const plaintext = openRecord(blob, keyForEpoch)
    return { author, session: toHex(blob.session), seq: blob.seq, state: JSON.parse(new TextDecoder().decode(plaintext)) }
  } catch {
    return null
  }
}
