/**
 * Instemming: a parent with gezag agrees to the handelingsdeel of one version of the plan (the
 * tussendoelen, the afspraken, ondersteuning, begeleiding, extra hulp and the afwijkingen). Each
 * act is an entry signed by the signer's device key over the plan id, the hash of what was agreed
 * and the time (src/crypto/instemming.ts); the access layer signs and verifies, this file stores
 * the entries and judges them.
 *
 * Versions: an entry of version 1 (every entry written before the handelingsdeel was covered, no
 * `version` stored) signed the hash of canonicalActions, the afspraken only; version 2 signs the
 * hash of canonicalHandelingsdeel. The domain a signature is checked under follows the version, so
 * old entries stay verifiable as what they were, and never count for the handelingsdeel now.
 *
 * Who signs: the parents with gezag, and from the child's 18th birthday (the date of birth in the
 * plan) the pupil in their place, as a member of party youth16 (WPO art. 40a / WVO art. 17a: the
 * handelingsdeel needs the instemming of "de ouders"; for a pupil who is of age and
 * handelingsbekwaam, the pupil). An entry counts when its signer was entitled when it was signed.
 *
 * Entries are plain values appended to the root array `instemming`: nothing in them can be edited,
 * only added (or deleted, by someone who may edit the plan: hiding an agreement is possible,
 * forging one is not). Everything that does not count is shown as ignored, never as agreement.
 *
 * A signer withdraws her instemming by appending a withdrawal ('withdrawal', signed like an
 * agreement under its own domain), or records that she does not agree, with her reason
 * ('disagreement', version 2 only: the school may then set the OPP, src/plan/vaststelling.ts, and
 * the plan shows where she can go). Per signer her newest valid act decides: after a withdrawal or
 * a disagreement only agreements signed later count.
 */
import type * as Y from 'yjs'
import { parseCanonicalActions, type SignedAction } from './actions'
import { checkMemberKey, checkText } from './fields'
import { randomId } from './ids'
import { LONG_TEXT_MAX } from './limits'

export const INSTEMMING = 'instemming'

const HEX_32 = /^[0-9a-f]{64}$/
const HEX_64 = /^[0-9a-f]{128}$/

/** What an entry is: absent for an agreement (every entry before withdrawals existed), a withdrawal, or a disagreement. */
export type InstemmingKind = 'withdrawal' | 'disagreement'

/** 1: the afspraken only (canonicalActions); 2: the whole handelingsdeel (canonicalHandelingsdeel). */
export const INSTEMMING_VERSION = 2

export interface InstemmingEntry {
  id: string
  /** absent: an agreement; 'withdrawal': she no longer agrees; 'disagreement': she does not agree, with her reason */
  kind?: InstemmingKind
  /** absent: 1 (the afspraken only); 2: the handelingsdeel */
  version?: 1 | 2
  /** hex Ed25519 public key of the signer's device */
  memberKey: string
  /**
   * hex BLAKE2b-256 of what the act is about: version 1 canonicalActions, version 2
   * canonicalHandelingsdeel (a withdrawal: of the version withdrawn from)
   */
  actionsHash: string
  /** ms since 1970, as the signer's device signed it */
  signedAt: number
  /** hex Ed25519 signature (src/crypto/instemming.ts) */
  signature: string
  /**
   * The canonical text agreed to, so a later reader can see what changed since. Not signed itself:
   * it counts only when it hashes to actionsHash ('' when left out, and for a withdrawal or disagreement).
   */
  agreed: string
  /** a disagreement's reason, in the signer's words (signed); '' for every other kind */
  reason?: string
}

export type NewInstemming = Omit<InstemmingEntry, 'id' | 'agreed'> & { agreed?: string }

/** at most this long, a disagreement's reason */
export const REASON_MAX = LONG_TEXT_MAX

/** The version of an entry: 1 when none is stored. */
export function versionOf(entry: Pick<InstemmingEntry, 'version'>): 1 | 2 {
  return entry.version ?? 1
}

