/**
 * The bridge between the plaintext plan doc (memory only) and the envelope doc (ciphertext,
 * persisted and synced). Local plan updates are batched, sealed and pushed to `log`; blobs that
 * arrive in `log` are opened and applied to the plan. The envelope is the outbox: the bridge
 * keeps no other durable state.
 */
import * as Y from 'yjs'
import { ContentBinary, Item } from 'yjs'
import { decodeBlob, type Cover, type DecodedBlob, type Head } from './blob'
import { coverHash, viewOf } from './chain'
import { fromHex, toHex } from './bytes'
import { joinParts, splitIntoParts } from './chunks'
import { decodeContent, encodeContent, type Content } from './content'
import { gapOf } from './gapUpdate'
import { rootsOfUpdate, type UpdateRoots } from './updateRoots'
import type { EpochKeys } from './epochKeys'
import { OpenError, openLockbox, openRecord, sealRecord, type Writer } from './records'
import { applyRecord, groupKeyOf, liveBlobs, markSeen, sessionKeyOf, tripleOf, type RoomState } from './roomState'
import type { SigningKeyPair } from '../crypto'

/** Plan-doc changes made by opening blobs carry this origin, so they are not sealed again. */
export const REMOTE_ORIGIN = 'samenplan:remote'
/** Envelope changes the bridge makes itself. */
export const LOCAL_ORIGIN = 'samenplan:local'

/** P5: the quarantine reason of an update record writing under another author's content client id. */
export const CONTENT_CLIENT_ID_TAKEN = 'content-client-id-taken'

/**
 * An update carries the writer's view (seen-heads, R15/P6) at most this often: enough for a
 * withheld record to show within seconds of the next record anyone writes, and a view costs
 * bytes (docs/PROTOCOL.md). Every snapshot carries one.
 */
export const VIEW_INTERVAL_MS = 5000

/** One flush window: changes within it go into one blob (fewer blobs, fewer signatures to verify). */
export const FLUSH_WINDOW_MS = 50
/** Fold into a snapshot past this many blobs or bytes since the last one (B4 trace: keeps open time flat). */
export const COMPACT_AFTER_BLOBS = 500
export const COMPACT_AFTER_BYTES = 1024 * 1024

/** One record's effect, for the activity view: who, when (the writer's clock), which parts of the plan. */
export interface ActivityEntry {
  author: string
  kind: 'update' | 'snapshot'
  writtenAt: number
  /** names of the plan doc's top-level types it changed; empty for snapshots (they restate all) */
  roots: string[]
}

/** The most recent entries kept in memory; older activity is folded into snapshots anyway. */
export const ACTIVITY_LIMIT = 1000

interface Opened {
  author: string
  kind: 'update' | 'snapshot'
  content: Content
  /** the blob, or every part of a record split in parts */
  blobs: DecodedBlob[]
}

/**
 * Content rules the relay cannot check (it cannot read content): which parts of the plan an
 * author may change. Records of a restricted author are opened one by one and refused whole
 * when they change anything else: listed as quarantined, their clocks applied as a gap
 * (gapUpdate.ts), and folded into the next snapshot like any record this device applied.
 */
export interface ContentPolicy {
  restricts(author: string): boolean
  /**
   * a reason to refuse, or null; `traced` holds the roots and every touch (updateRoots.ts), `plan`
   * is the plan as it stands before the record (the rule may read entries and settings in it)
   */
  refuse(author: string, traced: UpdateRoots, plan: Y.Doc): string | null
}

export interface QuarantineEntry {
  triple: string
  kind: string
  author: string
  reason: string
  at: number
}

export interface BridgeOptions {
  planId: Uint8Array
  writer: Writer
  envelope: Y.Doc
  plan: Y.Doc
  room: RoomState
  keys: EpochKeys
  /** keys this device may open lockboxes with: its identity, and an invite key while joining */
  recipients: () => SigningKeyPair[]
  /** whether this device may write updates and snapshots now (its role) */
  canWrite: () => boolean
  canCompact: () => boolean
  onQuarantine?: (entry: QuarantineEntry) => void
  /** every record that arrives from elsewhere, after the room state took it in */
  onRemoteRecord?: (blob: DecodedBlob) => void
  /** every record the envelope held when the bridge started (P6 reads their views) */
  onStoredRecord?: (blob: DecodedBlob) => void
  contentPolicy?: ContentPolicy
  flushWindowMs?: number
  compactAfterBlobs?: number
  compactAfterBytes?: number
  /** how often updates carry the writer's view (VIEW_INTERVAL_MS); 0: never (a baseline for benchmarks) */
  viewIntervalMs?: number
}

