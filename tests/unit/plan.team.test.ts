import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTeam, memberName } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

describe('team (Betrokkenen)', () => {
  it('adds members with a stable random id, createdBy and createdAt', () => {
    const doc = new Y.Doc()
    const team = createTeam(doc)
    const id1 = team.add({ memberKey: ALICE, name: ' Alice ', role: 'admin', organisation: 'OBS De Linde' }, ALICE, 5)
    const id2 = team.add(
      { memberKey: '', name: 'Juf Anja', role: 'reader', organisation: 'OBS De Linde', callFor: ' rooster ', reach: '06-12345678' },
      ALICE,
      6,
    )
    expect(id1).toMatch(/^[0-9a-f]{32}$/)
    expect(id1).not.toBe(id2)
    expect(team.list()).toEqual([
      { id: id1, memberKey: ALICE, name: 'Alice', role: 'admin', organisation: 'OBS De Linde', callFor: '', reach: '', createdBy: ALICE, createdAt: 5 },
      {
        id: id2,
        memberKey: '',
        name: 'Juf Anja',
        role: 'reader',
        organisation: 'OBS De Linde',
        callFor: 'rooster',
        reach: '06-12345678',
        createdBy: ALICE,
        createdAt: 6,
      },
    ])
    expect(memberName(doc, ALICE)).toBe('Alice')
    expect(memberName(doc, BOB)).toBe('')
    expect(team.findByKey('')).toBeNull()
  })

  it('updates and removes by id, and observes nested changes', () => {
    const doc = new Y.Doc()
    const team = createTeam(doc)
    const id = team.add({ memberKey: BOB, name: 'Bob', role: 'editor', organisation: '' }, ALICE)
    const seen: string[] = []
    const stop = team.observe((m) => seen.push(m.map((x) => x.role).join()))
    team.update(id, { role: 'contributor' })
    team.remove(id)
    stop()
    expect(seen).toEqual(['contributor', ''])
    expect(() => team.update(id, { name: 'x' })).toThrow()
  })

  it('reads "bel mij voor…" and reach as empty on a member written by a schema 1 client', () => {
    const doc = new Y.Doc()
    const m = new Y.Map<unknown>()
    for (const [k, v] of Object.entries({ id: 'x', memberKey: ALICE, name: 'Alice', role: 'admin', organisation: '', createdBy: ALICE, createdAt: 1 }))
      m.set(k, v)
    doc.getArray('team').push([m])
    createTeam(doc).update('x', { callFor: 'vervoer' })
    expect(createTeam(doc).list()[0]).toMatchObject({ callFor: 'vervoer', reach: '' })
  })

  it('concurrent adds on two devices keep both members', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createTeam(a).add({ memberKey: ALICE, name: 'Alice', role: 'admin', organisation: '' }, ALICE)
    createTeam(b).add({ memberKey: BOB, name: 'Bob', role: 'editor', organisation: '' }, BOB)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(createTeam(a).list()).toEqual(createTeam(b).list())
    expect(
      createTeam(a)
        .list()
        .map((m) => m.name)
        .sort(),
    ).toEqual(['Alice', 'Bob'])
  })
})
