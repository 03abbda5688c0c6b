import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../src/crypto'
import { consentDetailsHashHex } from '../../src/access/consentHash'
import { listConsents } from '../../src/access/consentList'
import { canonicalConsentDetails, createConsents, createOrganisations, randomOrganisationId } from '../../src/plan'
import { createRoomState, type RoomState } from '../../src/sync/roomState'

beforeAll(async () => {
  await loadSodium()
})

const ORG = 'ab'.repeat(32)
const details = {
  organisationId: ORG,
  organisationName: 'Basisschool De Linde',
  purpose: 'Lezen en aanvullen',
  givenBy: 'cd'.repeat(32),
  givenAt: 1_764_600_000_000,
  expiresAt: 1_796_136_000_000,
  salt: '01'.repeat(16),
}

function roomWith(consents: RoomState['consents']): RoomState {
  const room = createRoomState(new Uint8Array(32))
  room.consents = consents
  return room
}

describe('consent details', () => {
  it('hash canonically: the same consent gives the same bytes on every device', () => {
    const a = canonicalConsentDetails(details)
    // decomposed é, surrounding spaces, fractional ms: read the same way
    const b = canonicalConsentDetails({
      ...details,
      organisationName: '  Basisschool De Linde ',
      purpose: 'Lezen en aanvullen',
      givenAt: details.givenAt + 0.4,
    })
    expect(b).toEqual(a)
    const nfd = canonicalConsentDetails({ ...details, purpose: 'Caf\u0065\u0301' })
    const nfc = canonicalConsentDetails({ ...details, purpose: 'Caf\u00e9' })
    expect(nfd).toEqual(nfc)
    expect(JSON.parse(new TextDecoder().decode(a))).toEqual({ format: 'samenplan.consent.v1', ...details })
    expect(consentDetailsHashHex(details)).toMatch(/^[0-9a-f]{64}$/)
    expect(consentDetailsHashHex({ ...details, purpose: 'Alleen lezen' })).not.toBe(consentDetailsHashHex(details))
    // the salt makes a guessed name and purpose uncheckable against the public hash
    expect(consentDetailsHashHex({ ...details, salt: '02'.repeat(16) })).not.toBe(consentDetailsHashHex(details))
  })

  it('entries round-trip through the plan doc and are found by their record hash', () => {
    const doc = new Y.Doc()
    const hash = consentDetailsHashHex(details)
    const consents = createConsents(doc)
    const id = consents.add({ ...details, recordHash: hash }, details.givenBy, 5)
    expect(consents.byRecordHash(hash)).toMatchObject({ id, ...details, withdrawnAt: 0 })
    // what was stored hashes to what was signed
    expect(consentDetailsHashHex(consents.list()[0]!)).toBe(hash)
    consents.markWithdrawn(id, 'ef'.repeat(32), 9)
    expect(consents.list()[0]).toMatchObject({ withdrawnAt: 9, withdrawnBy: 'ef'.repeat(32) })
  })

  it('organisations: random 32-byte ids, names found ignoring case and spaces, one entry per id', () => {
    const doc = new Y.Doc()
    const orgs = createOrganisations(doc)
    const id = randomOrganisationId()
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    orgs.add({ id, name: '  Wijkteam   Noord ' }, 'me')
    orgs.add({ id, name: 'Ander' }, 'me')
    expect(orgs.list()).toHaveLength(1)
    expect(orgs.findByName('wijkteam noord')?.id).toBe(id)
    expect(() => orgs.add({ id: 'kort', name: 'x' }, 'me')).toThrow()
  })

  it('status comes from the signed log, not from the plan doc', () => {
    const hash = consentDetailsHashHex(details)
    const entry = { id: 'x', ...details, withdrawnAt: 0, withdrawnBy: '', recordHash: hash, createdBy: '', createdAt: 0 }
    const live = {
      status: 'given' as const,
      by: details.givenBy,
      givenBy: details.givenBy,
      expiresAt: details.expiresAt,
      details: hash,
      everGiven: true,
      gives: [hash],
    }
    const orgs = [{ id: ORG, name: 'Basisschool De Linde' }]
    expect(listConsents(roomWith(new Map([[ORG, live]])), [entry], orgs, details.givenAt)[0]!.status).toBe('live')
    expect(listConsents(roomWith(new Map([[ORG, live]])), [entry], orgs, details.expiresAt + 1)[0]!.status).toBe('expired')
    expect(listConsents(roomWith(new Map([[ORG, { ...live, status: 'withdrawn' }]])), [entry], orgs, details.givenAt)[0]!.status).toBe('withdrawn')
    expect(listConsents(roomWith(new Map([[ORG, { ...live, gives: [hash, 'ff'.repeat(32)] }]])), [entry], orgs, details.givenAt)[0]!.status).toBe('replaced')
    // a doc entry nobody signed (a contributor typed it in) proves nothing
    expect(listConsents(roomWith(new Map()), [entry], orgs, details.givenAt)[0]!.status).toBe('unconfirmed')
    // a signed consent whose details the plan lacks (given from a read-only device) is still listed
    const listed = listConsents(roomWith(new Map([[ORG, live]])), [], orgs, details.givenAt)
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ organisationName: 'Basisschool De Linde', purpose: '', status: 'live' })
    // refused without a consent before (the organisation that started the plan): listed as withdrawn
    const refused = { status: 'withdrawn' as const, by: 'ee'.repeat(32), expiresAt: 0, details: '00'.repeat(32), everGiven: false, gives: [] }
    expect(listConsents(roomWith(new Map([[ORG, refused]])), [], orgs, 0)).toMatchObject([
      { organisationName: 'Basisschool De Linde', status: 'withdrawn', withdrawnBy: 'ee'.repeat(32) },
    ])
  })
})