interface PartBuffer {
  parts: number
  got: Map<number, Uint8Array>
  blobs: DecodedBlob[]
}

export class EnvelopeBridge {
  private readonly log: Y.Array<Uint8Array>
  private queue: Uint8Array[] = []
  private windowTimer: ReturnType<typeof setTimeout> | null = null
  private readonly partial = new Map<string, PartBuffer>()
  /** blobs whose epoch key this device does not have yet: retried when a key arrives */
  private readonly waitingForKey = new Map<string, DecodedBlob>()
  /**
   * Restricted records that could not be traced yet (what they build on has not been applied),
   * indexed by what they wait for: the first id the plan doc lacks. One is retried only once the
   * plan's state for that client has passed that clock, so N held records do not make every
   * later record cost N tracings.
   */
  private readonly waitingForDeps = new WaitingForDeps()
  /** triples opened and applied, so compaction covers only what this device really folded in */
  private readonly applied = new Set<string>()
  private readonly quarantine: QuarantineEntry[] = []
  /**
   * P5: a Yjs client id of the plan doc -> hex author of the first `update` record that wrote
   * under it (log order at start, arrival order after). Snapshots re-encode everyone's content:
   * they are not judged by it and bind nothing.
   */
  private readonly contentAuthors = new Map<number, string>()
  private readonly activityLog: ActivityEntry[] = []
  /** when an update last carried this writer's view */
  private lastViewAt = Number.NEGATIVE_INFINITY
  /** the head each session had in this session's last view (what the next one need not repeat) */
  private readonly lastView = new Map<string, number>()
  private blobsSinceSnapshot = 0
  private bytesSinceSnapshot = 0
  private stopKeyListener: (() => void) | null = null
  private destroyed = false

  constructor(private readonly o: BridgeOptions) {
    this.log = o.envelope.getArray<Uint8Array>('log')
  }

