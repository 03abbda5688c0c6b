/**
 * What each member may change inside the plan, where the relay cannot look. Editors and admins
 * change everything but the voices that are not theirs; a contributor adds observations, writes
 * its own voice, ticks "Gedaan" on its own afspraken and marks its own presence, and never the
 * school's or care's words, goals, afspraken' text or meetings (P1); a parent or youth whom
 * someone who edits the meeting marked present writes that meeting's notes (P9). A voice belongs to its
 * owners whatever their role (P4); a comment beside a voice to whoever wrote it, and a meeting's
 * preparation to whoever answered it (P10). Every client
 * refuses other changes (docs/RULES.md "Inside the plan").
 */
import * as Y from 'yjs'
import { roleAtLeast, type Party, type Role } from '../sync/blob'
import { ACTIONS } from './actions'
import { APPROVALS, REQUEST_APPROVALS, mayApprove } from './approvals'
import { ATTACHMENTS } from './attachments'
import { MEETINGS, SELF_MARKED, agendaHasItem, notesOfRoot, presenceConfirmed } from './meetings'
import { ORGANISATION_KINDS, type OrganisationKind } from './organisations'
import { PERSPECTIVES, commentOfRoot, type Perspective } from './voices'
import { isPreparationRoot, preparationOfRoot } from './preparations'
import { CONSENTS } from './consent'
import { INSTEMMING } from './instemming'
import { OBSERVATIONS } from './observations'
import { ORGANISATIONS } from './organisations'
import { TEAM } from './team'
import { RETENTION } from './retention'

export type { Party }

/** The voice (`voices.<perspective>.*`) a contributor of a party writes. */
export type OwnPerspective = 'ouders' | 'kind'

export function ownPerspective(party: Party | undefined): OwnPerspective | null {
  switch (party) {
    case 'parent':
    case 'gezag':
      return 'ouders'
    case 'youth':
    case 'youth16':
      return 'kind'
    default:
      return null
  }
}

/** Only a parent with gezag can give instemming while the child is under 18. */
export function mayGiveInstemming(party: Party | undefined): boolean {
  return party === 'gezag'
}

/**
 * Who writes the instemming list (P1, P11): a parent with gezag, and the youth from 16, who gives
 * its own instemming once 18 (which the plan's date of birth decides, judged per entry: writing
 * grants nothing, only an entry signed by whoever is entitled then counts).
 */
export function mayWriteInstemming(party: Party | undefined): boolean {
  return party === 'gezag' || party === 'youth16'
}

/**
 * Whether a contributor of `party` may change the plan's root `root` (a top-level name of the
 * plan doc). `undefined` is a member whose party the signed log does not name (written before
 * parties existed): like the relay (R12), it counts as a professional.
 *
 * The team list is open to every contributor because a new member puts its own name there when
 * it joins. Root-level tracing cannot see which entry of the list a change touches, so "only your
 * own entry" is not enforced: a limitation written down in P1.
 */
export function contributorMayChange(root: string, party: Party | undefined): boolean {
  if (root === OBSERVATIONS || root === TEAM) return true
  // consent details: a parent with gezag who is a contributor records what it agreed to (R12);
  // an entry without a matching signed record shows as unconfirmed, so writing one proves nothing
  if (root === CONSENTS || root === ORGANISATIONS) return true
  // entries there count only when signed by whoever is entitled when they sign (instemmingStatus)
  if (root === INSTEMMING) return mayWriteInstemming(party)
  // "klopt" on the request (P12) or on a verslag, or a correction on a verslag (P9): counted only
  // when signed by a parent with gezag or a youth of 16+ (approvalStatus)
  if (root === APPROVALS || root === REQUEST_APPROVALS) return mayApprove(party)
  // the voices: P4 (`mayWriteVoice`); a contributor whose party the log does not name writes none
  const voice = voiceOfRoot(root)
  return voice !== null && party !== undefined && mayWriteVoice(voice, party, undefined)
}

/** What the UI tells a contributor they can add: the roots that are theirs. */
export function contributorRoots(party: Party | undefined): { voices: OwnPerspective[]; instemming: boolean } {
  const voice = ownPerspective(party)
  return { voices: voice ? [voice] : [], instemming: mayGiveInstemming(party) }
}

/** P3: a reader with gezag (or the youth from 16) changes only the consent details and organisation names. */
export function consentingReaderMayChange(root: string): boolean {
  return root === CONSENTS || root === ORGANISATIONS
}

// ---- P1, finer: what a contributor does on an entry that is theirs ----

/**
 * Where one item a record inserts or deletes lies (traced by src/sync/updateRoots.ts): its root,
 * the root's element it is inside (read as the plan holds it now), the keys down to it, its key.
 */
