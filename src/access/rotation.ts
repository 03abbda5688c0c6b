/**
 * The records of a key rotation: a new epoch key sealed to everyone who stays (members and open
 * invites), after a removal record when someone is removed. Pure: the session pushes them and
 * re-seals the plan.
 */
import { fromHex } from '../sync/bytes'
import { createLockbox, createMemberRecord, type Writer } from '../sync/records'
import { isOpenInvite, type RoomState } from '../sync/roomState'

export interface Rotation {
  epoch: number
  records: Uint8Array[]
}

/** Lockboxes of a fresh epoch key for every member and open invite (after `room`'s removals). */
export function rotationRecords(
  writer: Writer,
  room: RoomState,
  currentEpoch: number,
  nextKey: Uint8Array,
  now: number,
  except: ReadonlySet<string> = new Set(),
): Rotation {
  const epoch = Math.max(room.epoch, currentEpoch) + 1
  const stay = [...room.members.keys()].filter((k) => !except.has(k))
  const invited = [...room.invites.keys()].filter((k) => isOpenInvite(room, k, now))
  return { epoch, records: [...stay, ...invited].map((k) => createLockbox(writer, room.planId, epoch, fromHex(k), nextKey)) }
}

export function removalRecords(
  writer: Writer,
  room: RoomState,
  removedKeysHex: string[],
  currentEpoch: number,
  nextKey: Uint8Array,
  now: number,
): Rotation {
  const removals = removedKeysHex.map((key) => {
    const role = room.members.get(key)
    if (!role) throw new Error('not a member')
    return createMemberRecord(writer, room.planId, { op: 'remove', subject: fromHex(key), role })
  })
  const rotation = rotationRecords(writer, room, currentEpoch, nextKey, now, new Set(removedKeysHex))
  return { epoch: rotation.epoch, records: [...removals, ...rotation.records] }
}
