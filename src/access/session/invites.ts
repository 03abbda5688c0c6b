/**
 * Invites an admin writes for a new member (R6, R7): the invite record and a lockbox with the
 * current key for the invite key, whose secret travels in the link. R12 and R13 are checked here
 * before anything is written, so the relay never has to refuse them.
 */
import { randomBytes, signingKeyPairFromSeed } from '../../crypto'
import { createOrganisations, createTeam } from '../../plan'
import { fromHex, toHex } from '../../sync/bytes'
import { createLockbox, createMemberRecord } from '../../sync/records'
import { consentLive, isOpenInvite, membershipHeads, type RoomState } from '../../sync/roomState'
import { AccessError } from '../errors'
import type { InviteOptions, Role } from '../types'
import { chooseOrganisation } from './organisations'
import { requireAdmin, type SessionParts } from './parts'

/** an access end this close leaves the guest no time to claim the invite */
const MIN_GUEST_CLAIM_MS = 1000

export interface OpenInvite {
  inviteKey: string
  role: Role
  expiresAt: number
  forDevice: boolean
  by: string
}

/** Admin: writes an invite (and adds the invitee to the team list by name); returns the link's secret. */
export function writeInvite(s: SessionParts, options: InviteOptions): Uint8Array {
  requireAdmin(s, 'invite')
  const newest = s.keys.newest()
  if (!newest) throw new AccessError('forbidden', 'this device has no key for the plan')
  const party = options.party ?? 'parent'
  const organisation = party === 'professional' ? organisationForInvite(s, options) : undefined
  const secret = randomBytes(32)
  const invite = signingKeyPairFromSeed(secret)
  const now = Date.now()
  const accessUntil = options.accessUntil ? Math.trunc(options.accessUntil) : undefined
  let expiresAt = now + Math.round(options.expiresInHours * 3_600_000)
  if (accessUntil !== undefined) {
    if (options.role === 'admin') throw new AccessError('access-invalid', "an admin's access never ends")
    if (!(accessUntil > now + MIN_GUEST_CLAIM_MS)) throw new AccessError('access-invalid', 'access must end in the future')
    // an invite for a short meeting is only good until the meeting ends (R13 wants the end after the expiry)
    expiresAt = Math.min(expiresAt, accessUntil - 1)
  }
  s.pushOwnRecords([
    createMemberRecord(s.writer, s.planId, {
      op: 'invite',
      subject: invite.publicKey,
      role: options.role,
      expiresAt,
      party,
      ...(organisation ? { organisation: fromHex(organisation.id) } : {}),
      ...(accessUntil !== undefined ? { accessUntil } : {}),
      after: membershipHeads(s.room),
    }),
    createLockbox(s.writer, s.planId, newest.epoch, invite.publicKey, newest.key),
  ])
  const me = s.me
  if (organisation?.isNew) createOrganisations(s.doc).add({ id: organisation.id, name: organisation.name }, me)
  if (options.name?.trim()) {
    createTeam(s.doc).add({ memberKey: toHex(invite.publicKey), name: options.name.trim(), role: options.role, organisation: organisation?.name ?? '' }, me)
  }
  return secret
}

/**
 * The organisation a professional is invited from: one the plan knows (by id or name), or a
 * new one by name. R12: without live consent for it the relay would refuse the invite, so
 * say why here, before anything is written.
 */
function organisationForInvite(s: SessionParts, options: InviteOptions): { id: string; name: string; isNew: boolean } {
  const known = createOrganisations(s.doc).list()
  const organisation = chooseOrganisation(known, options, 'a professional is invited from an organisation')
  if (!consentLive(s.room, organisation.id, Date.now())) {
    throw new AccessError('consent-missing', `first the parents with gezag (or the youth from 16) give consent for sharing with ${organisation.name}`)
  }
  return organisation
}

/** Open invites: not claimed, withdrawn or expired. */
export function openInvites(room: RoomState, now: number): OpenInvite[] {
  return [...room.invites]
    .filter(([key]) => isOpenInvite(room, key, now))
    .map(([inviteKey, i]) => ({ inviteKey, role: i.role, expiresAt: i.expiresAt, forDevice: !!i.forDevice, by: i.by }))
}

/** Admin: withdraws an invite that is still open. */
export function withdrawInvite(s: SessionParts, inviteKeyHex: string): void {
  requireAdmin(s, 'withdraw an invite')
  const invite = s.room.invites.get(inviteKeyHex)
  if (!invite) throw new AccessError('invite-invalid')
  s.pushOwnRecords([
    createMemberRecord(s.writer, s.planId, { op: 'withdraw', subject: fromHex(inviteKeyHex), role: invite.role, after: membershipHeads(s.room) }),
  ])
}
