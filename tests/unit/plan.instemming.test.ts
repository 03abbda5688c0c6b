/**
 * Instemming: the signature over one version of the afspraken (crypto facade), the entries in the
 * plan doc, and the pure judgement of who agreed to what. Entries here are signed for real.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  generateSigningKeyPair,
  hashActions,
  instemmingMessage,
  loadSodium,
  signDetached,
  signInstemming,
  signInstemmingWithdrawal,
  verifyInstemming,
  verifyInstemmingWithdrawal,
  type SigningKeyPair,
} from '../../src/crypto'
import { toHex, fromHex } from '../../src/sync/bytes'
import {
  actionChanges,
  agreedActions,
  canonicalActions,
  createActions,
  createInstemming,
  instemmingStatus,
  parseCanonicalActions,
  readInstemmingEntry,
  type InstemmingEntry,
} from '../../src/plan'

// describe bodies below make keys while the suite is collected
await loadSodium()

const PLAN = new Uint8Array(32).fill(7)
const OTHER_PLAN = new Uint8Array(32).fill(8)
const IB = 'c'.repeat(64)

function docWith(...whats: string[]): Y.Doc {
  const doc = new Y.Doc()
  const actions = createActions(doc)
  for (const what of whats) actions.add({ what, who: 'ouders' }, IB, 1)
  return doc
}

const hashOf = (doc: Y.Doc) => toHex(hashActions(canonicalActions(doc)))

function entry(signer: SigningKeyPair, hashHex: string, signedAt: number, planId = PLAN): InstemmingEntry {
  return {
    id: `e-${Math.random()}`,
    memberKey: toHex(signer.publicKey),
    actionsHash: hashHex,
    signedAt,
    signature: toHex(signInstemming(planId, fromHex(hashHex), signedAt, signer.secretKey)),
    agreed: '',
  }
}

/** A withdrawal of the agreement to `hashHex`, signed for real under the withdrawal domain. */
function withdrawal(signer: SigningKeyPair, hashHex: string, signedAt: number, planId = PLAN): InstemmingEntry {
  return {
    id: `w-${Math.random()}`,
    kind: 'withdrawal',
    memberKey: toHex(signer.publicKey),
    actionsHash: hashHex,
    signedAt,
    signature: toHex(signInstemmingWithdrawal(planId, fromHex(hashHex), signedAt, signer.secretKey)),
    agreed: '',
  }
}

/** The verification the access layer does, through the crypto facade: each kind under its own domain. */
const verifyIn = (planId: Uint8Array) => (e: InstemmingEntry) =>
  (e.kind === 'withdrawal' ? verifyInstemmingWithdrawal : verifyInstemming)(
    planId,
    fromHex(e.actionsHash),
    e.signedAt,
    fromHex(e.signature),
    fromHex(e.memberKey),
  )

