/**
 * Who may open a room (DESIGN §5.1): a fresh, signed, single-use token for a key that is a
 * member or an open invite of the plan, or anyone to a plan not created yet (its genesis will
 * have to prove the plan id). The nonce is burnt once the signature checks out, so a token
 * works once, also across a restart.
 */
import { verifyAuthToken } from '../src/sync/authToken'
import { toHex } from '../src/sync/bytes'
import { CLOSE } from '../src/sync/protocol'
import { accessEnded, consentBlocks, isOpenInvite, mayConnect, type Invite } from '../src/sync/roomState'
import type { AdmittedAs } from './peer'
import type { NewRoomLimiter } from './rateLimit'
import type { Room } from './room'
import type { Rooms } from './rooms'
import type { RelayStore } from './storage/types'

export type Admission =
  | { ok: true; key: string; as: AdmittedAs; room: Room }
  | { ok: false; close: number; code: string }

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
  if (!(await deps.store.useNonce(`${key}:${check.nonce}`, check.expiresAt))) {
    return { ok: false, close: CLOSE.authFailed, code: 'token-replayed' }
  }
  const room = await deps.rooms.open(planId)
  const as: AdmittedAs = !room.state.genesis ? 'creator' : room.state.members.has(key) ? 'member' : 'invite'
  if (!mayConnect(room.state, key, now) || (as === 'invite' && !isOpenInvite(room.state, key, now))) {
    deps.rooms.release(room)
    // a guest whose time is over hears so, also once an admin removed it (R13)
    const code = consentBlocks(room.state, key, now)
      ? 'consent-missing'
      : accessEnded(room.state, key, now)
        ? 'access-expired'
        : refusalCode(room.state.invites.get(key), now)
    return { ok: false, close: CLOSE.forbidden, code }
  }
  if (as === 'creator' && !deps.newRooms.allow(address, room.planHex, now)) {
    deps.rooms.release(room)
    return { ok: false, close: CLOSE.rateLimited, code: 'too-many-new-plans' }
  }
  return { ok: true, key, as, room }
}

/** An invite key that is no longer open says why, so the invitee reads "already used", not "unknown". */
function refusalCode(invite: Invite | undefined, now: number): string {
  if (!invite) return 'not-a-member'
  if (invite.withdrawn) return 'invite-withdrawn'
  if (invite.claimedBy) return 'invite-used'
  if (invite.expiresAt <= now) return 'invite-expired'
  return 'not-a-member'
}
