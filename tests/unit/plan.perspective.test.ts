import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createPerspective } from '../../src/plan'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('perspective (Ontwikkelingsperspectief, OPP)', () => {
  it('holds the expected uitstroom, onderbouwing and afwijkingen', () => {
    const opp = createPerspective(new Y.Doc())
    expect(opp.snapshot()).toEqual({ bestemming: '', uitstroom: '', factorIds: [], onderbouwing: '', afwijkingen: '' })
    opp.setUitstroom(' vmbo-kader ')
    opp.text('onderbouwing').insert(0, 'Leerrendement rekenen 60%.')
    opp.text('afwijkingen').insert(0, 'Eigen leerlijn rekenen.')
    expect(opp.snapshot()).toEqual({
      bestemming: '',
      uitstroom: 'vmbo-kader',
      factorIds: [],
      onderbouwing: 'Leerrendement rekenen 60%.',
      afwijkingen: 'Eigen leerlijn rekenen.',
    })
    expect(() => opp.text('conclusie' as never)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => opp.setUitstroom(3 as never)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
  })

  it('observes the uitstroom', () => {
    const opp = createPerspective(new Y.Doc())
    const seen: string[] = []
    const stop = opp.observe((s) => seen.push(s.uitstroom))
    opp.setUitstroom('havo')
    opp.setUitstroom('havo')
    stop()
    opp.setUitstroom('vwo')
    expect(seen).toEqual(['havo'])
  })

  it('two devices editing the onderbouwing concurrently keep both edits', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createPerspective(a).text('onderbouwing').insert(0, 'Toetsen. ')
    sync(a, b)
    createPerspective(a).text('onderbouwing').insert(0, 'Observaties. ')
    const tb = createPerspective(b).text('onderbouwing')
    tb.insert(tb.length, 'Gesprek met ouders.')
    createPerspective(b).setUitstroom('pro')
    sync(a, b)
    const s = createPerspective(a).snapshot()
    expect(s).toEqual(createPerspective(b).snapshot())
    expect(s.onderbouwing).toBe('Observaties. Toetsen. Gesprek met ouders.')
    expect(s.uitstroom).toBe('pro')
  })
})
