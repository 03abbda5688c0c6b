/**
 * Toestemmingen: what a parent with gezag (or the youth from 16) agreed to share with which
 * organisation, for what, until when. The signed consent record in the log (R12) carries only
 * the organisation's random id, the end date and a hash of these details; the details themselves
 * are here, encrypted with the rest of the plan. `canonicalConsentDetails` gives the exact bytes
 * that hash covers, so every device computes the same one.
 *
 * One entry per `give`; a withdrawal sets withdrawnAt/withdrawnBy on the entry it withdraws.
 */
import type * as Y from 'yjs'
import { readNumber, readString } from './fields'
import { createRecordStore } from './records'

export const CONSENTS = 'consents'

export const CANONICAL_CONSENT_FORMAT = 'samenplan.consent.v1'

export interface ConsentEntry {
  id: string
  /** hex of the organisation's 32-byte id, as in the signed record */
  organisationId: string
  organisationName: string
  /** what may be shared for what, in the parent's words */
  purpose: string
  /** member key of who gave it */
  givenBy: string
  /** ms */
  givenAt: number
  /** ms; the consent ends then */
  expiresAt: number
  /** ms, 0 while not withdrawn */
  withdrawnAt: number
  withdrawnBy: string
  /** hex of the details hash in the signed `give` record */
  recordHash: string
  /**
   * 16 random bytes (hex) in the hashed details: without it the relay, which knows the author,
   * the dates and the organisation id, could confirm a guessed organisation name and purpose
   */
  salt: string
  createdBy: string
  createdAt: number
}

export type ConsentDetails = Pick<ConsentEntry, 'organisationId' | 'organisationName' | 'purpose' | 'givenBy' | 'givenAt' | 'expiresAt' | 'salt'>

/** The fields the signed record's hash covers, in this order. */
const SIGNED_FIELDS = [
  'organisationId',
  'organisationName',
  'purpose',
  'givenBy',
  'givenAt',
  'expiresAt',
  'salt',
] as const satisfies readonly (keyof ConsentDetails)[]

/** A fresh salt for a consent's details (not libsodium: only the plan's own random ids use this) */
export function consentSalt(): string {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  let hex = ''
  for (const b of bytes) hex += b.toString(16).padStart(2, '0')
  return hex
}

/**
 * UTF-8 JSON of `{"format":…, <SIGNED_FIELDS in order>}`, texts trimmed and in Unicode NFC,
 * numbers as integers: the same bytes on every device for the same consent.
 */
export function canonicalConsentDetails(details: ConsentDetails): Uint8Array {
  const out: Record<string, string | number> = { format: CANONICAL_CONSENT_FORMAT }
  for (const f of SIGNED_FIELDS) {
    const v = details[f]
    out[f] = typeof v === 'number' ? Math.trunc(v) : v.trim().normalize('NFC')
  }
  return new TextEncoder().encode(JSON.stringify(out))
}

function read(map: Y.Map<unknown>): ConsentEntry | null {
  const organisationId = readString(map, 'organisationId')
  if (!/^[0-9a-f]{64}$/.test(organisationId)) return null
  return {
    id: readString(map, 'id'),
    organisationId,
    organisationName: readString(map, 'organisationName'),
    purpose: readString(map, 'purpose'),
    givenBy: readString(map, 'givenBy'),
    givenAt: readNumber(map, 'givenAt'),
    expiresAt: readNumber(map, 'expiresAt'),
    withdrawnAt: readNumber(map, 'withdrawnAt'),
    withdrawnBy: readString(map, 'withdrawnBy'),
    recordHash: readString(map, 'recordHash'),
    salt: readString(map, 'salt'),
    createdBy: readString(map, 'createdBy'),
    createdAt: readNumber(map, 'createdAt'),
  }
}

export interface ConsentAccessor {
  /** every entry, oldest first */
  list(): ConsentEntry[]
  /** the entry whose details the signed record with this hash covers */
  byRecordHash(hashHex: string): ConsentEntry | null
  add(details: ConsentDetails & { recordHash: string }, createdBy: string, now?: number): string
  markWithdrawn(id: string, by: string, at: number): void
  observe(listener: (entries: ConsentEntry[]) => void): () => void
}

export function createConsents(doc: Y.Doc): ConsentAccessor {
  const store = createRecordStore(doc, CONSENTS, 'consent', read)
  return {
    list: () => store.list(),
    byRecordHash: (hashHex) => store.list().find((e) => e.recordHash === hashHex) ?? null,
    add(details, createdBy, now = Date.now()) {
      const fields: Record<string, unknown> = { withdrawnAt: 0, withdrawnBy: '', recordHash: details.recordHash }
      for (const f of SIGNED_FIELDS) fields[f] = typeof details[f] === 'string' ? (details[f] as string).trim().normalize('NFC') : details[f]
      return store.insert(fields, createdBy, now)
    },
    markWithdrawn(id, by, at) {
      store.patch(id, { withdrawnAt: at, withdrawnBy: by })
    },
    observe: (listener) => store.observe(listener),
  }
}
