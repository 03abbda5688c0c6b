import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium } from '../../../src/crypto'
import type { Party, Role } from '../../../src/sync/blob'
import { toHex } from '../../../src/sync/bytes'
import { createClaim, createConsentRecord, createGenesis, createLockbox, createMemberRecord, createWriter, type Writer } from '../../../src/sync/records'
import { consentBlocks, loadRoomState, mayConnect } from '../../../src/sync/roomState'
import { createFixture, pushAsWriters, type Fixture } from './fixtures'

beforeAll(async () => {
  await loadSodium()
})

const HOUR = 3_600_000
const randomOrg = () => globalThis.crypto.getRandomValues(new Uint8Array(32))
const details = () => globalThis.crypto.getRandomValues(new Uint8Array(32))

function expectRule(result: { ok: boolean; error?: { rule: string; code: string } }, rule: string, code: string) {
  expect(result.ok).toBe(false)
  expect(result.error?.rule).toBe(rule)
  expect(result.error?.code).toBe(code)
}

function add(f: Fixture, party: Party, role: Role = 'contributor', organisation?: Uint8Array): Writer {
  const w = createWriter(generateSigningKeyPair())
  const r = f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject: w.identity.publicKey, role, party, organisation })]))
  if (!r.ok) throw r.error
  return w
}

function give(f: Fixture, by: Writer, org: Uint8Array, expiresAt = Date.now() + HOUR) {
  return f.apply(f.updateWith([createConsentRecord(by, f.planId, { op: 'give', organisation: org, expiresAt, details: details() })]))
}

function withdraw(f: Fixture, by: Writer, org: Uint8Array) {
  return f.apply(f.updateWith([createConsentRecord(by, f.planId, { op: 'withdraw', organisation: org, expiresAt: 0, details: details() })]))
}

function inviteRecord(f: Fixture, party: Party | undefined, organisation?: Uint8Array) {
  const invite = generateSigningKeyPair()
  const record = createMemberRecord(f.admin, f.planId, {
    op: 'invite',
    subject: invite.publicKey,
    role: 'editor',
    expiresAt: Date.now() + HOUR,
    party,
    organisation,
  })
  return { invite, record }
}

