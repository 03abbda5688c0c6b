/**
 * R16, membership in causal order: questions about the causal index of a room state (which
 * membership record was written on which, which are concurrent, which a removal voids). Pure
 * reads; roomStateFold.ts writes the index and re-folds when a removal voids what was folded.
 *
 * Each member and consent record names, as `after`, the ids of the membership records that were
 * heads for its writer (folded, and nothing folded written on them): its causal past is those
 * records and their pasts. A record by a key that a removal (or a demotion below what the
 * record needs) revokes, written neither before nor after that removal in this sense (concurrent
 * with it), is void: it changes nothing, everywhere, whatever order the records arrive in. A
 * record written on a void one is judged as usual; if it no longer passes (its author's add was
 * void), it is left out of a stored log, not refused.
 */
import { roleAtLeast, type DecodedBlob, type Role } from './blob'
import { fromHex, toHex } from './bytes'
import { membershipId } from './records'
import { personOf, type RoomState } from './roomStateShape'

export type { CausalEntry, CausalIndex } from './roomStateShape'

export function isMembershipRecord(blob: DecodedBlob): boolean {
  return blob.kind === 'genesis' || blob.kind === 'member' || blob.kind === 'consent'
}

const afters = new WeakMap<DecodedBlob, readonly string[]>()

/** The record's `after`, hex, if it has one. */
export function afterOf(blob: DecodedBlob): readonly string[] | undefined {
  if ((blob.kind !== 'member' && blob.kind !== 'consent') || !blob.after) return undefined
  let out = afters.get(blob)
  if (out === undefined) {
    out = blob.after.map(toHex)
    afters.set(blob, out)
  }
  return out
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

/** The ids this device's next membership record names as `after` (none before the genesis). */
export function membershipHeads(state: RoomState): Uint8Array[] | undefined {
  const heads = state.causal.heads
  return heads.length > 0 ? heads.map(fromHex) : undefined
}

/** Whether every record this one names as `after` is held, so it can be placed (R16 `after-unknown`). */
export function afterKnown(state: RoomState, blob: DecodedBlob): boolean {
  const after = afterOf(blob)
  return after === undefined || after.every((id) => state.causal.byId.has(id))
}

/**
 * Whether a record with these `after`s has a record `hit` accepts in its causal past (itself
 * excluded): a walk over the `after` links, each record once, O(its past). With `collect`, every
 * record of the past is put there (when nothing is hit).
 */
function inPast(state: RoomState, from: readonly string[] | undefined, hit: (id: string) => boolean, collect?: Set<string>): boolean {
  if (from === undefined) return false
  const stack = [...from]
  const seen = collect ?? new Set<string>()
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    if (hit(id)) return true
    for (const p of state.causal.byId.get(id)?.parents ?? []) stack.push(p)
  }
  return false
}

/** The causal past of a record with these `after`s: one walk, O(its size). */
function pastOf(state: RoomState, parents: readonly string[]): Set<string> {
  const past = new Set<string>()
  inPast(state, parents, () => false, past)
  return past
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
 * R16: the id of an applied removal or demotion of the record's author that it is concurrent
 * with (and that takes what it needs), or null. Records from before R16 (no `after`) are never
 * void, and void nothing.
 */
export function voidedBy(state: RoomState, blob: DecodedBlob): string | null {
  const parents = afterOf(blob)
  if (parents === undefined) return null
  const revocations = state.causal.revocations.get(toHex(blob.author))
  if (!revocations) return null
  // the revocations were taken before this record, so none has it in its past: they are
  // concurrent unless they are in its past (one walk, however many revocations)
  const id = causalIdOf(blob)
  let past: Set<string> | undefined
  for (const rid of revocations) {
    const r = state.causal.byId.get(rid)
    if (!r || rid === id || !revokes(state, r.blob, blob)) continue
    past ??= pastOf(state, parents)
    if (!past.has(rid)) return rid
  }
  return null
}

/**
 * Two removals concurrent with each other, each of the other's author (two admins removing each
 * other at once: only a lying relay holds both), would each void the other, so the one taken
 * first would win, and devices fed different orders would disagree. The lower id wins instead:
 * whether `blob`, void by `rid`, is that one (then `rid` is void).
 */
export function winsOver(state: RoomState, blob: DecodedBlob, rid: string): boolean {
  const r = state.causal.byId.get(rid)
  return !!r && isRevocation(blob) && revokes(state, blob, r.blob) && causalIdOf(blob) < rid
}

/**
 * Whether a void record is in the record's causal past: a record that fails its check only
 * because what it was written on became void (a member added by a voided add, writing on) is
 * left out of a stored log, not a reason to refuse the log. O(its causal past).
 */
export function builtOnVoid(state: RoomState, blob: DecodedBlob): boolean {
  const voided = state.causal.voided
  return voided.size > 0 && inPast(state, afterOf(blob), (id) => voided.has(id))
}

/**
 * The applied records by the subject of `revocation` that it voids (concurrent with it, and
 * needing what it takes): when there are any, the state is re-folded without them.
 */
export function voidedByRevocation(state: RoomState, revocation: DecodedBlob): string[] {
  const rParents = afterOf(revocation)
  if (rParents === undefined || !isRevocation(revocation)) return []
  const rid = causalIdOf(revocation)
  const out: string[] = []
  // the subject's records were taken before the revocation, so none has it in its past: they
  // are concurrent unless they are in its past (one walk)
  let past: Set<string> | undefined
  for (const xid of state.causal.byAuthor.get(toHex(revocation.subject)) ?? []) {
    const x = state.causal.byId.get(xid)
    if (!x || xid === rid || state.causal.voided.has(xid) || !revokes(state, revocation, x.blob)) continue
    past ??= pastOf(state, rParents)
    if (!past.has(xid)) out.push(xid)
  }
  return out
}
