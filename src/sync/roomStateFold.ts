/**
 * The fold: how an admitted record changes the room state. `applyRecord` after `checkRecord`
 * allowed the blob, `markSeen` for the replay index, `removeSnapshotGroup` for a deleted
 * snapshot. With a journal every write can be rolled back (validateUpdate). The maps kept in
 * step with others (`admins`, `everRoles`, `orgHolders`, `highestSeq`, the cover index,
 * `deviceLinks`) are written here and nowhere else.
 */
import { roleAtLeast, type DecodedBlob, type Party, type Role } from './blob'
import { fromHex, toHex } from './bytes'
import { afterOf, causalIdOf, isMembershipRecord, isRevocation, voidedBy, voidedByRevocation, winsOver } from './causalOrder'
import { linkOf, linkRecord } from './chain'
import { activateAuthor, indexGroup, type IndexedGroup } from './coverIndex'
import { foldErase } from './erase'
import { addTo, deleteIn, pushTo, setField, setIn, type Journal } from './journal'
import { checkRecord } from './recordChecks'
import { groupKeyOf, parseItemId, personOf, sessionKeyOf, tripleOf, type ChainLink, type RoomState, type SnapshotGroup } from './roomStateShape'
import { MAX_OPEN_DEVICE_LINKS, RuleViolation } from './rules'

/** Complete snapshots by an author who ever held this role count as covers (R8, R10). */
export const COMPACT_ROLE: Role = 'editor'

/**
 * Marks a record as accepted (R8), its chain link (R15), its session's highest seq (for `cover-beyond`), and binds the
 * Yjs client id that carried it to its author if nobody had it yet (R14: callers go in write
 * order, so the first author of a client id keeps it).
 */
export function markSeen(state: RoomState, blob: DecodedBlob, itemId: string, journal?: Journal, link: ChainLink = linkOf(blob)): void {
  setIn(journal, state.seen, tripleOf(blob), itemId)
  linkRecord(state, blob, link, journal)
  const session = sessionKeyOf(blob.author, blob.session)
  if (blob.seq > (state.highestSeq.get(session) ?? 0)) setIn(journal, state.highestSeq, session, blob.seq)
  const { client } = parseItemId(itemId)
  if (!state.clientAuthors.has(client)) setIn(journal, state.clientAuthors, client, toHex(blob.author))
}

/**
 * Folds an allowed blob into the state. With a `journal`, every write is recorded so it can be
 * rolled back (validateUpdate folds in place and undoes a refused update); values in the maps
 * are replaced, never changed in place, so one undo entry per write is enough.
 */
export function applyRecord(state: RoomState, blob: DecodedBlob, journal?: Journal): void {
  foldRecord(state, blob, journal)
  if (isMembershipRecord(blob)) takeMembership(state, blob, journal)
}

/**
 * R16: a void membership record (causalOrder.ts `voidedBy`) is taken into the causal index and
 * changes nothing else, but the highest role its subject ever held: a relay that took it before
 * the removal arrived admitted that subject's content then, and every device must still load it.
 */
export function ignoreRecord(state: RoomState, blob: DecodedBlob, journal?: Journal): void {
  const c = state.causal
  const id = causalIdOf(blob)
  if (!c.byId.has(id)) {
    setIn(journal, c.byId, id, { parents: afterOf(blob) ?? c.heads, blob })
    pushTo(journal, c.order, id)
  }
  markVoid(state, blob, id, journal)
}

/**
 * R16, two admins removing each other concurrently: `blob` (taken as void) wins over `rid` by the
 * lower id (causalOrder.ts `winsOver`), so the membership is folded again with `rid` void instead.
 */
export function preferRecord(state: RoomState, blob: DecodedBlob, rid: string, journal?: Journal): void {
  ignoreRecord(state, blob, journal)
  refold(state, new Set([rid]), journal)
}

function markVoid(state: RoomState, blob: DecodedBlob, id: string, j: Journal | undefined): void {
  addTo(j, state.causal.voided, id)
  if (blob.kind !== 'member') return
  // the role it gave was real while the relay took what its holder wrote (also a lockbox to it)
  if (blob.op === 'add' || blob.op === 'role') raiseEverRole(state, toHex(blob.subject), blob.role, j)
  if (blob.op === 'claim') raiseEverRole(state, toHex(blob.author), blob.role, j)
}

