/**
 * One plan's envelope on the relay: the Yjs doc (ciphertext blobs only), the membership and
 * replay state derived from it, the awareness of who is here, and the connected peers.
 *
 * Every operation on a room runs through its serial queue. Storage is awaited between applying
 * an update and forwarding it, and nothing else may read the doc in that gap, or a peer could
 * be sent data that is not yet durable.
 *
 * Other relays may serve the same plan from the same store (storage/types.ts). The room then
 * knows the plan's version it holds: an update is validated and stored under the plan's lock
 * after folding in what the others stored meanwhile, and what they store reaches this room's
 * peers by `catchUp` (on their signal, at admission, and by a periodic check).
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { toBase64Url } from '../src/sync/bytes'
import { CLOSE, encodeAck, encodeErased, type ErasedNotice } from '../src/sync/protocol'
import { referencedPieces } from '../src/sync/roomAccess'
import { isOpenInvite, loadRoomState, preverifiedItems, retentionPassedAt, shutOut, type RoomState } from '../src/sync/roomState'
import { RuleViolation } from '../src/sync/rules'
import { splitStateAsUpdate } from '../src/sync/updateChunks'
import { preverifyUpdate, validateUpdate, type AcceptedBlob } from '../src/sync/validateUpdate'
import { AwarenessGate } from './awarenessGate'
import type { Fanout } from './fanout'
import { describeError, log } from './log'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, writeAwarenessEntries, type AwarenessEntry } from './messages'
import type { Peer } from './peer'
import { liveBlobBytes, type Quotas } from './quota'
import { authorsOf, type PushSender } from './push/pushSender'
import type { CommittedUpdate, RelayStore, Tombstone } from './storage/types'

/** the origin of presence another relay took: shown to this relay's peers, not sent back out */
const REMOTE_PRESENCE = Symbol('remote-presence')
/** the origin of updates another relay stored */
const FROM_STORE = Symbol('from-store')

/** What another relay stored does not validate here: memory and store disagree, the room reloads. */
class CatchUpError extends Error {
  override name = 'CatchUpError'
}

export interface RoomOptions {
  store: RelayStore
  fanout: Fanout
  maxUpdateBytes: number
  compactAfterRows: number
  quotas: Quotas
  /** Web Push to the other members' devices that opted in (absent in tests of the room alone) */
  push?: PushSender
  /** R17: attachment pieces no file record references are deleted once they are this old */
  fileGraceMs: number
}

export class Room {
  readonly peers = new Map<string, Peer>()
  /** connections being admitted or connected; the registry unloads a room only at zero */
  refs = 0
  /** set when memory and storage may disagree: the registry drops the room and reloads it */
  broken = false
  /** blob bytes the plan holds now (its quota, R9): counted at load, kept by integrate */
  liveBytes = 0
  /** R20: set once the plan is erased here: its store rows are gone, its peers told and closed */
  erasure: ErasedNotice | null = null
  private destroyed = false
  /** ms of the next live consent's or membership's end: then connected peers are checked again */
  private nextConsentExpiry: number
  /** closes peers at the next end even when no update comes (R13: a guest's meeting is over) */
  private expiryTimer: ReturnType<typeof setTimeout> | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private readonly unsubscribe: () => void
  /** who may write which awareness id, and the newest presence relayed per session (R11) */
  private readonly awarenessGate: AwarenessGate

  private constructor(
    readonly planId: Uint8Array,
    readonly doc: Y.Doc,
    readonly state: RoomState,
    readonly awareness: awarenessProtocol.Awareness,
    private rows: number,
    /** the plan's version this room's doc and state hold (storage/types.ts) */
    public version: number,
    private readonly opts: RoomOptions,
  ) {
    this.unsubscribe = opts.fanout.subscribe(state.planIdHex, (message, from) => {
      for (const peer of this.peers.values()) if (peer.id !== from) peer.send(message)
    })
    this.awarenessGate = new AwarenessGate(awareness)
    awareness.on('update', this.onAwarenessUpdate)
    this.nextConsentExpiry = nextExpiry(state, Date.now())
    this.armExpiryTimer()
  }

