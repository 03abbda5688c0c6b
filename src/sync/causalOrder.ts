/**
 * R15, membership in causal order: questions about the causal index of a room state (which
 * membership record was written on which, which are concurrent, which a removal voids). Pure
 * reads; roomStateFold.ts writes the index and re-folds when a removal voids what was folded.
 *
 * Each member and consent record names, as `after`, the id of the membership record its writer
 * had folded last: its causal past is that record and its past. A record by a key that a
 * removal (or a demotion below what the record needs) revokes, written neither before nor after
 * that removal in this sense (concurrent with it), is void: it changes nothing, everywhere,
 * whatever order the records arrive in. A record written on a void one is judged as usual; if
 * it no longer passes (its author's add was void), it is left out, not refused.
 */
import { roleAtLeast, type DecodedBlob, type Role } from './blob'
import { fromHex, toHex } from './bytes'
import { membershipId } from './records'
import { personOf, type RoomState } from './roomStateShape'

export type { CausalEntry, CausalIndex } from './roomStateShape'

export function isMembershipRecord(blob: DecodedBlob): boolean {
  return blob.kind === 'genesis' || blob.kind === 'member' || blob.kind === 'consent'
}

/** The record's `after`, hex, if it has one. */
export function afterOf(blob: DecodedBlob): string | undefined {
  return (blob.kind === 'member' || blob.kind === 'consent') && blob.after ? toHex(blob.after) : undefined
}

const ids = new WeakMap<DecodedBlob, string>()

/** The hex id of a membership record (`membershipId`), hashed once per decoded blob. */
export function causalIdOf(blob: DecodedBlob): string {
  let id = ids.get(blob)
  if (id === undefined) {
    id = toHex(membershipId(blob))
    ids.set(blob, id)
  }
  return id
}

/** The id this device's next membership record names as `after` (none before the genesis). */
export function membershipHead(state: RoomState): Uint8Array | undefined {
  const head = state.causal.head
  return head ? fromHex(head) : undefined
}

/** Whether the record this `after` names is held, so the record can be placed (R15 `after-unknown`). */
export function afterKnown(state: RoomState, blob: DecodedBlob): boolean {
  const after = afterOf(blob)
  return after === undefined || state.causal.byId.has(after)
}

/** Whether `target` is `from` or in its past (walks the `after` chain: O(its length)). */
function reaches(state: RoomState, from: string | undefined, target: string): boolean {
  for (let cur = from; cur !== undefined; cur = state.causal.byId.get(cur)?.parent) if (cur === target) return true
  return false
}

/** Neither was written on the other. `aParent`/`bParent`: their `after`s (a record being judged is not in the index yet). */
function concurrent(state: RoomState, a: string, aParent: string | undefined, b: string, bParent: string | undefined): boolean {
  return !reaches(state, aParent, b) && !reaches(state, bParent, a)
}

/**
 * The least role a membership record needs of its author; null: no removal voids it (a genesis,
 * a claim, whose author was no member before, and leaving: removing oneself or one's own device).
 */
function neededRole(state: RoomState, blob: DecodedBlob): Role | null {
  const author = toHex(blob.author)
  if (blob.kind === 'consent') return 'reader'
  if (blob.kind !== 'member') return null
  const subject = toHex(blob.subject)
  switch (blob.op) {
    case 'claim':
      return null
    case 'remove':
      return personOf(state, subject) === personOf(state, author) ? null : 'admin'
    case 'device':
      return blob.role
    case 'withdraw': {
      const invite = state.invites.get(subject)
      return invite?.forDevice && invite.by === author ? 'reader' : 'admin'
    }
    default:
      return 'admin'
  }
}

/** Whether `revocation` (a remove or role record) takes from `blob`'s author what `blob` needs. */
function revokes(state: RoomState, revocation: DecodedBlob, blob: DecodedBlob): boolean {
  if (revocation.kind !== 'member' || toHex(revocation.subject) !== toHex(blob.author)) return false
  const needed = neededRole(state, blob)
  if (needed === null) return false
  if (revocation.op === 'remove') return true
  return revocation.op === 'role' && !roleAtLeast(revocation.role, needed)
}

export function isRevocation(blob: DecodedBlob): blob is DecodedBlob & { kind: 'member' } {
  return blob.kind === 'member' && (blob.op === 'remove' || blob.op === 'role')
}

/**
 * R15: the id of an applied removal or demotion of the record's author that it is concurrent
 * with (and that takes what it needs), or null. Records from before R15 (no `after`) are never
 * void, and void nothing.
 */
export function voidedBy(state: RoomState, blob: DecodedBlob): string | null {
  const parent = afterOf(blob)
  if (parent === undefined) return null
  const id = causalIdOf(blob)
  for (const rid of state.causal.revocations.get(toHex(blob.author)) ?? []) {
    const r = state.causal.byId.get(rid)
    if (!r || rid === id || !revokes(state, r.blob, blob)) continue
    if (concurrent(state, id, parent, rid, r.parent)) return rid
  }
  return null
}

/**
 * Whether a void record is in the record's causal past: a record that fails its check only
 * because what it was written on became void (a member added by a voided add, writing on) is
 * left out of a stored log, not a reason to refuse the log. O(its `after` chain).
 */
export function builtOnVoid(state: RoomState, blob: DecodedBlob): boolean {
  const voided = state.causal.voided
  if (voided.size === 0) return false
  for (let cur = afterOf(blob); cur !== undefined; cur = state.causal.byId.get(cur)?.parent) if (voided.has(cur)) return true
  return false
}

/**
 * The applied records by the subject of `revocation` that it voids (concurrent with it, and
 * needing what it takes): when there are any, the state is re-folded without them.
 */
export function voidedByRevocation(state: RoomState, revocation: DecodedBlob): string[] {
  const rParent = afterOf(revocation)
  if (rParent === undefined || !isRevocation(revocation)) return []
  const rid = causalIdOf(revocation)
  const out: string[] = []
  for (const xid of state.causal.byAuthor.get(toHex(revocation.subject)) ?? []) {
    const x = state.causal.byId.get(xid)
    if (!x || xid === rid || state.causal.voided.has(xid) || !revokes(state, revocation, x.blob)) continue
    if (concurrent(state, xid, x.parent, rid, rParent)) out.push(xid)
  }
  return out
}
