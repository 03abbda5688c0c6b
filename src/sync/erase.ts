/**
 * R20: erasure on request. A parent with gezag (or the youth from 16) asks for it, an admin
 * confirms it, each in a signed `erase` record of the plan's log, in either order; the two
 * together erase the plan: the relay deletes it and keeps a tombstone, every device deletes its
 * keys and copy. Nobody erases a plan alone: the halves must come from two people.
 *
 * Whether a pair is complete depends only on the records (their signed times), never on a clock,
 * so the relay and every device, whatever order they get the records in, agree.
 */
import { CONSENTING_PARTIES, roleAtLeast, type DecodedBlob, type EraseOp, type Role } from './blob'
import { setField, setIn, type Journal } from './journal'
import { personOf, type RoomState } from './roomStateShape'
import { RuleViolation } from './rules'

/** the two halves count together only when signed at most this far apart: an old request lapses */
export const ERASE_PAIR_WINDOW_MS = 30 * 24 * 60 * 60_000
/** a new half must be signed this close to the relay's (or the judging device's) clock: no backdating into a window */
export const ERASE_CLOCK_SKEW_MS = 5 * 60_000

/** The newest half each (op, key) wrote: what a pair is looked for among. */
export interface EraseHalf {
  op: EraseOp
  author: string
  at: number
  /** the signed record, kept as the tombstone's proof */
  bytes: Uint8Array
}

/** A complete erasure: when (the later half's time), and who asked and who confirmed. */
export interface Erasure {
  at: number
  requestedBy: string
  confirmedBy: string
  /** the two signed records, request first: what a device checks before it deletes anything */
  proof: [Uint8Array, Uint8Array]
}

/** Which role a key needs for each half; a request needs a consenting party instead. */
const CONFIRM_ROLE: Role = 'admin'

/**
 * Whether `author` may write this half now. A request: a member whose party is gezag or youth16,
 * whatever its role (a parent who only reads may ask); a confirm: an admin. A new half is signed
 * near `now`; what a relay already holds was judged when it came (historic: the highest role
 * its author ever had, no clock).
 */
export function checkErase(
  state: RoomState,
  blob: DecodedBlob & { kind: 'erase' },
  author: string,
  role: Role | undefined,
  now: number,
  historic: boolean,
): void {
  if (blob.op === 'request') {
    const party = state.parties.get(author)
    const member = historic ? state.everRoles.has(author) : role !== undefined
    if (!member || party === undefined || !CONSENTING_PARTIES.includes(party)) {
      throw new RuleViolation('R20', 'erase-forbidden', 'only a parent with gezag or the youth from 16 asks to erase a plan')
    }
  } else {
    const judgedBy = historic ? state.everRoles.get(author) : role
    if (!roleAtLeast(judgedBy, CONFIRM_ROLE)) throw new RuleViolation('R20', 'erase-forbidden', 'only an admin confirms an erasure')
  }
  if (!historic && Math.abs(blob.at - now) > ERASE_CLOCK_SKEW_MS) {
    throw new RuleViolation('R20', 'erase-clock', 'an erase record is signed at the time it is written')
  }
}

/**
 * The fold of one admitted half: kept as its author's newest of that op, and paired with the
 * other op's halves of other people signed within the window. The first pair erases the plan;
 * later halves change nothing. O(halves held), at most two per key.
 */
export function foldErase(state: RoomState, blob: DecodedBlob & { kind: 'erase' }, author: string, j: Journal | undefined): void {
  const key = `${blob.op}:${author}`
  const before = state.eraseHalves.get(key)
  if (before && before.at >= blob.at) return
  const half: EraseHalf = { op: blob.op, author, at: blob.at, bytes: blob.bytes.slice() }
  setIn(j, state.eraseHalves, key, half)
  if (state.erasure) return
  for (const other of state.eraseHalves.values()) {
    if (other.op === half.op || personOf(state, other.author) === personOf(state, author)) continue
    if (Math.abs(other.at - half.at) > ERASE_PAIR_WINDOW_MS) continue
    const [request, confirm] = half.op === 'request' ? [half, other] : [other, half]
    setField(j, state, 'erasure', {
      at: Math.max(request.at, confirm.at),
      requestedBy: request.author,
      confirmedBy: confirm.author,
      proof: [request.bytes, confirm.bytes],
    })
    return
  }
}

/** The half of an erasure this key has signed and that still waits for the other (for "Wissen aangevraagd"). */
export function pendingHalves(state: RoomState): EraseHalf[] {
  return state.erasure ? [] : [...state.eraseHalves.values()]
}
