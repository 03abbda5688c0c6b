import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PlanError, createMeta, initPlan } from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('meta (Planstatus)', () => {
  it('reads defaults on a fresh plan, without writing them', () => {
    const doc = new Y.Doc()
    initPlan(doc, { childName: 'Sam', createdBy: ALICE, now: 7 })
    expect(createMeta(doc).get()).toEqual({
      status: 'concept',
      supportLevel: 'basisondersteuning',
      careLevel: 'geen',
      casusregisseur: '',
      nextEvaluation: '',
      createdBy: ALICE,
      createdAt: 7,
    })
    expect(doc.getMap('meta').has('status')).toBe(false)
  })

  it('sets status, levels, casusregisseur and next evaluation, and notifies observers', () => {
    const meta = createMeta(new Y.Doc())
    const seen: string[] = []
    const stop = meta.observe((m) => seen.push(m.status))
    meta.set({ status: 'in uitvoering', supportLevel: 'arrangement', careLevel: 'niet-vrij toegankelijk', casusregisseur: BOB, nextEvaluation: '2025-06-30' })
    meta.set({ status: 'in uitvoering' }) // unchanged: no event
    stop()
    meta.set({ status: 'geëvalueerd' })
    expect(seen).toEqual(['in uitvoering'])
    expect(meta.get()).toMatchObject({
      status: 'geëvalueerd',
      supportLevel: 'arrangement',
      careLevel: 'niet-vrij toegankelijk',
      casusregisseur: BOB,
      nextEvaluation: '2025-06-30',
    })
  })

  it('accepts an enum value typed in another Unicode form and stores the listed one', () => {
    const doc = new Y.Doc()
    createMeta(doc).set({ status: 'geëvalueerd'.normalize('NFD') as 'geëvalueerd' })
    expect(doc.getMap('meta').get('status')).toBe('geëvalueerd'.normalize('NFC'))
  })

  it('refuses unknown values, bad dates and bad member keys, writing nothing', () => {
    const doc = new Y.Doc()
    const meta = createMeta(doc)
    expect(() => meta.set({ status: 'klaar' as never })).toThrow(PlanError)
    expect(() => meta.set({ status: 'klaar' as never })).toThrow(/status must be one of/)
    expect(() => meta.set({ supportLevel: 'veel' as never })).toThrow(expect.objectContaining({ code: 'invalid-value', field: 'supportLevel' }))
    expect(() => meta.set({ careLevel: 'wmo' as never })).toThrow(PlanError)
    expect(() => meta.set({ nextEvaluation: '30-06-2025' })).toThrow(expect.objectContaining({ code: 'invalid-date' }))
    expect(() => meta.set({ nextEvaluation: '2025-02-30' })).toThrow(expect.objectContaining({ code: 'invalid-date' }))
    expect(() => meta.set({ casusregisseur: 'bob' })).toThrow(expect.objectContaining({ code: 'invalid-member-key' }))
    expect(() => meta.set({ status: 'gesloten', nextEvaluation: 'soon' })).toThrow()
    expect(meta.get().status).toBe('concept') // the valid half of a bad patch was not written
    meta.set({ nextEvaluation: '2025-06-30' })
    meta.set({ nextEvaluation: '', casusregisseur: '' }) // clearing is allowed
    expect(meta.get()).toMatchObject({ nextEvaluation: '', casusregisseur: '' })
  })

  it('reads values from a newer client safely', () => {
    const doc = new Y.Doc()
    const map = doc.getMap('meta')
    map.set('status', 'gearchiveerd')
    map.set('supportLevel', 42)
    map.set('careLevel', null)
    map.set('nextEvaluation', 'volgende week')
    expect(createMeta(doc).get()).toMatchObject({ status: 'concept', supportLevel: 'basisondersteuning', careLevel: 'geen', nextEvaluation: '' })
  })

  it('two devices setting different fields concurrently keep both; the same field converges', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    createMeta(a).set({ status: 'vastgesteld', careLevel: 'vrij toegankelijk' })
    createMeta(b).set({ status: 'in uitvoering', nextEvaluation: '2025-01-15' })
    sync(a, b)
    const ma = createMeta(a).get()
    expect(ma).toEqual(createMeta(b).get())
    expect(ma.careLevel).toBe('vrij toegankelijk')
    expect(ma.nextEvaluation).toBe('2025-01-15')
    expect(['vastgesteld', 'in uitvoering']).toContain(ma.status)
  })
})