/** R16: an applied membership record joins the causal index; a removal that voids what was applied re-folds. */
function takeMembership(state: RoomState, blob: DecodedBlob, j: Journal | undefined): void {
  const c = state.causal
  const id = causalIdOf(blob)
  if (!c.byId.has(id)) {
    // a record from before R16 names nothing: it was written on all this state had taken (its heads)
    setIn(j, c.byId, id, { parents: afterOf(blob) ?? c.heads, blob })
    pushTo(j, c.order, id)
  }
  markApplied(state, blob, id, j)
  const voids = voidedByRevocation(state, blob)
  if (voids.length > 0) refold(state, new Set(voids), j)
}

function markApplied(state: RoomState, blob: DecodedBlob, id: string, j: Journal | undefined): void {
  const c = state.causal
  const parents = afterOf(blob)
  // the heads: what nothing applied is written on; a record from before R16 claims to follow all
  setField(j, c, 'heads', parents === undefined ? [id] : [...c.heads.filter((h) => !parents.includes(h)), id])
  if (parents === undefined) return
  const author = toHex(blob.author)
  setIn(j, c.byAuthor, author, [...(c.byAuthor.get(author) ?? []), id])
  if (isRevocation(blob)) {
    const subject = toHex(blob.subject)
    setIn(j, c.revocations, subject, [...(c.revocations.get(subject) ?? []), id])
  }
}

/**
 * R16: the membership folded again from the genesis, in the order this state took its records,
 * without `forced` (what a removal just voided), what is written on a void record, and what no
 * longer passes at its place (checked as a stored log is: historic, expiries not by today). A
 * removal applied in the replay may void more of what came before it: then once more, at most
 * once per record. Only a removal concurrent with applied records of its subject gets here.
 * `everRoles` is kept: what was admitted once stays loadable. O(membership records · `after`
 * chain walks) per pass.
 */
function refold(state: RoomState, forced: Set<string>, j: Journal | undefined): void {
  const c = state.causal
  for (let pass = 0; pass <= c.order.length; pass++) {
    resetMembership(state, j)
    let again = false
    for (const id of c.order) {
      const { blob } = c.byId.get(id)!
      const by = forced.has(id) ? null : voidedBy(state, blob)
      if (by !== null && winsOver(state, blob, by)) {
        // two removals of each other: the lower id wins, whichever was taken first
        forced.add(by)
        again = true
        break
      }
      if (forced.has(id) || by !== null) {
        markVoid(state, blob, id, j)
        continue
      }
      try {
        checkRecord(state, blob, 0, { historicContent: true })
      } catch (err) {
        if (!(err instanceof RuleViolation)) throw err
        markVoid(state, blob, id, j)
        continue
      }
      foldRecord(state, blob, j)
      markApplied(state, blob, id, j)
      const voids = voidedByRevocation(state, blob)
      if (voids.length === 0) continue
      for (const v of voids) forced.add(v)
      again = true
      break
    }
    if (!again) break
  }
  setField(j, c, 'refolds', c.refolds + 1)
}

/** Empty membership maps for a re-fold (replaced, not cleared, so a journal restores the old ones). */
function resetMembership(state: RoomState, j: Journal | undefined): void {
  setField(j, state, 'genesis', false)
  setField(j, state, 'creator', '')
  setField(j, state, 'members', new Map())
  setField(j, state, 'invites', new Map())
  setField(j, state, 'parties', new Map())
  setField(j, state, 'orgs', new Map())
  setField(j, state, 'accessUntil', new Map())
  setField(j, state, 'consents', new Map())
  setField(j, state, 'persons', new Map())
  setField(j, state, 'admins', new Set())
  setField(j, state, 'orgHolders', new Map())
  setField(j, state, 'deviceLinks', new Map())
  const c = state.causal
  setField(j, c, 'voided', new Set())
  setField(j, c, 'heads', [])
  setField(j, c, 'revocations', new Map())
  setField(j, c, 'byAuthor', new Map())
}