describe('[P2] instemming signature (crypto facade)', () => {
  const mother = generateSigningKeyPair()
  const hash = hashActions(new TextEncoder().encode('{"format":"samenplan.actions.v1","actions":[]}'))

  it('verifies for the plan, hash, time and key it was made with, and for nothing else', () => {
    const sig = signInstemming(PLAN, hash, 1_700_000_000_000, mother.secretKey)
    expect(verifyInstemming(PLAN, hash, 1_700_000_000_000, sig, mother.publicKey)).toBe(true)
    expect(verifyInstemming(OTHER_PLAN, hash, 1_700_000_000_000, sig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hashActions(new Uint8Array([1])), 1_700_000_000_000, sig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hash, 1_700_000_000_001, sig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hash, 1_700_000_000_000, sig, generateSigningKeyPair().publicKey)).toBe(false)
    const flipped = sig.slice()
    flipped[10]! ^= 1
    expect(verifyInstemming(PLAN, hash, 1_700_000_000_000, flipped, mother.publicKey)).toBe(false)
  })

  it('is domain-separated: a signature over the same bytes for another purpose does not count', () => {
    const message = instemmingMessage(PLAN, hash, 5)
    const blobSig = signDetached('samenplan/blob/v1', message, mother.secretKey)
    expect(verifyInstemming(PLAN, hash, 5, blobSig, mother.publicKey)).toBe(false)
  })

  it('returns false, never throws, for inputs of the wrong shape', () => {
    const sig = signInstemming(PLAN, hash, 5, mother.secretKey)
    expect(verifyInstemming(PLAN.slice(1), hash, 5, sig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hash.slice(1), 5, sig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hash, -1, sig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hash, 1.5, sig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hash, 5, sig.slice(1), mother.publicKey)).toBe(false)
    expect(() => signInstemming(PLAN.slice(1), hash, 5, mother.secretKey)).toThrow(/plan id/)
  })

  it('[P2] an agreement and a withdrawal are signed under different domains: neither verifies as the other', () => {
    const agreeSig = signInstemming(PLAN, hash, 5, mother.secretKey)
    const withdrawSig = signInstemmingWithdrawal(PLAN, hash, 5, mother.secretKey)
    expect(verifyInstemmingWithdrawal(PLAN, hash, 5, withdrawSig, mother.publicKey)).toBe(true)
    expect(verifyInstemmingWithdrawal(PLAN, hash, 5, agreeSig, mother.publicKey)).toBe(false)
    expect(verifyInstemming(PLAN, hash, 5, withdrawSig, mother.publicKey)).toBe(false)
    expect(verifyInstemmingWithdrawal(OTHER_PLAN, hash, 5, withdrawSig, mother.publicKey)).toBe(false)
    expect(verifyInstemmingWithdrawal(PLAN, hash, 6, withdrawSig, mother.publicKey)).toBe(false)
    expect(verifyInstemmingWithdrawal(PLAN, hash.slice(1), 5, withdrawSig, mother.publicKey)).toBe(false)
  })

  it('lays out the message with fixed lengths: plan id, hash, time as u64 big-endian', () => {
    const m = instemmingMessage(PLAN, hash, 0x0102030405)
    expect(m.length).toBe(72)
    expect(m.slice(0, 32)).toEqual(PLAN)
    expect(m.slice(32, 64)).toEqual(hash)
    expect([...m.slice(64)]).toEqual([0, 0, 0, 1, 2, 3, 4, 5])
  })

  it('hashes the afspraken so that every edit an instemming covers changes it, and ticking one off does not', () => {
    const doc = docWith('Samen lezen')
    const [id] = createActions(doc)
      .list()
      .map((a) => a.id)
    const before = hashOf(doc)
    createActions(doc).setDone(id!, true)
    expect(hashOf(doc)).toBe(before)
    createActions(doc).update(id!, { when: 'elke avond' })
    expect(hashOf(doc)).not.toBe(before)
  })
})

