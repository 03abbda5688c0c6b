/**
 * Who may open a room (DESIGN §5.1): a fresh, signed, single-use token for a key that is a
 * member or an open invite of the plan, or anyone to a plan not created yet (its genesis will
 * have to prove the plan id). Cheapest checks first: the signature, then for a plan that does not
 * exist the new-plan limit (before a room is loaded), then membership; the nonce is burnt last,
 * only for a key that is admitted, so a token works once, also across a restart.
 */
import { verifyAuthToken } from '../src/sync/authToken'
import { toHex } from '../src/sync/bytes'
import { inviteStateOfRefusal, type InviteState } from '../src/sync/inviteCheck'
import { roleAtLeast } from '../src/sync/blob'
import { CLOSE, type ErasedNotice } from '../src/sync/protocol'
import { accessEnded, consentBlocks, isOpenInvite, mayConnect, type Invite } from '../src/sync/roomState'
import type { AdmittedAs } from './peer'
import type { KeyedBuckets, NewRoomLimiter } from './rateLimit'
import type { Room } from './room'
import type { Rooms } from './rooms'
import type { RelayStore } from './storage/types'

export type Admission =
  | { ok: true; key: string; as: AdmittedAs; room: Room }
  | { ok: false; close: number; code: string /** R20: told before the close, so a device can check and erase its copy */; erased?: ErasedNotice }

export interface AdmissionDeps {
  store: RelayStore
  rooms: Rooms
  newRooms: NewRoomLimiter
}

export async function admit(deps: AdmissionDeps, planId: Uint8Array, token: string | null, address: string): Promise<Admission> {
  if (!token) return { ok: false, close: CLOSE.authFailed, code: 'token-missing' }
  const now = Date.now()
  const check = verifyAuthToken(token, planId, now)
  if (!check.ok) return { ok: false, close: CLOSE.authFailed, code: check.code }
  const key = toHex(check.key)
  const planHex = toHex(planId)
  // R20: an erased plan's id is refused forever, whoever asks (one lookup by primary key)
  const tombstone = await deps.store.tombstone(planHex)
  if (tombstone) return erasedRefusal(tombstone.erasedAt, tombstone.proof)
  // a plan nobody created yet: the new-plan limit comes before anything is loaded or written,
  // so a flood of self-signed tokens for random plans costs one lookup each, no room, no nonce
  if (!deps.rooms.has(planHex) && !(await deps.store.planExists(planHex)) && !deps.newRooms.allow(address, key, planHex, now)) {
    return tooManyNewPlans
  }
  const room = await openCurrent(deps.rooms, planId)
  // erased while this socket was being admitted (the room finishes what its log says)
  if (room.erasure) {
    deps.rooms.release(room)
    return erasedRefusal(room.erasure.erasedAt, room.erasure.proof)
  }
  const refusal = refuseKey(room, key, address, deps.newRooms, now)
  if (refusal) {
    deps.rooms.release(room)
    return refusal
  }
  // only a key that will be admitted burns its nonce (an fsync'd insert)
  if (!(await deps.store.useNonce(`${key}:${check.nonce}`, check.expiresAt))) {
    deps.rooms.release(room)
    return { ok: false, close: CLOSE.authFailed, code: 'token-replayed' }
  }
  return { ok: true, key, as: admittedAs(room, key), room }
}

/**
 * The plan's room, caught up with what other relays stored (one indexed query when it is
 * current), so a member another relay removed a moment ago is refused here too.
 */
export async function openCurrent(rooms: Rooms, planId: Uint8Array): Promise<Room> {
  let room = await rooms.open(planId)
  try {
    await room.run(() => room.catchUp())
    if (room.broken) {
      // what another relay stored did not fold in: a fresh load from the store holds it
      rooms.release(room)
      room = await rooms.open(planId)
    }
  } catch (err) {
    rooms.release(room)
    throw err
  }
  return room
}

export type MemberAdmission = { ok: true; key: string; room: Room } | { ok: false; status: number; code: string }

/**
 * A member's HTTP request (attachment pieces, a push subscription): the same fresh, single-use token as a
 * socket, for a member of a plan that exists, not shut out (R12, R13). Writing a piece takes the
 * role that writes content (at least `contributor`, R5); asking for a push nudge takes the role
 * that writes afspraken and meetings for others (`edit`: at least `editor`, P1); reading takes
 * membership. A stranger hears 403 whether the plan exists or not. Release the room after the request.
 */
