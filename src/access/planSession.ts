/**
 * One open plan on this device: envelope in IndexedDB, plan doc in memory, the bridge between
 * them, the relay connection and presence. Implements the PlanSession the UI sees.
 */
import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { FILE_PIECE_OVERHEAD_BYTES, type SigningKeyPair } from '../crypto'
import { decodeBlob, roleAtLeast } from '../sync/blob'
import { EnvelopeBridge, type ActivityEntry, type QuarantineEntry } from '../sync/bridge'
import { fromBase64Url, fromHex, toHex } from '../sync/bytes'
import { connectEnvelope, type Connection } from '../sync/connection'
import { countOwnUnconfirmed } from '../sync/ownPending'
import { EpochKeys } from '../sync/epochKeys'
import { bridgePresence } from '../sync/presenceBridge'
import { createFileRecord, createWriter, type Writer } from '../sync/records'
import {
  applyRecord,
  checkIntrinsic,
  checkRecord,
  accessEnded,
  draftOf,
  loadRoomState,
  preverifiedItems,
  mayGiveConsent,
  type RoomState,
} from '../sync/roomState'
import type { Keyring } from '../keyring/keyring'
import { fileRefOf, type FileManifest } from '../sync/fileTransfer'
import {
  createConsents,
  createRetention,
  retentionEnd as policyRetentionEnd,
  isOwnKey,
  memberName,
  requestApprovalSummary,
  REQUEST_SUBJECT,
  type AttachmentPlace,
  type InstemmingEntry,
  type InstemmingStatus,
  type RequestApprovalStatus,
  type GateRefusal,
  type HandelingsdeelChange,
  type VaststellingBasis,
  type VaststellingEntry,
  type VaststellingStatus,
  type ApprovalEntry,
  type ApprovalStatus,
  type MeetingReport,
  type Verdict,
} from '../plan'
import { listConsents } from './consentList'
import { AccessError } from './errors'
import { contributorContentPolicy, keyOwnersIn } from './contentPolicy'
import { formatInviteLink } from './inviteLink'
import { safetyCode } from './safetyCode'
import { AdminDuties } from './session/adminDuties'
import { PlanIntegrity } from './session/integrity'
import { PlanStateWatch } from './session/planState'
import { AttachmentStore, attachmentDbName } from './session/attachmentStore'
import { SessionAttachments, type AttachmentLocalState, type FileToAttach } from './session/attachments'
import {
  shareExtract,
  shareRecipients,
  sharesOfPlan,
  withdrawExtract,
  type ShareExtractOptions,
  type ShareInfo,
  type SharedLink,
  type SharesDeps,
} from './session/shares'
import { renewKey as renewEpochKey } from './session/keyRenewal'
import { LocalStore } from './session/localStore'
import { organisationsOf } from './session/organisations'
import { giveConsent, withdrawConsent } from './session/consent'
import { mayWritePlan, membersOf, roleIn } from './session/membership'
import { closePlan, closingRetentionEnd, reopenPlan, type ClosingParts, type CloseOptions } from './session/closure'
import { closureOf, type ClosureInfo } from '../sync/closure'
import { createDeviceInvite, devicesOfPerson, removeDevice } from './session/deviceLinks'
import { Approvals } from './session/approvals'
import { Instemming } from './session/instemming'
import { Vaststelling } from './session/vaststelling'
import { openInvites, withdrawInvite, writeInvite, type OpenInvite } from './session/invites'
import type { SessionParts } from './session/parts'
import { erasedFromNotice, erasedOf, type PlanErased } from './session/erasure'
import { createEraseRecord } from '../sync/records'
import type { EraseOp } from '../sync/blob'
import type { ErasedNotice } from '../sync/protocol'
import type { FinalClose, IntegrityStatus } from './session/syncStatus'
import { StatusTracker } from './session/statusTracker'
import { changeRole, leave, removeMember, removeWithoutConsent, rotateKey } from './session/memberChanges'
import type { ConsentInfo, DeviceInfo, GiveConsentOptions, InviteOptions, MemberInfo, OrganisationInfo, Party, PlanSession, Role, SyncStatus } from './types'