describe('instemming entries in the plan doc', () => {
  it('appends signed entries and reads them back; malformed values are skipped and counted', () => {
    const doc = new Y.Doc()
    const store = createInstemming(doc)
    const mother = generateSigningKeyPair()
    const e = entry(mother, 'ab'.repeat(32), 10)
    const id = store.append({ memberKey: e.memberKey, actionsHash: e.actionsHash, signedAt: e.signedAt, signature: e.signature })
    doc.getArray('instemming').push([{ id: 'x', memberKey: 'nope' }, 'text', null])
    expect(store.list()).toEqual([{ ...e, id }])
    expect(store.malformed()).toBe(3)
  })

  it('stores a withdrawal with its kind and no copy; a kind it does not know is no entry (a newer writer)', () => {
    const doc = new Y.Doc()
    const store = createInstemming(doc)
    const w = withdrawal(generateSigningKeyPair(), 'ab'.repeat(32), 10)
    const id = store.append({
      kind: 'withdrawal',
      memberKey: w.memberKey,
      actionsHash: w.actionsHash,
      signedAt: w.signedAt,
      signature: w.signature,
      agreed: 'ignored',
    })
    expect(store.list()).toEqual([{ ...w, id }])
    const good = { id: 'i', memberKey: 'a'.repeat(64), actionsHash: 'b'.repeat(64), signedAt: 3, signature: 'c'.repeat(128) }
    expect(readInstemmingEntry({ ...good, kind: 'withdrawal', agreed: 'x' })).toEqual({ ...good, kind: 'withdrawal', agreed: '' })
    expect(readInstemmingEntry({ ...good, kind: 'veto' })).toBeNull()
    expect(readInstemmingEntry({ ...good, kind: null })).toBeNull()
    // old entries have no kind and stay agreements
    expect(readInstemmingEntry(good)?.kind).toBeUndefined()
  })

  it('refuses to append an entry of the wrong shape', () => {
    const store = createInstemming(new Y.Doc())
    expect(() => store.append({ memberKey: 'a'.repeat(64), actionsHash: 'zz', signedAt: 1, signature: '00'.repeat(64) })).toThrow()
    expect(() => store.append({ memberKey: 'short', actionsHash: 'ab'.repeat(32), signedAt: 1, signature: '00'.repeat(64) })).toThrow()
  })

  it('reads only well-formed values (a newer or broken writer never crashes the reader)', () => {
    const good = { id: 'i', memberKey: 'a'.repeat(64), actionsHash: 'b'.repeat(64), signedAt: 3, signature: 'c'.repeat(128) }
    expect(readInstemmingEntry(good)).toEqual({ ...good, agreed: '' })
    expect(readInstemmingEntry({ ...good, agreed: '{"x":1}' })?.agreed).toBe('{"x":1}')
    expect(readInstemmingEntry({ ...good, agreed: 7 })?.agreed).toBe('')
    expect(readInstemmingEntry({ ...good, signedAt: '3' })).toBeNull()
    expect(readInstemmingEntry({ ...good, signature: 'C'.repeat(128) })).toBeNull()
    expect(readInstemmingEntry({ ...good, id: '' })).toBeNull()
    expect(readInstemmingEntry([good])).toBeNull()
  })

  it('observes appends from another device', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const seen: number[] = []
    createInstemming(b).observe((list) => seen.push(list.length))
    const e = entry(generateSigningKeyPair(), 'ab'.repeat(32), 10)
    createInstemming(a).append(e)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(seen).toEqual([1])
  })
})