/** The fold of one record into the state's maps (the causal index aside). */
function foldRecord(state: RoomState, blob: DecodedBlob, journal?: Journal): void {
  const j = journal
  const author = toHex(blob.author)
  switch (blob.kind) {
    case 'genesis':
      setField(j, state, 'genesis', true)
      setField(j, state, 'creator', author)
      setMember(state, author, 'admin', j)
      setAffiliation(state, author, blob.party, blob.organisation, j)
      return
    case 'consent': {
      const org = toHex(blob.organisation)
      const before = state.consents.get(org)
      const given = blob.op === 'give'
      setIn(j, state.consents, org, {
        status: given ? 'given' : 'withdrawn',
        by: author,
        givenBy: given ? author : before?.givenBy,
        expiresAt: given ? blob.expiresAt : (before?.expiresAt ?? 0),
        details: toHex(blob.details),
        everGiven: given || !!before?.everGiven,
        gives: given ? [...(before?.gives ?? []), toHex(blob.details)] : (before?.gives ?? []),
      })
      return
    }
    case 'lockbox':
      if (blob.epoch > state.epoch) setField(j, state, 'epoch', blob.epoch)
      return
    case 'file': {
      const ref = toHex(blob.file)
      const before = state.files.get(ref)
      if (blob.op === 'add') setIn(j, state.files, ref, { author, pieces: blob.pieces.map(toHex), size: blob.size, dropped: false })
      else if (before) setIn(j, state.files, ref, { ...before, dropped: true })
      return
    }
    case 'close':
      setField(
        j,
        state,
        'closure',
        blob.op === 'close'
          ? {
              author,
              reason: blob.reason,
              closedAt: blob.at,
              reopenUntil: blob.reopenUntil,
              cut: new Map(blob.cut.map((e) => [e.client, e.clock])),
              keepUntil: blob.keepUntil ?? null,
              record: blob.bytes.slice(),
            }
          : null,
      )
      return
    case 'erase':
      return foldErase(state, blob, author, j)
    case 'member':
      return foldMember(state, blob, author, j)
    case 'snapshot': {
      const key = groupKeyOf(blob)
      let group = state.snapshots.get(key)
      if (!group) {
        group = { author, parts: blob.parts, present: new Set(), covers: null }
        setIn(j, state.snapshots, key, group)
      }
      // parts arrive one by one: the group's set grows in place (copying it per part is quadratic)
      addTo(j, group.present, blob.part)
      if (blob.part === 0) {
        const g = group
        const covers = g.covers
        j?.push(() => (g.covers = covers))
        g.covers = new Map(blob.covers.map((c) => [sessionKeyOf(c.author, c.session), c.seq]))
      }
      // O(1) unless this part completes the group: then O(log n) per session it covers
      indexGroup(state.coverIndex, key, coverOf(state, group), j)
      return
    }
    default:
      return
  }
}

/** What the cover index holds for a group: nothing until it is complete (R8, R10). */
function coverOf(state: RoomState, group: SnapshotGroup): IndexedGroup | null {
  if (!group.covers || group.present.size !== group.parts) return null
  return { author: group.author, covers: group.covers, active: roleAtLeast(state.everRoles.get(group.author), COMPACT_ROLE) }
}

/** A snapshot was deleted (R10): its group no longer covers anything. Idempotent (one call per part). */
export function removeSnapshotGroup(state: RoomState, key: string, journal?: Journal): void {
  if (!state.snapshots.has(key)) return
  deleteIn(journal, state.snapshots, key)
  indexGroup(state.coverIndex, key, null, journal)
}