export interface EntryChange {
  op: 'insert' | 'delete'
  root: string
  /** the entry (a record's Y.Map); anything else is no entry of a list */
  entry: unknown
  path: readonly (string | null)[]
  key: string | null
  values: readonly unknown[] | null
  /** a deleted element of the root (a record's Y.Map), as the plan holds it */
  removed?: unknown
}

/**
 * P1: a contributor ticks "Gedaan" on an afspraak whose `whoKey` is theirs (sets or replaces the
 * `done` key of that entry with a true/false), and marks their own presence in a meeting (sets
 * `m:<own key>` to `'self'` in its attendees, or removes it: only someone who edits the meeting
 * writes `true`, which P9 asks). Nothing else in `actions` or `meetings`: not an afspraak's text,
 * not someone else's afspraak or presence, not a new entry.
 * `isMine` says whether a member key is the author's (any device of the same person).
 */
export function contributorMayChangeEntry(change: EntryChange, isMine: (memberKey: string) => boolean): boolean {
  const { op, root, entry, path, key, values } = change
  if (!(entry instanceof Y.Map) || key === null) return false
  const value = values?.length === 1 ? values[0] : undefined
  if (root === ACTIONS) {
    const whoKey = entry.get('whoKey')
    if (path.length !== 0 || key !== 'done' || typeof whoKey !== 'string' || whoKey === '' || !isMine(whoKey)) return false
    return op === 'delete' || typeof value === 'boolean'
  }
  if (root === MEETINGS) {
    if (path.length !== 1 || path[0] !== 'attendees' || !key.startsWith('m:') || !isMine(key.slice(2))) return false
    return op === 'delete' || value === SELF_MARKED
  }
  return false
}

// ---- P9: a parent or youth writes the notes of a meeting they attend ----

/** The parties who write the notes of a meeting they attend: parents and the youth. */
export function mayWriteNotesWhenPresent(party: Party | undefined): boolean {
  return party === 'parent' || party === 'gezag' || party === 'youth' || party === 'youth16'
}

/**
 * P9: whether a contributor may write the root `root` as meeting notes: it is the notes text
 * `meetings.<id>.<item>` of an item on that meeting's stored agenda (a meeting with a template: one
 * from before P9 opens none), the author is a parent or youth, and the plan holds the author's
 * presence in that meeting as `true`: set by someone who edits the meeting, never the `'self'` a
 * contributor writes for itself (P1). Judged against the plan as it holds it before the record, so
 * a presence and a note in one record open nothing. `meeting` finds a meeting's map in the plan.
 */
export function attendeeMayWriteNotes(
  root: string,
  party: Party | undefined,
  meeting: (id: string) => Y.Map<unknown> | undefined,
  mine: (memberKey: string) => boolean,
): boolean {
  if (!mayWriteNotesWhenPresent(party)) return false
  const at = notesOfRoot(root)
  if (at === null) return false
  const map = meeting(at.meetingId)
  if (map === undefined || !agendaHasItem(map, at.itemId)) return false
  const set = map.get('attendees')
  if (!(set instanceof Y.Map)) return false
  for (const key of set.keys()) if (key.startsWith('m:') && mine(key.slice(2)) && presenceConfirmed(map, key.slice(2))) return true
  return false
}

// ---- P8: attachments ----

/**
 * P8: a contributor adds attachments in its own name and removes only its own. An insert is a new
 * entry (or a field of one new in the same record) whose `createdBy`, when set, is the author's;
 * a delete takes a whole entry (or a field inside one) whose `createdBy` is the author's. Nothing
 * is written into an entry the plan already holds: an attachment is never edited.
 */
export function contributorMayChangeAttachment(change: EntryChange, isMine: (memberKey: string) => boolean): boolean {
  const { op, entry, key, values, removed } = change
  const ownedByAuthor = (m: unknown) => m instanceof Y.Map && typeof m.get('createdBy') === 'string' && isMine(m.get('createdBy') as string)
  if (op === 'insert') {
    if (entry !== null) return false
    if (key !== 'createdBy') return true
    const value = values?.length === 1 ? values[0] : undefined
    return typeof value === 'string' && isMine(value)
  }
  if (entry !== null) return ownedByAuthor(entry)
  // the entry itself, or an item new in this same record (nothing of anyone else's)
  return removed === undefined || ownedByAuthor(removed)
}

// ---- P4: voices belong to their owners ----

/** The perspective whose voice a root is (`voices.<perspective>.<field>`), or null. */
export function voiceOfRoot(root: string): Perspective | null {
  const p = /^voices\.([a-z]+)\./.exec(root)?.[1]
  return p !== undefined && (PERSPECTIVES as readonly string[]).includes(p) ? (p as Perspective) : null
}

