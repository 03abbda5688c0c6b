/**
 * The rule checks (docs/RULES.md R1–R9, R12, R13, R16's `after-unknown`) a record passes
 * before the fold takes it: `checkIntrinsic` for what holds whatever the plan's membership,
 * `checkRecord` for whether its author may write it now (R16's voiding is admit.ts's). They read the state and throw a RuleViolation; they never write.
 */
import { CONSENTING_PARTIES, roleAtLeast, type DecodedBlob, type Role } from './blob'
import { toHex } from './bytes'
import { afterKnown } from './causalOrder'
import { checkErase } from './erase'
import { planIdFromGenesis, verifyBlob, verifyClaimProof } from './records'
import { accessEnded, consentBlocks, consentLive, isOpenInvite, openDeviceLinks, orphanedDeviceLink, samePerson } from './roomAccess'
import { parseItemId, tripleOf, type RoomState } from './roomStateShape'
import { MAX_CLOSE_SKEW_MS, MAX_DEVICE_INVITE_MS, MAX_KEEP_MS, MAX_OPEN_DEVICE_LINKS, MAX_PARTS, MAX_REOPEN_MS, MIN_KEEP_MS, RuleViolation } from './rules'
import { inClosedPlan } from './closure'

/** The least role that may write each kind; claims and presence have their own checks. */
const WRITE_ROLE: Record<'lockbox' | 'update' | 'snapshot' | 'file', Role> = {
  lockbox: 'admin',
  update: 'contributor',
  snapshot: 'editor',
  file: 'contributor',
}

/**
 * R2, R3 and the stateless part of R8: what holds for a blob whatever the plan's membership.
 * `signatureChecked`: its signature was verified already (preverifyBlobs said true).
 */
export function checkIntrinsic(planIdHex: string, blob: DecodedBlob, signatureChecked = false): void {
  if (toHex(blob.plan) !== planIdHex) throw new RuleViolation('R2', 'wrong-plan', 'blob belongs to another plan')
  if (blob.seq < 1) throw new RuleViolation('R8', 'bad-seq', 'seq starts at 1')
  if (!signatureChecked && !verifyBlob(blob)) throw new RuleViolation('R3', 'bad-signature', 'signature does not verify')
}

export interface CheckOptions {
  /** judge updates and snapshots by the role their author ever held (see `everRoles`) */
  historicContent?: boolean
}

/**
 * Checks a blob that passed `checkIntrinsic` against the plan's state (R4–R7): whether its
 * author may write it now.
 */
