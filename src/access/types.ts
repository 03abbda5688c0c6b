/**
 * The interface the UI uses to reach plans. The UI never touches crypto, the envelope or the
 * relay directly: it calls these verbs and reads the plan doc through src/plan/ accessors.
 */
import type { ClosureInfo } from '../sync/closure'
export type { ClosureInfo }
import type { CloseOptions } from './session/closure'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { HomeSummary } from '../plan/homeSummary'
import type {
  ApprovalEntry,
  ApprovalStatus,
  AttachmentPlace,
  GateRefusal,
  HandelingsdeelChange,
  InstemmingEntry,
  InstemmingStatus,
  MeetingReport,
  RequestApprovalStatus,
  VaststellingBasis,
  VaststellingEntry,
  VaststellingStatus,
  Verdict,
} from '../plan'
import type { AttachmentLocalState, FileToAttach } from './session/attachments'
import type { ShareExtractOptions, ShareInfo, SharedLink } from './session/shares'
import type { EraseOp, Party, Role } from '../sync/blob'
import type { PlanErased } from './session/erasure'
import type { ErasedPlanNote } from '../keyring/lockedKeyring'
import type { InviteLinkState } from './inviteCheck'

/**
 * Roles and parties are the signed log's (defined once, in src/sync/blob.ts); the UI lists and
 * compares roles with these. Tree-shaken: the UI's first chunk gets these two, not the codec.
 */
export { ROLES, roleAtLeast, type Party, type Role } from '../sync/blob'

export interface Profile {
  name: string
  /** hex of the device's Ed25519 public key */
  memberKey: string
}

export interface PlanSummary {
  planId: string
  /** the child's name as last seen on this device (kept encrypted at rest) */
  title: string
  role: Role
  /** school, next meeting and open afspraken as last seen on this device (sealed at rest); null until it was opened here */
  summary: HomeSummary | null
  /** the sync state of a plan that is open in this app right now (sessions stay open and sync in the background); absent otherwise */
  sync?: Pick<SyncStatus, 'state' | 'pending'>
}

/**
 * Honest sync state, derived and never stored:
 * - 'saved-local': everything is in IndexedDB on this device, relay not reachable (offline)
 * - 'connecting': trying to reach the relay
 * - 'pending': connected, some local changes not yet confirmed by the relay
 * - 'synced': the relay has confirmed everything this device holds
 * - 'error': the relay refused us (finalError says why); local data is kept
 */
export type SyncState = 'saved-local' | 'connecting' | 'pending' | 'synced' | 'error'

export interface SyncStatus {
  state: SyncState
  online: boolean
  /** number of local records the relay has not confirmed */
  pending: number
  lastSyncedAt: number | null
  /** a code from docs/ERRORS.md when state is 'error' */
  errorCode?: string
  /** records from others this device refused (failed verification or a rule): kept out, listed in quarantined() */
  rejected: number
  /**
   * P6 "mogelijk niet volledig": people whose records a signed view (or chain link) proves exist
   * and this device still lacks after a sync round, the relay may be withholding them; `name` as
   * the plan knows them, `since` when first missed (ms). Absent when nothing is missing.
   */
  incomplete?: { author: string; name: string; since: number }[]
  /** P6: forks (two signed records that cannot both be one session's history) this device holds proof of */
  forks?: number
  /** attachments added on this device that the relay does not hold yet; absent when none */
  attachmentsWaiting?: number
}

export interface InviteOptions {
  role: Role
  /** hours until the invite expires */
  expiresInHours: number
  /** optional name the admin gives the invitee, shown in the team list until they join */
  name?: string
  /** who is invited (default 'parent': a parent or carer without gezag, who needs no consent) */
  party?: Party
  /** professionals: an organisation the plan knows (organisations()) ... */
  organisationId?: string
  /** ... or its name (a known one is matched, ignoring case; a new one is added to the plan) */
  organisationName?: string
  /**
   * ms: the membership the invite gives ends then (R13, "a guest for one meeting"); after the
   * invite's expiry; never for an admin. Absent or 0: no end.
   */
  accessUntil?: number
}