describe('[P2] instemmingStatus', () => {
  const mother = generateSigningKeyPair()
  const father = generateSigningKeyPair()
  const mentor = generateSigningKeyPair()
  const parents = [toHex(mother.publicKey), toHex(father.publicKey)]
  const v1 = docWith('Samen lezen')
  const v2 = docWith('Samen lezen', 'Elke week bellen')
  const h1 = hashOf(v1)
  const h2 = hashOf(v2)
  const status = (entries: InstemmingEntry[], currentHash = h1, planId = PLAN) => instemmingStatus({ entries, currentHash, parents, verify: verifyIn(planId) })

  it('with no entries: nobody agreed yet; with no parents with gezag: nobody can', () => {
    const s = status([])
    expect(s.overall).toBe('none')
    expect(s.parents.map((p) => p.state)).toEqual(['none', 'none'])
    expect(instemmingStatus({ entries: [], currentHash: h1, parents: [], verify: () => true }).overall).toBe('no-parents')
  })

  it('one parent agreed to this version: partly; both: agreed, with when', () => {
    const m = entry(mother, h1, 100)
    expect(status([m]).overall).toBe('partly')
    const s = status([m, entry(father, h1, 200)])
    expect(s.overall).toBe('agreed')
    expect(s.parents).toEqual([
      { memberKey: parents[0], state: 'current', agreedAt: 100, latest: m },
      expect.objectContaining({ memberKey: parents[1], state: 'current', agreedAt: 200 }),
    ])
    expect(s.history.map((h) => h.signedAt)).toEqual([200, 100])
    expect(s.history.every((h) => h.current)).toBe(true)
  })

  it('an edit after agreeing: "changed after agreement" until signed again', () => {
    const old = [entry(mother, h1, 100), entry(father, h1, 110)]
    const changed = status(old, h2)
    expect(changed.overall).toBe('changed')
    expect(changed.parents.map((p) => [p.state, p.agreedAt, p.latest?.signedAt])).toEqual([
      ['outdated', null, 100],
      ['outdated', null, 110],
    ])
    const again = status([...old, entry(mother, h2, 300)], h2)
    expect(again.overall).toBe('partly')
    expect(again.parents.map((p) => p.state)).toEqual(['current', 'outdated'])
    expect(again.history.map((h) => [h.signedAt, h.current])).toEqual([
      [300, true],
      [110, false],
      [100, false],
    ])
  })

  it('going back to content agreed before counts as agreed again: the hash is of the content', () => {
    const s = status([entry(mother, h1, 100), entry(mother, h2, 200), entry(father, h1, 150)], h1)
    expect(s.overall).toBe('agreed')
    expect(s.parents[0]).toMatchObject({ state: 'current', agreedAt: 100, latest: { signedAt: 200 } })
  })

  it('a tampered hash does not count: the entry claims the current version but was signed over another', () => {
    const signedOld = entry(mother, h1, 100)
    const tampered = { ...signedOld, actionsHash: h2 }
    const s = status([tampered], h2)
    expect(s.parents[0]!.state).toBe('none')
    expect(s.ignored).toEqual([{ entry: tampered, reason: 'bad-signature' }])
  })

  it('a tampered time does not count', () => {
    const e = { ...entry(mother, h1, 100), signedAt: 999 }
    expect(status([e]).ignored.map((i) => i.reason)).toEqual(['bad-signature'])
  })

  it("a signature by another key under a parent's name does not count (forged by an editor)", () => {
    const forged = { ...entry(mentor, h1, 100), memberKey: parents[0]! }
    const s = status([forged])
    expect(s.overall).toBe('none')
    expect(s.ignored).toEqual([{ entry: forged, reason: 'bad-signature' }])
  })

  it('an entry copied from another plan does not count', () => {
    const replayed = entry(mother, h1, 100, OTHER_PLAN)
    const s = status([replayed])
    expect(s.parents[0]!.state).toBe('none')
    expect(s.ignored.map((i) => i.reason)).toEqual(['bad-signature'])
  })

  it('a valid signature by someone who is not a parent with gezag does not count, and is not even verified', () => {
    let verified = 0
    const own = entry(mentor, h1, 100)
    const s = instemmingStatus({
      entries: [own],
      currentHash: h1,
      parents,
      verify: () => {
        verified++
        return true
      },
    })
    expect(verified).toBe(0)
    expect(s.overall).toBe('none')
    expect(s.history).toEqual([])
    expect(s.ignored).toEqual([{ entry: own, reason: 'not-eligible' }])
  })

  it('the same signed entry stored twice counts once', () => {
    const m = entry(mother, h1, 100)
    const s = status([m, { ...m, id: 'copy' }])
    expect(s.history).toHaveLength(1)
    expect(s.ignored).toEqual([])
  })

  it('a tampered copy placed before the real entry does not hide it', () => {
    const real = entry(mother, h1, 100)
    const tampered = { ...real, id: 'first', actionsHash: h2 }
    const s = status([tampered, real], h1)
    expect(s.parents[0]!.state).toBe('current')
    expect(s.ignored).toEqual([{ entry: tampered, reason: 'bad-signature' }])
  })

  it('is the same whatever order the entries arrive in', () => {
    const all = [entry(mother, h1, 100), entry(father, h2, 200), entry(mother, h2, 300), entry(mentor, h2, 50)]
    const a = status(all, h2)
    const b = status([...all].reverse(), h2)
    expect(b.parents).toEqual(a.parents)
    expect(b.history).toEqual(a.history)
    expect(b.overall).toBe('agreed')
  })
})