export function checkRecord(state: RoomState, blob: DecodedBlob, now: number, opts: CheckOptions = {}): void {
  const author = toHex(blob.author)
  if (blob.kind === 'presence') throw new RuleViolation('R1', 'presence-in-log', 'presence does not belong in the log')
  if (blob.kind === 'genesis') {
    if (state.genesis) throw new RuleViolation('R4', 'second-genesis', 'the plan already has a genesis')
    const expected = toHex(planIdFromGenesis(blob.author, blob.salt, blob.createdAt))
    if (expected !== state.planIdHex) throw new RuleViolation('R4', 'genesis-mismatch', 'plan id is not the hash of this genesis')
    if (blob.epoch !== 0) throw new RuleViolation('R4', 'genesis-epoch', 'genesis is epoch 0')
    return
  }
  if (!state.genesis) throw new RuleViolation('R4', 'no-genesis', 'the first record of a plan must be its genesis')
  // R19: a closed plan takes nothing its close did not have in its past, from anyone, in any mode
  if (blob.kind === 'close') return checkClose(state, blob, author, now, opts)
  // erasure (R20) ends a closed plan too: its retention runs from the close
  if (state.closure && blob.kind !== 'erase' && !inClosedPlan(state, blob)) throw new RuleViolation('R19', 'plan-closed', 'the plan is closed')
  // R16: a record is placed after the membership record it was written on, so that one comes first
  if (!afterKnown(state, blob)) throw new RuleViolation('R16', 'after-unknown', 'the membership record this one was written on is not here')
  const role = state.members.get(author)
  // R12: new records of someone whose organisation has no live consent are refused; what is
  // already in a log stays loadable (like `everRoles`)
  if (!opts.historicContent && consentBlocks(state, author, now)) {
    throw new RuleViolation('R12', 'consent-missing', "the author's organisation has no live consent")
  }
  if (!opts.historicContent && accessEnded(state, author, now)) {
    throw new RuleViolation('R13', 'access-expired', "the author's access has ended")
  }
  // R20: an erased plan takes nothing more (the relay has deleted it; a device deletes its copy)
  if (state.erasure && !opts.historicContent) throw new RuleViolation('R20', 'plan-erased', 'this plan is erased')
  if (blob.kind === 'consent') return checkConsent(state, blob, author, now, opts)
  if (blob.kind === 'erase') return checkErase(state, blob, author, role, now, opts.historicContent === true)
  // what a relay already holds was admitted when it was written: expiries are not judged by today
  const at = opts.historicContent ? 0 : now
  if (blob.kind === 'member') return checkMember(state, blob, author, role, at, opts)
  if (blob.kind === 'lockbox' && isOwnDeviceInvite(state, author, toHex(blob.recipient), at, opts)) return
  // what a relay already holds, lockboxes too, by the highest role its author ever held: a
  // removal concurrent with an admin's add and its lockbox may come first in a step 2 (R16)
  const judgedBy = opts.historicContent ? state.everRoles.get(author) : role
  if (!roleAtLeast(judgedBy, WRITE_ROLE[blob.kind]) && !readerRecordsConsent(state, blob, author, judgedBy, opts)) {
    throw new RuleViolation('R5', 'role-forbidden', `${role ?? 'non-member'} may not write ${blob.kind}`)
  }
  if (blob.kind === 'lockbox') {
    const recipient = toHex(blob.recipient)
    if (!state.members.has(recipient) && !(opts.historicContent ? wasNamed(state, recipient) : isOpenInvite(state, recipient, at))) {
      throw new RuleViolation('R7', 'lockbox-recipient', 'lockbox for someone who is neither member nor invited')
    }
    if (accessEnded(state, recipient, at)) throw new RuleViolation('R13', 'access-expired', 'no new key for someone whose access has ended')
  }
  if (blob.kind === 'file') checkFile(state, blob, author, judgedBy)
  if ((blob.kind === 'update' || blob.kind === 'snapshot') && blob.parts > MAX_PARTS) {
    throw new RuleViolation('R9', 'too-many-parts', `a record has at most ${MAX_PARTS} parts`)
  }
}

/**
 * R17: an attachment is added once under its ref; it is dropped once, by a device of the person
 * who added it or by an editor or admin (a contributor drops only its own, as P8 lets it remove
 * only its own attachment from the plan).
 */
function checkFile(state: RoomState, blob: DecodedBlob & { kind: 'file' }, author: string, judgedBy: Role | undefined): void {
  const ref = state.files.get(toHex(blob.file))
  if (blob.op === 'add') {
    if (ref) throw new RuleViolation('R17', 'file-exists', 'this attachment was added before')
    return
  }
  if (!ref || ref.dropped) throw new RuleViolation('R17', 'file-unknown', 'no such attachment to drop')
  if (!samePerson(state, ref.author, author) && !roleAtLeast(judgedBy, 'editor')) {
    throw new RuleViolation('R17', 'file-not-yours', 'a contributor drops only an attachment it added')
  }
}

/**
 * R19: an admin (now; in what a relay holds, ever, like content) closes
 * an open plan, or reopens a closed one within the period its close set. New records only: the
 * time it names lies within MAX_CLOSE_SKEW_MS of the judge's clock, a reopen is not late, and the
 * close's cut holds every record the judge has (a close written before a record the relay took
 * would otherwise leave that record outside a closed plan: the closer syncs and closes again).
 */