/** A member as the signed log says; `person`: the key of the person's first device. */
export interface MemberInfo {
  memberKey: string
  role: Role
  person: string
  /** ms: the membership ends then (R13); absent: no end */
  accessUntil?: number
}

/** An organisation the plan shares with: its id is in the signed log, its name only in the plan. */
export interface OrganisationInfo {
  id: string
  name: string
}

/**
 * One consent as the plan and the signed log say together:
 * - 'live': given, not withdrawn, not expired (this device's clock)
 * - 'expired': its end date passed
 * - 'withdrawn': a gezag parent or the youth from 16 withdrew it
 * - 'replaced': a newer consent for the same organisation was given
 * - 'unconfirmed': the plan has the details but no signed record matches them (yet)
 */
export type ConsentStatus = 'live' | 'expired' | 'withdrawn' | 'replaced' | 'unconfirmed'

export interface ConsentInfo {
  organisationId: string
  organisationName: string
  /** '' when the details are not in the plan (given from a read-only device) */
  purpose: string
  /** member key of who gave it */
  givenBy: string
  givenAt: number
  expiresAt: number
  withdrawnAt: number | null
  withdrawnBy: string | null
  status: ConsentStatus
}

export interface GiveConsentOptions {
  /** an organisation the plan knows ... */
  organisationId?: string
  /** ... or a name (matched ignoring case, else added) */
  organisationName?: string
  /** what may be shared for what */
  purpose: string
  /** ms; consent always ends */
  expiresAt: number
}

export interface InvitePreview {
  planId: string
  title: string
  invitedBy: string
  role: Role
  expiresAt: number
}

export interface PlanExport {
  /** the .samenplan file: keys sealed under the export passphrase, with the ciphertext log */
  bytes: Uint8Array
  /** samenplan-<child>-<yyyy-mm-dd>.samenplan */
  fileName: string
}

export interface ImportResult {
  planId: string
  /** the plan was already on this device: the file was merged into it */
  merged: boolean
  /** this device's key is a member of the plan (it can sync); otherwise a read-only copy */
  member: boolean
}

/** One device of the person using this device, in one plan. */
export interface DeviceInfo {
  /** hex of the device's member key */
  memberKey: string
  role: Role
  /** the device this app runs on */
  thisDevice: boolean
  /** linked with a device link that expired at this time (so it was linked before); absent for the person's first device */
  linkedBefore?: number
  safetyCode: string
}

export interface DeviceLink {
  /** the full link, secret in the fragment: whoever has it joins as this person */
  link: string
  expiresAt: number
  /** the plans it opens */
  planIds: string[]
}

export interface DeviceLinkPreview {
  /** the person's name the new device takes */
  name: string
  expiresAt: number
  planIds: string[]
}

/** How joining one plan of a device link went: progress reports `joining`, the result the rest. */
export interface DeviceJoinResult {
  planId: string
  state: 'joining' | 'joined' | 'already' | 'failed'
  /** the child's name, once the plan is open */
  title?: string
  /** an AccessError code when failed: invite-used, invite-expired, invite-withdrawn, invite-invalid, offline, rejected */
  error?: string
}