/** Reads one stored value; null for anything that is not a well-formed entry (a newer or broken writer). */
export function readInstemmingEntry(value: unknown): InstemmingEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  const { id, memberKey, actionsHash, signedAt, signature } = v
  if (typeof id !== 'string' || id === '') return null
  if (typeof memberKey !== 'string' || !HEX_32.test(memberKey)) return null
  if (typeof actionsHash !== 'string' || !HEX_32.test(actionsHash)) return null
  if (typeof signedAt !== 'number' || !Number.isSafeInteger(signedAt) || signedAt < 0) return null
  if (typeof signature !== 'string' || !HEX_64.test(signature)) return null
  // a kind or version this app does not know is a newer writer's act: it cannot be judged, so it is no entry
  if (v.kind !== undefined && v.kind !== 'withdrawal' && v.kind !== 'disagreement') return null
  if (v.version !== undefined && v.version !== 2) return null
  const version: 2 | undefined = v.version === 2 ? 2 : undefined
  if (v.kind === 'disagreement') {
    // a disagreement exists only for the handelingsdeel, and always says why
    if (version !== 2 || typeof v.reason !== 'string' || v.reason.trim() === '') return null
    return { id, kind: 'disagreement', version, memberKey, actionsHash, signedAt, signature, agreed: '', reason: v.reason }
  }
  // older or slimmer writers leave the copy out; the agreement itself still stands
  const agreed = typeof v.agreed === 'string' && v.kind === undefined ? v.agreed : ''
  const base: InstemmingEntry = { id, memberKey, actionsHash, signedAt, signature, agreed }
  if (version) base.version = version
  return v.kind === 'withdrawal' ? { ...base, kind: 'withdrawal' } : base
}

export interface InstemmingAccessor {
  /** well-formed entries in array order (not yet verified: see instemmingStatus) */
  list(): InstemmingEntry[]
  /** how many stored values are not well-formed entries */
  malformed(): number
  /** appends a signed entry; returns its id */
  append(entry: NewInstemming): string
  observe(listener: (entries: InstemmingEntry[]) => void): () => void
}

export function createInstemming(doc: Y.Doc): InstemmingAccessor {
  const array = doc.getArray<unknown>(INSTEMMING)
  const list = () =>
    array
      .toArray()
      .map(readInstemmingEntry)
      .filter((e): e is InstemmingEntry => e !== null)
  return {
    list,
    malformed: () => array.toArray().filter((v) => readInstemmingEntry(v) === null).length,
    append(entry) {
      const id = randomId()
      const full: Record<string, unknown> = {
        id,
        ...entry,
        agreed: entry.kind === undefined ? (entry.agreed ?? '') : '',
        memberKey: checkMemberKey('memberKey', entry.memberKey, { optional: false }),
      }
      if (entry.kind === 'disagreement') full.reason = checkText('reason', entry.reason, { required: true, max: REASON_MAX })
      else delete full.reason
      if (entry.version === undefined) delete full.version
      if (readInstemmingEntry(full) === null) throw new Error('instemming: not a well-formed entry')
      array.push([full])
      return id
    },
    observe(listener) {
      const handler = () => listener(list())
      array.observe(handler)
      return () => array.unobserve(handler)
    },
  }
}

export type IgnoredReason = 'not-eligible' | 'bad-signature'

export interface IgnoredInstemming {
  entry: InstemmingEntry
  reason: IgnoredReason
}

/**
 * A signer's standing towards the current version: agreed to it, agreed to an older one, withdrew
 * her instemming, recorded that she does not agree (her newest act), or never agreed.
 */
export type ParentInstemmingState = 'current' | 'outdated' | 'withdrawn' | 'disagreed' | 'none'