function checkClose(state: RoomState, blob: DecodedBlob & { kind: 'close' }, author: string, now: number, opts: CheckOptions): void {
  // what a relay holds was taken while its author was admin: a later removal must not reopen a stored plan
  const role = opts.historicContent ? state.everRoles.get(author) : state.members.get(author)
  if (role !== 'admin') throw new RuleViolation('R19', 'close-forbidden', 'only an admin closes or reopens a plan')
  if (blob.op === 'close' && (blob.reopenUntil < blob.at || blob.reopenUntil > blob.at + MAX_REOPEN_MS)) {
    throw new RuleViolation('R19', 'close-period', 'the reopen period must end after the close and within the longest period')
  }
  if (!opts.historicContent && Math.abs(blob.at - now) > MAX_CLOSE_SKEW_MS) throw new RuleViolation('R19', 'close-time', 'the time it names is not now')
  if (blob.op === 'close') checkKeep(blob, opts)
  if (blob.op === 'close') {
    if (state.closure) throw new RuleViolation('R19', 'plan-closed', 'the plan is closed already')
    if (!opts.historicContent && !cutHoldsAll(state, blob)) throw new RuleViolation('R19', 'close-stale', 'the plan holds records this close did not have')
    return
  }
  if (!state.closure) throw new RuleViolation('R19', 'plan-open', 'the plan is not closed')
  if (!opts.historicContent && now > state.closure.reopenUntil) throw new RuleViolation('R19', 'reopen-expired', 'the period to reopen this plan has ended')
}

/**
 * R22: a new close names the plan's retention end, at least MIN_KEEP_MS after it and not before
 * its reopen period ends, at most MAX_KEEP_MS. Pure: the bounds count from the close's own time.
 * A stored close without one (from before R22) stands; the relay just never erases that plan itself.
 */
function checkKeep(blob: DecodedBlob & { kind: 'close' }, opts: CheckOptions): void {
  const keepUntil = blob.keepUntil
  if (keepUntil === undefined) {
    if (opts.historicContent) return
    throw new RuleViolation('R22', 'close-keep', 'a close names the plan’s retention end')
  }
  if (keepUntil < Math.max(blob.at + MIN_KEEP_MS, blob.reopenUntil) || keepUntil > blob.at + MAX_KEEP_MS) {
    throw new RuleViolation('R22', 'close-keep', 'the retention end must be one to thirty years after the close, and after its reopen period')
  }
}

/** Whether every record the state has taken (the close itself aside) lies in the close's cut. O(records). */
function cutHoldsAll(state: RoomState, blob: DecodedBlob & { kind: 'close' }): boolean {
  const cut = new Map(blob.cut.map((e) => [e.client, e.clock]))
  const own = state.seen.get(tripleOf(blob))
  for (const itemId of state.seen.values()) {
    if (itemId === own) continue
    const { client, clock } = parseItemId(itemId)
    if (clock >= (cut.get(client) ?? 0)) return false
  }
  return true
}

/** R7: a member may seal the key to its own open device invite (any role). */
function isOwnDeviceInvite(state: RoomState, author: string, recipient: string, now: number, opts: CheckOptions): boolean {
  const invite = state.invites.get(recipient)
  if (!invite?.forDevice || invite.by !== author || !state.members.has(author)) return false
  // a stored log may list the claim before the lockbox that preceded it (a step 2 is ordered by
  // Yjs client, not by time): the relay judged the lockbox when the link was open
  return opts.historicContent || isOpenInvite(state, recipient, now)
}

/**
 * R7 for what a relay already holds: the recipient was a member or an invite key at some time.
 * Whether it still was when the lockbox was written, the relay judged then; the order a stored
 * log lists records in (a removal or a claim before the lockbox) must not unmake it.
 */
function wasNamed(state: RoomState, keyHex: string): boolean {
  return state.everRoles.has(keyHex) || state.invites.has(keyHex)
}

/**
 * A reader with gezag (or the youth from 16) gives consent, and writes its details into the
 * plan: so it may write updates. What they change only clients see; they refuse anything but
 * the consent slices (P3, src/plan/rights.ts).
 */
function readerRecordsConsent(state: RoomState, blob: DecodedBlob, author: string, judgedBy: Role | undefined, opts: CheckOptions): boolean {
  if (blob.kind !== 'update' || judgedBy !== 'reader') return false
  const party = state.parties.get(author)
  return party !== undefined && CONSENTING_PARTIES.includes(party) && (opts.historicContent || state.members.has(author))
}

