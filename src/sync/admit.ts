/**
 * Admits the records of one update (or one stored log) in dependency order, in time linear in
 * their number. A record that is refused for a reason a later record could change (a claim
 * before its invite, anything before the genesis) is parked under the state keys its check
 * read; folding a record wakes what is parked under the keys it wrote, and those are retried
 * at once, before the next record, so they see the state that woke them. Retrying every record
 * until nothing changed was quadratic (2,000 chained admins stalled the relay for 32 s).
 *
 * Keys over-approximate, never under: 'genesis'; 'k:<hex>' for anything about one key (member,
 * role, invite, party, organisation, access end, person, device links); 'c:<org>' for a consent
 * and for "someone has organisation org"; 'admins' for the admin set; 'm:<id>' for a membership
 * record taken into the causal index (R16: what names it as `after` waits for it). A re-fold
 * (R16) may change anything: it wakes every parked record.
 *
 * R16 in admission: a membership record a concurrent removal voids is refused when new (the
 * relay: `revoked-concurrently`) and ignored in what a relay already holds (historic: taken into
 * the causal index, folded nowhere), so a step 2 holding a removal and the removed admin's
 * concurrent records loads, in any order. So is, at the end, a record still parked whose causal
 * past holds a void record (it fails only because what it was written on is void).
 */
import { toHex } from './bytes'
import type { DecodedBlob } from './blob'
import { afterKnown, afterOf, builtOnVoid, causalIdOf, isMembershipRecord, voidedBy, winsOver } from './causalOrder'
import type { Journal } from './journal'
import { checkRecord, type CheckOptions } from './recordChecks'
import { applyRecord, ignoreRecord, preferRecord } from './roomStateFold'
import { personOf, type RoomState } from './roomStateShape'
import { RuleViolation, maxChecks } from './rules'

export interface Admission<T> {
  /** folded into the state, in the order they were folded */
  admitted: T[]
  /** never admissible: with the error of their last check, in the order they were given */
  refused: { item: T; error: RuleViolation }[]
  /** the check budget ran out (R9 `update-too-complex`): what was not admitted yet is refused */
  tooComplex: boolean
  checks: number
}

export interface AdmitOptions extends CheckOptions {
  now: number
  journal?: Journal
  /** stop at the first refusal no later record can change (validateUpdate refuses the whole update) */
  stopAtDefinitive?: boolean
}

/**
 * Codes no record can change: they depend on the blob alone (or on state that never goes back,
 * like a genesis once folded). The update is refused at once; everything else is parked.
 */
const DEFINITIVE = new Set([
  'presence-in-log',
  'second-genesis',
  'genesis-mismatch',
  'genesis-epoch',
  'too-many-parts',
  'bad-proof',
  'party-fixed',
  'party-missing',
  'organisation-unexpected',
  'organisation-missing',
  'access-until-past',
  'access-before-expiry',
  'device-expiry',
  'consent-expired',
  'revoked-concurrently',
  'close-time',
  'close-period',
])

interface Entry<T> {
  item: T
  blob: DecodedBlob
  index: number
  /** bumped on every park: entries under other keys of an older park are stale */
  parkedAt: number
  parked: boolean
  done: boolean
  error: RuleViolation | null
}

