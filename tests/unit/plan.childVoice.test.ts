/**
 * "Hoe denk jij erover?": the child's form writes into the child's own voice (the voices section
 * shows it), "Wie helpt jou?" and the faces beside it in the same voice; [P4] holds for all of it.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  CHILD_HELPERS_NAME,
  CHILD_QUESTIONS,
  CHILD_SCALE_NAME,
  CHILD_STEPS,
  createChildVoice,
  createVoices,
  mayChangeRoot,
  voiceOfRoot,
  type ContentAuthor,
  type Party,
} from '../../src/plan'
import type { Role } from '../../src/sync/blob'

describe('the child’s voice form', () => {
  it('three open questions are the child’s voice fields: what the child answers is the voice', () => {
    const doc = new Y.Doc()
    const child = createChildVoice(doc)
    child.text('goes-well').insert(0, 'Gym en tekenen')
    child.text('hard').insert(0, 'Lezen')
    child.text('change').insert(0, 'Meer pauze')
    child.text('helpers').insert(0, 'Juf Anne en opa')
    const kind = createVoices(doc).snapshot().kind
    expect(kind).toEqual({ krachten: 'Gym en tekenen', zorgen: 'Lezen', vraag: 'Meer pauze' })
    expect(doc.getText(CHILD_HELPERS_NAME).toString()).toBe('Juf Anne en opa')
    expect(child.answers().texts).toEqual({ 'goes-well': 'Gym en tekenen', hard: 'Lezen', change: 'Meer pauze', helpers: 'Juf Anne en opa' })
  })

  it('a face per topic, 1..5, changed or cleared; what is not a face reads as none', () => {
    const doc = new Y.Doc()
    const child = createChildVoice(doc)
    expect(child.scale('school')).toBeNull()
    child.setScale('school', 4)
    child.setScale('home', 2)
    child.setScale('home', 5)
    child.setScale('friends', 3)
    child.setScale('friends', null)
    expect(child.answers().scale).toEqual({ school: 4, home: 5 })
    doc.getMap(CHILD_SCALE_NAME).set('friends', 9) // a newer or broken client
    expect(child.scale('friends')).toBeNull()
    expect(() => child.setScale('school', 7 as never)).toThrow()
    expect(() => child.setScale('weather' as never, 3)).toThrow()
  })

  it('the faces sync as one map per plan; a change is observed', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    let seen = 0
    const stop = createChildVoice(b).observe(() => seen++)
    createChildVoice(a).setScale('school', 1)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(createChildVoice(b).scale('school')).toBe(1)
    expect(seen).toBeGreaterThan(0)
    stop()
  })

  it('one question a screen: the faces first, then every open question once', () => {
    expect(CHILD_STEPS.filter((s) => s.kind === 'scale').length).toBe(3)
    expect(CHILD_STEPS.flatMap((s) => (s.kind === 'question' ? [s.question] : []))).toEqual([...CHILD_QUESTIONS])
    expect(CHILD_STEPS[0]?.kind).toBe('scale')
  })
})

describe('[P4] the child’s form is the child’s voice', () => {
  const author = (role: Role, party: Party): ContentAuthor => ({ role, party, orgKind: party === 'professional' ? 'school' : undefined, isMine: () => true })
  const roots = [CHILD_SCALE_NAME, CHILD_HELPERS_NAME]

  it('the youth, or a parent on its behalf, writes the faces and who helps; a professional never, admin included', () => {
    for (const root of roots) {
      expect(voiceOfRoot(root)).toBe('kind')
      for (const party of ['youth', 'youth16', 'parent', 'gezag'] as const)
        expect(mayChangeRoot(author('contributor', party), root, []), `${party} ${root}`).toBe(true)
      for (const role of ['contributor', 'editor', 'admin'] as const)
        expect(mayChangeRoot(author(role, 'professional'), root, []), `${role} ${root}`).toBe(false)
      expect(mayChangeRoot(author('reader', 'gezag'), root, [])).toBe(false)
    }
  })
})
