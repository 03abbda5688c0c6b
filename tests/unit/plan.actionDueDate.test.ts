/**
 * An afspraak's date ("Uiterlijk op"): a real calendar day or nothing, beside the free-text
 * "wanneer". It is part of what the instemming signs only when set, so every instemming given before
 * afspraken had a date keeps its bytes, its hash and its signature: the vectors below were taken
 * from the code before the field existed and must never change.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hashActions, hashHandelingsdeel, loadSodium, verifyInstemming, verifyInstemmingAct } from '../../src/crypto'
import { fromHex, toHex } from '../../src/sync/bytes'
import { PlanError, actionChanges, canonicalActions, createActions, parseCanonicalActions } from '../../src/plan'
import { canonicalHandelingsdeel, handelingsdeelChanges, handelingsdeelOf, parseCanonicalHandelingsdeel } from '../../src/plan/handelingsdeelCanonical'

await loadSodium()

const IB = 'c'.repeat(64)
const PARENT = 'b'.repeat(64)
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/** One afspraak as an app from before dates stored it: no `dueDate` key at all. */
function docFromBeforeDates(): Y.Doc {
  const doc = new Y.Doc()
  const m = new Y.Map<unknown>()
  const fields = {
    id: 'a'.repeat(32),
    what: 'Samen lezen',
    who: 'ouders',
    whoKey: PARENT,
    when: 'elke avond',
    goalId: '',
    fundedBy: 'onderwijs',
    done: false,
    meetingId: '',
    createdBy: IB,
    createdAt: 1,
  }
  for (const [k, v] of Object.entries(fields)) m.set(k, v)
  doc.getArray<Y.Map<unknown>>('actions').push([m])
  return doc
}

// taken from canonicalActions / canonicalHandelingsdeel before afspraken had a date
const ACTIONS_BYTES =
  '{"format":"samenplan.actions.v1","actions":[{"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","what":"Samen lezen","who":"ouders","whoKey":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","when":"elke avond","goalId":"","fundedBy":"onderwijs"}]}'
const HANDELINGSDEEL_BYTES =
  '{"format":"samenplan.handelingsdeel.v1","dateOfBirth":"","goals":[],"actions":[{"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","what":"Samen lezen","who":"ouders","whoKey":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","when":"elke avond","goalId":"","fundedBy":"onderwijs"}],"measures":[],"afwijkingen":""}'
const ACTIONS_HASH = '3722beadbbf452111ba13a900c5c05457883c39be29956b011ba942294d44541'
const HANDELINGSDEEL_HASH = '5d4bc95c0a1bca8ad7462ea4c853091a0d87a2ae9e351a6dcfa116dd93a69cbb'
// a parent's instemming over those hashes (seed 32 × 0x01, plan id 32 × 0x07, signedAt 1.7e12)
const SIGNER = '8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c'
const PLAN = new Uint8Array(32).fill(7)
const SIGNED_AT = 1_700_000_000_000
const V1_SIGNATURE = 'e8648e35ced0921349ac14d019574afde7494f8de8a330bf55f55347882ef1bbcbdcc39894e04db046b883822f2075d37900732a03badf3a2a54aa4e31e52f03'
const V2_SIGNATURE = '2a36f4c8ab0d6eb51081b7020a6c7f13637fec1695c66b89303e78ea683b2e83cc3225ccdada7310e69806de589b49037cb1ee3ebe16c6b10551f27088f9d603'