export function admitRecords<T>(
  state: RoomState,
  items: readonly T[],
  blobOf: (item: T) => DecodedBlob,
  opts: AdmitOptions,
): Admission<T> & { definitive?: RuleViolation } {
  const budget = maxChecks(items.length)
  const waiting = new Map<string, { entry: Entry<T>; parkedAt: number }[]>()
  const admitted: T[] = []
  const entries: Entry<T>[] = items.map((item, index) => ({ item, blob: blobOf(item), index, parkedAt: 0, parked: false, done: false, error: null }))
  let checks = 0
  const stack: Entry<T>[] = []
  let outcome: 'more' | 'tooComplex' | RuleViolation = 'more'
  for (const first of entries) {
    stack.push(first)
    outcome = drain()
    if (outcome !== 'more') break
  }
  // R16: in a stored log, what fails only because it was written on a void record is left out
  for (let i = 0; outcome === 'more' && opts.historicContent && i < entries.length; i++) {
    const entry = entries[i]!
    if (entry.done || !isMembershipRecord(entry.blob)) continue
    // each look walks a chain: counted like a check, so a crafted log cannot make this quadratic
    if (++checks > budget) outcome = 'tooComplex'
    else if (!builtOnVoid(state, entry.blob)) continue
    if (outcome !== 'more') break
    ignore(entry)
    outcome = drain()
    i = -1 // what it woke may leave more behind: look again from the start (each entry is ignored once)
  }
  if (outcome === 'tooComplex') return finish(true)
  if (outcome instanceof RuleViolation) return { ...finish(false), definitive: outcome }
  return finish(false)

  /** Takes a void record (R16) as done: into the causal index, nothing folded; wakes what names it. */
  function ignore(entry: Entry<T>): void {
    ignoreRecord(state, entry.blob, opts.journal)
    settle(entry, new Set([`m:${causalIdOf(entry.blob)}`]))
  }

  function settle(entry: Entry<T>, wrote: Set<string>): void {
    entry.done = true
    entry.parked = false
    entry.error = null
    admitted.push(entry.item)
    // woken records go on the stack last-first, so they are retried in their own order, and
    // whatever they wake in turn before their siblings (depth first)
    const woken: Entry<T>[] = []
    const wake = (list: { entry: Entry<T>; parkedAt: number }[]) => {
      for (const w of list) {
        if (!w.entry.parked || w.entry.parkedAt !== w.parkedAt) continue
        w.entry.parked = false
        woken.push(w.entry)
      }
    }
    if (wrote.has('*')) {
      for (const list of waiting.values()) wake(list)
      waiting.clear()
    }
    for (const key of wrote) {
      const list = waiting.get(key)
      if (!list) continue
      waiting.delete(key)
      wake(list)
    }
    woken.sort((a, b) => a.index - b.index)
    for (let i = woken.length - 1; i >= 0; i--) stack.push(woken[i]!)
  }

  function drain(): 'more' | 'tooComplex' | RuleViolation {
    while (stack.length > 0) {
      const entry = stack.pop()!
      if (entry.done) continue
      if (++checks > budget) return 'tooComplex'
      try {
        const by = isMembershipRecord(entry.blob) && afterKnown(state, entry.blob) ? voidedBy(state, entry.blob) : null
        if (by !== null) {
          if (opts.historicContent && winsOver(state, entry.blob, by)) {
            // two removals of each other (a lying relay's log): the lower id wins in any order
            preferRecord(state, entry.blob, by, opts.journal)
            settle(entry, new Set(['*', `m:${causalIdOf(entry.blob)}`]))
            continue
          }
          if (opts.historicContent) {
            ignore(entry)
            continue
          }
          throw new RuleViolation('R16', 'revoked-concurrently', "a removal of the author's rights, concurrent with this record, voids it")
        }
        checkRecord(state, entry.blob, opts.now, opts)
      } catch (err) {
        if (!(err instanceof RuleViolation)) throw err
        entry.error = err
        if (opts.stopAtDefinitive && DEFINITIVE.has(err.code)) return err
        entry.parked = true
        entry.parkedAt++
        for (const key of readKeys(state, entry.blob)) {
          let list = waiting.get(key)
          if (!list) waiting.set(key, (list = []))
          list.push({ entry, parkedAt: entry.parkedAt })
        }
        continue
      }
      const wrote = writtenKeys(state, entry.blob)
      const refolds = state.causal.refolds
      applyRecord(state, entry.blob, opts.journal)
      for (const key of writtenKeys(state, entry.blob)) wrote.add(key)
      if (state.causal.refolds !== refolds) wrote.add('*')
      settle(entry, wrote)
    }
    return 'more'
  }

  function finish(tooComplex: boolean): Admission<T> {
    const refused = entries
      .filter((e) => !e.done)
      .map((e) => ({ item: e.item, error: e.error ?? new RuleViolation('R9', 'update-too-complex', 'not checked: the update needs too many checks') }))
    return { admitted, refused, tooComplex, checks }
  }
}

/** The state keys a record's check may read (see the module comment), given the state now. */
function readKeys(state: RoomState, blob: DecodedBlob): string[] {
  const author = toHex(blob.author)
  const keys: string[] = [`k:${author}`]
  if (!state.genesis) keys.push('genesis')
  for (const id of afterOf(blob) ?? []) keys.push(`m:${id}`)
  const person = personOf(state, author)
  if (person !== author) keys.push(`k:${person}`)
  const authorOrg = state.orgs.get(author)
  if (authorOrg !== undefined) keys.push(`c:${authorOrg}`)
  // R19: refused while closed (or a reopen before its close): waits for a close or reopen
  if (state.closure || blob.kind === 'close') keys.push('closure')
  if (blob.kind === 'member') {
    const subject = toHex(blob.subject)
    keys.push(`k:${subject}`)
    if (blob.organisation) keys.push(`c:${toHex(blob.organisation)}`)
    const invite = state.invites.get(subject)
    if (invite) {
      keys.push(`k:${invite.by}`)
      if (invite.organisation !== undefined) keys.push(`c:${invite.organisation}`)
    }
    if (blob.op === 'remove' || blob.op === 'role') keys.push('admins')
  } else if (blob.kind === 'lockbox') {
    const recipient = toHex(blob.recipient)
    keys.push(`k:${recipient}`)
    const invite = state.invites.get(recipient)
    if (invite) keys.push(`k:${invite.by}`)
  } else if (blob.kind === 'consent') {
    keys.push(`c:${toHex(blob.organisation)}`)
  } else if (blob.kind === 'file') {
    // a drop listed before its add waits for it
    keys.push(`f:${toHex(blob.file)}`)
  }
  return keys
}

/**
 * The state keys folding a record writes. Called before and after the fold (an organisation a
 * key loses or gains); 'admins' only when the admin set can change, so role and remove records
 * parked on it are not woken by every membership change.
 */
function writtenKeys(state: RoomState, blob: DecodedBlob): Set<string> {
  const author = toHex(blob.author)
  const keys = new Set<string>()
  if (isMembershipRecord(blob)) keys.add(`m:${causalIdOf(blob)}`)
  const org = (key: string) => {
    const o = state.orgs.get(key)
    if (o !== undefined) keys.add(`c:${o}`)
  }
  switch (blob.kind) {
    case 'genesis':
      keys.add('genesis').add(`k:${author}`).add('admins')
      org(author)
      break
    case 'consent':
      keys.add(`c:${toHex(blob.organisation)}`)
      break
    case 'file':
      keys.add(`f:${toHex(blob.file)}`)
      break
    case 'close':
      keys.add('closure')
      break
    case 'member': {
      const subject = toHex(blob.subject)
      keys.add(`k:${subject}`)
      org(subject)
      if (blob.op === 'claim') {
        keys.add(`k:${author}`)
        org(author)
      }
      if (blob.op === 'device') keys.add(`k:${author}`).add(`k:${personOf(state, author)}`)
      if (blob.role === 'admin' || state.admins.has(subject) || state.admins.has(author)) keys.add('admins')
      break
    }
    default:
      break
  }
  return keys
}