  /** Opens everything the envelope holds, in one merged apply, then follows changes. */
  start(): void {
    const blobs = [...liveBlobs(this.o.envelope)]
    for (const { blob } of blobs) if (blob.kind === 'lockbox') this.takeLockbox(blob)
    const opened: Opened[] = []
    for (const { blob, itemId } of blobs) {
      this.o.onStoredRecord?.(blob)
      const verified = this.o.room.seen.get(tripleOf(blob)) === itemId
      const record = this.openContent(blob, verified)
      if (record) opened.push(record)
      this.countTowardsCompaction(blob)
    }
    // Snapshots first, as they are (merging the whole plan with what follows would decode and
    // re-encode all of it once more), then the other records in log order. Log order is a linear
    // extension of causal order (a device appends after everything it has seen), so what a record
    // builds on is in the plan before it: applied earlier, it would wait in Yjs's pending structs,
    // which are merged again with every later update (a restricted author's records applied after
    // the rest cost over a second opening the five-year bench). Records of unrestricted authors
    // between two restricted ones are merged and applied at once; a restricted record is traced
    // against the plan as it stands then and applied alone. One transaction: observers see one
    // change.
    if (opened.length > 0) {
      let batch: Opened[] = []
      const applyBatch = () => {
        if (batch.length === 0) return
        const updates = batch.map((r) => r.content.update)
        Y.applyUpdate(this.o.plan, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), REMOTE_ORIGIN)
        for (const r of batch) this.noteActivity(r, undefined, true)
        batch = []
      }
      this.o.plan.transact(() => {
        for (const r of opened) {
          if (r.kind !== 'snapshot') continue
          Y.applyUpdate(this.o.plan, r.content.update, REMOTE_ORIGIN)
          this.noteActivity(r, undefined, true)
        }
        for (const r of opened) {
          if (r.kind === 'snapshot') continue
          if (this.takesClientIds(r)) {
            applyBatch()
            this.refuseTakenClientIds(r)
            continue
          }
          if (!this.isRestricted(r)) {
            batch.push(r)
            continue
          }
          applyBatch()
          this.applyOpened(r)
        }
        applyBatch()
        this.retryWaitingForDeps()
      }, REMOTE_ORIGIN)
    }
    this.log.observe(this.onLogChange)
    this.o.plan.on('update', this.onPlanUpdate)
    this.stopKeyListener = this.o.keys.onAdded(() => this.retryWaiting())
  }

  quarantined(): readonly QuarantineEntry[] {
    return this.quarantine
  }

  /** Newest last. */
  activity(): readonly ActivityEntry[] {
    return this.activityLog
  }

  /** true: applied (its content, or its gap when refused); false: waiting for what it builds on */
  private applyOpened(record: Opened | null): boolean {
    if (!record) return false
    if (this.takesClientIds(record)) {
      this.refuseTakenClientIds(record)
      return true
    }
    const traced = this.admitContent(record)
    if (traced === 'waiting') return false
    if (traced === false) {
      // its author's later records must still integrate: the refused clocks become a gap
      Y.applyUpdate(this.o.plan, gapOf(record.content.update), REMOTE_ORIGIN)
      return true
    }
    Y.applyUpdate(this.o.plan, record.content.update, REMOTE_ORIGIN)
    for (const blob of record.blobs) this.applied.add(tripleOf(blob)) // again, if it was held
    this.noteActivity(record, traced ?? undefined)
    return true
  }

  /** Records held for what they build on whose dependency has arrived, again, in log order, until none more is ready. */
  private retryWaitingForDeps(): void {
    let anyApplied = true
    while (this.waitingForDeps.size > 0) {
      const ready = this.waitingForDeps.takeReady(this.o.plan, anyApplied)
      if (ready.length === 0) return
      anyApplied = false
      for (const record of ready) if (this.applyOpened(record)) anyApplied = true
    }
  }

  /**
   * P5: whether an update record writes under a content client id another author wrote under
   * first. If not, the client ids it writes under that nobody holds become its author's. One
   * pass over the update's struct headers (`parseUpdateMeta`), a lookup per client id.
   */
  private takesClientIds(record: Opened): boolean {
    if (record.kind !== 'update') return false
    const clients = [...Y.parseUpdateMeta(record.content.update).from.keys()]
    if (clients.some((c) => (this.contentAuthors.get(c) ?? record.author) !== record.author)) return true
    for (const c of clients) if (!this.contentAuthors.has(c)) this.contentAuthors.set(c, record.author)
    return false
  }

  /**
   * Refused whole (listed, like a P1 refusal): its own clocks become a gap so its author's later
   * records still apply, but not the other author's: a gap there would drop that author's edits
   * just as the record would have.
   */
  private refuseTakenClientIds(record: Opened): void {
    const taken = new Set<number>()
    for (const c of Y.parseUpdateMeta(record.content.update).from.keys()) {
      const owner = this.contentAuthors.get(c)
      if (owner !== undefined && owner !== record.author) taken.add(c)
    }
    Y.applyUpdate(this.o.plan, gapOf(record.content.update, taken), REMOTE_ORIGIN)
    for (const blob of record.blobs) this.reject(blob, CONTENT_CLIENT_ID_TAKEN)
  }

  private isRestricted(record: Opened): boolean {
    return record.kind === 'update' && !!this.o.contentPolicy?.restricts(record.author)
  }

  /**
   * false: refused; 'waiting': it builds on something not applied yet (held, retried later);
   * else the roots the policy traced (null when it needed none), for the activity line
   */
  private admitContent(record: Opened): string[] | null | false | 'waiting' {
    if (!this.isRestricted(record)) return null
    const traced = rootsOfUpdate(this.o.plan, record.content.update, { touches: true })
    const reason = this.o.contentPolicy!.refuse(record.author, traced, this.o.plan)
    if (reason === null) return traced.roots
    if (traced.unresolved) {
      // not covered by a snapshot while held: it stays in the log
      for (const blob of record.blobs) this.applied.delete(tripleOf(blob))
      this.waitingForDeps.hold(tripleOf(record.blobs[0]!), record, traced.missing)
      return 'waiting'
    }
    // Refused, it still counts as applied: its gap is in the plan, so a snapshot may cover it
    // (every client judges it alike, by the signed log), and deletes it with the rest. Kept out
    // of compaction, it would end the author's run of covered seqs, and none of their later
    // records could be compacted either.
    for (const blob of record.blobs) this.reject(blob, reason)
    return false
  }

  /**
   * roots: when the content policy traced them already (tracing is the costly part of opening a
   * record). `lazy`: the records applied at start are traced only when the activity view reads
   * them (it reads the newest lines): traced then, they see the plan with what came since, as
   * tracing at start already sees it with every later record of the log applied.
   */
  private noteActivity(record: Opened, roots?: string[], lazy = false): void {
    const plan = this.o.plan
    const update = record.content.update
    const trace = (): string[] => (record.kind === 'update' ? rootsOfUpdate(plan, update).roots : [])
    let traced = roots ?? (lazy ? undefined : trace())
    const entry: ActivityEntry = {
      author: record.author,
      kind: record.kind,
      writtenAt: record.content.writtenAt,
      get roots() {
        return (traced ??= trace())
      },
    }
    this.activityLog.push(entry)
    if (this.activityLog.length > ACTIVITY_LIMIT) this.activityLog.splice(0, this.activityLog.length - ACTIVITY_LIMIT)
  }

  private onLogChange = (event: Y.YArrayEvent<Uint8Array>, tx: Y.Transaction): void => {
    let appliedAny = false
    for (const item of addedToLog(event, tx)) {
      if (item.deleted || !(item.content instanceof ContentBinary)) continue
      let blob: DecodedBlob
      try {
        blob = decodeBlob(item.content.content)
      } catch {
        continue // the gate admitted nothing undecodable; a local tab would not write it
      }
      this.countTowardsCompaction(blob)
      if (tx.origin === LOCAL_ORIGIN) {
        // our own record: its effect is already in the plan doc; keep the room state current
        markSeen(this.o.room, blob, `${item.id.client}:${item.id.clock}`)
        applyRecord(this.o.room, blob)
        this.applied.add(tripleOf(blob))
        continue
      }
      if (blob.kind === 'lockbox') this.takeLockbox(blob)
      if (this.applyOpened(this.openContent(blob, true))) appliedAny = true
      this.o.onRemoteRecord?.(blob)
    }
    if (appliedAny) this.retryWaitingForDeps()
    this.maybeCompact()
  }

  private takeLockbox(blob: (DecodedBlob & { kind: 'lockbox' }) | DecodedBlob): void {
    if (blob.kind !== 'lockbox' || this.o.keys.get(blob.epoch)) return
    const recipient = toHex(blob.recipient)
    for (const identity of this.o.recipients()) {
      if (toHex(identity.publicKey) !== recipient) continue
      try {
        this.o.keys.add(blob.epoch, openLockbox(blob, identity))
      } catch (err) {
        this.reject(blob, err instanceof OpenError ? err.code : 'lockbox-failed')
      }
    }
  }

  /** Returns the record a blob (or the last part of a record) completes, if any. */
  private openContent(blob: DecodedBlob, verified: boolean): Opened | null {
    if (blob.kind !== 'update' && blob.kind !== 'snapshot') {
      this.applied.add(tripleOf(blob))
      return null
    }
    let plaintext: Uint8Array
    try {
      plaintext = openRecord(blob, this.o.keys.get, verified)
    } catch (err) {
      if (err instanceof OpenError && err.code === 'no-key') this.waitingForKey.set(tripleOf(blob), blob)
      else this.reject(blob, err instanceof OpenError ? err.code : 'open-failed')
      return null
    }
    this.applied.add(tripleOf(blob))
    let whole = plaintext
    let blobs: DecodedBlob[] = [blob]
    if (blob.parts > 1) {
      const key = groupKeyOf(blob)
      const buffer: PartBuffer = this.partial.get(key) ?? { parts: blob.parts, got: new Map(), blobs: [] }
      buffer.got.set(blob.part, plaintext)
      buffer.blobs.push(blob)
      this.partial.set(key, buffer)
      if (buffer.got.size < buffer.parts) return null
      this.partial.delete(key)
      blobs = buffer.blobs
      whole = joinParts([...buffer.got.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p))
    }
    try {
      return { author: toHex(blob.author), kind: blob.kind, content: decodeContent(whole), blobs }
    } catch {
      this.reject(blob, 'content-malformed')
      return null
    }
  }

  private retryWaiting(): void {
    const waiting = [...this.waitingForKey.values()]
    this.waitingForKey.clear()
    let appliedAny = false
    for (const blob of waiting) if (this.applyOpened(this.openContent(blob, true))) appliedAny = true
    if (appliedAny) this.retryWaitingForDeps()
  }

  private reject(blob: DecodedBlob, reason: string): void {
    const entry = { triple: tripleOf(blob), kind: blob.kind, author: toHex(blob.author), reason, at: Date.now() }
    this.quarantine.push(entry)
    this.o.onQuarantine?.(entry)
  }

  private countTowardsCompaction(blob: DecodedBlob): void {
    if (blob.kind === 'snapshot' && blob.part === 0) {
      this.blobsSinceSnapshot = 0
      this.bytesSinceSnapshot = 0
    } else if (blob.kind === 'update') {
      this.blobsSinceSnapshot += 1
      this.bytesSinceSnapshot += blob.bytes.length
    }
  }

  // ---- writing ----

  /** The first change after a quiet moment goes out at once; later ones wait for the window's end. */
  private onPlanUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REMOTE_ORIGIN || this.destroyed) return
    this.queue.push(update)
    if (this.windowTimer === null) {
      this.flush()
      this.windowTimer = setTimeout(this.endWindow, this.o.flushWindowMs ?? FLUSH_WINDOW_MS)
    }
  }

  private endWindow = (): void => {
    this.windowTimer = null
    if (this.queue.length === 0) return
    this.flush()
    this.windowTimer = setTimeout(this.endWindow, this.o.flushWindowMs ?? FLUSH_WINDOW_MS)
  }

  /** Seals what is queued into one record (split in parts past 60 KiB) and pushes it to the log. */
  flush(): void {
    if (this.queue.length === 0) return
    const newest = this.o.keys.newest()
    // without a key or the right, keep the changes queued rather than lose them
    if (!newest || !this.o.canWrite()) return
    const merged = this.queue.length === 1 ? this.queue[0]! : Y.mergeUpdates(this.queue)
    this.queue = []
    // P5: what this device writes under is its own (Yjs gives the doc a new id if another's came in)
    const me = toHex(this.o.writer.identity.publicKey)
    for (const c of Y.parseUpdateMeta(merged).from.keys()) if (!this.contentAuthors.has(c)) this.contentAuthors.set(c, me)
    const content = { writtenAt: Date.now(), update: merged }
    const parts = splitIntoParts(encodeContent(content))
    const view = this.viewDue(content.writtenAt)
    const blobs = parts.map((part, i) =>
      sealRecord(
        this.o.writer,
        this.o.planId,
        newest.epoch,
        newest.key,
        { kind: 'update', part: i, parts: parts.length, ...(i === 0 && view ? { view } : {}) },
        part,
      ),
    )
    this.o.envelope.transact(() => this.append(blobs), LOCAL_ORIGIN)
    this.noteActivity({ author: toHex(this.o.writer.identity.publicKey), kind: 'update', content, blobs: [] })
  }

  /** This writer's view if one is due (VIEW_INTERVAL_MS since the last), else null. */
  /**
   * This writer's view if one is due (VIEW_INTERVAL_MS since the last), else null. Only heads that
   * moved since this session's last view, and never its own session (each record's `prev` names
   * that): whoever holds one of this session's records either holds the earlier ones, and their
   * views, or sees by the chain that it lacks them (P6), so repeating a head proves nothing new.
   */
  private viewDue(now: number): Head[] | null {
    const interval = this.o.viewIntervalMs ?? VIEW_INTERVAL_MS
    if (interval <= 0 || now - this.lastViewAt < interval) return null
    this.lastViewAt = now
    const own = sessionKeyOf(this.o.writer.identity.publicKey, this.o.writer.session)
    const moved: Head[] = []
    for (const h of viewOf(this.o.room)) {
      const key = sessionKeyOf(h.author, h.session)
      if (key === own || this.lastView.get(key) === h.seq) continue
      this.lastView.set(key, h.seq)
      moved.push(h)
    }
    return moved
  }

  /** Pushes records built elsewhere (membership, lockboxes) as this device's own. */
  pushRecords(blobs: Uint8Array[]): void {
    this.o.envelope.transact(() => this.append(blobs), LOCAL_ORIGIN)
  }

  /**
   * Yjs's push walks to the log's end from its furthest search marker, and a log that is only
   * pushed to and compacted has none: the walk went over every tombstone, once per record.
   * Reading the last entry first leaves a marker there (same place, same origins as push).
   */
  private append(blobs: Uint8Array[]): void {
    if (this.log.length > 0) this.log.get(this.log.length - 1)
    this.log.push(blobs)
  }

  hasUnflushed(): boolean {
    return this.queue.length > 0
  }

  private maybeCompact(): void {
    const blobsLimit = this.o.compactAfterBlobs ?? COMPACT_AFTER_BLOBS
    const bytesLimit = this.o.compactAfterBytes ?? COMPACT_AFTER_BYTES
    if (this.blobsSinceSnapshot < blobsLimit && this.bytesSinceSnapshot < bytesLimit) return
    this.compact()
  }

  /**
   * Folds the plan into one snapshot under the newest key and deletes the records it covers,
   * in one envelope transaction. Covers only unbroken runs of seqs this device opened, so a
   * record it could not open (or never saw) is never deleted.
   */
  compact(opts: { force?: boolean } = {}): boolean {
    const newest = this.o.keys.newest()
    if (!newest || !this.o.canCompact() || this.destroyed) return false
    this.flush()
    const covers = this.computeCovers()
    const coverBySession = new Map(covers.map((c) => [sessionKeyOf(c.author, c.session), c.seq]))
    const toDelete: number[] = []
    let index = 0
    for (let item = this.log._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      if (item instanceof Item && item.content instanceof ContentBinary) {
        const blob = safeDecode(item.content.content)
        if (blob && (blob.kind === 'update' || blob.kind === 'snapshot')) {
          const upTo = coverBySession.get(sessionKeyOf(blob.author, blob.session))
          if (upTo !== undefined && blob.seq <= upTo) toDelete.push(index)
        }
      }
      index += 1
    }
    // forced (a key rotation): the plan must exist under the new key even if nothing is deleted
    if (toDelete.length === 0 && !opts.force) return false
    const content = { writtenAt: Date.now(), update: Y.encodeStateAsUpdate(this.o.plan) }
    const parts = splitIntoParts(encodeContent(content))
    // the covers name each covered session's head with its hash: the view adds what they do not reach
    const view =
      (this.o.viewIntervalMs ?? VIEW_INTERVAL_MS) > 0
        ? viewOf(this.o.room).filter((h) => h.seq > (coverBySession.get(sessionKeyOf(h.author, h.session)) ?? 0))
        : null
    const blobs = parts.map((part, i) =>
      sealRecord(
        this.o.writer,
        this.o.planId,
        newest.epoch,
        newest.key,
        { kind: 'snapshot', part: i, parts: parts.length, covers: i === 0 ? covers : [], ...(i === 0 && view ? { view } : {}) },
        part,
      ),
    )
    this.o.envelope.transact(() => {
      for (let i = toDelete.length - 1; i >= 0; i--) this.log.delete(toDelete[i]!, 1)
      this.append(blobs)
    }, LOCAL_ORIGIN)
    this.noteActivity({ author: toHex(this.o.writer.identity.publicKey), kind: 'snapshot', content, blobs: [] })
    return true
  }

  private computeCovers(): Cover[] {
    const sessions = new Map<string, { author: Uint8Array; session: Uint8Array; seqs: Set<number>; base: number }>()
    const entry = (author: Uint8Array, session: Uint8Array) => {
      const key = sessionKeyOf(author, session)
      let e = sessions.get(key)
      if (!e) sessions.set(key, (e = { author, session, seqs: new Set(), base: 0 }))
      return e
    }
    for (const group of this.o.room.snapshots.values()) {
      if (!group.covers || group.present.size !== group.parts) continue
      for (const [key, seq] of group.covers) {
        const e = sessions.get(key)
        if (e) e.base = Math.max(e.base, seq)
        else {
          const [authorHex, sessionHex] = key.split(':') as [string, string]
          sessions.set(key, { author: fromHex(authorHex), session: fromHex(sessionHex), seqs: new Set(), base: seq })
        }
      }
    }
    for (const { blob } of liveBlobs(this.o.envelope)) {
      if (this.applied.has(tripleOf(blob))) entry(blob.author, blob.session).seqs.add(blob.seq)
    }
    const covers: Cover[] = []
    for (const e of sessions.values()) {
      let seq = e.base
      while (e.seqs.has(seq + 1)) seq += 1
      // R15: the cover names the hash of the record it reaches, so the chain outlives its deletion
      if (seq > 0) covers.push({ author: e.author, session: e.session, seq, hash: coverHash(this.o.room, sessionKeyOf(e.author, e.session), seq) })
    }
    return covers
  }

  /** Seals what is still queued, then stops: closing a tab mid-window loses nothing. */
  destroy(): void {
    this.flush()
    this.destroyed = true
    if (this.windowTimer !== null) clearTimeout(this.windowTimer)
    this.log.unobserve(this.onLogChange)
    this.o.plan.off('update', this.onPlanUpdate)
    this.stopKeyListener?.()
  }
}