function checkConsent(state: RoomState, blob: DecodedBlob & { kind: 'consent' }, author: string, now: number, opts: CheckOptions): void {
  // any role: consent belongs to the parents with gezag and the youth from 16, not to the admin
  const party = state.parties.get(author)
  const consenting = party !== undefined && CONSENTING_PARTIES.includes(party)
  if (!consenting || (!opts.historicContent && !state.members.has(author))) {
    throw new RuleViolation('R12', 'consent-forbidden', `${party ?? 'non-member'} may not give or withdraw consent`)
  }
  const org = toHex(blob.organisation)
  if (blob.op === 'give') {
    if (!opts.historicContent && blob.expiresAt <= now) throw new RuleViolation('R12', 'consent-expired', 'a consent must end in the future')
    return
  }
  const known = state.consents.has(org) || (state.orgHolders.get(org) ?? 0) > 0
  if (!known) throw new RuleViolation('R12', 'consent-unknown', 'no consent or member of this organisation to withdraw')
}

/**
 * R12 for who an `add` or `invite` names: a party is required (new records), a professional
 * needs an organisation, and that organisation live consent. Logs already held only need the
 * consent to have been given once: its later withdrawal shuts the member out, it does not
 * unmake the membership.
 */
function checkAffiliation(state: RoomState, blob: DecodedBlob & { kind: 'member' }, now: number, opts: CheckOptions): void {
  if (blob.party === undefined) {
    if (opts.historicContent) return // v1 grammar, from before parties
    throw new RuleViolation('R12', 'party-missing', 'a new member record says who is added')
  }
  if (blob.party !== 'professional') {
    if (blob.organisation) throw new RuleViolation('R12', 'organisation-unexpected', 'only professionals belong to an organisation')
    return
  }
  if (!blob.organisation) throw new RuleViolation('R12', 'organisation-missing', 'a professional is added with an organisation')
  const org = toHex(blob.organisation)
  const given = opts.historicContent ? !!state.consents.get(org)?.everGiven : consentLive(state, org, now)
  if (!given) throw new RuleViolation('R12', 'consent-missing', 'no live consent for this organisation')
}

/** `now` is 0 for what a relay already admitted (`historicContent`): expiries were judged then. */
function checkMember(state: RoomState, blob: DecodedBlob & { kind: 'member' }, author: string, role: Role | undefined, now: number, opts: CheckOptions): void {
  const subject = toHex(blob.subject)
  if (blob.op !== 'add' && blob.op !== 'invite' && blob.party !== undefined) {
    throw new RuleViolation('R6', 'party-fixed', 'a party is given when someone is added or invited, and not changed')
  }
  // a device has no party or organisation of its own: it takes its person's when it claims
  if (blob.op === 'device') return checkDeviceInvite(state, blob, subject, role, now)
  if (blob.op === 'claim') {
    const invite = state.invites.get(subject)
    if (!invite) throw new RuleViolation('R6', 'invite-unknown', 'no such invite')
    if (invite.withdrawn || orphanedDeviceLink(state, invite)) throw new RuleViolation('R6', 'invite-withdrawn', 'the invite was withdrawn')
    if (invite.claimedBy) throw new RuleViolation('R6', 'invite-used', 'the invite was already used')
    if (invite.expiresAt <= now) throw new RuleViolation('R6', 'invite-expired', 'the invite has expired')
    if (blob.role !== invite.role) throw new RuleViolation('R6', 'claim-role', "a claim takes the invite's role")
    if (state.members.has(author)) throw new RuleViolation('R6', 'already-member', 'claimer is already a member')
    if (!verifyClaimProof(blob)) throw new RuleViolation('R6', 'bad-proof', 'the claim is not signed by the invite key')
    if (accessEnded(state, subject, now)) throw new RuleViolation('R13', 'access-expired', 'the access this invite gives has ended')
    if (!opts.historicContent && invite.organisation !== undefined && !consentLive(state, invite.organisation, now)) {
      throw new RuleViolation('R12', 'consent-missing', "the consent for this invite's organisation ended")
    }
    return
  }
  if (blob.op === 'remove' && subject === author && role !== undefined) {
    if (role === 'admin') assertAnotherAdmin(state, subject)
    return // leaving is always allowed
  }
  if (blob.op === 'remove' && role !== undefined && state.members.has(subject) && samePerson(state, author, subject)) {
    if (state.members.get(subject) === 'admin') assertAnotherAdmin(state, subject)
    return // a person may remove a (lost) device of its own
  }
  if (blob.op === 'withdraw' && role !== undefined) {
    const invite = state.invites.get(subject)
    if (invite?.forDevice && invite.by === author && !invite.claimedBy) return // its own device link
  }
  if (role !== 'admin') throw new RuleViolation('R5', 'role-forbidden', `${role ?? 'non-member'} may not change membership`)
  switch (blob.op) {
    case 'add':
      if (state.members.has(subject)) throw new RuleViolation('R6', 'already-member', 'already a member')
      checkAffiliation(state, blob, now, opts)
      checkAccessUntil(blob, now)
      return
    case 'role':
      if (!state.members.has(subject)) throw new RuleViolation('R6', 'not-member', 'not a member')
      if (blob.role === 'admin' && state.accessUntil.has(subject)) {
        throw new RuleViolation('R13', 'access-admin', "an admin's access never ends: a time-limited member does not become admin")
      }
      if (state.members.get(subject) === 'admin' && blob.role !== 'admin') assertAnotherAdmin(state, subject)
      return
    case 'remove':
      if (!state.members.has(subject)) throw new RuleViolation('R6', 'not-member', 'not a member')
      if (state.members.get(subject) === 'admin') assertAnotherAdmin(state, subject)
      return
    case 'invite':
      if (state.invites.has(subject) || state.members.has(subject)) {
        throw new RuleViolation('R6', 'invite-exists', 'this invite key is already in use')
      }
      if (blob.expiresAt <= now) throw new RuleViolation('R6', 'invite-expired', 'an invite must expire in the future')
      checkAffiliation(state, blob, now, opts)
      checkAccessUntil(blob, now)
      return
    case 'withdraw': {
      const invite = state.invites.get(subject)
      if (!invite || invite.claimedBy) throw new RuleViolation('R6', 'invite-unknown', 'no open invite to withdraw')
      return
    }
  }
}