/** How long an invite waits for the relay's confirmation before its link is handed out anyway. */
const INVITE_CONFIRM_MS = 5000

export interface SessionContext {
  keyring: Keyring
  identity: SigningKeyPair
  syncUrl: string
  appUrl: string
  namespace: string
  WebSocketPolyfill?: typeof WebSocket
  disableBc?: boolean
}

export interface OpenOptions {
  /** records to put in the envelope before anything else (a new plan's genesis) */
  initialRecords?: Uint8Array[]
  /** while joining: the invite key connects and opens its lockbox */
  invite?: SigningKeyPair
}

export function envelopeDbName(namespace: string, planId: string): string {
  return `${namespace}-plan-${planId}`
}

/** How long closing waits for this device to hold what the relay holds (R19 close-stale). */
const CLOSE_SYNC_MS = 5_000

export class OpenPlanSession implements PlanSession {
  readonly doc = new Y.Doc()
  readonly awareness: Awareness
  readonly envelope = new Y.Doc()
  readonly writer: Writer
  room!: RoomState
  keys!: EpochKeys
  private store!: LocalStore
  private bridge!: EnvelopeBridge
  private connection!: Connection
  private stopPresence: () => void = () => {}
  private integrity: PlanIntegrity | null = null
  private planStateWatch: PlanStateWatch | null = null
  private readonly duties: AdminDuties
  private readonly tracker: StatusTracker
  private readonly planIdBytes: Uint8Array
  private connectAs: SigningKeyPair
  /** what the job modules in session/ work on */
  private readonly parts: SessionParts
  private readonly agreement: Instemming
  private readonly setting: Vaststelling
  private readonly approvals: Approvals
  private files!: SessionAttachments
  /** R20: set once this plan is found erased (own log or a proven relay notice); told once */
  private erased: PlanErased | null = null
  private readonly erasedListeners = new Set<(erased: PlanErased) => void>()

  constructor(
    readonly planId: string,
    private readonly ctx: SessionContext,
    private readonly opts: OpenOptions = {},
  ) {
    this.planIdBytes = fromBase64Url(planId)
    this.writer = createWriter(ctx.identity)
    this.awareness = new Awareness(this.doc)
    this.connectAs = opts.invite ?? ctx.identity
    const session = this
    this.parts = {
      doc: this.doc,
      get room() {
        return session.room
      },
      get keys() {
        return session.keys
      },
      writer: this.writer,
      planId: this.planIdBytes,
      me: this.me,
      role: () => this.role(),
      // R19: a closed plan takes nothing; changes stay queued (and the UI offers none)
      mayWritePlan: () => !this.room.closure && mayWritePlan(this.room, this.me),
      pushOwnRecords: (records) => this.pushOwnRecords(records),
      renewKey: (room, removed, now, first) => this.renewKey(room, removed, now, first),
    }
    this.agreement = new Instemming(this.parts, ctx.identity.secretKey)
    this.setting = new Vaststelling(this.parts, this.agreement, ctx.identity.secretKey)
    this.approvals = new Approvals(this.parts, ctx.identity.secretKey)
    this.tracker = new StatusTracker(() => {
      const provider = this.connection.provider
      return {
        pending: this.ownPending() + (this.bridge.hasUnflushed() ? 1 : 0),
        connected: provider.wsconnected,
        reconnecting: this.connection.reconnecting(),
        synced: provider.synced,
        failedAttempts: provider.wsUnsuccessfulReconnects,
        accessEnded: accessEnded(this.room, this.me, Date.now()),
        integrity: this.integrityFacts(),
        attachmentsWaiting: this.files?.waiting() ?? 0,
      }
    })
    this.duties = new AdminDuties({
      room: () => this.room,
      me: () => this.me,
      // R19: a closed plan takes no removal or rotation; the relay shuts out who must go anyway
      isAdmin: () => this.role() === 'admin' && !this.room.closure,
      rotateKey: () => this.rotateKey(),
      removeWithoutConsent: () => this.removeWithoutConsent(),
      noteRejected: (reason) => this.tracker.refused(reason),
    })
  }

