/**
 * The records of a key rotation: a new epoch key sealed to everyone who stays (members and open
 * invites), after a removal record when someone is removed. Pure: the session pushes them and
 * re-seals the plan.
 */
import { fromHex } from '../sync/bytes'
import { decodeBlob } from '../sync/blob'
import { createLockbox, createMemberRecord, membershipId, type Writer } from '../sync/records'
import { isOpenInvite, membershipHeads, shutOut, type RoomState } from '../sync/roomState'

export interface Rotation {
  epoch: number
  records: Uint8Array[]
}

/**
 * Lockboxes of a fresh epoch key for every member and open invite (after `room`'s removals),
 * except those without consent for their organisation (R12) or whose time is over (R13): they
 * are shut out, not re-keyed.
 */
export function rotationRecords(
  writer: Writer,
  room: RoomState,
  currentEpoch: number,
  nextKey: Uint8Array,
  now: number,
  except: readonly string[] = [],
): Rotation {
  const epoch = Math.max(room.epoch, currentEpoch) + 1
  const stay = [...room.members.keys()].filter((k) => !except.includes(k) && !shutOut(room, k, now))
  const invited = [...room.invites.keys()].filter((k) => isOpenInvite(room, k, now) && !shutOut(room, k, now))
  return { epoch, records: [...stay, ...invited].map((k) => createLockbox(writer, room.planId, epoch, fromHex(k), nextKey)) }
}

/** Removal records for one or more members, then one rotation for everyone who stays. */
export function removalRecords(
  writer: Writer,
  room: RoomState,
  removed: string | readonly string[],
  currentEpoch: number,
  nextKey: Uint8Array,
  now: number,
): Rotation {
  const keys = typeof removed === 'string' ? [removed] : removed
  // R16: each removal is written on the one before it, the first on what this device folded last
  let after = membershipHeads(room)
  const removals = keys.map((k) => {
    const role = room.members.get(k)
    if (!role) throw new Error('not a member')
    const record = createMemberRecord(writer, room.planId, { op: 'remove', subject: fromHex(k), role, after })
    after = [membershipId(decodeBlob(record))]
    return record
  })
  const rotation = rotationRecords(writer, room, currentEpoch, nextKey, now, keys)
  return { epoch: rotation.epoch, records: [...removals, ...rotation.records] }
}

/** The members an admin (`me`) removes now: every other one without consent (R12) or whose time is over (R13). */
export function shutOutOthers(room: RoomState, me: string, now: number): string[] {
  return [...room.members.keys()].filter((k) => k !== me && shutOut(room, k, now))
}