describe('an afspraak with a date (Uiterlijk op)', () => {
  it('takes a real calendar day or nothing, and refuses anything else', () => {
    const doc = new Y.Doc()
    const actions = createActions(doc)
    const id = actions.add({ what: 'Gesprek met de logopedist', dueDate: '2027-02-28' }, IB)
    expect(actions.get(id)?.dueDate).toBe('2027-02-28')
    expect(actions.get(actions.add({ what: 'Zonder datum' }, IB))?.dueDate).toBe('')
    for (const bad of ['2027-02-29', '2027-13-01', '28-02-2027', 'volgende week', 20270228]) {
      expect(() => actions.update(id, { dueDate: bad as string })).toThrow(PlanError)
      expect(() => actions.add({ what: 'x', dueDate: bad as string }, IB)).toThrow(PlanError)
    }
    expect(actions.get(id)?.dueDate).toBe('2027-02-28')
    actions.update(id, { dueDate: '' })
    expect(actions.get(id)?.dueDate).toBe('')
  })

  it('reads a malformed stored date (another writer) as no date, never throws', () => {
    const doc = docFromBeforeDates()
    doc.getArray<Y.Map<unknown>>('actions').get(0).set('dueDate', '2027-02-30')
    expect(createActions(doc).list()[0]?.dueDate).toBe('')
  })

  it('[P2] an afspraak without a date keeps the bytes, hash and signatures it had before dates existed', () => {
    for (const doc of [docFromBeforeDates(), withDateSetAndCleared()]) {
      expect(text(canonicalActions(doc))).toBe(ACTIONS_BYTES)
      expect(text(canonicalHandelingsdeel(doc))).toBe(HANDELINGSDEEL_BYTES)
      const actionsHash = hashActions(canonicalActions(doc))
      const handelingsdeelHash = hashHandelingsdeel(canonicalHandelingsdeel(doc))
      expect(toHex(actionsHash)).toBe(ACTIONS_HASH)
      expect(toHex(handelingsdeelHash)).toBe(HANDELINGSDEEL_HASH)
      expect(verifyInstemming(PLAN, actionsHash, SIGNED_AT, fromHex(V1_SIGNATURE), fromHex(SIGNER))).toBe(true)
      expect(verifyInstemmingAct('agree', 2, { planId: PLAN, hash: handelingsdeelHash, signedAt: SIGNED_AT }, fromHex(V2_SIGNATURE), fromHex(SIGNER))).toBe(
        true,
      )
    }
  })

  it('[P2] a date once set is signed after the other fields: the old signatures no longer verify', () => {
    const doc = docFromBeforeDates()
    const actions = createActions(doc)
    actions.update('a'.repeat(32), { dueDate: '2027-03-01' })
    expect(text(canonicalActions(doc))).toBe(ACTIONS_BYTES.replace('"fundedBy":"onderwijs"}', '"fundedBy":"onderwijs","dueDate":"2027-03-01"}'))
    const handelingsdeelHash = hashHandelingsdeel(canonicalHandelingsdeel(doc))
    expect(toHex(handelingsdeelHash)).not.toBe(HANDELINGSDEEL_HASH)
    expect(verifyInstemming(PLAN, hashActions(canonicalActions(doc)), SIGNED_AT, fromHex(V1_SIGNATURE), fromHex(SIGNER))).toBe(false)
    expect(verifyInstemmingAct('agree', 2, { planId: PLAN, hash: handelingsdeelHash, signedAt: SIGNED_AT }, fromHex(V2_SIGNATURE), fromHex(SIGNER))).toBe(false)
  })

  it('reads an agreed version back with and without a date, and names a changed date', () => {
    const doc = docFromBeforeDates()
    const before = handelingsdeelOf(doc)
    expect(parseCanonicalHandelingsdeel(HANDELINGSDEEL_BYTES)).toEqual(before)
    createActions(doc).update('a'.repeat(32), { dueDate: '2027-03-01' })
    const after = parseCanonicalHandelingsdeel(text(canonicalHandelingsdeel(doc)))!
    expect(after.actions[0]?.dueDate).toBe('2027-03-01')
    expect(handelingsdeelChanges(before, after)).toEqual([
      { part: 'action', id: 'a'.repeat(32), label: 'Samen lezen', kind: 'changed', fields: [{ field: 'dueDate', before: '', after: '2027-03-01' }] },
    ])
    const agreedActions = parseCanonicalActions(ACTIONS_BYTES)!
    expect(actionChanges(agreedActions, parseCanonicalActions(text(canonicalActions(doc)))!)[0]?.fields).toEqual([
      { field: 'dueDate', before: '', after: '2027-03-01' },
    ])
  })

  it('canonical bytes hold a date only as a real day: an empty or broken one is not this format', () => {
    for (const bad of ['""', '"2027-02-30"', '1', 'null']) {
      const withBad = ACTIONS_BYTES.replace('"fundedBy":"onderwijs"}', `"fundedBy":"onderwijs","dueDate":${bad}}`)
      expect(parseCanonicalActions(withBad)).toBeNull()
      expect(parseCanonicalHandelingsdeel(HANDELINGSDEEL_BYTES.replace('"fundedBy":"onderwijs"}', `"fundedBy":"onderwijs","dueDate":${bad}}`))).toBeNull()
    }
  })
})

/** The same afspraak, given a date and then none again: signed as if it never had one. */
function withDateSetAndCleared(): Y.Doc {
  const doc = docFromBeforeDates()
  const actions = createActions(doc)
  actions.update('a'.repeat(32), { dueDate: '2027-03-01' })
  actions.update('a'.repeat(32), { dueDate: '' })
  return doc
}
