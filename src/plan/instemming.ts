/**
 * Instemming: a parent with gezag agrees to the action part (afspraken) of one version of the
 * plan. Each agreement is an entry signed by the parent's device key over the plan id, the hash
 * of canonicalActions(doc) and the time (src/crypto/instemming.ts); the access layer signs and
 * verifies, this file stores the entries and judges them.
 *
 * Entries are plain values appended to the root array `instemming`: nothing in them can be edited,
 * only added (or deleted, by someone who may edit the plan: hiding an agreement is possible,
 * forging one is not). An entry counts only when its signature verifies and its signer is a
 * parent with gezag in this plan; everything else is shown as ignored, never as agreement.
 *
 * A parent withdraws her instemming by appending a withdrawal: an entry of kind 'withdrawal',
 * signed like an agreement under its own domain. Per parent, her newest valid act decides: a
 * withdrawal newer than all her agreements means she agrees to nothing now; agreeing again later
 * (a newer agreement) counts again. An entry without a kind is an agreement (as all older ones are).
 */
import type * as Y from 'yjs'
import { parseCanonicalActions, type SignedAction } from './actions'
import { checkMemberKey } from './fields'
import { randomId } from './ids'

export const INSTEMMING = 'instemming'

const HEX_32 = /^[0-9a-f]{64}$/
const HEX_64 = /^[0-9a-f]{128}$/

/** What an entry is: absent for an agreement (every entry before withdrawals existed), or a withdrawal. */
export type InstemmingKind = 'withdrawal'

export interface InstemmingEntry {
  id: string
  /** absent: an agreement; 'withdrawal': she no longer agrees (signed under its own domain) */
  kind?: InstemmingKind
  /** hex Ed25519 public key of the signing parent's device */
  memberKey: string
  /** hex BLAKE2b-256 of canonicalActions at the moment of agreeing (a withdrawal: of the version withdrawn from) */
  actionsHash: string
  /** ms since 1970, as the parent's device signed it */
  signedAt: number
  /** hex Ed25519 signature (src/crypto/instemming.ts) */
  signature: string
  /**
   * The canonical text of the afspraken agreed to, so a later reader can see what changed since.
   * Not signed itself: it counts only when it hashes to actionsHash ('' when left out, and for a withdrawal).
   */
  agreed: string
}

export type NewInstemming = Omit<InstemmingEntry, 'id' | 'agreed'> & { agreed?: string }

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
  // a kind this app does not know is a newer writer's act: it cannot be judged, so it is no entry
  if (v.kind !== undefined && v.kind !== 'withdrawal') return null
  // older or slimmer writers leave the copy out; the agreement itself still stands
  const agreed = typeof v.agreed === 'string' && v.kind === undefined ? v.agreed : ''
  return v.kind === 'withdrawal'
    ? { id, kind: 'withdrawal', memberKey, actionsHash, signedAt, signature, agreed }
    : { id, memberKey, actionsHash, signedAt, signature, agreed }
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
      const full = {
        id,
        ...entry,
        agreed: entry.kind === 'withdrawal' ? '' : (entry.agreed ?? ''),
        memberKey: checkMemberKey('memberKey', entry.memberKey, { optional: false }),
      }
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
 * A parent's standing towards the current version of the afspraken: agreed to it, agreed to an
 * older one, withdrew her instemming (her newest act), or never agreed.
 */
export type ParentInstemmingState = 'current' | 'outdated' | 'withdrawn' | 'none'

export interface ParentInstemming {
  memberKey: string
  state: ParentInstemmingState
  /** when they agreed to the current version (the latest such entry), else null */
  agreedAt: number | null
  /** their latest valid agreement that still stands (none after a withdrawal), whatever version it covers */
  latest: InstemmingEntry | null
  /** state 'withdrawn': when they withdrew (absent otherwise) */
  withdrawnAt?: number
}

/**
 * - 'no-parents': the plan has no parent with gezag who could agree
 * - 'none': nobody agreed to any version yet
 * - 'agreed': every parent with gezag agreed to the current version
 * - 'partly': some did, not all (one parent agreed, the other not yet or to an older version)
 * - 'changed': someone agreed before, but the afspraken changed since and nobody agreed again
 * - 'withdrawn': nobody's agreement stands, and someone withdrew theirs
 */
