/**
 * R18, shared extracts: who may share with whom and who may withdraw, read off the room state.
 * The relay runs these on every upload, opening and withdrawal; the client runs the same before
 * it asks, so it never offers what the relay would refuse.
 */
import { roleAtLeast } from './blob'
import { consentLive, samePerson } from './roomAccess'
import type { RoomState } from './roomStateShape'

/**
 * An extract goes to one organisation, and only while the parents' (or the youth's) consent for
 * it is live (R12): a gemeente without consent gets nothing, and a link stops opening the moment
 * the consent is withdrawn or ends. A key shares when its role writes content (at least contributor).
 */
export function mayShareWith(state: RoomState, sharerHex: string, organisationHex: string, now: number): 'ok' | 'role-forbidden' | 'consent-missing' {
  if (!roleAtLeast(state.members.get(sharerHex), 'contributor')) return 'role-forbidden'
  return consentLive(state, organisationHex, now) ? 'ok' : 'consent-missing'
}

/** A link is withdrawn by a device of the person who shared it, or by an admin. */
export function mayWithdrawShare(state: RoomState, keyHex: string, sharerHex: string): boolean {
  return state.members.get(keyHex) === 'admin' || (state.members.has(keyHex) && samePerson(state, keyHex, sharerHex))
}