describe('[P2] withdrawing an instemming', () => {
  const mother = generateSigningKeyPair()
  const father = generateSigningKeyPair()
  const mentor = generateSigningKeyPair()
  const parents = [toHex(mother.publicKey), toHex(father.publicKey)]
  const h1 = hashOf(docWith('Samen lezen'))
  const h2 = hashOf(docWith('Samen lezen', 'Elke week bellen'))
  const status = (entries: InstemmingEntry[], currentHash = h1) => instemmingStatus({ entries, currentHash, parents, verify: verifyIn(PLAN) })
  const mine = (entries: InstemmingEntry[], currentHash = h1) => status(entries, currentHash).parents[0]!

  it('agree, withdraw, agree again: her newest act decides', () => {
    const agreed = entry(mother, h1, 100)
    expect(mine([agreed]).state).toBe('current')
    const withdrawn = [agreed, withdrawal(mother, h1, 200)]
    expect(mine(withdrawn)).toEqual({ memberKey: parents[0], state: 'withdrawn', agreedAt: null, latest: null, withdrawnAt: 200 })
    expect(status(withdrawn).overall).toBe('withdrawn')
    // the history keeps both acts, newest first
    expect(status(withdrawn).history.map((h) => [h.kind, h.signedAt])).toEqual([
      ['withdrawal', 200],
      [undefined, 100],
    ])
    const again = entry(mother, h1, 300)
    expect(mine([...withdrawn, again])).toEqual({ memberKey: parents[0], state: 'current', agreedAt: 300, latest: again })
    // whatever order they arrive in
    expect(mine([again, ...withdrawn].reverse())).toMatchObject({ state: 'current', agreedAt: 300 })
  })

  it('a withdrawal withdraws every agreement before it: going back to an earlier version does not revive one', () => {
    const entries = [entry(mother, h1, 100), entry(mother, h2, 200), withdrawal(mother, h2, 250)]
    expect(mine(entries, h1).state).toBe('withdrawn')
    expect(mine(entries, h2).state).toBe('withdrawn')
    // a later agreement to another version: out of date, not withdrawn, and the withdrawn one stays withdrawn
    const later = [...entries, entry(mother, h2, 300)]
    expect(mine(later, h1)).toMatchObject({ state: 'outdated', agreedAt: null, latest: { signedAt: 300 } })
  })

  it('an older withdrawal does not undo a newer agreement; in a tie the withdrawal wins (doubt is no agreement)', () => {
    expect(mine([withdrawal(mother, h1, 100), entry(mother, h1, 200)]).state).toBe('current')
    expect(mine([entry(mother, h1, 100), withdrawal(mother, h1, 100)]).state).toBe('withdrawn')
  })

  it("one parent's withdrawal is hers alone: the other's agreement stands", () => {
    const s = status([entry(mother, h1, 100), entry(father, h1, 110), withdrawal(mother, h1, 200)])
    expect(s.parents.map((p) => p.state)).toEqual(['withdrawn', 'current'])
    expect(s.overall).toBe('partly')
  })

  it('a forged withdrawal counts for nothing: another key under her name, or someone who is not a parent with gezag', () => {
    const agreed = entry(mother, h1, 100)
    const forged = { ...withdrawal(mentor, h1, 200), memberKey: parents[0]! }
    const notEligible = withdrawal(mentor, h1, 200)
    const s = status([agreed, forged, notEligible])
    expect(s.parents[0]).toMatchObject({ state: 'current', agreedAt: 100 })
    expect(s.ignored).toEqual([
      { entry: forged, reason: 'bad-signature' },
      { entry: notEligible, reason: 'not-eligible' },
    ])
    expect(s.history).toHaveLength(1)
    // a tampered time (to be newer than an agreement again) breaks the signature too
    const moved = { ...withdrawal(mother, h1, 50), signedAt: 500 }
    expect(status([agreed, moved]).ignored).toEqual([{ entry: moved, reason: 'bad-signature' }])
  })

  it('wrong domain: her agreement relabelled as a withdrawal does not withdraw, her withdrawal relabelled as an agreement does not agree', () => {
    const agreed = entry(mother, h1, 100)
    const asWithdrawal: InstemmingEntry = { ...agreed, id: 'relabelled', kind: 'withdrawal' }
    const s = status([agreed, asWithdrawal])
    expect(s.parents[0]!.state).toBe('current')
    expect(s.ignored).toEqual([{ entry: asWithdrawal, reason: 'bad-signature' }])

    const w = withdrawal(mother, h1, 200)
    const { kind: _, ...asAgreement } = w
    const t = status([agreed, w, asAgreement])
    expect(t.parents[0]!.state).toBe('withdrawn')
    expect(t.ignored).toEqual([{ entry: asAgreement, reason: 'bad-signature' }])
  })
})

