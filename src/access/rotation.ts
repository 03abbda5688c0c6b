/**
 * The records of a removal: the removal itself, then a new epoch key sealed to everyone who
 * stays (members and open invites). Pure: the session pushes them and re-seals the plan.
 */
import { fromHex } from '../sync/bytes'
import { createLockbox, createMemberRecord, type Writer } from '../sync/records'
import { isOpenInvite, type RoomState } from '../sync/roomState'

export interface Rotation {
  epoch: number
  records: Uint8Array[]
}

export function removalRecords(
  writer: Writer,
  room: RoomState,
  removedKeyHex: string,
  currentEpoch: number,
  nextKey: Uint8Array,
  now: number,
): Rotation {
  const role = room.members.get(removedKeyHex)
  if (!role) throw new Error('not a member')
  const epoch = Math.max(room.epoch, currentEpoch) + 1
  const stay = [...room.members.keys()].filter((k) => k !== removedKeyHex)
  const invited = [...room.invites.keys()].filter((k) => isOpenInvite(room, k, now))
  return {
    epoch,
    records: [
      createMemberRecord(writer, room.planId, { op: 'remove', subject: fromHex(removedKeyHex), role }),
      ...[...stay, ...invited].map((k) => createLockbox(writer, room.planId, epoch, fromHex(k), nextKey)),
    ],
  }
}