export interface ParentInstemming {
  memberKey: string
  state: ParentInstemmingState
  /** when they agreed to the current version (the latest such entry), else null */
  agreedAt: number | null
  /** their latest valid agreement that still stands (none after a withdrawal or disagreement), whatever version it covers */
  latest: InstemmingEntry | null
  /** state 'withdrawn': when they withdrew (absent otherwise) */
  withdrawnAt?: number
  /** state 'disagreed': the signed disagreement (its reason, its date, the version it is about) */
  disagreement?: InstemmingEntry
}

/**
 * - 'no-parents': the plan has nobody who could agree (no parent with gezag; from 18 no pupil in the plan)
 * - 'none': nobody agreed to any version yet
 * - 'agreed': everyone who must agree agreed to the current version
 * - 'partly': some did, not all (one parent agreed, the other not yet or to an older version)
 * - 'changed': someone agreed before, but the handelingsdeel changed since and nobody agreed again
 * - 'disagreed': nobody's agreement stands, and someone recorded that she does not agree
 * - 'withdrawn': nobody's agreement stands, and someone withdrew theirs
 */
export type OverallInstemming = 'no-parents' | 'none' | 'agreed' | 'partly' | 'changed' | 'disagreed' | 'withdrawn'

/** Who must agree now: the parents with gezag, or from the child's 18th birthday the pupil in their place. */
export type InstemmingSigners = 'parents' | 'pupil'

export interface InstemmingStatus {
  currentHash: string
  overall: OverallInstemming
  signers: InstemmingSigners
  /** one line per signer whose instemming is needed now (the parents with gezag, or the adult pupil), in the order given */
  parents: ParentInstemming[]
  /** every valid entry, newest first: who agreed to (or withdrew from, or disagreed with) which version when */
  history: (InstemmingEntry & { current: boolean })[]
  /** entries that do not count, with why */
  ignored: IgnoredInstemming[]
}

export interface InstemmingInput {
  entries: readonly InstemmingEntry[]
  /** hex hash of canonicalHandelingsdeel now (tests of version 1 alone: of canonicalActions) */
  currentHash: string
  /** member keys of the parents with gezag, as the signed log says */
  parents: readonly string[]
  /** member keys of the pupil (party youth16), as the signed log says; they sign from 18 */
  pupils?: readonly string[]
  /** whether the child is 18 or older at a time (ms), from its date of birth in the plan; absent: never */
  adultAt?: (ms: number) => boolean
  /** ms now: who must sign now */
  now?: number
  /** whether the entry's signature verifies under its kind's and version's domain (the access layer, via the crypto facade) */
  verify: (entry: InstemmingEntry) => boolean
}

/** Whether a key was entitled to sign at `signedAt`: a parent with gezag before the 18th birthday, the pupil from it. */
function entitledAt(input: InstemmingInput, parents: ReadonlySet<string>, pupils: ReadonlySet<string>, key: string, signedAt: number): boolean {
  const adult = input.adultAt?.(signedAt) ?? false
  return adult ? pupils.has(key) : parents.has(key)
}

/**
 * The valid acts, newest first, by signedAt then signature: the signer must have been entitled when
 * it signed (cheap, so a flood of entries by others costs no signature checks), then the signature
 * must verify. A valid entry stored twice counts once; copies are recognised only after they
 * verified, so a tampered copy placed before the real entry cannot hide it.
 */
export function validInstemmingActs(input: InstemmingInput): { valid: InstemmingEntry[]; ignored: IgnoredInstemming[] } {
  const parents = new Set(input.parents)
  const pupils = new Set(input.pupils ?? [])
  const counted = new Set<string>()
  const valid: InstemmingEntry[] = []
  const ignored: IgnoredInstemming[] = []
  for (const entry of input.entries) {
    if (!entitledAt(input, parents, pupils, entry.memberKey, entry.signedAt)) ignored.push({ entry, reason: 'not-eligible' })
    else if (!input.verify(entry)) ignored.push({ entry, reason: 'bad-signature' })
    else if (!counted.has(entry.signature)) {
      counted.add(entry.signature)
      valid.push(entry)
    }
  }
  valid.sort((a, b) => b.signedAt - a.signedAt || (a.signature < b.signature ? -1 : 1))
  return { valid, ignored }
}

