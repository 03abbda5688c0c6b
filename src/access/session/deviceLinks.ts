/**
 * A person's devices in one plan (src/access/deviceLink.ts makes the link): the device invite
 * for the next device, the list of this person's devices, and removing a lost one.
 */
import type { SigningKeyPair } from '../../crypto'
import { fromHex } from '../../sync/bytes'
import { createLockbox, createMemberRecord } from '../../sync/records'
import { devicesOf, membershipHeads, personOf, samePerson, type RoomState } from '../../sync/roomState'
import { AccessError } from '../errors'
import { safetyCode } from '../safetyCode'
import type { DeviceInfo } from '../types'
import type { SessionParts } from './parts'

/**
 * A device invite for this person's next device: at this device's role, sealed the current key.
 * Any member may write it (R6, R7); `invite` is derived from the device link's secret.
 */
export function createDeviceInvite(s: SessionParts, invite: SigningKeyPair, expiresAt: number): void {
  if (!s.room.members.has(s.me)) throw new AccessError('forbidden', 'not a member of this plan')
  const newest = s.keys.newest()
  if (!newest) throw new AccessError('forbidden', 'this device has no key for the plan')
  s.pushOwnRecords([
    createMemberRecord(s.writer, s.planId, { op: 'device', subject: invite.publicKey, role: s.role(), expiresAt, after: membershipHeads(s.room) }),
    createLockbox(s.writer, s.planId, newest.epoch, invite.publicKey, newest.key),
  ])
}

/** The devices of `me`'s person in this plan, first device first. */
export function devicesOfPerson(room: RoomState, me: string): DeviceInfo[] {
  const linkedBefore = new Map<string, number>()
  for (const invite of room.invites.values()) {
    if (invite.forDevice && invite.claimedBy) linkedBefore.set(invite.claimedBy, invite.expiresAt)
  }
  const person = personOf(room, me)
  return devicesOf(room, person)
    .map((memberKey) => ({
      memberKey,
      role: room.members.get(memberKey)!,
      thisDevice: memberKey === me,
      ...(linkedBefore.has(memberKey) ? { linkedBefore: linkedBefore.get(memberKey)! } : {}),
      safetyCode: safetyCode(memberKey),
    }))
    .sort((a, b) => (a.linkedBefore ?? 0) - (b.linkedBefore ?? 0))
}

/**
 * Removes another device of this person (a lost phone). The relay closes it and refuses it from
 * then on. An admin's device renews the key at once, as in `removeMember`; any other device
 * cannot write lockboxes, so an admin's device renews it when it sees the removal.
 */
export function removeDevice(s: SessionParts, memberKeyHex: string): void {
  if (memberKeyHex === s.me) throw new AccessError('forbidden', 'leave the plan instead')
  if (!s.room.members.has(memberKeyHex) || !samePerson(s.room, s.me, memberKeyHex)) {
    throw new AccessError('forbidden', 'not a device of this person')
  }
  if (s.role() === 'admin') return s.renewKey(s.room, [memberKeyHex], Date.now())
  const role = s.room.members.get(memberKeyHex)!
  s.pushOwnRecords([createMemberRecord(s.writer, s.planId, { op: 'remove', subject: fromHex(memberKeyHex), role, after: membershipHeads(s.room) })])
}
