import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PlanError, createSocialMap, createTeam } from '../../src/plan'

const ALICE = 'a'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('social map (Sociale kaart: wie bel je waarvoor)', () => {
  it('adds, reads, updates and removes contacts, apart from the team', () => {
    const doc = new Y.Doc()
    const map = createSocialMap(doc)
    const id = map.add({ name: ' Dr. Jansen ', role: 'huisarts', organisation: 'Praktijk Oost', callFor: 'medicatie', reach: '020-1234567' }, ALICE, 3)
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(map.list()).toEqual([
      { id, name: 'Dr. Jansen', role: 'huisarts', organisation: 'Praktijk Oost', callFor: 'medicatie', reach: '020-1234567', createdBy: ALICE, createdAt: 3 },
    ])
    expect(createTeam(doc).list()).toEqual([])
    map.update(id, { reach: 'via de assistente' })
    expect(map.get(id)?.reach).toBe('via de assistente')
    map.remove(id)
    expect(map.list()).toEqual([])
    expect(map.get(id)).toBeNull()
  })

  it('needs a name, and says which record is missing', () => {
    const map = createSocialMap(new Y.Doc())
    expect(() => map.add({ name: '  ' }, ALICE)).toThrow(expect.objectContaining({ code: 'empty', field: 'name' }))
    const id = map.add({ name: 'Sportcoach' }, ALICE)
    expect(map.get(id)).toMatchObject({ role: '', organisation: '', callFor: '', reach: '' })
    expect(() => map.update(id, { name: '' })).toThrow(PlanError)
    expect(() => map.update('nope', { name: 'x' })).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('observes changes', () => {
    const map = createSocialMap(new Y.Doc())
    const seen: string[] = []
    const stop = map.observe((cs) => seen.push(cs.map((c) => c.callFor).join()))
    const id = map.add({ name: 'Wijkteam', callFor: 'opvoedvragen' }, ALICE)
    map.update(id, { callFor: 'schulden' })
    stop()
    map.remove(id)
    expect(seen).toEqual(['opvoedvragen', 'schulden'])
  })

  it('two devices editing one contact concurrently converge, keeping both fields', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = createSocialMap(a).add({ name: 'Wijkteam' }, ALICE)
    sync(a, b)
    createSocialMap(a).update(id, { callFor: 'opvoedvragen' })
    createSocialMap(b).update(id, { reach: '14 020' })
    createSocialMap(b).add({ name: 'Bibliotheek' }, ALICE)
    sync(a, b)
    expect(createSocialMap(a).list()).toEqual(createSocialMap(b).list())
    expect(createSocialMap(a).get(id)).toMatchObject({ callFor: 'opvoedvragen', reach: '14 020' })
    expect(createSocialMap(a).list()).toHaveLength(2)
  })
})
