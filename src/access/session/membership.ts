/**
 * Who is in the plan, as the signed log says (names live in the plan's team list). Pure over the
 * folded log, except `forgetTeamEntries`, which edits the team list.
 */
import type * as Y from 'yjs'
import { createTeam } from '../../plan'
import { mayGiveConsent, personOf, type RoomState } from '../../sync/roomState'
import { roleAtLeast, type MemberInfo, type Role } from '../types'

/** A key's role in the log; one the log does not list reads, as far as this device is concerned. */
export function roleIn(room: RoomState, keyHex: string): Role {
  return room.members.get(keyHex) ?? 'reader'
}

/** The members, with the key of each one's first device (`person`) and any end of access (R13). */
export function membersOf(room: RoomState): MemberInfo[] {
  return [...room.members].map(([memberKey, role]) => {
    const accessUntil = room.accessUntil.get(memberKey)
    return { memberKey, role, person: personOf(room, memberKey), ...(accessUntil !== undefined ? { accessUntil } : {}) }
  })
}

/** contributors and up; a reader only when it gives consent (its details, P3) */
export function mayWritePlan(room: RoomState, keyHex: string): boolean {
  return roleAtLeast(roleIn(room, keyHex), 'contributor') || (room.members.has(keyHex) && mayGiveConsent(room, keyHex))
}

/** Takes who left out of the plan's team list. */
export function forgetTeamEntries(doc: Y.Doc, keys: readonly string[]): void {
  const team = createTeam(doc)
  for (const k of keys) {
    const entry = team.findByKey(k)
    if (entry) team.remove(entry.id)
  }
}