export interface PlanSession {
  readonly planId: string
  /** the plaintext plan document, in memory only; read and write it via src/plan accessors */
  readonly doc: Y.Doc
  /** presence of the people in this plan (decrypted); local state: { user: { name, color } } */
  readonly awareness: Awareness
  /** my role; changes when an admin changes it */
  role(): Role
  /** whether a member or invite key is this person's own, by P1's rule (isOwnKey): any device of mine, or an invite I claimed */
  isMine(memberKey: string): boolean
  /** the party of a member or invite key as the signed log says (undefined: the log does not name it) */
  party(memberKey: string): Party | undefined
  /** the organisation id (hex) of a professional member or invite key; its name is in organisations() */
  organisationOf(memberKey: string): string | undefined
  /** organisations the plan knows (names from the plan, ids from the log) */
  organisations(): OrganisationInfo[]
  /** every consent, live and past, newest first */
  consents(): ConsentInfo[]
  /** whether this device's member may give and withdraw consent (a parent with gezag or the youth from 16; any role) */
  mayGiveConsent(): boolean
  /** signs a consent for sharing with one organisation; returns its id */
  giveConsent(options: GiveConsentOptions): Promise<string>
  /**
   * Withdraws the consent for an organisation. Its members lose access at once (relay and every
   * client, R12); an admin's device also removes them and rotates the plan key.
   */
  withdrawConsent(organisationId: string): Promise<void>
  status(): SyncStatus
  onStatus(listener: (status: SyncStatus) => void): () => void
  /** creates a one-time invite and returns the full link (secret in the fragment) */
  createInvite(options: InviteOptions): Promise<string>
  /** records rejected by verification, for the activity view */
  quarantined(): { reason: string; at: number }[]
  /** members as the signed log says (names are in the plan's team list); `person`: the key of the person's first device */
  members(): MemberInfo[]
  /** the devices of this device's person in this plan */
  myDevices(): DeviceInfo[]
  /**
   * removes another device of my own person (a lost phone): it is closed and refused by the relay;
   * the plan key is renewed (by this device when it is admin, otherwise by an admin's device on seeing it)
   */
  removeDevice(memberKey: string): Promise<void>
  /** invites not yet claimed, withdrawn or expired */
  /** forDevice: a member's link for its own next device (any member writes those); by: its author's key */
  openInvites(): { inviteKey: string; role: Role; expiresAt: number; forDevice: boolean; by: string }[]
  /** 12 digits to compare in person: the same code on both devices means the same key */
  safetyCode(memberKey: string): string
  /**
   * P7: 12 digits over the plan at its last snapshot (null before the first), to compare by phone
   * or in a meeting; `differs`: members whose device, present now, shows another code at that same
   * snapshot (the relay shows you different plans)
   */
  planState(): { code: string | null; differs: { memberKey: string; name: string; since: number }[] }
  /** admin: removes a member with all devices of that person, rotates the plan key, re-seals the plan (the removed devices read nothing new) */
  removeMember(memberKey: string): Promise<void>
  /** admin: changes a member's role (enforced by the relay and every client) */
  changeRole(memberKey: string, role: Role): void
  /** admin: withdraws an unused invite; its link stops working */
  withdrawInvite(inviteKey: string): void
  /** admin: a fresh epoch key for everyone and the plan re-sealed under it */
  rotateKey(): void
  /** R19: when and why the plan was closed and until when an admin may reopen it; null while it is open */
  closure(): ClosureInfo | null
  /**
   * R22: when the plan is deleted everywhere (ms): the end its close names, else (a close from
   * before R22) its policy counted from the close; null while it runs
   */
  retentionEnd(): number | null
  /** R22: the retention end a close now (with that reopen period) would name: what the admin is told before closing */
  closingRetentionEnd(reopenDays?: number): number
  /** R19 (admin): catches up with the relay, writes the closing summary and closes the plan; read-only for everyone after */
  closePlan(options: CloseOptions): Promise<ClosureInfo>
  /** R19 (admin): reopens a closed plan within the period its close set */
  reopenPlan(): void
  /** leaves the plan; an admin's device rotates the key when it sees this */
  leave(): void
  /** who changed which parts of the plan (top-level names in the plan doc) when; newest last */
  activity(): readonly { author: string; kind: 'update' | 'snapshot'; writtenAt: number; roots: string[] }[]
  /** hex hash of the handelingsdeel as it is now (changes with every edit an instemming covers) */
  handelingsdeelHash(): string
  /** who agreed to which version of the handelingsdeel, each entry verified on this device */
  instemming(): InstemmingStatus
  /** what changed in the handelingsdeel since this signer last agreed (null: no verified copy of that version) */
  changesSinceAgreement(memberKey: string): HandelingsdeelChange[] | null
  /** whether I may give instemming now (a parent with gezag who may write; from the child's 18th birthday the pupil) */
  mayAgree(): boolean
  /**
   * signs the handelingsdeel as it is now and adds my instemming; AccessError 'forbidden' when I
   * may not, 'actions-changed' when it is no longer the version `expectedHash` (handelingsdeelHash()) names
   */
  agreeToHandelingsdeel(expectedHash?: string): InstemmingEntry
  /** signs that I do not agree with the handelingsdeel as it is now, with my reason (like agreeing: who may, which version) */
  disagreeWithHandelingsdeel(reason: string, expectedHash?: string): InstemmingEntry
  /**
   * signs a withdrawal of my instemming that stands (over the version it covers); I agree to
   * nothing then until I agree again. AccessError 'forbidden' when I may not or have none standing
   */
  withdrawInstemming(): InstemmingEntry
  /** hex hash of the request to the gemeente as it is now (changes with every edit the request shows) */
  requestHash(): string
  /** who said "klopt" to which version of the request, each entry verified on this device (P12) */
  requestApproval(): RequestApprovalStatus
  /** whether I may say "klopt" on the request now (a parent with gezag or a youth from 16 who may write) */
  mayApproveRequest(): boolean
  /**
   * signs the request as it is now and adds my "klopt"; AccessError 'forbidden' when I may not,
   * 'request-changed' when it is no longer the version `expectedHash` (requestHash()) names
   */
  approveRequest(expectedHash?: string): ApprovalEntry
  /** whether the OPP was set (vastgesteld) and for which version, each entry verified and judged on this device (P11) */
  vaststelling(): VaststellingStatus
  /** whether I may set the OPP: a professional of the school, editor or admin */
  mayVaststellen(): boolean
  /** why the current version cannot be set now on `basis`, or null when it can */
  vaststellingRefusal(basis: VaststellingBasis): GateRefusal | null
  /** signs the vaststelling of the current version on `basis`; AccessError 'forbidden' when I may not or the gate refuses */
  vaststellen(basis: VaststellingBasis, expectedHash?: string): VaststellingEntry
  /** the verslag of a meeting as the plan holds it now, and the hash a "klopt" given now covers (null: no such meeting) */
  verslag(meetingId: string): { report: MeetingReport; hash: string } | null
  /** whether I may say "klopt" on a verslag (a parent with gezag or a youth of 16+ who may write) */
  mayApprove(): boolean
  /** who said "klopt" to which version of a meeting's verslag, or corrected it; each entry verified on this device */
  verslagStatus(meetingId: string): ApprovalStatus
  /**
   * signs "klopt" (remark '') or a correction on the verslag as it is now; AccessError 'forbidden'
   * when I may not, 'document-changed' when it is no longer the version `expectedHash` names
   */
  signVerslag(meetingId: string, verdict: Verdict, remark?: string, expectedHash?: string): ApprovalEntry
  /**
   * Adds a file (PDF, image, Word/ODT, text; ≤ 25 MB) to the plan, a section or a meeting: encrypted
   * here, sent now or when the relay can be reached. PlanError 'file-type' / 'file-too-large'.
   */
  attachFile(file: FileToAttach, place: AttachmentPlace): Promise<string>
  /** the file's plaintext, checked against the plan; FileTransferError codes on failure */
  openAttachment(id: string): Promise<Uint8Array>
  /** keeps the file's encrypted pieces on this device for offline use, or lets them go */
  keepOffline(id: string, on: boolean): Promise<void>
  /** removes an attachment: its adder, or an editor or admin (P8) */
  removeAttachment(id: string): Promise<void>
  /** what this device knows of an attachment: waiting, kept, progress, last error */
  attachmentState(id: string): AttachmentLocalState
  /** called with an attachment's id when its state on this device changes */
  onAttachmentChange(listener: (id: string) => void): () => void
  /** R18: the organisations a document may be shared with now (live consent, and a role that writes) */
  shareRecipients(): OrganisationInfo[]
  /** "Deel met de gemeente": freezes, signs, encrypts and stores the document; the link holds the key. ShareError codes */
  shareExtract(options: ShareExtractOptions): Promise<SharedLink>
  /** the plan's shared links with every opening's time (asked of the relay). ShareError codes */
  sharedLinks(): Promise<ShareInfo[]>
  /** withdraws a link (its sharer or an admin): it no longer opens. ShareError codes */
  withdrawSharedLink(id: string): Promise<void>
  /** R20: signs this person's half of an erasure ('request': gezag or youth from 16; 'confirm': an admin); AccessError 'forbidden' */
  signErase(op: EraseOp): void
  /** R20: the halves signed so far that wait for the other */
  eraseHalves(): { op: EraseOp; author: string; name: string; at: number }[]
  /** R20: set once the plan is erased (the device then deletes it) */
  erasure(): PlanErased | null
  close(): Promise<void>
}

