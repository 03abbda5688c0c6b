/**
 * Vaststelling: the school sets the OPP (WPO art. 40a / WVO art. 17a: het bevoegd gezag stelt het
 * ontwikkelingsperspectief vast). It may do so only for a version of the handelingsdeel that
 *  - the parents (from 18: the pupil) agreed to, every one of them, as their instemming stood when
 *    the vaststelling was signed (basis 'instemming'), or
 *  - one of them recorded, signed and with her reason, that she does not agree (basis
 *    'disagreement'); the plan then shows where she can go (the Geschillencommissie passend
 *    onderwijs).
 * Who sets it: a professional of an organisation the plan calls a school, editor or admin, as the
 * signed log and the plan say now. Each vaststelling is an entry signed by that member's device
 * key (src/crypto/vaststelling.ts) in the root array `vaststelling`; an entry that does not meet
 * the gate is applied but shown as not counting, never as a vaststelling (judged like P2; P11).
 */
import type * as Y from 'yjs'
import { checkMemberKey } from './fields'
import { randomId } from './ids'
import { signersAt, standingOf, validInstemmingActs, type InstemmingEntry, type InstemmingInput } from './instemming'

export const VASTSTELLING = 'vaststelling'

export const VASTSTELLING_BASES = ['instemming', 'disagreement'] as const
export type VaststellingBasis = (typeof VASTSTELLING_BASES)[number]

/** Where parents can go when they do not agree (Stichting Onderwijsgeschillen, which runs the Geschillencommissie passend onderwijs): shown beside a disagreement and in the print view. */
export const GESCHILLENCOMMISSIE_URL = 'https://www.onderwijsgeschillen.nl/'

const HEX_32 = /^[0-9a-f]{64}$/
const HEX_64 = /^[0-9a-f]{128}$/

export interface VaststellingEntry {
  id: string
  /** hex Ed25519 public key of the school professional's device */
  memberKey: string
  /** hex hash of canonicalHandelingsdeel of the version set */
  hash: string
  basis: VaststellingBasis
  /** ms, as the device signed it */
  signedAt: number
  /** hex Ed25519 signature (src/crypto/vaststelling.ts) */
  signature: string
}

export function readVaststellingEntry(value: unknown): VaststellingEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const { id, memberKey, hash, basis, signedAt, signature } = value as Record<string, unknown>
  if (typeof id !== 'string' || id === '') return null
  if (typeof memberKey !== 'string' || !HEX_32.test(memberKey)) return null
  if (typeof hash !== 'string' || !HEX_32.test(hash)) return null
  if (basis !== 'instemming' && basis !== 'disagreement') return null
  if (typeof signedAt !== 'number' || !Number.isSafeInteger(signedAt) || signedAt < 0) return null
  if (typeof signature !== 'string' || !HEX_64.test(signature)) return null
  return { id, memberKey, hash, basis, signedAt, signature }
}

export interface VaststellingAccessor {
  /** well-formed entries in array order (not yet judged: see vaststellingStatus) */
  list(): VaststellingEntry[]
  append(entry: Omit<VaststellingEntry, 'id'>): string
  observe(listener: (entries: VaststellingEntry[]) => void): () => void
}

export function createVaststelling(doc: Y.Doc): VaststellingAccessor {
  const array = doc.getArray<unknown>(VASTSTELLING)
  const list = () =>
    array
      .toArray()
      .map(readVaststellingEntry)
      .filter((e): e is VaststellingEntry => e !== null)
  return {
    list,
    append(entry) {
      const full = { id: randomId(), ...entry, memberKey: checkMemberKey('memberKey', entry.memberKey, { optional: false }) }
      if (readVaststellingEntry(full) === null) throw new Error('vaststelling: not a well-formed entry')
      array.push([full])
      return full.id
    },
    observe(listener) {
      const handler = () => listener(list())
      array.observe(handler)
      return () => array.unobserve(handler)
    },
  }
}

/** Why a vaststelling cannot be (or does not count): nobody could agree, not all agreed, nobody disagreed. */
export type GateRefusal = 'no-signers' | 'no-instemming' | 'no-disagreement'

/**
 * The gate, pure: may the version `hash` be set at `at` on `basis`? The instemming counts as it
 * stood at `at` (only acts signed then or before), by the signers needed at `at` (parents, or the
 * adult pupil). 'instemming': every one of them agreed to exactly this version. 'disagreement': one
 * of them had recorded that she does not agree with exactly this version, and not agreed since.
 */
export function vaststellingGate(
  basis: VaststellingBasis,
  hash: string,
  at: number,
  acts: { valid: readonly InstemmingEntry[] },
  signers: Pick<InstemmingInput, 'parents' | 'pupils' | 'adultAt'>,
): GateRefusal | null {
  const { keys } = signersAt(signers, at)
  if (keys.length === 0) return 'no-signers'
  const standing = keys.map((k) => standingOf(acts.valid, k, hash, at))
  if (basis === 'instemming') return standing.every((s) => s.state === 'current') ? null : 'no-instemming'
  return standing.some((s) => s.state === 'disagreed' && s.disagreement?.actionsHash === hash) ? null : 'no-disagreement'
}

export type VaststellingIgnoredReason = 'not-eligible' | 'bad-signature' | GateRefusal

export interface VaststellingStatus {
  /** 'vastgesteld': the newest counting vaststelling sets the current version; 'changed': an older one; 'none': none counts */
  state: 'vastgesteld' | 'changed' | 'none'
  /** the newest counting vaststelling, or null */
  latest: VaststellingEntry | null
  /** counting vaststellingen, newest first */
  history: (VaststellingEntry & { current: boolean })[]
  ignored: { entry: VaststellingEntry; reason: VaststellingIgnoredReason }[]
}

export interface VaststellingInput {
  entries: readonly VaststellingEntry[]
  /** the instemming's entries and signers, judged as instemmingStatus does */
  instemming: InstemmingInput
  /** hex hash of canonicalHandelingsdeel now */
  currentHash: string
  /** member keys that may set an OPP: professionals of a school (the plan's organisationKinds), editor or admin */
  setters: readonly string[]
  verify: (entry: VaststellingEntry) => boolean
}

/**
 * Judges every vaststelling in a fixed order: the setter (cheap), the signature, then the gate
 * against the instemming as it stood when the vaststelling was signed. Stored twice counts once.
 */
export function vaststellingStatus(input: VaststellingInput): VaststellingStatus {
  const setters = new Set(input.setters)
  const acts = validInstemmingActs(input.instemming)
  const counted = new Set<string>()
  const valid: VaststellingEntry[] = []
  const ignored: VaststellingStatus['ignored'] = []
  for (const entry of input.entries) {
    if (!setters.has(entry.memberKey)) {
      ignored.push({ entry, reason: 'not-eligible' })
      continue
    }
    if (!input.verify(entry)) {
      ignored.push({ entry, reason: 'bad-signature' })
      continue
    }
    const refused = vaststellingGate(entry.basis, entry.hash, entry.signedAt, acts, input.instemming)
    if (refused) ignored.push({ entry, reason: refused })
    else if (!counted.has(entry.signature)) {
      counted.add(entry.signature)
      valid.push(entry)
    }
  }
  valid.sort((a, b) => b.signedAt - a.signedAt || (a.signature < b.signature ? -1 : 1))
  const latest = valid[0] ?? null
  return {
    state: latest === null ? 'none' : latest.hash === input.currentHash ? 'vastgesteld' : 'changed',
    latest,
    history: valid.map((e) => ({ ...e, current: e.hash === input.currentHash })),
    ignored,
  }
}
