import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NEED_HOLDERS, createNeeds } from '../../src/plan'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('needs (Onderwijs- en ondersteuningsbehoeften)', () => {
  it('has a text for the child, the teacher and the parents', () => {
    const needs = createNeeds(new Y.Doc())
    expect(Object.keys(needs.snapshot())).toEqual([...NEED_HOLDERS])
    expect(needs.text('kind')).toBe(needs.text('kind'))
    expect(needs.text('kind')).not.toBe(needs.text('ouders'))
    expect(() => needs.text('buurman' as never)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
  })

  it('observes a text', () => {
    const needs = createNeeds(new Y.Doc())
    const seen: string[] = []
    const t = needs.text('leerkracht')
    const handler = () => seen.push(t.toString())
    t.observe(handler)
    t.insert(0, 'Een rustige werkplek')
    t.unobserve(handler)
    expect(seen).toEqual(['Een rustige werkplek'])
  })

  it('two devices typing into a fresh field at once lose nothing (root-level texts)', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createNeeds(a).text('ouders').insert(0, 'Duidelijkheid. ')
    createNeeds(b).text('ouders').insert(0, 'Eén aanspreekpunt.')
    sync(a, b)
    const text = createNeeds(a).snapshot().ouders
    expect(text).toBe(createNeeds(b).snapshot().ouders)
    expect(text).toContain('Duidelijkheid. ')
    expect(text).toContain('Eén aanspreekpunt.')
  })
})
