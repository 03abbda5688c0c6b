/**
 * Who may do what now, read off the room state: who may connect, who is shut out (R12 consent,
 * R13 end of access), which invites are open, which keys are one person's devices. Pure
 * questions about a RoomState and a time; nothing here writes it.
 */
import { CONSENTING_PARTIES } from './blob'
import { personOf, type Invite, type RoomState } from './roomStateShape'

export function samePerson(state: RoomState, a: string, b: string): boolean {
  return personOf(state, a) === personOf(state, b)
}

/** The current member keys of a person (its devices in this plan). */
export function devicesOf(state: RoomState, personHex: string): string[] {
  return [...state.members.keys()].filter((k) => personOf(state, k) === personHex)
}

export function isOpenInvite(state: RoomState, keyHex: string, now: number): boolean {
  const invite = state.invites.get(keyHex)
  return !!invite && !invite.withdrawn && !invite.claimedBy && invite.expiresAt > now && !orphanedDeviceLink(state, invite) && !accessEnded(state, keyHex, now)
}

/** R13: whether the membership of a key (member, or invite key for its claimer) has ended at `now`. */
export function accessEnded(state: RoomState, keyHex: string, now: number): boolean {
  const until = state.accessUntil.get(keyHex)
  return until !== undefined && until <= now
}

/**
 * Whether a key is shut out although the log may still list it: its organisation lacks consent
 * (R12) or its time is over (R13). Not admitted, closed, its new records refused; admins'
 * devices then remove it with one key rotation.
 */
export function shutOut(state: RoomState, keyHex: string, now: number): boolean {
  return consentBlocks(state, keyHex, now) || accessEnded(state, keyHex, now)
}

/** A device link dies with the device that made it: a lost device's open link must not let it back in. */
export function orphanedDeviceLink(state: RoomState, invite: Invite): boolean {
  return !!invite.forDevice && !state.members.has(invite.by)
}

/**
 * Who may open a connection: members and holders of an open invite whose organisation (if any)
 * has live consent (R12) and whose time is not over (R13), anyone to a room not yet created.
 */
export function mayConnect(state: RoomState, keyHex: string, now: number): boolean {
  if (!state.genesis) return true
  return (state.members.has(keyHex) || isOpenInvite(state, keyHex, now)) && !shutOut(state, keyHex, now)
}

/** R12: consent for the organisation was given by a gezag or youth16 member, not withdrawn, not expired at `now`. */
export function consentLive(state: RoomState, orgHex: string, now: number): boolean {
  const consent = state.consents.get(orgHex)
  return !!consent && consent.status === 'given' && consent.expiresAt > now
}

/**
 * R12: whether a key (member or invite) is shut out because its organisation lacks live consent.
 * Keys without an organisation (non-professionals, v1 members) never are. The plan's creator is
 * exempt until the first consent record about its organisation: a school's IB starts a plan and
 * invites the parents, who then decide about the school like about anyone else.
 */
export function consentBlocks(state: RoomState, keyHex: string, now: number): boolean {
  const org = state.orgs.get(keyHex)
  if (org === undefined) return false
  if (keyHex === state.creator && !state.consents.has(org)) return false
  return !consentLive(state, org, now)
}

export function mayGiveConsent(state: RoomState, keyHex: string): boolean {
  const party = state.parties.get(keyHex)
  return state.members.has(keyHex) && party !== undefined && CONSENTING_PARTIES.includes(party)
}

/**
 * How many device links of the author's person are unexpired at `now`, up to
 * MAX_OPEN_DEVICE_LINKS (only that many of the latest are kept: enough to answer "too many?").
 * A link lives at most an hour, so this is also "links made in the last hour".
 */
export function openDeviceLinks(state: RoomState, keyHex: string, now: number): number {
  const expiries = state.deviceLinks.get(personOf(state, keyHex)) ?? []
  let open = 0
  for (const at of expiries) if (at > now) open++
  return open
}

/** R17: the piece addresses (hex) of every attachment the plan references now: what the relay keeps and serves. */
export function referencedPieces(state: RoomState): Set<string> {
  const out = new Set<string>()
  for (const file of state.files.values()) if (!file.dropped) for (const piece of file.pieces) out.add(piece)
  return out
}
