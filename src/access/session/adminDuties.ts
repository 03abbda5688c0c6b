/**
 * What an admin's device does by itself, after a moment at random (admins spread it over
 * ROTATION_JITTER_MS, so usually one acts; two would be harmless, only wasteful):
 * - someone left, or a non-admin removed a lost device of its own: that device still holds the
 *   current key, so an admin rotates it;
 * - a consent was withdrawn on another device (a parent who is not admin) or ran out, or a
 *   guest's time is over (R13 sends no record): an admin removes who is shut out and rotates.
 * Each timer skips when another admin did it meanwhile; an error (another admin's removal raced
 * this one: the relay and this device refuse the second, nothing is lost) is noted, not thrown.
 */
import type { DecodedBlob } from '../../sync/blob'
import { toHex } from '../../sync/bytes'
import type { RoomState } from '../../sync/roomState'
import { shutOutOthers } from '../rotation'

/** Admins spread their automatic rotations over this window, so usually one rotates. */
const ROTATION_JITTER_MS = 2000
/** setTimeout's longest delay; a later access end re-arms when it fires */
const MAX_TIMER_MS = 2 ** 31 - 1

export interface DutiesHost {
  room(): RoomState
  /** this device's member key, hex */
  me(): string
  isAdmin(): boolean
  rotateKey(): void
  removeWithoutConsent(): void
  noteRejected(reason: string): void
}

export class AdminDuties {
  private rotationTimer: ReturnType<typeof setTimeout> | null = null
  private consentTimer: ReturnType<typeof setTimeout> | null = null
  private accessTimer: ReturnType<typeof setTimeout> | null = null
  private stopped = false

  constructor(private readonly host: DutiesHost) {}

  /** A record from another device arrived: a member change may end someone's access or call for a rotation. */
  afterRemoteRecord(blob: DecodedBlob): void {
    if (blob.kind === 'member') this.armAccessEnd()
    if (blob.kind === 'consent' && blob.op === 'withdraw') return this.scheduleConsentRemoval()
    if (blob.kind !== 'member' || blob.op !== 'remove') return
    const room = this.host.room()
    const author = toHex(blob.author)
    // an admin who removes someone rotates in the same breath; a leaver or a non-admin removing
    // its own lost device cannot, so an admin does
    if (author !== toHex(blob.subject) && room.members.get(author) === 'admin') return
    if (!this.host.isAdmin()) return
    const epochWhenLeft = room.epoch
    this.rotationTimer = setTimeout(() => {
      this.rotationTimer = null
      if (this.stopped || !this.host.isAdmin() || this.host.room().epoch > epochWhenLeft) return
      this.attempt('key-rotation', () => this.host.rotateKey())
    }, jitter())
  }

  /** Removes who lost consent or whose time is over, after the jitter; nothing when no one did. */
  scheduleConsentRemoval(): void {
    if (!this.host.isAdmin() || this.consentTimer !== null) return
    if (shutOutOthers(this.host.room(), this.host.me(), Date.now()).length === 0) return
    this.consentTimer = setTimeout(() => {
      this.consentTimer = null
      if (this.stopped) return
      this.attempt('consent-removal', () => this.host.removeWithoutConsent())
    }, jitter())
  }

  /**
   * R13 sends no record when a guest's time is over: an admin's device wakes at the next end
   * it knows of and removes who is shut out then (with the usual jitter).
   */
  armAccessEnd(): void {
    if (this.accessTimer !== null) clearTimeout(this.accessTimer)
    this.accessTimer = null
    if (this.stopped || !this.host.isAdmin()) return
    const now = Date.now()
    // invite keys too: a claim reaches this callback before the room state folds it
    let next = Number.POSITIVE_INFINITY
    for (const until of this.host.room().accessUntil.values()) if (until > now) next = Math.min(next, until)
    if (!Number.isFinite(next)) return
    this.accessTimer = setTimeout(
      () => {
        this.accessTimer = null
        if (this.stopped) return
        this.scheduleConsentRemoval()
        this.armAccessEnd()
      },
      Math.min(next - now + 1, MAX_TIMER_MS),
    )
  }

  stop(): void {
    this.stopped = true
    for (const t of [this.rotationTimer, this.consentTimer, this.accessTimer]) if (t !== null) clearTimeout(t)
  }

  private attempt(what: string, duty: () => void): void {
    try {
      duty()
    } catch (err) {
      this.host.noteRejected(`${what} ${(err as Error).message}`)
    }
  }
}

function jitter(): number {
  return Math.random() * ROTATION_JITTER_MS
}