  private armExpiryTimer(): void {
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer)
    this.expiryTimer = null
    if (this.destroyed || !Number.isFinite(this.nextConsentExpiry)) return
    // setTimeout holds at most ~24.8 days; a later end is re-armed when this one fires
    const delay = Math.min(Math.max(0, this.nextConsentExpiry - Date.now()), 2 ** 31 - 1)
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = null
      this.checkExpiries(Date.now())
    }, delay)
    this.expiryTimer.unref?.()
  }

  private checkExpiries(now: number): void {
    if (now >= this.nextConsentExpiry) {
      this.dropWhoLostAccess(now)
      this.nextConsentExpiry = nextExpiry(this.state, now)
    }
    this.armExpiryTimer()
  }

  /** The room's name in logs and URLs: the plan id, which is a hash and reveals nothing. */
  get name(): string {
    return toBase64Url(this.planId)
  }

  get planHex(): string {
    return this.state.planIdHex
  }

  static async load(planId: Uint8Array, opts: RoomOptions): Promise<Room> {
    const started = Date.now()
    const planHex = Buffer.from(planId).toString('hex')
    const stored = await opts.store.loadRoom(planHex)
    const doc = new Y.Doc({ gc: true })
    for (const update of stored.updates) {
      try {
        Y.applyUpdate(doc, update)
      } catch (err) {
        // every stored update was validated before; one that no longer applies is a bug to see
        log('error', 'room-update-unreadable', { room: toBase64Url(planId), bytes: update.length, ...describeError(err) })
      }
    }
    // the stored records' signatures in one batch on the thread pool: loading a large plan must
    // not hold up every other plan; what the batch does not confirm, loadRoomState checks itself
    const report = { checks: 0, leftOut: 0 }
    const state = loadRoomState(planId, doc, stored.seen, await preverifiedItems(doc), report)
    if (report.leftOut > 0) log('warn', 'room-records-left-out', { room: toBase64Url(planId), count: report.leftOut })
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalState(null) // the relay is nobody; it only relays others
    const room = new Room(planId, doc, state, awareness, stored.updates.length, stored.version, opts)
    room.liveBytes = liveBlobBytes(doc)
    log('info', 'room-load', { room: room.name, rows: stored.updates.length, members: state.members.size, checks: report.checks, ms: Date.now() - started })
    // R20: the log says erased but the rows are here (the relay stopped between the two): finish it
    if (state.erasure) {
      await room.finishErasure(Date.now())
      return room
    }
    // R22: the plan's retention end passed while nobody had it open (or before the sweep came)
    if (retentionPassedAt(state, Date.now())) {
      await room.finishRetention(Date.now())
      return room
    }
    if (room.rows > opts.compactAfterRows) await room.run(() => room.compact())
    room.dropUnreferencedPieces(Date.now())
    return room
  }

  /**
   * Takes in what other relays stored since this room's version (none when the store is this
   * relay's alone). Run it in the room's queue. A failure marks the room broken: it reloads.
   */
  async catchUp(signalled = false): Promise<void> {
    if (!this.opts.store.signals.shared || this.broken || this.erasure) return
    const rows = await this.opts.store.updatesSince(this.planHex, this.version)
    // R20: another relay said the plan moved on, and its rows are gone: erased there
    if (signalled && rows.length === 0) {
      const tombstone = await this.opts.store.tombstone(this.planHex)
      if (tombstone) return this.closeErased({ erasedAt: tombstone.erasedAt, proof: tombstone.proof })
    }
    try {
      await this.foldCommitted(rows)
    } catch (err) {
      this.markBroken('room-catch-up-failed', err)
    }
  }

  /**
   * R20: the plan's log holds a complete erasure. Every row and piece of it goes from the store
   * (idempotent: another relay, or this one before a restart, may have begun), its tombstone
   * stays; every peer here is told (with the two signed records, which its device checks) and
   * closed for good. The room is then broken: the registry drops it, and admission refuses the id.
   */
  async finishErasure(now: number): Promise<void> {
    const erasure = this.state.erasure
    if (!erasure || this.erasure) return
    await this.erase('erased', [...erasure.proof], now)
  }

  /**
   * R22: the standing close names a retention end that has passed. The plan goes from the store as
   * on request, its tombstone keeps the close as proof (a device deletes only if that signed close
   * and its own clock say so); every peer is told and closed.
   */
  private async finishRetention(now: number): Promise<void> {
    const closure = this.state.closure
    if (!closure || this.erasure) return
    await this.erase('retention', [closure.record], now)
  }

  /** R20/R22: the plan's rows and files go, its tombstone keeps `proof`; its peers are told and closed. */
  private async erase(reason: Tombstone['reason'], proof: Uint8Array[], now: number): Promise<void> {
    await this.opts.store.erasePlan({ plan: this.planHex, erasedAt: now, reason, proof })
    log('info', 'plan-erased', { room: this.name, reason })
    this.closeErased({ erasedAt: now, proof })
  }

  /**
   * R22, for the relay's sweep (the store listed the plan as past its retention end): erases it
   * if its close says so now; otherwise sets the store's end right (a relay that stopped between
   * storing the end and the close). Run it in the room's queue. True when the plan was erased.
   */
  async expireRetention(now: number): Promise<boolean> {
    if (this.erasure) return true
    if (this.broken) return false
    if (retentionPassedAt(this.state, now)) {
      await this.finishRetention(now)
      return true
    }
    await this.opts.store.writePlan(this.planHex, this.version, async (write) => {
      await this.foldCommitted(write.behind)
      if (!this.erasure) await write.retain(this.state.closure?.keepUntil ?? null)
    })
    return this.erasure !== null
  }

  private closeErased(notice: ErasedNotice): void {
    this.erasure = notice
    this.broken = true
    const message = encodeErased(notice)
    for (const peer of this.peers.values()) {
      peer.send(message)
      peer.close(CLOSE.erased, 'R20 plan-erased')
    }
  }

  /**
   * R17: deletes the plan's pieces no file record references any more, once older than the grace
   * period (a piece is uploaded before the record that names it). After a drop and at load;
   * never awaited by a peer, and a failure only leaves the pieces for the next time.
   */
  dropUnreferencedPieces(now: number): void {
    const keep = referencedPieces(this.state)
    this.opts.store.files
      .dropUnreferenced(this.planHex, keep, now - this.opts.fileGraceMs)
      .then((dropped) => {
        if (dropped > 0) log('info', 'file-pieces-dropped', { room: this.name, count: dropped })
      })
      .catch((err) => log('warn', 'file-pieces-drop-failed', { room: this.name, ...describeError(err) }))
  }

  /** Presence another relay took for this plan: shown to this relay's peers too. */
  applyRemotePresence(update: Uint8Array): void {
    if (this.destroyed) return
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE)
    } catch (err) {
      log('warn', 'presence-remote-unreadable', { room: this.name, ...describeError(err) })
    }
  }

  /**
   * Other relays' committed updates, in version order: validated at the moment they were
   * (each was validated there against the same state), applied, forwarded to this relay's peers.
   */
  private async foldCommitted(rows: readonly CommittedUpdate[]): Promise<void> {
    if (rows.length > 0) log('debug', 'room-catch-up', { room: this.name, from: this.version, to: rows[rows.length - 1]!.version, rows: rows.length })
    for (const row of rows) {
      if (row.version <= this.version) continue
      // a compacted row holds the whole plan: larger than any one client update may be
      const opts = { maxUpdateBytes: Number.MAX_SAFE_INTEGER }
      const signaturesChecked = await preverifyUpdate(this.doc, row.update, this.state, opts)
      const validation = validateUpdate(this.doc, this.state, row.update, { ...opts, now: row.at, signaturesChecked })
      if (!validation.ok) throw new CatchUpError(`version ${row.version} does not validate here: ${validation.error.rule} ${validation.error.code}`)
      const effective = this.applyCapturing(row.update, FROM_STORE)
      validation.commit()
      this.liveBytes += blobBytes(validation.added) - blobBytes(validation.deleted)
      this.version = row.version
      this.rows += 1
      this.forward(effective, null)
      this.afterMembershipChange(validation.added, row.at)
      if (this.state.erasure) return this.finishErasure(row.at)
    }
  }

  /** Applies `update` to the doc; returns the updates the doc emitted (what it did not hold). */
  private applyCapturing(update: Uint8Array, origin: unknown): Uint8Array[] {
    const effective: Uint8Array[] = []
    const capture = (u: Uint8Array) => effective.push(u)
    this.doc.on('update', capture)
    try {
      Y.applyUpdate(this.doc, update, origin)
    } finally {
      this.doc.off('update', capture)
    }
    return effective
  }

  /** Sends what the doc took in to this relay's peers, except the one it came from. */
  private forward(effective: Uint8Array[], from: string | null): void {
    if (effective.length === 0) return
    const forwarded = effective.length === 1 ? effective[0]! : Y.mergeUpdates(effective)
    this.opts.fanout.publish(this.planHex, encodeSyncUpdate(forwarded), from)
  }

  /** After a membership or consent record: who lost access goes, and the next end is timed. */
  private afterMembershipChange(added: readonly { blob: { kind: string } }[], now: number): void {
    if (!added.some((a) => a.blob.kind === 'member' || a.blob.kind === 'genesis' || a.blob.kind === 'consent')) return
    this.dropWhoLostAccess(now)
    this.opts.push?.membersChanged(this.planHex, this.state, now)
    this.withdrawLinksOfFormerMembers(now)
    this.nextConsentExpiry = nextExpiry(this.state, now)
    this.armExpiryTimer()
  }

  /**
   * R18: a member who is removed (or whose time-limited membership ended) no longer speaks for
   * the plan: the links it stored are withdrawn, their bytes go. Not awaited; a failure is logged
   * and the next membership change tries again.
   */
  private withdrawLinksOfFormerMembers(now: number): void {
    this.opts.store.shares
      .withdrawAllBut(this.planHex, new Set(this.state.members.keys()), now)
      .then((withdrawn) => {
        if (withdrawn > 0) log('info', 'shares-withdrawn-with-member', { room: this.name, count: withdrawn })
      })
      .catch((err) => log('warn', 'shares-withdraw-failed', { room: this.name, ...describeError(err) }))
  }

  /** Runs `task` after every earlier task of this room has finished. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const next = this.queue.then(task)
    this.queue = next.catch(() => undefined)
    return next
  }

  /**
   * Greets a new peer as y-websocket's server does: our state vector, then who is here. Runs in
   * the room's queue, so it is judged against the state every earlier update left: a removal
   * taken while this peer was being admitted (its nonce being stored) shuts it out here, since
   * that removal's own check did not see it yet.
   */
  join(peer: Peer): void {
    if (this.erasure) {
      peer.send(encodeErased(this.erasure))
      peer.close(CLOSE.erased, 'R20 plan-erased')
      return
    }
    if (this.broken) {
      // marked broken while this peer was being admitted: its close went to the peers it had
      // then, and a peer of a broken room is never answered nor forwarded to. It reconnects to
      // the room loaded afresh.
      peer.close(1011, 'relay error, reconnect')
      return
    }
    if (!this.mayStay(peer, Date.now())) {
      log('info', 'conn-access-ended', { room: this.name, conn: peer.id })
      peer.close(4403, 'access-ended')
      return
    }
    this.peers.set(peer.id, peer)
    peer.send(encodeSyncStep1(this.doc))
    const here = [...this.awareness.getStates().keys()]
    if (here.length > 0) peer.send(encodeAwareness(this.awareness, here))
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer.id)) return
    if (peer.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null)
    this.awarenessGate.forget(peer, Date.now())
  }

  /**
   * Sync step 1 from a peer: everything we hold that its state vector lacks. Past one chunk it
   * goes as updates and a last step 2 (updateChunks.ts), so a plan larger than one message
   * still reaches a new device, and the peer's `synced` comes only after all of it.
   */
  answerStep1(peer: Peer, stateVector: Uint8Array): void {
    const chunks = splitStateAsUpdate(this.doc, stateVector)
    for (const chunk of chunks.slice(0, -1)) peer.send(encodeSyncUpdate(chunk))
    peer.send(encodeSyncStep2(chunks[chunks.length - 1]!))
  }

  /**
   * A sync step 2 or update from a peer (R1–R10): validate, apply, store durably, then commit
   * the new state, forward and acknowledge. Returns the violation when it is refused.
   */
  async integrate(peer: Peer, update: Uint8Array): Promise<RuleViolation | null> {
    const now = Date.now()
    // a consent that ran out since the last look: its organisation's peers go before anything is forwarded (R12)
    this.checkExpiries(now)
    // signatures of what passes the cheap checks, verified in a batch on the thread pool, so a
    // large update does not hold up every other plan; validateUpdate verifies the rest itself,
    // and refuses at the first that fails (at most one libsodium check per forged message).
    // Outside the plan's lock: what a signature says does not depend on the plan's state.
    const signaturesChecked = await preverifyUpdate(this.doc, update, this.state, { maxUpdateBytes: this.opts.maxUpdateBytes })
    let open: { abort(): void } | null = null
    let outcome: { added: AcceptedBlob[]; deleted: AcceptedBlob[]; effective: Uint8Array[]; changed: boolean; commit(): void } | RuleViolation
    try {
      outcome = await this.opts.store.writePlan(this.planHex, this.version, async (write) => {
        // what other relays stored first: this update is judged against the plan as it is now
        await this.foldCommitted(write.behind)
        const validation = validateUpdate(this.doc, this.state, update, { now, maxUpdateBytes: this.opts.maxUpdateBytes, signaturesChecked })
        if (!validation.ok) return validation.error
        const overQuota = this.opts.quotas.check(peer.key, this.liveBytes, validation.added, validation.deleted, now)
        if (overQuota) {
          // validation folded the records already: a refused update must not leave a member behind
          validation.abort()
          return overQuota
        }
        open = validation
        const before = Y.encodeStateVector(this.doc)
        let effective: Uint8Array[]
        try {
          effective = this.applyCapturing(update, peer)
        } catch (err) {
          // decodable yet unappliable: the sender is refused, the others reconnect to a clean reload
          validation.abort()
          open = null
          this.markBroken('apply-failed', err, peer)
          return new RuleViolation('R1', 'malformed-update', 'the update does not apply')
        }
        // a step 2 that only repeats what we hold (every reconnect sends one) is not stored again
        const changed = validation.added.length > 0 || validation.deleted.length > 0 || !Buffer.from(before).equals(Y.encodeStateVector(this.doc))
        if (changed) {
          const archived = validation.deleted.map((d) => ({ itemId: d.itemId, triple: d.triple, bytes: d.blob.bytes.slice() }))
          // R22: before the close itself, so a store that commits each write alone never holds a
          // close whose end the sweep cannot find (the other way round, the sweep sets it right)
          const keep = retentionChange(validation.added)
          if (keep !== undefined) await write.retain(keep)
          this.version = await write.append(
            update,
            validation.added.map((a) => [a.triple, a.itemId]),
            archived,
            now,
          )
        }
        return { added: validation.added, deleted: validation.deleted, effective, changed, commit: validation.commit }
      })
    } catch (err) {
      // not stored (the store failed, or another relay's update did not fold in): memory may now
      // hold what storage does not, so everyone reconnects to a fresh load
      ;(open as { abort(): void } | null)?.abort()
      this.markBroken('store-failed', err)
      throw err
    }
    if (outcome instanceof RuleViolation) return outcome
    outcome.commit()
    if (outcome.changed) this.rows += 1
    this.liveBytes = this.opts.quotas.charge(peer.key, this.liveBytes, outcome.added, outcome.deleted, now)
    // forward only what this doc did not have (the doc's own update events), to the others
    this.forward(outcome.effective, peer.id)
    peer.send(encodeAck(Y.encodeStateVector(this.doc)))
    log('debug', 'update-accepted', {
      room: this.name,
      conn: peer.id,
      bytes: update.length,
      added: outcome.added.length,
      deleted: outcome.deleted.length,
      stored: outcome.changed,
    })
    // R20: the second half of an erasure came: the plan goes now, before anything else is done with it
    if (this.state.erasure) {
      try {
        await this.finishErasure(now)
      } catch (err) {
        // stored, not yet erased: a fresh load finds the erasure in the log and finishes it
        this.markBroken('plan-erase-failed', err)
      }
      return null
    }
    this.afterMembershipChange(outcome.added, now)
    if (outcome.added.some((a) => a.blob.kind === 'file' && a.blob.op === 'drop')) this.dropUnreferencedPieces(now)
    // what this relay stored: it tells the others' devices (a relay catching up does not)
    if (outcome.added.some((a) => a.blob.kind === 'update' || a.blob.kind === 'snapshot'))
      this.opts.push?.notify(this.planHex, authorsOf(outcome.added), this.state, now)
    if (this.rows > this.opts.compactAfterRows) await this.compact()
    return null
  }

  /**
   * An awareness update is relayed only if every state in it is a valid presence (R11), judged
   * by `AwarenessGate`: ids and authors first, replays dropped, then at most one signature check
   * per state kept. Some states are dropped, not refused: echoes of other clients' states (every
   * y-websocket client sends them back), replays, and a presence whose author is not (yet) a
   * member here. A client sends its presence as soon as the socket opens, before its sync step 2
   * brings the genesis or claim that makes it a member; it repeats it every 15 s, so it arrives then.
   */
  applyAwareness(peer: Peer, update: Uint8Array, entries: AwarenessEntry[]): RuleViolation | null {
    const verdict = this.awarenessGate.check(this.state, peer, entries, Date.now())
    if (!verdict.ok) return verdict.error
    const { kept } = verdict
    verdict.commit()
    if (verdict.dropped > 0) log('debug', 'presence-dropped', { room: this.name, conn: peer.id, count: verdict.dropped })
    if (kept.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, kept.length === entries.length ? update : writeAwarenessEntries(kept), peer)
    }
    return null
  }

  allAwareness(): Uint8Array {
    return encodeAwareness(this.awareness, [...this.awareness.getStates().keys()])
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer)
    this.unsubscribe()
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }

  /** Rewrites the room's stored updates as one merged state. The seen index and archive stay. */
  private async compact(): Promise<void> {
    const started = Date.now()
    const rows = this.rows
    let bytes = 0
    try {
      await this.opts.store.writePlan(this.planHex, this.version, async (write) => {
        // the merged state must hold everything stored up to the version it replaces
        await this.foldCommitted(write.behind)
        const merged = Y.encodeStateAsUpdate(this.doc)
        bytes = merged.length
        await write.compact(merged, this.version, Date.now())
      })
      this.rows = 1
      log('info', 'room-compact', { room: this.name, rows, bytes, ms: Date.now() - started })
    } catch (err) {
      // the old rows are still there (one transaction): try again after the next update
      log('error', 'room-compact-failed', { room: this.name, ...describeError(err) })
      if (err instanceof CatchUpError) this.markBroken('room-catch-up-failed', err)
    }
  }

  /** After a membership or consent change: who was let in as a member or creator and no longer may be here. */
  private dropWhoLostAccess(now: number): void {
    for (const peer of this.peers.values()) {
      if (!this.mayStay(peer, now)) {
        log('info', 'conn-access-ended', { room: this.name, conn: peer.id })
        peer.close(4403, 'access-ended')
      }
    }
  }

  /** Whether a peer let in as a member, an invite or the creator may still be here. */
  private mayStay(peer: Peer, now: number): boolean {
    if (peer.admittedAs === 'creator' && !this.state.genesis) return true
    return peer.admittedAs === 'invite'
      ? inviteStillAdmits(this.state, peer.key, now)
      : (this.state.members.has(peer.key) || isOpenInvite(this.state, peer.key, now)) && !shutOut(this.state, peer.key, now)
  }

  private markBroken(event: string, err: unknown, except?: Peer): void {
    this.broken = true
    log('error', event, { room: this.name, ...describeError(err) })
    // memory may now hold what storage does not: everyone reconnects to a freshly loaded room
    for (const peer of this.peers.values()) if (peer !== except) peer.close(1011, 'relay error, reconnect')
  }

  private readonly onAwarenessUpdate = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const from = origin !== null && typeof origin === 'object' && this.peers.get((origin as Peer).id) === origin ? (origin as Peer) : null
    // which connection owns an id is the gate's (applyAwareness); a removal frees the id's session
    if (change.removed.length > 0) this.awarenessGate.removed(change.removed)
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (changed.length === 0) return
    const message = encodeAwareness(this.awareness, changed)
    this.opts.fanout.publish(this.planHex, message, from?.id ?? null)
    // what this relay took (or a peer of it that left) reaches the other relays' peers; each
    // relay times out stale states itself
    if (origin !== REMOTE_PRESENCE && origin !== 'timeout' && this.opts.store.signals.shared) {
      for (const id of changed) this.opts.store.signals.publishPresence(this.planHex, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [id]))
    }
  }
}