/**
 * R13 for an `add` or `invite` with an end: never an admin (a plan keeps an admin for good), in
 * the future when written, and after the invite's own expiry (else it could never be used).
 */
function checkAccessUntil(blob: DecodedBlob & { kind: 'member' }, now: number): void {
  if (blob.accessUntil === undefined) return
  if (blob.role === 'admin') throw new RuleViolation('R13', 'access-admin', "an admin's access never ends")
  if (blob.accessUntil <= now) throw new RuleViolation('R13', 'access-until-past', 'access must end in the future')
  if (blob.op === 'invite' && blob.accessUntil <= blob.expiresAt) {
    throw new RuleViolation('R13', 'access-before-expiry', 'access must end after the invite expires')
  }
}

/**
 * R6 for `device`: any member, for its own role or lower (never higher: a second device is the
 * same person with the same rights), expiring soon, with a fresh key.
 */
function checkDeviceInvite(state: RoomState, blob: DecodedBlob & { kind: 'member' }, subject: string, role: Role | undefined, now: number): void {
  if (role === undefined) throw new RuleViolation('R5', 'role-forbidden', 'non-member may not link a device')
  if (!roleAtLeast(role, blob.role)) throw new RuleViolation('R6', 'device-role', "a device link grants at most the author's role")
  if (state.invites.has(subject) || state.members.has(subject)) throw new RuleViolation('R6', 'invite-exists', 'this invite key is already in use')
  if (blob.expiresAt <= now) throw new RuleViolation('R6', 'invite-expired', 'a device link must expire in the future')
  if (now > 0 && blob.expiresAt > now + MAX_DEVICE_INVITE_MS) {
    throw new RuleViolation('R6', 'device-expiry', 'a device link expires within an hour')
  }
  // judged, like every expiry, only for new records (now > 0): what a relay admitted stays loadable
  if (now > 0 && openDeviceLinks(state, toHex(blob.author), now) >= MAX_OPEN_DEVICE_LINKS) {
    throw new RuleViolation('R6', 'device-too-many', `a person holds at most ${MAX_OPEN_DEVICE_LINKS} open device links`)
  }
}

function assertAnotherAdmin(state: RoomState, leaving: string): void {
  if (state.admins.size > (state.admins.has(leaving) ? 1 : 0)) return
  throw new RuleViolation('R6', 'last-admin', 'a plan keeps at least one admin')
}