describe('what changed since an agreed version', () => {
  const text = (doc: Y.Doc) => new TextDecoder().decode(canonicalActions(doc))

  it('reads canonical text back, and nothing that is not exactly that format', () => {
    const doc = docWith('Samen lezen')
    const [a] = parseCanonicalActions(text(doc))!
    expect(a).toMatchObject({ what: 'Samen lezen', who: 'ouders', when: '', fundedBy: '' })
    expect(parseCanonicalActions('{"format":"samenplan.actions.v2","actions":[]}')).toBeNull()
    expect(parseCanonicalActions('{"format":"samenplan.actions.v1","actions":[{"id":1}]}')).toBeNull()
    expect(parseCanonicalActions('not json')).toBeNull()
    expect(parseCanonicalActions('null')).toBeNull()
  })

  it('trusts the copy in an entry only when it hashes to what was signed', () => {
    const doc = docWith('Samen lezen')
    const hex = (bytes: Uint8Array) => toHex(hashActions(bytes))
    const e = { ...entry(generateSigningKeyPair(), hashOf(doc), 5), agreed: text(doc) }
    expect(agreedActions(e, hex)?.map((a) => a.what)).toEqual(['Samen lezen'])
    const tampered = { ...e, agreed: text(doc).replace('Samen lezen', 'Alleen lezen') }
    expect(agreedActions(tampered, hex)).toBeNull()
    expect(agreedActions({ ...e, agreed: '' }, hex)).toBeNull()
  })

  it('lists added, changed (with before and after) and removed afspraken', () => {
    const doc = docWith('Samen lezen', 'Elke week bellen')
    const before = parseCanonicalActions(text(doc))!
    const actions = createActions(doc)
    const [lezen, bellen] = actions.list()
    actions.update(lezen!.id, { when: 'elke avond', fundedBy: 'onderwijs' })
    actions.remove(bellen!.id)
    const added = actions.add({ what: 'Huiswerkklas' }, IB, 2)
    actions.setDone(lezen!.id, true) // not covered, so not a change
    const changes = actionChanges(before, parseCanonicalActions(text(doc))!)
    // in the canonical order (by id), removed ones last
    expect(changes).toHaveLength(3)
    expect(changes.slice(0, 2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: lezen!.id,
          kind: 'changed',
          fields: [
            { field: 'when', before: '', after: 'elke avond' },
            { field: 'fundedBy', before: '', after: 'onderwijs' },
          ],
        }),
        { id: added, what: 'Huiswerkklas', kind: 'added', fields: [] },
      ]),
    )
    expect(changes[2]).toEqual({ id: bellen!.id, what: 'Elke week bellen', kind: 'removed', fields: [] })
    expect(actionChanges(before, before)).toEqual([])
  })
})