function blobBytes(blobs: readonly { blob: { bytes: Uint8Array } }[]): number {
  let total = 0
  for (const b of blobs) total += b.blob.bytes.byteLength
  return total
}

/** The earliest end of a live consent or of a member's or invite's access after `now` (Infinity when none will end). */
function nextExpiry(state: RoomState, now: number): number {
  let next = Number.POSITIVE_INFINITY
  for (const c of state.consents.values()) if (c.status === 'given' && c.expiresAt > now) next = Math.min(next, c.expiresAt)
  for (const until of state.accessUntil.values()) if (until > now) next = Math.min(next, until)
  return next
}

/**
 * A connection that came in on an invite key lives on after the claim (the joining device keeps
 * its socket), but only as long as the member who claimed it: removing that member ends it.
 */
function inviteStillAdmits(state: RoomState, inviteKey: string, now: number): boolean {
  const invite = state.invites.get(inviteKey)
  if (!invite || invite.withdrawn || shutOut(state, inviteKey, now)) return false
  if (!invite.claimedBy) return isOpenInvite(state, inviteKey, now)
  return state.members.has(invite.claimedBy) && !shutOut(state, invite.claimedBy, now)
}

/** R22: the retention end an update's close or reopen leaves the plan with; undefined when it holds neither. */
function retentionChange(added: readonly AcceptedBlob[]): number | null | undefined {
  let keep: number | null | undefined
  for (const { blob } of added) if (blob.kind === 'close') keep = blob.op === 'close' ? (blob.keepUntil ?? null) : null
  return keep
}
