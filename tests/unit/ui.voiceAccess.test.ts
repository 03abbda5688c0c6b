/** [P4] The plan view makes exactly the voices that are the member's editable, whatever the role. */
import { describe, expect, it } from 'vitest'
import type { Party, Role } from '../../src/access/types'
import { PERSPECTIVES, type OrganisationKind } from '../../src/plan'
import { voiceEditable } from '../../src/ui/sections/voiceAccess'

const ORG = 'c'.repeat(64)
const editable = (role: Role, party: Party | undefined, kind?: OrganisationKind) =>
  PERSPECTIVES.filter((p) => voiceEditable(role, party, p, party === 'professional' ? { id: ORG, kind } : { id: undefined, kind: undefined }))

describe('[P4] voiceEditable', () => {
  it('editors and admins type in the voices that are theirs, not in every voice', () => {
    for (const role of ['editor', 'admin'] as const) {
      expect(editable(role, 'professional', 'school'), role).toEqual(['school'])
      expect(editable(role, 'professional', 'zorg'), role).toEqual(['zorg'])
      expect(editable(role, 'professional'), role).toEqual([])
      expect(editable(role, 'gezag'), role).toEqual(['kind', 'ouders'])
    }
  })
  it('a contributor types in its own voices: a parent the parents’ and the child’s, the youth the child’s', () => {
    expect(editable('contributor', 'gezag')).toEqual(['kind', 'ouders'])
    expect(editable('contributor', 'parent')).toEqual(['kind', 'ouders'])
    expect(editable('contributor', 'youth')).toEqual(['kind'])
    expect(editable('contributor', 'youth16')).toEqual(['kind'])
    expect(editable('contributor', 'professional', 'school')).toEqual(['school'])
    expect(editable('contributor', 'professional')).toEqual([])
    expect(editable('contributor', undefined)).toEqual([])
  })
  it('a member the log names no party or organisation for (before parties): by role, as before', () => {
    expect(PERSPECTIVES.filter((p) => voiceEditable('admin', 'professional', p))).toEqual([...PERSPECTIVES])
    expect(PERSPECTIVES.filter((p) => voiceEditable('contributor', 'professional', p))).toEqual([])
  })
  it('a reader types nowhere', () => {
    expect(editable('reader', 'gezag')).toEqual([])
  })
})
