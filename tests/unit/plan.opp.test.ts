/**
 * The OPP as the law asks (issue 10 §4): the uitstroombestemming and the factors its onderbouwing
 * rests on, the handelingsdeel and its canonical form, the conversations with the parents, when
 * the child is of age, and the gates: instemming of version 2 by whoever is entitled when signing
 * ([P2]), and the vaststelling only after instemming or over a signed disagreement ([P11]).
 * Entries are signed for real through the crypto facade.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  generateSigningKeyPair,
  hashHandelingsdeel,
  loadSodium,
  signInstemmingAct,
  signVaststelling,
  verifyInstemmingAct,
  verifyVaststelling,
  type SigningKeyPair,
} from '../../src/crypto'
import type { InstemmingAct } from '../../src/crypto'
import {
  canonicalHandelingsdeel,
  createActions,
  createChild,
  createFactors,
  createGoals,
  createHandelingsdeel,
  createInstemming,
  createOppConversations,
  createPerspective,
  createVaststelling,
  handelingsdeelChanges,
  handelingsdeelOf,
  instemmingStatus,
  isAdultOn,
  lastConversationOn,
  parseCanonicalHandelingsdeel,
  readInstemmingEntry,
  referencedFactors,
  vaststellingStatus,
  type InstemmingEntry,
  type InstemmingInput,
  type VaststellingBasis,
  type VaststellingEntry,
} from '../../src/plan'
import { fromHex, toHex } from '../../src/sync/bytes'

await loadSodium()

const PLAN = new Uint8Array(32).fill(3)
const IB = 'c'.repeat(64)
const DAY = 86_400_000

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('ontwikkelingsperspectief', () => {
  it('the bestemming is one of the list; the onderbouwing references factors of the matrix by id, shown from the matrix', () => {
    const doc = new Y.Doc()
    const opp = createPerspective(doc)
    const factors = createFactors(doc)
    const helps = factors.add({ domain: 'kind', kind: 'helpt', text: 'Leert goed met beeld', date: '2026-10-01' }, IB)
    const hinders = factors.add({ domain: 'school', kind: 'belemmert', text: 'Grote groep', date: '2026-10-01' }, IB)
    factors.add({ domain: 'thuis', kind: 'helpt', text: 'Niet genoemd', date: '2026-10-01' }, IB)
    opp.setBestemming('vmbo-k')
    expect(() => opp.setBestemming('gymnasium' as never)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    opp.setFactorReferenced(hinders, true)
    opp.setFactorReferenced(helps, true)
    expect(() => opp.setFactorReferenced('nope', true)).toThrow(expect.objectContaining({ code: 'not-found' }))
    expect(opp.snapshot()).toMatchObject({ bestemming: 'vmbo-k', factorIds: [helps, hinders].sort() })
    // the text is the matrix's, not a copy: an edit there shows here
    factors.update(helps, { text: 'Leert goed met beeld en voorbeelden' })
    factors.remove(hinders)
    const shown = referencedFactors(opp.factorIds(), factors.list())
    expect(shown.bevorderend.map((f) => f.text)).toEqual(['Leert goed met beeld en voorbeelden'])
    expect(shown.belemmerend).toEqual([])
    expect(shown.removed).toBe(1)
    opp.setFactorReferenced(helps, false)
    expect(opp.factorIds()).toEqual([hinders])
  })

  it('two people ticking factors at once keep both ticks', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const f = createFactors(a)
    const one = f.add({ domain: 'kind', kind: 'helpt', text: 'Een', date: '2026-10-01' }, IB)
    const two = f.add({ domain: 'kind', kind: 'belemmert', text: 'Twee', date: '2026-10-01' }, IB)
    sync(a, b)
    createPerspective(a).setFactorReferenced(one, true)
    createPerspective(b).setFactorReferenced(two, true)
    sync(a, b)
    expect(createPerspective(a).factorIds()).toEqual([one, two].sort())
    expect(createPerspective(b).factorIds()).toEqual([one, two].sort())
  })
})

describe('handelingsdeel', () => {
  it('holds ondersteuning, begeleiding, extra hulp and afwijkingen, each linked to a tussendoel or not', () => {
    const doc = new Y.Doc()
    const goal = createGoals(doc).add({ title: 'Tafels tot 10', domain: 'leren' }, IB)
    const h = createHandelingsdeel(doc)
    h.add({ kind: 'afwijking', area: 'rekenen', text: 'Eigen leerlijn op niveau groep 5', goalId: goal }, IB)
    h.add({ kind: 'begeleiding', text: 'Wekelijks gesprek met de mentor' }, IB)
    expect(() => h.add({ kind: 'wens' as never, text: 'x' }, IB)).toThrow(expect.objectContaining({ code: 'invalid-value' }))
    expect(() => h.add({ kind: 'extra-hulp', text: ' ' }, IB)).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => h.add({ kind: 'extra-hulp', text: 'RT', goalId: 'gone' }, IB)).toThrow(expect.objectContaining({ code: 'not-found' }))
    expect(h.ofKind('afwijking').map((m) => [m.area, m.goalId])).toEqual([['rekenen', goal]])
    expect(h.list()).toHaveLength(2)
  })

  it('canonical form: the same content gives the same bytes; done, status and evaluations leave it alone', () => {
    const a = new Y.Doc()
    const goal = createGoals(a).add({ title: 'Lezen', domain: 'leren', targetDate: '2027-01-01' }, IB)
    const act = createActions(a).add({ what: 'Samen lezen', goalId: goal }, IB)
    createHandelingsdeel(a).add({ kind: 'ondersteuning', text: 'Voorleessoftware' }, IB)
    const b = new Y.Doc()
    sync(a, b)
    const before = canonicalHandelingsdeel(a)
    expect(canonicalHandelingsdeel(b)).toEqual(before)
    createActions(a).setDone(act, true)
    createGoals(a).update(goal, { status: 'behaald' })
    createGoals(a).addEvaluation(goal, { date: '2026-12-01', result: 'behaald', decision: 'doorgaan' }, IB)
    expect(canonicalHandelingsdeel(a)).toEqual(before)
    expect(parseCanonicalHandelingsdeel(new TextDecoder().decode(before))).toEqual(handelingsdeelOf(b))
    expect(parseCanonicalHandelingsdeel('{"format":"samenplan.actions.v1","actions":[]}')).toBeNull()
  })

  it('names what changed since an agreed version: which goal, afspraak or part, and the texts', () => {
    const doc = new Y.Doc()
    const goals = createGoals(doc)
    const goal = goals.add({ title: 'Lezen', domain: 'leren' }, IB)
    const h = createHandelingsdeel(doc)
    const rt = h.add({ kind: 'extra-hulp', text: 'RT twee keer per week' }, IB)
    const gone = h.add({ kind: 'afwijking', area: 'Frans', text: 'Geen Frans' }, IB)
    const before = handelingsdeelOf(doc)
    goals.text(goal, 'title').insert(5, ' en begrijpen')
    h.update(rt, { text: 'RT een keer per week' })
    h.remove(gone)
    const newAction = createActions(doc).add({ what: 'Logopedie' }, IB)
    createPerspective(doc).text('afwijkingen').insert(0, 'Toetsen mondeling.')
    createChild(doc).set({ dateOfBirth: '2010-01-01' })
    expect(handelingsdeelChanges(before, handelingsdeelOf(doc))).toEqual([
      { part: 'goal', id: goal, label: 'Lezen en begrijpen', kind: 'changed', fields: [{ field: 'title', before: 'Lezen', after: 'Lezen en begrijpen' }] },
      { part: 'action', id: newAction, label: 'Logopedie', kind: 'added', fields: [] },
      {
        part: 'measure',
        id: rt,
        label: 'RT een keer per week',
        kind: 'changed',
        fields: [{ field: 'text', before: 'RT twee keer per week', after: 'RT een keer per week' }],
      },
      { part: 'measure', id: gone, label: 'Geen Frans', kind: 'removed', fields: [] },
      { part: 'afwijkingen', id: '', label: '', kind: 'changed', fields: [{ field: 'afwijkingen', before: '', after: 'Toetsen mondeling.' }] },
      { part: 'dateOfBirth', id: '', label: '', kind: 'changed', fields: [{ field: 'dateOfBirth', before: '', after: '2010-01-01' }] },
    ])
  })
})

describe('conversations with the parents', () => {
  it('OOGO and yearly evaluation: dated, who took part, the outcome; the newest held evaluation', () => {
    const c = createOppConversations(new Y.Doc())
    c.add({ kind: 'oogo', date: '2026-09-15', participantKeys: [IB, IB], others: 'tolk', outcome: 'Eens over de doelen' }, IB)
    c.add({ kind: 'evaluatie', date: '2026-11-01', outcome: 'Doelen deels behaald' }, IB)
    c.add({ kind: 'evaluatie', date: '2027-11-01', outcome: 'Gepland' }, IB)
    expect(() => c.add({ kind: 'evaluatie', date: '2026-13-01', outcome: 'x' }, IB)).toThrow(expect.objectContaining({ code: 'invalid-date' }))
    expect(() => c.add({ kind: 'oogo', date: '2026-10-01', outcome: '' }, IB)).toThrow(expect.objectContaining({ code: 'empty' }))
    expect(() => c.add({ kind: 'oogo', date: '2026-10-01', outcome: 'x', participantKeys: ['ouder'] }, IB)).toThrow(
      expect.objectContaining({ code: 'invalid-member-key' }),
    )
    expect(c.list().map((x) => x.date)).toEqual(['2027-11-01', '2026-11-01', '2026-09-15'])
    expect(c.list()[2]!.participantKeys).toEqual([IB])
    expect(lastConversationOn(c.list(), 'evaluatie', '2026-12-07')).toBe('2026-11-01')
    expect(lastConversationOn(c.list(), 'oogo', '2026-09-14')).toBe('')
  })
})

describe('of age', () => {
  it('from the 18th birthday on, in UTC; 29 February turns 18 on 1 March; no date: never', () => {
    expect(isAdultOn('2008-12-07', Date.UTC(2026, 11, 6, 23, 59))).toBe(false)
    expect(isAdultOn('2008-12-07', Date.UTC(2026, 11, 7))).toBe(true)
    expect(isAdultOn('2008-02-29', Date.UTC(2026, 1, 28, 12))).toBe(false)
    expect(isAdultOn('2008-02-29', Date.UTC(2026, 2, 1))).toBe(true)
    expect(isAdultOn('', Date.UTC(2099, 0, 1))).toBe(false)
  })
})

// ---- the gates, over real signatures ----

const hashHex = (doc: Y.Doc) => toHex(hashHandelingsdeel(canonicalHandelingsdeel(doc)))

function act(signer: SigningKeyPair, kind: InstemmingAct, hash: string, signedAt: number, opts: { version?: 1 | 2; reason?: string } = {}): InstemmingEntry {
  const version = opts.version ?? 2
  const signature = toHex(signInstemmingAct(kind, version, { planId: PLAN, hash: fromHex(hash), signedAt, reason: opts.reason }, signer.secretKey))
  const entry: InstemmingEntry = { id: `e-${Math.random()}`, memberKey: toHex(signer.publicKey), actionsHash: hash, signedAt, signature, agreed: '' }
  if (version === 2) entry.version = 2
  if (kind === 'withdraw') entry.kind = 'withdrawal'
  if (kind === 'disagree') Object.assign(entry, { kind: 'disagreement', reason: opts.reason })
  return entry
}

const verifyAct = (e: InstemmingEntry) =>
  verifyInstemmingAct(
    e.kind === 'withdrawal' ? 'withdraw' : e.kind === 'disagreement' ? 'disagree' : 'agree',
    e.version ?? 1,
    { planId: PLAN, hash: fromHex(e.actionsHash), signedAt: e.signedAt, reason: e.reason },
    fromHex(e.signature),
    fromHex(e.memberKey),
  )

function setting(signer: SigningKeyPair, basis: VaststellingBasis, hash: string, signedAt: number): VaststellingEntry {
  return {
    id: `v-${Math.random()}`,
    memberKey: toHex(signer.publicKey),
    hash,
    basis,
    signedAt,
    signature: toHex(signVaststelling({ planId: PLAN, hash: fromHex(hash), signedAt, basis }, signer.secretKey)),
  }
}
const verifySetting = (e: VaststellingEntry) =>
  verifyVaststelling({ planId: PLAN, hash: fromHex(e.hash), signedAt: e.signedAt, basis: e.basis }, fromHex(e.signature), fromHex(e.memberKey))

describe('[P2] instemming of the handelingsdeel, versioned; from 18 the pupil', () => {
  const mother = generateSigningKeyPair()
  const father = generateSigningKeyPair()
  const pupil = generateSigningKeyPair()
  const H = 'a'.repeat(64)
  const BIRTH = Date.UTC(2026, 11, 7) // the 18th birthday
  const input = (entries: InstemmingEntry[], now: number, currentHash = H): InstemmingInput => ({
    entries,
    currentHash,
    parents: [toHex(mother.publicKey), toHex(father.publicKey)],
    pupils: [toHex(pupil.publicKey)],
    adultAt: (ms) => ms >= BIRTH,
    now,
    verify: verifyAct,
  })

  it('a version-1 signature never verifies as version 2 (the domain says which canonical form was hashed), and back', () => {
    const v1 = act(mother, 'agree', H, 1000, { version: 1 })
    expect(verifyAct(v1)).toBe(true)
    expect(verifyAct({ ...v1, version: 2 })).toBe(false)
    const v2 = act(mother, 'agree', H, 1000)
    expect(verifyAct({ ...v2, version: undefined })).toBe(false)
    // a withdrawal's and a disagreement's signature hold only as what they are
    const d = act(mother, 'disagree', H, 1000, { reason: 'Te weinig uren' })
    expect(verifyAct(d)).toBe(true)
    expect(verifyAct({ ...d, reason: 'Iets anders' })).toBe(false)
    expect(verifyAct({ ...d, kind: 'withdrawal' })).toBe(false)
  })

  it('stored entries: a disagreement needs version 2 and a reason; an unknown version is no entry', () => {
    const d = act(mother, 'disagree', H, 1000, { reason: 'Te weinig uren' })
    expect(readInstemmingEntry(JSON.parse(JSON.stringify(d)))).toEqual(d)
    expect(readInstemmingEntry({ ...d, version: undefined })).toBeNull()
    expect(readInstemmingEntry({ ...d, reason: ' ' })).toBeNull()
    expect(readInstemmingEntry({ ...act(mother, 'agree', H, 1), version: 3 })).toBeNull()
    const store = createInstemming(new Y.Doc())
    store.append({ kind: 'disagreement', version: 2, memberKey: d.memberKey, actionsHash: H, signedAt: 5, signature: d.signature, reason: ' Te weinig uren ' })
    expect(store.list()[0]!.reason).toBe('Te weinig uren')
  })

  it('under 18 both parents must agree; a disagreement is her newest act until she agrees again', () => {
    const before = BIRTH - 10 * DAY
    const both = [act(mother, 'agree', H, before - 5), act(father, 'agree', H, before - 4)]
    expect(instemmingStatus(input(both, before)).overall).toBe('agreed')
    const disagreed = act(father, 'disagree', H, before - 3, { reason: 'Te weinig hulp' })
    const st = instemmingStatus(input([...both, disagreed], before))
    expect(st.overall).toBe('partly')
    expect(st.parents[1]).toMatchObject({ state: 'disagreed', disagreement: { reason: 'Te weinig hulp' } })
    expect(instemmingStatus(input([disagreed], before)).overall).toBe('disagreed')
    expect(instemmingStatus(input([...both, disagreed, act(father, 'agree', H, before - 2)], before)).overall).toBe('agreed')
    // the pupil, not yet 18, does not count
    expect(instemmingStatus(input([act(pupil, 'agree', H, before)], before)).ignored.map((i) => i.reason)).toEqual(['not-eligible'])
  })

  it('from the 18th birthday the pupil signs in the parents’ place; the parents’ later entries do not count', () => {
    const after = BIRTH + DAY
    const st = instemmingStatus(input([act(mother, 'agree', H, after - 1), act(pupil, 'agree', H, after - 2)], after))
    expect(st.signers).toBe('pupil')
    expect(st.parents.map((p) => [p.memberKey, p.state])).toEqual([[toHex(pupil.publicKey), 'current']])
    expect(st.overall).toBe('agreed')
    expect(st.ignored.map((i) => i.reason)).toEqual(['not-eligible'])
    // the parents' agreement from before the birthday does not stand in for the adult pupil
    expect(instemmingStatus(input([act(mother, 'agree', H, BIRTH - 1), act(father, 'agree', H, BIRTH - 1)], after)).overall).toBe('none')
    // no pupil in the plan: nobody can agree
    expect(instemmingStatus({ ...input([], after), pupils: [] }).overall).toBe('no-parents')
  })
})

describe('[P11] vaststelling only after instemming or over a signed disagreement', () => {
  const mother = generateSigningKeyPair()
  const father = generateSigningKeyPair()
  const ib = generateSigningKeyPair()
  const careWorker = generateSigningKeyPair()
  const doc = new Y.Doc()
  createActions(doc).add({ what: 'Samen lezen' }, IB)
  const V1 = hashHex(doc)
  createHandelingsdeel(doc).add({ kind: 'afwijking', text: 'Geen Frans' }, IB)
  const V2 = hashHex(doc)
  const T = 1_800_000_000_000
  const judge = (instemming: InstemmingEntry[], entries: VaststellingEntry[], currentHash = V2) =>
    vaststellingStatus({
      entries,
      instemming: { entries: instemming, currentHash, parents: [toHex(mother.publicKey), toHex(father.publicKey)], verify: verifyAct, now: T + DAY },
      currentHash,
      setters: [toHex(ib.publicKey)],
      verify: verifySetting,
    })

  it('refused without instemming; counts once every parent agreed to exactly that version before it was signed', () => {
    const early = setting(ib, 'instemming', V2, T)
    expect(judge([], [early]).ignored.map((i) => i.reason)).toEqual(['no-instemming'])
    const motherOnly = [act(mother, 'agree', V2, T - 10)]
    expect(judge(motherOnly, [early]).state).toBe('none')
    // the father agrees only after the vaststelling was signed: it still does not count
    const fatherLate = act(father, 'agree', V2, T + 10)
    expect(judge([...motherOnly, fatherLate], [early]).ignored.map((i) => i.reason)).toEqual(['no-instemming'])
    // agreed to another version: not this one
    expect(judge([...motherOnly, act(father, 'agree', V1, T - 5)], [early]).state).toBe('none')
    const both = [...motherOnly, act(father, 'agree', V2, T - 5)]
    const st = judge(both, [early])
    expect(st.state).toBe('vastgesteld')
    expect(st.latest?.basis).toBe('instemming')
    // and once the handelingsdeel changes, the vaststelling is of an older version
    expect(judge(both, [early], V1).state).toBe('changed')
    // a withdrawal before the vaststelling undoes the basis
    expect(judge([...both, act(mother, 'withdraw', V2, T - 1)], [early]).state).toBe('none')
  })

  it('over a disagreement: only one signed by a parent about exactly that version, standing when it was signed', () => {
    const disagreed = act(father, 'disagree', V2, T - 5, { reason: 'Wij willen meer uren RT' })
    expect(judge([disagreed], [setting(ib, 'disagreement', V2, T)]).state).toBe('vastgesteld')
    expect(judge([], [setting(ib, 'disagreement', V2, T)]).ignored.map((i) => i.reason)).toEqual(['no-disagreement'])
    // about another version, or agreed again since: no basis
    expect(judge([act(father, 'disagree', V1, T - 5, { reason: 'x' })], [setting(ib, 'disagreement', V2, T)]).state).toBe('none')
    expect(judge([disagreed, act(father, 'agree', V2, T - 1)], [setting(ib, 'disagreement', V2, T)]).state).toBe('none')
    // a basis is signed: a vaststelling over a disagreement relabelled "after instemming" does not verify
    const relabelled = { ...setting(ib, 'disagreement', V2, T), basis: 'instemming' as const }
    expect(judge([disagreed], [relabelled]).ignored.map((i) => i.reason)).toEqual(['bad-signature'])
  })

  it('only a setter counts (a professional of the school, editor or admin); a forged signature never does', () => {
    const both = [act(mother, 'agree', V2, T - 10), act(father, 'agree', V2, T - 5)]
    const byCare = setting(careWorker, 'instemming', V2, T)
    const forged = { ...setting(careWorker, 'instemming', V2, T), memberKey: toHex(ib.publicKey) }
    const st = judge(both, [byCare, forged])
    expect(st.ignored.map((i) => i.reason)).toEqual(['not-eligible', 'bad-signature'])
    expect(st.state).toBe('none')
  })

  it('the entries are plain values in the plan; anything malformed is no entry', () => {
    const store = createVaststelling(new Y.Doc())
    const e = setting(ib, 'instemming', V2, T)
    store.append({ memberKey: e.memberKey, hash: e.hash, basis: e.basis, signedAt: e.signedAt, signature: e.signature })
    expect(store.list()).toHaveLength(1)
    expect(() => store.append({ ...e, basis: 'besluit' as never })).toThrow()
  })
})
