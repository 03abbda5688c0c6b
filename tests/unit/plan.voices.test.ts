import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PERSPECTIVES,
  VOICE_FIELDS,
  commentOfRoot,
  createOrganisations,
  createVoices,
  lastVoiceWrite,
  organisationKindOf,
  voiceCommentName,
} from '../../src/plan'

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

describe('[P4] comments beside a voice, who wrote it last, and the kinds of organisation', () => {
  const KEY = 'd'.repeat(64)
  it('a comment is a root text named by its member; only non-empty ones are listed, per perspective', () => {
    const doc = new Y.Doc()
    const v = createVoices(doc)
    v.comment('ouders', KEY).insert(0, 'Sinds de verhuizing?')
    v.comment('school', KEY)
    expect(v.comments('ouders')).toEqual([{ memberKey: KEY, text: 'Sinds de verhuizing?' }])
    expect(v.comments('school')).toEqual([])
    expect(commentOfRoot(voiceCommentName('ouders', KEY))).toEqual({ perspective: 'ouders', memberKey: KEY })
    expect(commentOfRoot('voiceComments.ouders.xyz')).toBeNull()
    expect(commentOfRoot(`voiceComments.andere.${KEY}`)).toBeNull()
    expect(() => v.comment('ouders', 'niet-een-sleutel')).toThrow()
  })
  it('a comment arriving from elsewhere is listed without being asked for first', () => {
    const a = new Y.Doc()
    createVoices(a).comment('kind', KEY).insert(0, 'ok')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(createVoices(b).comments('kind')).toEqual([{ memberKey: KEY, text: 'ok' }])
  })
  it('lastVoiceWrite: the newest update that changed that voice', () => {
    const activity = [
      { author: 'a', kind: 'update', writtenAt: 1, roots: ['voices.ouders.zorgen'] },
      { author: 'b', kind: 'update', writtenAt: 2, roots: ['goals', 'voices.ouders.vraag'] },
      { author: 'c', kind: 'snapshot', writtenAt: 3, roots: [] },
      { author: 'd', kind: 'update', writtenAt: 4, roots: ['voices.school.zorgen'] },
    ]
    expect(lastVoiceWrite(activity, 'ouders')).toEqual({ author: 'b', writtenAt: 2 })
    expect(lastVoiceWrite(activity, 'school')).toEqual({ author: 'd', writtenAt: 4 })
    expect(lastVoiceWrite(activity, 'kind')).toBeNull()
  })
  it('an organisation’s kind: set, read, taken away; an unknown value reads as none', () => {
    const doc = new Y.Doc()
    const orgs = createOrganisations(doc)
    orgs.setKind(KEY, 'zorg')
    expect(orgs.kindOf(KEY)).toBe('zorg')
    orgs.setKind(KEY, '')
    expect(orgs.kindOf(KEY)).toBeUndefined()
    doc.getMap('organisationKinds').set(KEY, 'gemeente')
    expect(organisationKindOf(doc, KEY)).toBeUndefined()
  })
})