export type { ShareExtractOptions, ShareInfo, SharedLink } from './session/shares'
export type { ShareErrorCode } from './sharing/shareError'

/**
 * The device lock (the keyring's passphrase):
 * - 'no-profile': nothing on this device yet (also after a shared-computer logout)
 * - 'needs-passphrase': a profile from before the lock, stored unencrypted: choose a passphrase
 * - 'locked': only ciphertext on the device and nothing in memory; unlock with the passphrase
 * - 'unlocked': plans can be opened
 */
export type LockState = 'no-profile' | 'needs-passphrase' | 'locked' | 'unlocked'

export interface LockSettings {
  /** lock after this many minutes without input (default 15) */
  autoLockMinutes: number
  /** after lock or logout nothing of Samenplan stays on this device */
  sharedComputer: boolean
}

export interface ProfileOptions {
  sharedComputer?: boolean
  autoLockMinutes?: number
}

export interface LockResult {
  /** shared computer: everything of Samenplan was deleted from this device */
  wiped: boolean
  /** local changes the relay had not confirmed (a shared computer keeps them, encrypted, rather than lose them) */
  unsynced: number
}

/**
 * Errors of the lock are `KeyringError`s with a `code`: 'wrong-passphrase' and 'locked-out' carry
 * `retryAfterMs` (the wait before the next attempt); 'unsynced-changes' carries `pending`;
 * 'passphrase-too-short', 'locked', 'no-profile', 'profile-exists', 'needs-passphrase'.
 */