describe('R12 consent', () => {
  it('[R12] an invite of a professional needs live consent for its organisation', () => {
    const f = createFixture()
    const parent = add(f, 'gezag')
    const org = randomOrg()
    expectRule(f.apply(f.updateWith([inviteRecord(f, 'professional', org).record])), 'R12', 'consent-missing')
    expect(give(f, parent, org).ok).toBe(true)
    const { invite, record } = inviteRecord(f, 'professional', org)
    expect(f.apply(f.updateWith([record])).ok).toBe(true)
    expect(mayConnect(f.room, toHex(invite.publicKey), Date.now())).toBe(true)
  })

  it('[R12] an add of a professional needs an organisation and live consent', () => {
    const f = createFixture()
    const subject = generateSigningKeyPair().publicKey
    const addPro = (organisation?: Uint8Array) =>
      f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'add', subject, role: 'editor', party: 'professional', organisation })]))
    expectRule(addPro(), 'R12', 'organisation-missing')
    expectRule(addPro(randomOrg()), 'R12', 'consent-missing')
  })

  it('[R12] new add and invite records say who is added; non-professionals have no organisation', () => {
    const f = createFixture()
    expectRule(f.apply(f.updateWith([inviteRecord(f, undefined).record])), 'R12', 'party-missing')
    expectRule(f.apply(f.updateWith([inviteRecord(f, 'parent', randomOrg()).record])), 'R12', 'organisation-unexpected')
    for (const party of ['parent', 'gezag', 'youth', 'youth16'] as const) expect(f.apply(f.updateWith([inviteRecord(f, party).record])).ok).toBe(true)
  })

  it('[R12] only a gezag or youth16 member writes consent, whatever its role; the admin may not', () => {
    const f = createFixture()
    const org = randomOrg()
    expectRule(give(f, f.admin, org), 'R12', 'consent-forbidden')
    for (const party of ['parent', 'youth'] as const) expectRule(give(f, add(f, party, 'editor'), org), 'R12', 'consent-forbidden')
    const outsider = createWriter(generateSigningKeyPair())
    expectRule(give(f, outsider, org), 'R12', 'consent-forbidden')
    expect(give(f, add(f, 'youth16', 'reader'), org).ok).toBe(true)
    expect(give(f, add(f, 'gezag', 'reader'), randomOrg()).ok).toBe(true)
  })

  it('[R12] a consent must end in the future; withdrawing needs something to withdraw', () => {
    const f = createFixture()
    const parent = add(f, 'gezag')
    expectRule(give(f, parent, randomOrg(), Date.now() - 1), 'R12', 'consent-expired')
    expectRule(withdraw(f, parent, randomOrg()), 'R12', 'consent-unknown')
  })

  it("[R12] after a withdrawal the organisation's members cannot connect or write; others can", () => {
    const f = createFixture()
    const parent = add(f, 'gezag')
    const org = randomOrg()
    expect(give(f, parent, org).ok).toBe(true)
    const pro = add(f, 'professional', 'editor', org)
    expect(f.apply(f.updateWith([f.update(pro)])).ok).toBe(true)
    expect(withdraw(f, parent, org).ok).toBe(true)
    const key = toHex(pro.identity.publicKey)
    expect(consentBlocks(f.room, key, Date.now())).toBe(true)
    expect(mayConnect(f.room, key, Date.now())).toBe(false)
    expectRule(f.apply(f.updateWith([f.update(pro)])), 'R12', 'consent-missing')
    expect(f.apply(f.updateWith([f.update(parent)])).ok).toBe(true)
    // the admin still removes them (membership is unchanged by the withdrawal itself)
    expect(f.room.members.has(key)).toBe(true)
    expect(f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'remove', subject: pro.identity.publicKey, role: 'editor' })])).ok).toBe(true)
  })

  it("[R12] an expired consent shuts the organisation out at the relay's clock", () => {
    const f = createFixture()
    const parent = add(f, 'gezag')
    const org = randomOrg()
    const now = Date.now()
    expect(give(f, parent, org, now + 1000).ok).toBe(true)
    const pro = add(f, 'professional', 'editor', org)
    const key = toHex(pro.identity.publicKey)
    expect(mayConnect(f.room, key, now)).toBe(true)
    expect(mayConnect(f.room, key, now + 1000)).toBe(false)
    expectRule(f.apply(f.updateWith([f.update(pro)]), now + 2000), 'R12', 'consent-missing')
  })

  it('[R12] a claim after the consent ended is refused', () => {
    const f = createFixture()
    const parent = add(f, 'gezag')
    const org = randomOrg()
    expect(give(f, parent, org).ok).toBe(true)
    const { invite, record } = inviteRecord(f, 'professional', org)
    expect(f.apply(f.updateWith([record])).ok).toBe(true)
    expect(withdraw(f, parent, org).ok).toBe(true)
    const claimer = createWriter(generateSigningKeyPair())
    expectRule(f.apply(f.updateWith([createClaim(claimer, f.planId, invite, 'editor')])), 'R12', 'consent-missing')
    expect(mayConnect(f.room, toHex(invite.publicKey), Date.now())).toBe(false)
  })

  it('[R12] a consent given again lets the organisation back in', () => {
    const f = createFixture()
    const parent = add(f, 'gezag')
    const org = randomOrg()
    expect(give(f, parent, org).ok).toBe(true)
    const pro = add(f, 'professional', 'editor', org)
    expect(withdraw(f, parent, org).ok).toBe(true)
    expect(give(f, parent, org).ok).toBe(true)
    expect(f.apply(f.updateWith([f.update(pro)])).ok).toBe(true)
  })

  it('[R12] a professional creator is exempt until the parents decide about its organisation', () => {
    const creator = createWriter(generateSigningKeyPair())
    const org = randomOrg()
    const g = createGenesis(creator, 1_700_000_000_000, { party: 'professional', organisation: org })
    const envelope = new Y.Doc()
    const parent = createWriter(generateSigningKeyPair())
    pushAsWriters(envelope, [
      g.bytes,
      createLockbox(creator, g.planId, 0, creator.identity.publicKey, new Uint8Array(32)),
      createMemberRecord(creator, g.planId, { op: 'add', subject: parent.identity.publicKey, role: 'editor', party: 'gezag' }),
    ])
    const me = toHex(creator.identity.publicKey)
    let state = loadRoomState(g.planId, envelope)
    expect(mayConnect(state, me, Date.now())).toBe(true)
    // the parent refuses the school: from then on the creator follows the consent like anyone
    pushAsWriters(envelope, [createConsentRecord(parent, g.planId, { op: 'withdraw', organisation: org, expiresAt: 0, details: new Uint8Array(32) })])
    state = loadRoomState(g.planId, envelope)
    expect(mayConnect(state, me, Date.now())).toBe(false)
  })

  it('[R12] a stored log stays loadable: a withdrawal does not unmake what was admitted before it', () => {
    const f = createFixture()
    const parent = add(f, 'gezag')
    const org = randomOrg()
    expect(give(f, parent, org).ok).toBe(true)
    const pro = add(f, 'professional', 'editor', org)
    expect(f.apply(f.updateWith([f.update(pro)])).ok).toBe(true)
    expect(withdraw(f, parent, org).ok).toBe(true)
    const reloaded = loadRoomState(f.planId, f.envelope)
    const key = toHex(pro.identity.publicKey)
    expect(reloaded.members.has(key)).toBe(true)
    expect(reloaded.orgs.get(key)).toBe(toHex(org))
    expect(mayConnect(reloaded, key, Date.now())).toBe(false)
  })

  it('[R5] a reader writes updates only when it is gezag or youth16 (its consent details; clients check what, P3)', () => {
    const f = createFixture()
    expectRule(f.apply(f.updateWith([f.update(add(f, 'parent', 'reader'))])), 'R5', 'role-forbidden')
    expectRule(f.apply(f.updateWith([f.update(add(f, 'youth', 'reader'))])), 'R5', 'role-forbidden')
    expect(f.apply(f.updateWith([f.update(add(f, 'gezag', 'reader'))])).ok).toBe(true)
    expect(f.apply(f.updateWith([f.update(add(f, 'youth16', 'reader'))])).ok).toBe(true)
  })

  it('[R6] a party is fixed: role, remove, withdraw and claim records carry none', () => {
    const f = createFixture()
    const w = add(f, 'parent')
    const r = f.apply(f.updateWith([createMemberRecord(f.admin, f.planId, { op: 'role', subject: w.identity.publicKey, role: 'editor', party: 'gezag' })]))
    expectRule(r, 'R6', 'party-fixed')
  })
})