function foldMember(state: RoomState, blob: DecodedBlob & { kind: 'member' }, author: string, j: Journal | undefined): void {
  const subject = toHex(blob.subject)
  switch (blob.op) {
    case 'add':
      setMember(state, subject, blob.role, j)
      setAffiliation(state, subject, blob.party, blob.organisation, j)
      setAccessUntil(state, subject, blob.accessUntil, j)
      return
    case 'role':
      setMember(state, subject, blob.role, j)
      return
    case 'remove':
      setMember(state, subject, undefined, j)
      return
    case 'invite':
      setIn(j, state.invites, subject, {
        role: blob.role,
        expiresAt: blob.expiresAt,
        by: author,
        withdrawn: false,
        ...(blob.party !== undefined ? { party: blob.party } : {}),
        ...(blob.organisation ? { organisation: toHex(blob.organisation) } : {}),
        ...(blob.accessUntil !== undefined ? { accessUntil: blob.accessUntil } : {}),
      })
      setAffiliation(state, subject, blob.party, blob.organisation, j)
      setAccessUntil(state, subject, blob.accessUntil, j)
      return
    case 'device': {
      // a linked device cannot outlive its person's access (R13)
      const until = state.accessUntil.get(author)
      setIn(j, state.invites, subject, {
        role: blob.role,
        expiresAt: blob.expiresAt,
        by: author,
        withdrawn: false,
        forDevice: true,
        ...(until !== undefined ? { accessUntil: until } : {}),
      })
      setAccessUntil(state, subject, until, j)
      const person = personOf(state, author)
      const latest = [...(state.deviceLinks.get(person) ?? []), blob.expiresAt].sort((a, b) => b - a).slice(0, MAX_OPEN_DEVICE_LINKS)
      setIn(j, state.deviceLinks, person, latest)
      return
    }
    case 'withdraw': {
      const invite = state.invites.get(subject)
      if (invite) setIn(j, state.invites, subject, { ...invite, withdrawn: true })
      return
    }
    case 'claim': {
      const invite = state.invites.get(subject)
      if (invite) setIn(j, state.invites, subject, { ...invite, claimedBy: author })
      setMember(state, author, blob.role, j)
      setAccessUntil(state, author, state.accessUntil.get(subject), j)
      if (invite?.forDevice) {
        // the same person: its party and organisation, so consent (R12) binds every device alike
        setIn(j, state.persons, author, personOf(state, invite.by))
        const org = state.orgs.get(invite.by)
        setAffiliation(state, author, state.parties.get(invite.by), org ? fromHex(org) : undefined, j)
      } else {
        setAffiliation(state, author, invite?.party, invite?.organisation ? fromHex(invite.organisation) : undefined, j)
      }
      return
    }
  }
}

/** Sets (or, with `undefined`, removes) a member's role, keeping `admins` and `everRoles` in step: O(1). */
function setMember(state: RoomState, keyHex: string, role: Role | undefined, j: Journal | undefined): void {
  if (role === undefined) deleteIn(j, state.members, keyHex)
  else setIn(j, state.members, keyHex, role)
  if (role === 'admin') addTo(j, state.admins, keyHex)
  else if (state.admins.has(keyHex)) deleteIn(j, state.admins, keyHex)
  if (role !== undefined) raiseEverRole(state, keyHex, role, j)
}

function raiseEverRole(state: RoomState, keyHex: string, role: Role, j: Journal | undefined): void {
  if (roleAtLeast(state.everRoles.get(keyHex), role)) return
  setIn(j, state.everRoles, keyHex, role)
  // its complete snapshots written before (a log merged out of order) now count as covers
  if (roleAtLeast(role, COMPACT_ROLE)) activateAuthor(state.coverIndex, keyHex, j)
}

/** A key named without a party (v1 grammar) counts as a professional without organisation. */
function setAffiliation(state: RoomState, keyHex: string, party: Party | undefined, organisation: Uint8Array | undefined, j: Journal | undefined): void {
  setIn(j, state.parties, keyHex, party ?? 'professional')
  const before = state.orgs.get(keyHex)
  const after = organisation ? toHex(organisation) : undefined
  if (before === after) return
  if (before !== undefined) setIn(j, state.orgHolders, before, (state.orgHolders.get(before) ?? 1) - 1)
  if (after !== undefined) {
    setIn(j, state.orgs, keyHex, after)
    setIn(j, state.orgHolders, after, (state.orgHolders.get(after) ?? 0) + 1)
  } else {
    deleteIn(j, state.orgs, keyHex)
  }
}

function setAccessUntil(state: RoomState, keyHex: string, until: number | undefined, j: Journal | undefined): void {
  if (until !== undefined) setIn(j, state.accessUntil, keyHex, until)
  else deleteIn(j, state.accessUntil, keyHex)
}