export type OverallInstemming = 'no-parents' | 'none' | 'agreed' | 'partly' | 'changed' | 'withdrawn'

export interface InstemmingStatus {
  currentHash: string
  overall: OverallInstemming
  /** one line per parent with gezag, in the order given */
  parents: ParentInstemming[]
  /** every valid entry, newest first: who agreed to (or withdrew from) which version when */
  history: (InstemmingEntry & { current: boolean })[]
  /** entries that do not count, with why */
  ignored: IgnoredInstemming[]
}

export interface InstemmingInput {
  entries: readonly InstemmingEntry[]
  /** hex hash of canonicalActions now */
  currentHash: string
  /** member keys of the parents with gezag, as the signed log says */
  parents: readonly string[]
  /** whether the entry's signature verifies under its kind's domain (the access layer, via the crypto facade) */
  verify: (entry: InstemmingEntry) => boolean
}

/**
 * Judges the entries, in a fixed order: the signer must be a parent with gezag (cheap, so a flood
 * of entries by others costs no signature checks), then the signature must verify over this plan,
 * the entry's hash and its time. A valid entry stored twice counts once; copies are recognised
 * only after they verified, so a tampered copy placed before the real entry cannot hide it.
 * Per parent the newest valid act decides (by signedAt; a withdrawal wins a tie, doubt is no
 * agreement): after a withdrawal only agreements signed later count.
 */
export function instemmingStatus(input: InstemmingInput): InstemmingStatus {
  const parents = new Set(input.parents)
  const counted = new Set<string>()
  const valid: InstemmingEntry[] = []
  const ignored: IgnoredInstemming[] = []
  for (const entry of input.entries) {
    if (!parents.has(entry.memberKey)) ignored.push({ entry, reason: 'not-eligible' })
    else if (!input.verify(entry)) ignored.push({ entry, reason: 'bad-signature' })
    else if (!counted.has(entry.signature)) {
      counted.add(entry.signature)
      valid.push(entry)
    }
  }
  const newestFirst = valid.sort((a, b) => b.signedAt - a.signedAt || (a.signature < b.signature ? -1 : 1))
  const perParent: ParentInstemming[] = input.parents.map((memberKey) => {
    const own = newestFirst.filter((e) => e.memberKey === memberKey)
    const withdrawal = own.find((e) => e.kind === 'withdrawal')
    // her agreements that still stand: those signed after her newest withdrawal
    const standing = own.filter((e) => e.kind === undefined && (!withdrawal || e.signedAt > withdrawal.signedAt))
    if (withdrawal && standing.length === 0) return { memberKey, state: 'withdrawn', agreedAt: null, latest: null, withdrawnAt: withdrawal.signedAt }
    const onCurrent = standing.find((e) => e.actionsHash === input.currentHash) ?? null
    return {
      memberKey,
      state: onCurrent ? 'current' : standing.length > 0 ? 'outdated' : 'none',
      agreedAt: onCurrent?.signedAt ?? null,
      latest: standing[0] ?? null,
    }
  })
  return {
    currentHash: input.currentHash,
    overall: overallOf(perParent),
    parents: perParent,
    history: newestFirst.map((e) => ({ ...e, current: e.actionsHash === input.currentHash })),
    ignored,
  }
}

function overallOf(parents: ParentInstemming[]): OverallInstemming {
  if (parents.length === 0) return 'no-parents'
  const current = parents.filter((p) => p.state === 'current').length
  if (current === parents.length) return 'agreed'
  if (current > 0) return 'partly'
  if (parents.some((p) => p.state === 'outdated')) return 'changed'
  return parents.some((p) => p.state === 'withdrawn') ? 'withdrawn' : 'none'
}

/**
 * The afspraken an entry agreed to, from its copy, only when the copy hashes to what was signed
 * (`hashHex` is the access layer's hashActions over the UTF-8 text); null otherwise. The copy is
 * not signed itself, so this check is what makes it trustworthy.
 */
export function agreedActions(entry: InstemmingEntry, hashHex: (canonical: Uint8Array) => string): SignedAction[] | null {
  if (!entry.agreed) return null
  if (hashHex(new TextEncoder().encode(entry.agreed)) !== entry.actionsHash) return null
  return parseCanonicalActions(entry.agreed)
}
