/**
 * An admin changing who is in the plan, and a member leaving: removal (a person with all its
 * devices), removal of who is shut out (R12, R13), a plain key rotation, a role change. Each
 * checks the right to do it here, then renews the key through `SessionParts.renewKey`, so a
 * removed device reads nothing written afterwards.
 */
import { fromHex } from '../../sync/bytes'
import { createMemberRecord } from '../../sync/records'
import { devicesOf, membershipHeads, personOf, samePerson, shutOut } from '../../sync/roomState'
import { createTeam } from '../../plan'
import { AccessError } from '../errors'
import { shutOutOthers } from '../rotation'
import type { Role } from '../types'
import { forgetTeamEntries } from './membership'
import { requireAdmin, type SessionParts } from './parts'

/**
 * Removes a member: the removal, a new epoch key sealed to everyone who stays, and the whole
 * plan re-sealed under it as a snapshot that replaces what came before. The removed device can
 * no longer connect (the relay), and nothing written from now on opens with its keys.
 */
export function removeMember(s: SessionParts, memberKeyHex: string): void {
  requireAdmin(s, 'remove a member')
  if (samePerson(s.room, memberKeyHex, s.me)) throw new AccessError('forbidden', 'leave the plan instead')
  // a person goes with all its devices, in one rotation
  const person = personOf(s.room, memberKeyHex)
  const devices = devicesOf(s.room, person)
  s.renewKey(s.room, devices, Date.now())
  forgetTeamEntries(s.doc, [...devices, person])
}

/**
 * Admin: removes every member whose organisation lost its consent (R12) or whose time is over
 * (R13) with one key rotation, and returns who. They are shut out already (relay and clients);
 * removal makes sure they read nothing new. Nothing for a device that is not admin, is shut out
 * itself or holds no key.
 */
export function removeWithoutConsent(s: SessionParts, now = Date.now()): string[] {
  if (s.role() !== 'admin') return []
  if (shutOut(s.room, s.me, now) || !s.keys.newest()) return []
  const leaving = shutOutOthers(s.room, s.me, now)
  if (leaving.length === 0) return []
  s.renewKey(s.room, leaving, now)
  forgetTeamEntries(s.doc, leaving)
  return leaving
}

/** Admin: a fresh epoch key for everyone in the plan, and the plan re-sealed under it. */
export function rotateKey(s: SessionParts): void {
  requireAdmin(s, 'rotate the key')
  s.renewKey(s.room, [], Date.now())
}

/** Leaves the plan: the relay lets this device go, and an admin rotates the key when it sees it. */
export function leave(s: SessionParts): void {
  s.pushOwnRecords([createMemberRecord(s.writer, s.planId, { op: 'remove', subject: fromHex(s.me), role: s.role(), after: membershipHeads(s.room) })])
}

/** Admin: a member's new role in the signed log, and the same in the team list. */
export function changeRole(s: SessionParts, memberKeyHex: string, role: Role): void {
  requireAdmin(s, 'change roles')
  s.pushOwnRecords([createMemberRecord(s.writer, s.planId, { op: 'role', subject: fromHex(memberKeyHex), role, after: membershipHeads(s.room) })])
  const team = createTeam(s.doc)
  const entry = team.findByKey(memberKeyHex)
  if (entry) team.update(entry.id, { role })
}