  async open(): Promise<this> {
    this.store = new LocalStore(envelopeDbName(this.ctx.namespace, this.planId), this.envelope)
    await this.store.whenLoaded()
    const remembered = await this.store.syncMeta()
    this.tracker.restored(remembered.lastSyncedAt)
    if (this.opts.initialRecords?.length) {
      this.envelope.getArray<Uint8Array>('log').push(this.opts.initialRecords)
    }
    // the signatures checked off the main thread first, where the browser can
    const [signaturesChecked, stored] = await Promise.all([preverifiedItems(this.envelope), this.ctx.keyring.getPlan(this.planId)])
    this.room = loadRoomState(this.planIdBytes, this.envelope, undefined, signaturesChecked)
    this.keys = new EpochKeys(stored?.keys)
    this.keys.onAdded(() => void this.persistKeys())
    this.integrity = new PlanIntegrity(
      this.room,
      this.envelope,
      () => this.connection.requestSync(),
      () => this.tracker.changed(),
    )
    const integrity = this.integrity
    this.bridge = new EnvelopeBridge({
      planId: this.planIdBytes,
      writer: this.writer,
      envelope: this.envelope,
      plan: this.doc,
      room: this.room,
      keys: this.keys,
      recipients: () => (this.opts.invite ? [this.ctx.identity, this.opts.invite] : [this.ctx.identity]),
      canWrite: () => this.parts.mayWritePlan(),
      canCompact: () => !this.room.closure && roleAtLeast(this.role(), 'editor'),
      onQuarantine: (e: QuarantineEntry) => this.tracker.refused(`${e.kind} ${e.reason}`),
      onRemoteRecord: (blob) => {
        integrity.observe(blob)
        this.duties.afterRemoteRecord(blob)
      },
      onStoredRecord: (blob) => integrity.observe(blob),
      contentPolicy: contributorContentPolicy(() => this.room),
    })
    this.bridge.start()
    this.connection = connectEnvelope({
      syncUrl: this.ctx.syncUrl,
      planId: this.planIdBytes,
      envelope: this.envelope,
      room: this.room,
      identity: () => this.connectAs,
      ownSession: () => ({ author: this.writer.identity.publicKey, session: this.writer.session, seq: this.writer.seq }),
      WebSocketPolyfill: this.ctx.WebSocketPolyfill,
      disableBc: this.ctx.disableBc,
      onRejected: (err, from) => {
        integrity.refused(err)
        this.tracker.refused(`${err.rule} ${err.code}`, from === 'relay')
      },
      onSettled: () => integrity.settle(),
      onRelayError: (err) => this.tracker.relayErrored(err),
      onErased: (notice) => this.relayErased(notice),
      onAck: (sv) => {
        this.tracker.acknowledged(this.ownPending() === 0)
        this.store.saveSyncMeta({ relayState: sv, lastSyncedAt: this.tracker.lastSynced() })
      },
      onReconnecting: () => this.tracker.changed(),
      relayState: remembered.relayState,
    })
    const provider = this.connection.provider
    provider.on('status', ({ status }) => (status === 'connected' ? this.tracker.connected() : this.tracker.changed()))
    provider.on('sync', (synced: boolean) => {
      if (!synced) return this.tracker.changed()
      // only an admitted socket gets the relay's sync step 2
      this.tracker.admitted()
      // an expired consent sends no record: an admin notices it when its device catches up
      this.duties.scheduleConsentRemoval()
      this.duties.armAccessEnd()
      void this.files?.sendWaiting()
    })
    provider.on('closed', (event) => this.tracker.closedFinally(event))
    this.planStateWatch = new PlanStateWatch(this.room, this.awareness, () => this.tracker.changed())
    const planStateWatch = this.planStateWatch
    this.envelope.on('update', () => {
      planStateWatch.refresh()
      this.tracker.changed()
      this.noticeErasure()
    })
    // a reload within the flush window would lose the last keystrokes: seal them now
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.flushNow)
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.flushNow)
    this.stopPresence = bridgePresence({
      planId: this.planIdBytes,
      // its own session: presence seqs must not leave gaps in the log's, or compaction stops at them
      writer: createWriter(this.ctx.identity),
      room: this.room,
      keys: this.keys,
      plan: this.awareness,
      envelope: this.connection.awareness,
    })
    this.files = new SessionAttachments({
      doc: this.doc,
      me: this.me,
      role: () => this.role(),
      isMine: (key) => this.isMine(key),
      transfer: () => ({ syncUrl: this.ctx.syncUrl, identity: this.ctx.identity, planId: this.planIdBytes }),
      online: () => provider.wsconnected && provider.synced,
      store: new AttachmentStore(attachmentDbName(envelopeDbName(this.ctx.namespace, this.planId))),
      announceFile: (id, manifest) => this.announceFile(id, manifest),
      dropFile: (id) => this.dropFile(id),
      waitingChanged: () => this.tracker.changed(),
    })
    await this.files.load()
    this.store.trimLater()
    // the log already holds a complete erasure (this device saw it come, then stopped before deleting)
    this.noticeErasure()
    return this
  }

  /** R20: once the plan is erased, the client deletes everything of it on this device (client.ts). */
  onErased(listener: (erased: PlanErased) => void): () => void {
    this.erasedListeners.add(listener)
    if (this.erased) listener(this.erased)
    return () => this.erasedListeners.delete(listener)
  }

  /** R20: what this device knows of the plan's erasure, or null while it lives. */
  erasure(): PlanErased | null {
    return this.erased
  }

  /**
   * R20: signs this person's half of an erasure: `request` (a parent with gezag, the youth from
   * 16), `confirm` (an admin). Refused here as the relay would refuse it (AccessError from the rule).
   */
  signErase(op: EraseOp): void {
    try {
      this.pushOwnRecords([createEraseRecord(this.writer, this.planIdBytes, op, Date.now())])
    } catch (err) {
      if (err instanceof Error && 'rule' in err) throw new AccessError('forbidden', err.message)
      throw err
    }
  }

  /** R20: the halves signed so far and still waiting for the other (both empty once erased). */
  eraseHalves(): { op: EraseOp; author: string; name: string; at: number }[] {
    if (this.room.erasure) return []
    return [...this.room.eraseHalves.values()].map((h) => ({
      op: h.op,
      author: h.author,
      name: memberName(this.doc, h.author) || h.author.slice(0, 8),
      at: h.at,
    }))
  }

  private noticeErasure(at?: number): void {
    const erasure = this.room?.erasure
    if (!erasure || this.erased) return
    this.erased = erasedOf(this.room, erasure, at ?? erasure.at)
    for (const listener of [...this.erasedListeners]) listener(this.erased)
  }

  /** The relay's notice counts only when its signed records prove an erasure (R20, R22) against this device's own state. */
  private relayErased(notice: ErasedNotice): void {
    if (this.erased) return
    const erased = erasedFromNotice(this.room, notice, Date.now())
    if (!erased) {
      this.tracker.refused('R20 erase-unproven', true)
      return
    }
    this.erased = erased
    for (const listener of [...this.erasedListeners]) listener(this.erased)
  }

  /** P6: whose records a signed view proves exist that this device lacks, by name as the plan knows it */
  private integrityFacts(): IntegrityStatus {
    const facts = this.integrity?.facts()
    if (!facts) return { incomplete: [], forks: 0 }
    const byAuthor = new Map<string, number>()
    for (const w of facts.withheld) byAuthor.set(w.author, Math.min(byAuthor.get(w.author) ?? w.since, w.since))
    const incomplete = [...byAuthor].map(([author, since]) => ({ author, name: memberName(this.doc, author) || author.slice(0, 8), since }))
    // a device present now that shows another plan-state code at the same snapshot (P7) is a fork too
    return { incomplete, forks: facts.forks.length + (this.planStateWatch?.current().differs.length ?? 0) }
  }

  /**
   * R17: tells the relay the plan now references an attachment's pieces: a signed `file` record
   * with their addresses and ciphertext size (no name, no key), so it keeps and serves them.
   */
  announceFile(id: string, manifest: FileManifest): void {
    const size = manifest.size + manifest.pieces.length * FILE_PIECE_OVERHEAD_BYTES
    this.pushOwnRecords([createFileRecord(this.writer, this.planIdBytes, { op: 'add', file: fileRefOf(id), pieces: manifest.pieces.map(fromHex), size })])
  }

  /** R17: the attachment is gone from the plan: its pieces may go from the relay too. */
  private dropFile(id: string): void {
    const ref = toHex(fileRefOf(id))
    const file = this.room.files.get(ref)
    // never announced (added on an older version) or dropped already: nothing to tell
    if (!file || file.dropped) return
    this.pushOwnRecords([createFileRecord(this.writer, this.planIdBytes, { op: 'drop', file: fileRefOf(id) })])
  }

  /** Adds a file to the plan, a section or a meeting (session/attachments.ts); returns its id. */
  attachFile(file: FileToAttach, place: AttachmentPlace): Promise<string> {
    return this.files.attach(file, place)
  }

  /** The file's plaintext for the UI to show or save: from this device's pieces, else the relay's. */
  openAttachment(id: string): Promise<Uint8Array> {
    return this.files.open(id)
  }

  /** "Bewaar offline": keeps the file's encrypted pieces on this device, or lets them go. */
  keepOffline(id: string, on: boolean): Promise<void> {
    return this.files.keepOffline(id, on)
  }

  /** Removes an attachment (its adder, or an editor or admin: P8). */
  removeAttachment(id: string): Promise<void> {
    return this.files.remove(id)
  }

  /** What this device knows of an attachment: waiting, kept, a transfer's progress, its last error. */
  attachmentState(id: string): AttachmentLocalState {
    return this.files.state(id)
  }

  onAttachmentChange(listener: (id: string) => void): () => void {
    return this.files.onChange(listener)
  }

  /** R18: what session/shares.ts works with */
  private get sharing(): SharesDeps {
    return {
      doc: this.doc,
      room: () => this.room,
      me: this.me,
      identity: this.ctx.identity,
      appUrl: this.ctx.appUrl,
      request: () => ({ syncUrl: this.ctx.syncUrl, identity: this.ctx.identity, planId: this.planIdBytes }),
      organisations: () => this.organisations(),
    }
  }

  shareRecipients(): OrganisationInfo[] {
    return shareRecipients(this.sharing)
  }

  shareExtract(options: ShareExtractOptions): Promise<SharedLink> {
    return shareExtract(this.sharing, options)
  }

  sharedLinks(): Promise<ShareInfo[]> {
    return sharesOfPlan(this.sharing)
  }

  withdrawSharedLink(id: string): Promise<void> {
    return withdrawExtract(this.sharing, id)
  }

  /** This person's records the relay has not confirmed: by this device's key, and the invite key while joining. */
  private ownPending(): number {
    const authors = new Set([this.me])
    if (this.opts.invite) authors.add(toHex(this.opts.invite.publicKey))
    return countOwnUnconfirmed(this.envelope, this.connection.relayState(), authors)
  }

  /** this device's member key, hex */
  private get me(): string {
    return toHex(this.ctx.identity.publicKey)
  }

  role(): Role {
    return roleIn(this.room, this.me)
  }

  isMine(memberKeyHex: string): boolean {
    return isOwnKey(keyOwnersIn(this.room), this.me, memberKeyHex)
  }

  party(memberKeyHex: string): Party | undefined {
    return this.room.parties.get(memberKeyHex)
  }

  organisationOf(memberKeyHex: string): string | undefined {
    return this.room.orgs.get(memberKeyHex)
  }

  organisations(): OrganisationInfo[] {
    return organisationsOf(this.doc, this.room)
  }

  consents(): ConsentInfo[] {
    return listConsents(this.room, createConsents(this.doc).list(), this.organisations(), Date.now())
  }

  mayGiveConsent(): boolean {
    return mayGiveConsent(this.room, this.me)
  }

  async giveConsent(options: GiveConsentOptions): Promise<string> {
    return giveConsent(this.parts, this.organisations(), options)
  }

  async withdrawConsent(organisationId: string): Promise<void> {
    withdrawConsent(this.parts, organisationId)
  }

  /** Admin: removes who lost consent (R12) or whose time is over (R13), with one key rotation (session/memberChanges.ts). */
  removeWithoutConsent(): string[] {
    return removeWithoutConsent(this.parts)
  }

  isMember(): boolean {
    return this.room.members.has(this.me)
  }

  status(): SyncStatus {
    return this.tracker.status()
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    return this.tracker.onStatus(listener)
  }

  quarantined(): { reason: string; at: number }[] {
    return this.tracker.refusals()
  }

  /** Who changed which parts of the plan when, from the signed records this device opened. Newest last. */
  activity(): readonly ActivityEntry[] {
    return this.bridge.activity()
  }

  /** Why the relay refused us: its error message, or the code in its close reason. */
  relayErrorCode(): string | null {
    return this.tracker.relayErrorCode()
  }

  closedFinally(): FinalClose | null {
    return this.tracker.finalCloseEvent()
  }

  /** Checks records against the plan's rules before pushing them, so the relay never has to refuse us. */
  pushOwnRecords(records: Uint8Array[]): void {
    const draft = draftOf(this.room)
    const now = Date.now()
    for (const bytes of records) {
      const blob = decodeBlob(bytes)
      checkIntrinsic(this.room.planIdHex, blob)
      checkRecord(draft, blob, now)
      applyRecord(draft, blob)
    }
    this.bridge.pushRecords(records)
  }

  async createInvite(options: InviteOptions): Promise<string> {
    const secret = writeInvite(this.parts, options)
    // online, the link is handed out once the relay holds the invite: opened at once, it must work
    // (offline it is handed out anyway, and works once this device has synced)
    if (this.connection.provider.wsconnected) await this.whenSynced(INVITE_CONFIRM_MS).catch(() => undefined)
    return formatInviteLink(this.ctx.appUrl, this.planId, secret)
  }

  /** Hex hash of the handelingsdeel as it is now: what an instemming given now covers. */
  handelingsdeelHash(): string {
    return this.agreement.currentHash()
  }

  /** Whether this device's member may agree now: a parent with gezag (from 18: the pupil) who may write. */
  mayAgree(): boolean {
    return this.agreement.mayAgree()
  }

  /** Who agreed to which version of the handelingsdeel, every entry verified here (session/instemming.ts). */
  instemming(): InstemmingStatus {
    return this.agreement.status()
  }

  /** What changed in the handelingsdeel since a signer last agreed; null when there is no verified copy. */
  changesSinceAgreement(memberKeyHex: string): HandelingsdeelChange[] | null {
    return this.agreement.changesSinceAgreement(memberKeyHex)
  }

  /** "Ik stem in met het handelingsdeel" (session/instemming.ts). */
  agreeToHandelingsdeel(expectedHash?: string, now = Date.now()): InstemmingEntry {
    return this.agreement.agree(expectedHash, now)
  }

  /** "Ik ben het er niet mee eens", with a reason (session/instemming.ts). */
  disagreeWithHandelingsdeel(reason: string, expectedHash?: string, now = Date.now()): InstemmingEntry {
    return this.agreement.disagree(reason, expectedHash, now)
  }

  /** "Instemming intrekken" (session/instemming.ts). */
  withdrawInstemming(now = Date.now()): InstemmingEntry {
    return this.agreement.withdraw(now)
  }

  /** Hex hash of the request to the gemeente as it is now: what a "klopt" given now covers (P12). */
  requestHash(now = Date.now()): string {
    return this.approvals.requestHash(now)
  }

  /** Whether this device's member may say "klopt" on the request: a parent with gezag or a youth from 16 who may write. */
  mayApproveRequest(): boolean {
    return this.approvals.mayApprove()
  }

  /** Who said "klopt" to which version of the request, every entry verified here (session/approvals.ts). */
  requestApproval(now = Date.now()): RequestApprovalStatus {
    return requestApprovalSummary(this.approvals.status('aanvraag', REQUEST_SUBJECT, now))
  }

  /** "Dit klopt" on the request to the gemeente (session/approvals.ts). */
  approveRequest(expectedHash?: string, now = Date.now()): ApprovalEntry {
    return this.approvals.sign('aanvraag', REQUEST_SUBJECT, 'klopt', '', expectedHash, now)
  }

  /** Whether and for which version the OPP was set, every entry verified and judged here (session/vaststelling.ts). */
  vaststelling(): VaststellingStatus {
    return this.setting.status()
  }

  mayVaststellen(): boolean {
    return this.setting.mayVaststellen()
  }

  vaststellingRefusal(basis: VaststellingBasis): GateRefusal | null {
    return this.setting.refusal(basis)
  }

  /** "OPP vaststellen" (session/vaststelling.ts). */
  vaststellen(basis: VaststellingBasis, expectedHash?: string, now = Date.now()): VaststellingEntry {
    return this.setting.vaststellen(basis, expectedHash, now)
  }

  /** The verslag of a meeting as it is now, and the hash a "klopt" given now covers (session/approvals.ts). */
  verslag(meetingId: string): { report: MeetingReport; hash: string } | null {
    return this.approvals.verslag(meetingId)
  }

  /** Whether this device's member may say "klopt" on a verslag: a parent with gezag or a youth of 16+. */
  mayApprove(): boolean {
    return this.approvals.mayApprove()
  }

  /** Who said "klopt" to which version of a meeting's verslag, or corrected it; each entry verified here. */
  verslagStatus(meetingId: string): ApprovalStatus {
    return this.approvals.status('verslag', meetingId, Date.now())
  }

  /** "Klopt" (remark '') or a correction on the verslag as it is now, signed (session/approvals.ts). */
  signVerslag(meetingId: string, verdict: Verdict, remark = '', expectedHash?: string, now = Date.now()): ApprovalEntry {
    return this.approvals.sign('verslag', meetingId, verdict, remark, expectedHash, now)
  }

  /** Members of the plan as the log says (names live in the plan's team list). */
  members(): MemberInfo[] {
    return membersOf(this.room)
  }

  /**
   * A device invite for this person's next device: at this device's role, sealed the current key.
   * Any member may write it (R6, R7); `invite` is derived from the device link's secret.
   */
  createDeviceInvite(invite: SigningKeyPair, expiresAt: number): void {
    createDeviceInvite(this.parts, invite, expiresAt)
  }

  /** This person's devices in this plan, first device first. */
  myDevices(): DeviceInfo[] {
    return devicesOfPerson(this.room, this.me)
  }

  /** Removes another device of this person (a lost phone); session/deviceLinks.ts says how. */
  async removeDevice(memberKeyHex: string): Promise<void> {
    removeDevice(this.parts, memberKeyHex)
  }

  /** P7: the plan-state code at the last snapshot, and who showed another code there (by presence) */
  planState(): { code: string | null; differs: { memberKey: string; name: string; since: number }[] } {
    const now = this.planStateWatch?.current() ?? { code: null, differs: [] }
    return { code: now.code, differs: now.differs.map((d) => ({ ...d, name: memberName(this.doc, d.memberKey) || d.memberKey.slice(0, 8) })) }
  }

  safetyCode(memberKeyHex: string): string {
    return safetyCode(memberKeyHex)
  }

  /** Open invites: not claimed, withdrawn or expired. */
  openInvites(): OpenInvite[] {
    return openInvites(this.room, Date.now())
  }

  /** Admin: a person with all its devices out, and the key renewed (session/memberChanges.ts). */
  async removeMember(memberKeyHex: string): Promise<void> {
    removeMember(this.parts, memberKeyHex)
  }

  rotateKey(): void {
    rotateKey(this.parts)
  }

  /** A new key for everyone who stays once `removed` are out, the plan re-sealed under it (session/keyRenewal.ts). */
  private renewKey(room: RoomState, removed: readonly string[], now: number, first?: Uint8Array[]): void {
    renewEpochKey({ writer: this.writer, keys: this.keys, bridge: this.bridge, pushOwnRecords: (r) => this.pushOwnRecords(r) }, room, removed, now, first)
  }

  leave(): void {
    leave(this.parts)
  }

  changeRole(memberKeyHex: string, role: Role): void {
    changeRole(this.parts, memberKeyHex, role)
  }

  withdrawInvite(inviteKeyHex: string): void {
    withdrawInvite(this.parts, inviteKeyHex)
  }

  /** After a claim: reconnects use the device key. */
  useDeviceKey(): void {
    this.connectAs = this.ctx.identity
  }

  /** Resolves when the relay confirmed everything this device holds, or rejects on a final close. */
  whenSynced(timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (s: SyncStatus) => {
        if (s.state === 'synced') done(() => resolve())
        else if (s.state === 'error') done(() => reject(new AccessError('rejected', s.errorCode)))
      }
      const timer = setTimeout(() => done(() => reject(new AccessError('offline', 'the relay did not confirm in time'))), timeoutMs)
      const stop = this.onStatus(check)
      const done = (f: () => void) => {
        clearTimeout(timer)
        stop()
        f()
      }
      check(this.status())
    })
  }

  flush(): void {
    this.bridge.flush()
  }

  closure(): ClosureInfo | null {
    return closureOf(this.room)
  }

  retentionEnd(): number | null {
    const closure = closureOf(this.room)
    if (!closure) return null
    return closure.keepUntil ?? policyRetentionEnd(createRetention(this.doc).policy(), { endedAt: closure.closedAt })
  }

  closingRetentionEnd(reopenDays?: number): number {
    return closingRetentionEnd(this.doc, reopenDays, Date.now())
  }

  async closePlan(options: CloseOptions): Promise<ClosureInfo> {
    // R19 close-stale: a close must hold every record the relay has, so catch up first (offline:
    // close anyway; the relay judges it when this device is back)
    if (this.connection.provider.wsconnected) await this.whenSynced(CLOSE_SYNC_MS).catch(() => undefined)
    return closePlan(this.closingParts(), options, Date.now())
  }

  reopenPlan(now = Date.now()): void {
    reopenPlan(this.closingParts(), now)
  }

  private closingParts(): ClosingParts {
    return { ...this.parts, room: this.room, envelope: this.envelope, flush: () => this.bridge.flush() }
  }

  /** Stops talking to the relay; edits keep landing in IndexedDB (the "offline at school" case). */
  disconnect(): void {
    this.connection.provider.disconnect()
  }

  connect(): void {
    this.connection.provider.connect()
  }

  compact(): boolean {
    return this.bridge.compact()
  }

  private async persistKeys(): Promise<void> {
    // not ours yet (previewing an invite): no record, saved when the invite is accepted
    await this.ctx.keyring.updatePlan(this.planId, (stored) => ({ ...stored, keys: this.keys.toRecord() }))
  }

  private readonly flushNow = () => this.bridge.flush()

  async close(): Promise<void> {
    this.duties.stop()
    this.files?.close()
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.flushNow)
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.flushNow)
    this.integrity?.destroy()
    this.planStateWatch?.destroy()
    this.bridge.destroy()
    this.stopPresence()
    this.connection.destroy()
    this.awareness.destroy()
    // y-indexeddb writes what the bridge flushed last before the database closes
    await this.store.close()
    this.doc.destroy()
    this.envelope.destroy()
  }
}