export type { PushMode, PushState } from './session/push'
import type { PushMode, PushState } from './session/push'

export interface SamenplanClient {
  lockState(): LockState
  /** calls back on every change of the lock state (lock, unlock, auto-lock, logout) */
  onLockState(listener: (state: LockState) => void): () => void
  /** null when this device has no profile; throws KeyringError 'locked' while locked */
  profile(): Promise<Profile | null>
  /** a new identity for this device, its keys encrypted under the passphrase */
  createProfile(name: string, passphrase: string, options?: ProfileOptions): Promise<Profile>
  /** 'needs-passphrase' only: encrypts the older, unencrypted keyring in place */
  protectProfile(passphrase: string, options?: ProfileOptions): Promise<Profile>
  unlock(passphrase: string): Promise<Profile>
  /** how long before the next passphrase attempt is allowed (0: now) */
  retryAfterMs(): Promise<number>
  /**
   * Closes every open plan (the plan docs leave memory), forgets the keys and locks. On a shared
   * computer it logs out instead, unless that would lose unsynced changes.
   */
  lock(): Promise<LockResult>
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>
  /**
   * Deletes the keyring and every plan database of this device. Refused with 'unsynced-changes'
   * while local changes have not reached the relay, unless discardUnsynced.
   */
  logout(options?: { discardUnsynced?: boolean }): Promise<void>
  /** local changes in open plans that the relay has not confirmed */
  unsyncedChanges(): Promise<number>
  /** Web Push for a plan on this device: on, off, or why it cannot be */
  pushState(planId: string): Promise<PushState>
  /** which pushes this device chose for the plan while push is on: all new things, or only my afspraken and meetings */
  pushMode(planId: string): Promise<PushMode>
  /**
   * Web Push for a plan on this device: `all`, `mine` (only afspraken and meetings that name me;
   * asks the browser's permission) or `none` (off); throws PushError
   */
  setPush(planId: string, choice: PushMode | 'none'): Promise<void>
  /** readable while locked */
  lockSettings(): LockSettings
  updateLockSettings(changes: Partial<LockSettings>): Promise<LockSettings>
  listPlans(): Promise<PlanSummary[]>
  /**
   * "Nieuw sinds je laatste bezoek": when this person last looked at the plan on this device (ms,
   * 0 when never), kept sealed in the keyring and never synced; markVisited moves it ("Gezien", or
   * the plan open a while). Changes by others written after the mark are new (src/access/newSince.ts).
   */
  lastVisit(planId: string): Promise<number>
  markVisited(planId: string, at: number): Promise<void>
  /**
   * A new plan with this device as its admin. `party`: who the creator is (left out, the genesis
   * names none and the creator counts as a professional without organisation); a professional
   * gives its organisation's name.
   */
  createPlan(details: { childName: string; party?: Party; organisationName?: string }): Promise<string>
  /** AccessError 'plan-erased' when the plan turns out erased (or past its retention end) and is deleted here */
  openPlan(planId: string): Promise<PlanSession>
  /** R20: the plans deleted from this device because they were erased or their retention ended (no content) */
  erasedPlans(): Promise<ErasedPlanNote[]>
  /** called when a plan is deleted from this device for that reason */
  onPlanErased(listener: (note: ErasedPlanNote) => void): () => void
  /**
   * A file of the plan to keep: its keys sealed under `passphrase` (Argon2id) and its ciphertext
   * log. AccessError 'export-passphrase-too-short'. Blocks for the Argon2id derivation (~0.3 s).
   */
  exportPlan(planId: string, passphrase: string): Promise<PlanExport>
  /**
   * Opens an export and adds (or merges) the plan on this device. Everything in it is validated
   * like data from a relay. AccessError: 'export-not-samenplan', 'export-newer-version',
   * 'export-damaged', 'export-wrong-passphrase', 'export-refused' (a record breaks a rule).
   */
  importPlan(bytes: Uint8Array, passphrase: string): Promise<ImportResult>
  /**
   * Asks the relay whether an invite link still works, before a profile is needed (nothing is
   * stored): 'open', 'used', 'expired', 'withdrawn', 'unknown' (no such invite, or not a link),
   * or 'unchecked' when the relay could not be asked (offline).
   */
  checkInvite(link: string): Promise<InviteLinkState>
  /** reads an invite link's plan (connecting with the invite key) without claiming it yet */
  previewInvite(link: string): Promise<InvitePreview>
  /** claims the invite with this device's key; returns the plan id */
  acceptInvite(link: string): Promise<string>
  /**
   * Makes a link for a new device of this person: a device invite and a lockbox in every plan of
   * this device, one secret for all. Any member may (no admin needed); the new device gets this
   * device's role. Refused with 'offline' when the relay did not take the invites in time.
   */
  createDeviceLink(options?: { expiresInMinutes?: number }): Promise<DeviceLink>
  /** reads a device link without contacting anyone (name, expiry, number of plans) */
  previewDeviceLink(link: string): DeviceLinkPreview
  /** this device joins every plan of the link with its own key; one failed plan does not stop the others */
  acceptDeviceLink(link: string, onProgress?: (result: DeviceJoinResult) => void): Promise<DeviceJoinResult[]>
}
