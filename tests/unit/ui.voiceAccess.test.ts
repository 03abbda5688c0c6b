/** [P1] The plan view makes exactly the contributor's own voice editable, by party. */
import { describe, expect, it } from 'vitest'
import type { Party, Role } from '../../src/access/types'
import { PERSPECTIVES } from '../../src/plan'
import { voiceEditable } from '../../src/ui/sections/voiceAccess'

const editable = (role: Role, party: Party | undefined) => PERSPECTIVES.filter((p) => voiceEditable(role, party, p))

describe('[P1] voiceEditable', () => {
  it('editors and admins type in every voice, whatever their party', () => {
    expect(editable('editor', 'professional')).toEqual([...PERSPECTIVES])
    expect(editable('admin', undefined)).toEqual([...PERSPECTIVES])
  })
  it('a contributor types in its own voice only', () => {
    expect(editable('contributor', 'gezag')).toEqual(['ouders'])
    expect(editable('contributor', 'parent')).toEqual(['ouders'])
    expect(editable('contributor', 'youth')).toEqual(['kind'])
    expect(editable('contributor', 'youth16')).toEqual(['kind'])
    expect(editable('contributor', 'professional')).toEqual([])
    expect(editable('contributor', undefined)).toEqual([])
  })
  it('a reader types nowhere', () => {
    expect(editable('reader', 'gezag')).toEqual([])
  })
})