export async function admitMemberRequest(
  deps: Pick<AdmissionDeps, 'store' | 'rooms'> & { perKey: KeyedBuckets },
  planId: Uint8Array,
  token: string | null,
  need: 'read' | 'write' | 'edit',
): Promise<MemberAdmission> {
  if (!token) return { ok: false, status: 401, code: 'token-missing' }
  const now = Date.now()
  const check = verifyAuthToken(token, planId, now)
  if (!check.ok) return { ok: false, status: 401, code: check.code }
  const key = toHex(check.key)
  // before any lookup or write: a member cannot make the relay burn nonces (an fsync each) at will
  if (!deps.perKey.take(key, now)) return { ok: false, status: 429, code: 'rate-limited' }
  if (!deps.rooms.has(toHex(planId)) && !(await deps.store.planExists(toHex(planId)))) return { ok: false, status: 403, code: 'not-a-member' }
  const room = await openCurrent(deps.rooms, planId)
  const role = room.state.members.get(key)
  const refusal = !role
    ? 'not-a-member'
    : !mayConnect(room.state, key, now)
      ? refusalOf(room, key, now)
      : (need === 'write' && !roleAtLeast(role, 'contributor')) || (need === 'edit' && !roleAtLeast(role, 'editor'))
        ? 'role-forbidden'
        : null
  if (refusal) {
    deps.rooms.release(room)
    return { ok: false, status: 403, code: refusal }
  }
  if (!(await deps.store.useNonce(`${key}:${check.nonce}`, check.expiresAt))) {
    deps.rooms.release(room)
    return { ok: false, status: 401, code: 'token-replayed' }
  }
  return { ok: true, key, room }
}

export type InviteCheck = { ok: true; state: InviteState } | { ok: false; code: string }

/**
 * What the holder of an invite link learns before it makes a profile (GET /sync/<planId>/invite):
 * the state of the invite whose key signed the token, judged by admit()'s own checks in its
 * order. It costs no more than an admission: the signature first, a plan that does not exist is
 * answered without loading or counting anything, and only an open invite burns its nonce (so the
 * token cannot be replayed on a WebSocket). A plan that does not exist, a key that is no invite
 * (a member's, a made-up one) and an invite shut out for another reason all answer 'unknown'.
 */
export async function checkInvite(deps: Pick<AdmissionDeps, 'store' | 'rooms'>, planId: Uint8Array, token: string | null): Promise<InviteCheck> {
  if (!token) return { ok: false, code: 'token-missing' }
  const now = Date.now()
  const check = verifyAuthToken(token, planId, now)
  if (!check.ok) return { ok: false, code: check.code }
  const key = toHex(check.key)
  const planHex = toHex(planId)
  if (!deps.rooms.has(planHex) && !(await deps.store.planExists(planHex))) return unknownInvite
  const room = await openCurrent(deps.rooms, planId)
  try {
    if (admittedAs(room, key) !== 'invite') return unknownInvite
    const refusal = refusalOf(room, key, now)
    if (refusal) return { ok: true, state: inviteStateOfRefusal(refusal) }
    if (!(await deps.store.useNonce(`${key}:${check.nonce}`, check.expiresAt))) return { ok: false, code: 'token-replayed' }
    return { ok: true, state: 'open' }
  } finally {
    deps.rooms.release(room)
  }
}

const unknownInvite = { ok: true, state: 'unknown' } as const

function erasedRefusal(erasedAt: number, proof: Uint8Array[]): Admission {
  return { ok: false, close: CLOSE.erased, code: 'plan-erased', erased: { erasedAt, proof } }
}

const tooManyNewPlans = { ok: false, close: CLOSE.rateLimited, code: 'too-many-new-plans' } as const

function admittedAs(room: Room, key: string): AdmittedAs {
  return !room.state.genesis ? 'creator' : room.state.members.has(key) ? 'member' : 'invite'
}

/** Why `key` may not join `room` now, or null when it may. */
function refuseKey(room: Room, key: string, address: string, newRooms: NewRoomLimiter, now: number): Admission | null {
  const code = refusalOf(room, key, now)
  if (code) return { ok: false, close: CLOSE.forbidden, code }
  // a room in memory without its genesis yet (being created, maybe by another address or key):
  // counted like any new plan (allow() admits a plan already counted for this address and key)
  if (admittedAs(room, key) === 'creator' && !newRooms.allow(address, key, room.planHex, now)) return tooManyNewPlans
  return null
}

/** The code a key that may not be in `room` now is refused with, or null when it may. */
function refusalOf(room: Room, key: string, now: number): string | null {
  const as = admittedAs(room, key)
  if (mayConnect(room.state, key, now) && (as !== 'invite' || isOpenInvite(room.state, key, now))) return null
  // a guest whose time is over hears so, also once an admin removed it (R13)
  return consentBlocks(room.state, key, now)
    ? 'consent-missing'
    : accessEnded(room.state, key, now)
      ? 'access-expired'
      : refusalCode(room.state.invites.get(key), now)
}

/** An invite key that is no longer open says why, so the invitee reads "already used", not "unknown". */
function refusalCode(invite: Invite | undefined, now: number): string {
  if (!invite) return 'not-a-member'
  if (invite.withdrawn) return 'invite-withdrawn'
  if (invite.claimedBy) return 'invite-used'
  if (invite.expiresAt <= now) return 'invite-expired'
  return 'not-a-member'
}