/**
 * One signer's standing among valid acts (newest first), counting only acts signed at or before
 * `until` (a vaststelling judges the instemming as it stood when it was signed). Her newest act
 * decides, a withdrawal or disagreement winning a tie (doubt is no agreement).
 */
export function standingOf(
  newestFirst: readonly InstemmingEntry[],
  memberKey: string,
  currentHash: string,
  until = Number.POSITIVE_INFINITY,
): ParentInstemming {
  const own = newestFirst.filter((e) => e.memberKey === memberKey && e.signedAt <= until)
  const stop = own.find((e) => e.kind !== undefined)
  // her agreements that still stand: those signed after her newest withdrawal or disagreement
  const standing = own.filter((e) => e.kind === undefined && (!stop || e.signedAt > stop.signedAt))
  if (stop && standing.length === 0) {
    return stop.kind === 'disagreement'
      ? { memberKey, state: 'disagreed', agreedAt: null, latest: null, disagreement: stop }
      : { memberKey, state: 'withdrawn', agreedAt: null, latest: null, withdrawnAt: stop.signedAt }
  }
  const onCurrent = standing.find((e) => e.actionsHash === currentHash) ?? null
  return {
    memberKey,
    state: onCurrent ? 'current' : standing.length > 0 ? 'outdated' : 'none',
    agreedAt: onCurrent?.signedAt ?? null,
    latest: standing[0] ?? null,
  }
}

/** Who must sign at `ms`: the adult pupil, or the parents with gezag. */
export function signersAt(input: Pick<InstemmingInput, 'parents' | 'pupils' | 'adultAt'>, ms: number): { signers: InstemmingSigners; keys: readonly string[] } {
  return input.adultAt?.(ms) ? { signers: 'pupil', keys: input.pupils ?? [] } : { signers: 'parents', keys: input.parents }
}

/**
 * Judges the entries (validInstemmingActs), then each signer needed now by her newest act
 * (standingOf). A signer agreed to the current version when one of her standing agreements names
 * the current hash, else to an older one ("gewijzigd na instemming"), else not yet.
 */
export function instemmingStatus(input: InstemmingInput): InstemmingStatus {
  const { valid, ignored } = validInstemmingActs(input)
  const { signers, keys } = signersAt(input, input.now ?? Date.now())
  const perSigner = keys.map((k) => standingOf(valid, k, input.currentHash))
  return {
    currentHash: input.currentHash,
    overall: overallOf(perSigner),
    signers,
    parents: perSigner,
    history: valid.map((e) => ({ ...e, current: e.actionsHash === input.currentHash })),
    ignored,
  }
}

function overallOf(parents: ParentInstemming[]): OverallInstemming {
  if (parents.length === 0) return 'no-parents'
  const current = parents.filter((p) => p.state === 'current').length
  if (current === parents.length) return 'agreed'
  if (current > 0) return 'partly'
  if (parents.some((p) => p.state === 'outdated')) return 'changed'
  if (parents.some((p) => p.state === 'disagreed')) return 'disagreed'
  return parents.some((p) => p.state === 'withdrawn') ? 'withdrawn' : 'none'
}

/**
 * The afspraken a version-1 entry agreed to, from its copy, only when the copy hashes to what was
 * signed (`hashHex` is the access layer's hashActions over the UTF-8 text); null otherwise (and
 * for a version-2 entry: see agreedHandelingsdeel). The copy is not signed itself, so this check
 * is what makes it trustworthy.
 */
export function agreedActions(entry: InstemmingEntry, hashHex: (canonical: Uint8Array) => string): SignedAction[] | null {
  if (!entry.agreed || versionOf(entry) !== 1) return null
  if (hashHex(new TextEncoder().encode(entry.agreed)) !== entry.actionsHash) return null
  return parseCanonicalActions(entry.agreed)
}