/**
 * P4: who writes a voice, whatever their role: the parents' voice a parent (with or without
 * gezag); the child's the youth, or a parent on its behalf; the school's a professional of an
 * organisation the plan calls a school; care's one of an organisation it calls care
 * (`organisationKinds`, which only admins write). `party` undefined is a member whose party the
 * log does not name (a plan from before parties): not held to P4, its role decides as before.
 */
export function mayWriteVoice(perspective: Perspective, party: Party | undefined, orgKind: OrganisationKind | undefined): boolean {
  switch (perspective) {
    case 'ouders':
      return party === 'parent' || party === 'gezag'
    case 'kind':
      return party === 'youth' || party === 'youth16' || party === 'parent' || party === 'gezag'
    case 'school':
      return party === 'professional' && orgKind === 'school'
    case 'zorg':
      return party === 'professional' && orgKind === 'zorg'
  }
}

/**
 * The party the voice rules go by: a professional without an organisation is one the log names no
 * party for (a plan begun before parties, or without one; R12 gives every other professional an
 * organisation), so P4 cannot say whose voice is theirs and its role decides as before.
 */
export function partyForVoices(party: Party | undefined, organisation: string | undefined): Party | undefined {
  return party === 'professional' && organisation === undefined ? undefined : party
}

// ---- P1: whose key a member key is ----

/** What the signed log says of keys: a key's person (its first device's key) and who claimed an invite. */
export interface KeyOwners {
  personOf(memberKey: string): string
  /** the key that claimed the invite `inviteKey`; undefined when it is no claimed invite */
  claimedBy(inviteKey: string): string | undefined
}

/**
 * P1's "mine": whether `key` is `author`'s own: a key of the same person (any of its devices), or
 * an invite that person claimed (an afspraak may name the invite's key, put on the team list before
 * the parent joined). Every client judges a write by it, and the UI offers what it allows.
 */
export function isOwnKey(keys: KeyOwners, author: string, key: string): boolean {
  if (author === '' || key === '') return false
  const person = keys.personOf(author)
  if (keys.personOf(key) === person) return true
  const claimer = keys.claimedBy(key)
  return claimer !== undefined && keys.personOf(claimer) === person
}

/** Everything the content rules know of an author, from the signed log and the plan. */
export interface ContentAuthor {
  /** the highest role it ever held (content is judged by it) */
  role: Role
  /** its party now (undefined: the log names none) */
  party: Party | undefined
  /** the kind of its organisation, as the plan says */
  orgKind: OrganisationKind | undefined
  /** whether a member key is its own (any device of the same person, or an invite it claimed) */
  isMine(memberKey: string): boolean
  /** a meeting's map as the plan holds it now (P9); absent: no meeting opens its notes */
  meeting?(id: string): Y.Map<unknown> | undefined
}

/**
 * Whether an author may change one root of the plan (P1, P3, P4, P10), `changes` being what the record
 * does inside it (needed only for a contributor's `actions` and `meetings`).
 */
export function mayChangeRoot(author: ContentAuthor, root: string, changes: readonly EntryChange[]): boolean {
  const { role, party } = author
  if (role === 'reader') return consentingReaderMayChange(root)
  const voice = voiceOfRoot(root)
  if (voice) return party === undefined ? roleAtLeast(role, 'editor') : mayWriteVoice(voice, party, author.orgKind)
  const comment = commentOfRoot(root)
  if (comment) return author.isMine(comment.memberKey)
  // P10: a preparation is its writer's, whatever the role, admin included; anything else under
  // `preparations.` is no answer at all and nobody's to write
  if (isPreparationRoot(root)) {
    const preparation = preparationOfRoot(root)
    return preparation !== null && author.isMine(preparation.memberKey)
  }
  if (root === ORGANISATION_KINDS) return role === 'admin'
  // P14: the retention policy is the organisation's, set by an admin
  if (root === RETENTION) return role === 'admin'
  if (roleAtLeast(role, 'editor')) return true
  if (contributorMayChange(root, party)) return true
  if (author.meeting && attendeeMayWriteNotes(root, party, author.meeting, author.isMine)) return true
  if (root === ACTIONS || root === MEETINGS) return changes.every((c) => c.root !== root || contributorMayChangeEntry(c, author.isMine))
  if (root === ATTACHMENTS) return changes.every((c) => c.root !== root || contributorMayChangeAttachment(c, author.isMine))
  return false
}

/** Whether a record that changes `roots` (with `changes` inside them) is allowed, by P1, P3, P4, P9 and P10. */
export function mayChangeAll(author: ContentAuthor, roots: readonly string[], changes: readonly EntryChange[]): boolean {
  return roots.every((root) => mayChangeRoot(author, root, changes))
}
