/**
 * The rooms in memory: loaded on first use, kept while anyone is connected or being admitted,
 * unloaded after a quiet period. Loading is shared, so two connections racing to the same new
 * room get one doc.
 *
 * On a store other relays share, a room catches up when another relay signals a commit of its
 * plan, when the signals come back after a break, and every `catchUpPollMs` for rooms whose
 * stored version moved on without a signal (a lost notification repairs itself).
 */
import { describeError, log } from './log'
import { Room, type RoomOptions } from './room'

export class Rooms {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>()

  private readonly poll: NodeJS.Timeout | null = null

  constructor(private readonly opts: RoomOptions & { idleMs: number; catchUpPollMs: number }) {
    const { signals } = opts.store
    if (!signals.shared) return
    signals.onCommit((plan, version) => {
      const room = this.rooms.get(plan)
      if (room && version > room.version) this.catchUp(room, true)
    })
    signals.onPresence((plan, update) => this.rooms.get(plan)?.applyRemotePresence(update))
    signals.onResumed(() => {
      for (const room of this.rooms.values()) this.catchUp(room)
    })
    this.poll = setInterval(() => {
      this.catchUpBehind().catch((err) => log('warn', 'room-version-check-failed', describeError(err)))
    }, opts.catchUpPollMs)
    this.poll.unref()
  }

  /** The plan's room if it is in memory now. */
  get(planHex: string): Room | undefined {
    return this.rooms.get(planHex)
  }

  private catchUp(room: Room, signalled = false): void {
    room.run(() => room.catchUp(signalled)).catch((err) => log('warn', 'room-catch-up-failed', { room: room.name, ...describeError(err) }))
  }

  /** One query for every room in memory: those whose plan another relay moved on catch up. */
  private async catchUpBehind(): Promise<void> {
    if (this.rooms.size === 0) return
    const versions = await this.opts.store.versions([...this.rooms.keys()])
    for (const [plan, version] of versions) {
      const room = this.rooms.get(plan)
      if (room && version > room.version) this.catchUp(room)
    }
  }

  get size(): number {
    return this.rooms.size
  }

  /** Whether the plan's room is in memory (or being loaded) now. */
  has(planHex: string): boolean {
    return this.rooms.has(planHex) || this.loading.has(planHex)
  }

  /** Takes a reference to the plan's room, loading it if needed; pair with `release`. */
  async open(planId: Uint8Array): Promise<Room> {
    const key = Buffer.from(planId).toString('hex')
    let room = this.rooms.get(key)
    if (!room || room.broken) {
      let pending = this.loading.get(key)
      if (!pending) {
        pending = Room.load(planId, this.opts).finally(() => this.loading.delete(key))
        this.loading.set(key, pending)
      }
      room = await pending
      if (this.rooms.get(key) !== room) {
        const old = this.rooms.get(key)
        if (old) this.drop(old)
        this.rooms.set(key, room)
      }
    }
    room.refs += 1
    const timer = this.idleTimers.get(room)
    if (timer) {
      clearTimeout(timer)
      this.idleTimers.delete(room)
    }
    return room
  }

  release(room: Room): void {
    room.refs -= 1
    if (room.broken) {
      if (room.refs <= 0) this.drop(room)
      return
    }
    if (room.refs > 0 || this.idleTimers.has(room)) return
    const timer = setTimeout(() => {
      this.idleTimers.delete(room)
      if (room.refs > 0) return
      // let anything still queued finish before the doc goes away
      room.run(() => (room.refs > 0 ? undefined : this.drop(room))).catch((err) => log('error', 'room-unload-failed', describeError(err)))
    }, this.opts.idleMs)
    timer.unref()
    this.idleTimers.set(room, timer)
  }

  /** Waits for every room's queued work (shutdown: everything accepted is stored). */
  async drain(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => room.run(() => undefined).catch(() => undefined)))
  }

  unloadAll(): void {
    if (this.poll) clearInterval(this.poll)
    for (const room of [...this.rooms.values()]) this.drop(room)
  }

  private drop(room: Room): void {
    const timer = this.idleTimers.get(room)
    if (timer) clearTimeout(timer)
    this.idleTimers.delete(room)
    if (this.rooms.get(room.planHex) === room) this.rooms.delete(room.planHex)
    room.destroy()
    log('debug', 'room-unload', { room: room.name })
  }
}
