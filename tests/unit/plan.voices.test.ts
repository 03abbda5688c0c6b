import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PERSPECTIVES, VOICE_FIELDS, createVoices } from '../../src/plan'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('voices (Stem van kind, ouders, school en zorg)', () => {
  it('has zorgen, krachten and vraag for kind, ouders, school and zorg', () => {
    const snap = createVoices(new Y.Doc()).snapshot()
    expect(Object.keys(snap)).toEqual([...PERSPECTIVES])
    for (const p of PERSPECTIVES) expect(Object.keys(snap[p])).toEqual([...VOICE_FIELDS])
  })

  it('gives the same Y.Text for a field every time, and refuses unknown fields', () => {
    const v = createVoices(new Y.Doc())
    expect(v.text('kind', 'zorgen')).toBe(v.text('kind', 'zorgen'))
    expect(v.text('kind', 'zorgen')).not.toBe(v.text('ouders', 'zorgen'))
    expect(() => v.text('buurman' as never, 'zorgen')).toThrow()
  })

  it('two docs editing the same field concurrently converge, keeping both edits', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createVoices(a).text('school', 'krachten').insert(0, 'Leest graag. ')
    sync(a, b)
    // concurrent: both edit without seeing the other
    createVoices(a).text('school', 'krachten').insert(0, 'Helpt anderen. ')
    const tb = createVoices(b).text('school', 'krachten')
    tb.insert(tb.length, 'Rekent sterk.')
    sync(a, b)
    const ta = createVoices(a).text('school', 'krachten').toString()
    expect(ta).toBe(tb.toString())
    expect(ta).toContain('Helpt anderen. ')
    expect(ta).toContain('Leest graag. ')
    expect(ta).toContain('Rekent sterk.')
  })

  it('two devices that both open a fresh plan and type into a field lose nothing (root-level texts)', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createVoices(a).text('kind', 'vraag').insert(0, 'A')
    createVoices(b).text('kind', 'vraag').insert(0, 'B')
    sync(a, b)
    const text = createVoices(a).text('kind', 'vraag').toString()
    expect(text).toBe(createVoices(b).text('kind', 'vraag').toString())
    expect(text.split('').sort().join('')).toBe('AB')
  })
})