/**
 * Held records by the id each waits for: per Yjs client, ordered by clock, so finding the ready
 * ones costs what is ready, not what is held. A record whose missing id is not known (rare) is
 * retried whenever something else applied, as all were before.
 */
class WaitingForDeps {
  private readonly byClient = new Map<number, { clock: number; order: number; key: string }[]>()
  private readonly unknown = new Map<string, number>()
  private readonly records = new Map<string, { record: Opened; order: number }>()
  private nextOrder = 0

  get size(): number {
    return this.records.size
  }

  hold(key: string, record: Opened, missing: { client: number; clock: number } | undefined): void {
    const order = this.records.get(key)?.order ?? this.nextOrder++
    this.records.set(key, { record, order })
    if (!missing) {
      this.unknown.set(key, order)
      return
    }
    const list = this.byClient.get(missing.client) ?? []
    // kept sorted by clock, descending, so the ready ones are popped from the end
    let i = list.length
    while (i > 0 && list[i - 1]!.clock < missing.clock) i--
    list.splice(i, 0, { clock: missing.clock, order, key })
    this.byClient.set(missing.client, list)
  }

  /** Removes and returns, in log order, the records whose missing id the plan now holds (and, if `anyApplied`, those of unknown need). */
  takeReady(plan: Y.Doc, anyApplied: boolean): Opened[] {
    const ready: { record: Opened; order: number }[] = []
    const take = (key: string) => {
      const entry = this.records.get(key)
      if (!entry) return
      this.records.delete(key)
      ready.push(entry)
    }
    for (const [client, list] of this.byClient) {
      const state = Y.getState(plan.store, client)
      while (list.length > 0 && list[list.length - 1]!.clock < state) take(list.pop()!.key)
      if (list.length === 0) this.byClient.delete(client)
    }
    if (anyApplied) {
      for (const key of this.unknown.keys()) take(key)
      this.unknown.clear()
    }
    return ready.sort((a, b) => a.order - b.order).map((e) => e.record)
  }
}

function safeDecode(bytes: Uint8Array): DecodedBlob | null {
  try {
    return decodeBlob(bytes)
  } catch {
    return null
  }
}

/**
 * The items a transaction added to the log, in log order. `event.changes` walks the log's whole
 * list, and that list keeps every compacted record as a tombstone: once per record, it made a
 * long meeting quadratic (a device spent most of its time there). What one client added (every
 * record of a live meeting, each of our own) lies in that client's structs from the state before
 * the transaction, in clock order, which is its log order (a log only grows at its end); only
 * items of several clients (a step 2) need the walk to be put in log order.
 */
export function addedToLog(event: Y.YArrayEvent<Uint8Array>, tx: Y.Transaction): Iterable<Item> {
  const log = event.target as unknown as Y.AbstractType<unknown>
  const found: Item[] = []
  let clients = 0
  for (const [client, after] of tx.afterState) {
    const before = tx.beforeState.get(client) ?? 0
    if (after <= before) continue
    const structs = tx.doc.store.clients.get(client)!
    let any = false
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!
      if (struct instanceof Item && struct.parent === log && struct.id.clock >= before) {
        found.push(struct)
        any = true
      }
    }
    if (any) clients += 1
    if (clients > 1) return event.changes.added
  }
  return found
}
