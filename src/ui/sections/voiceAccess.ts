/** Which voices a member may type in: editors all, contributors the one their party owns (P1). */
import { roleAtLeast, type Party, type Role } from '../../access/types'
import { contributorRoots, type Perspective } from '../../plan'

export function voiceEditable(role: Role, party: Party | undefined, perspective: Perspective): boolean {
  if (roleAtLeast(role, 'editor')) return true
  if (role !== 'contributor') return false
  return (contributorRoots(party).voices as readonly string[]).includes(perspective)
}
