/**
 * P6 for one open plan: whether the relay shows this device the whole plan. Wires the chain
 * watch (src/sync/chainWatch.ts) to the session: every record this device takes feeds it, every
 * settled sync round judges it, a refusal with a fork proof (R15) is kept, and while something is
 * proven missing the relay is asked again every RE_REQUEST_MS.
 */
import type { DecodedBlob, Head } from '../../sync/blob'
import { ChainViolation, heldBytes } from '../../sync/chain'
import { ChainWatch, type Fork, type Withheld } from '../../sync/chainWatch'
import type { RoomState } from '../../sync/roomState'
import type { RuleViolation } from '../../sync/rules'
import type * as Y from 'yjs'

/** How often a device that misses records asks the relay again (a sync step 1 costs the relay one diff). */
export const RE_REQUEST_MS = 10_000

/** What the status shows: whose records are missing and since when, and the forks held as proof. */
export interface IntegrityFacts {
  withheld: Withheld[]
  forks: Fork[]
}

export class PlanIntegrity {
  private readonly watch: ChainWatch
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    room: RoomState,
    envelope: Y.Doc,
    /** asks the relay again; false when not connected (the next connect asks anyway) */
    private readonly requestSync: () => boolean,
    private readonly onChange: () => void,
  ) {
    this.watch = new ChainWatch(room, (triple) => heldBytes(room, envelope, triple))
    this.watch.onChange(() => {
      this.keepAsking()
      this.onChange()
    })
  }

  /** a record this device holds or took */
  observe(blob: DecodedBlob): void {
    this.watch.observe(blob)
  }

  /** a view a verified presence carried (`evidence`: the presence blob) */
  observeView(view: readonly Head[], by: string, evidence: Uint8Array): void {
    this.watch.observeView(view, by, evidence)
  }

  /** the device refused an update: a broken chain from the relay is a fork, its proof kept */
  refused(error: RuleViolation): void {
    if (error instanceof ChainViolation) this.watch.fork(error.proof)
  }

  /** a sync round ended: judge what views and links claimed */
  settle(now = Date.now()): void {
    this.watch.settle(now)
  }

  facts(): IntegrityFacts {
    return { withheld: this.watch.withheld(), forks: this.watch.forked() }
  }

  /** While anything is proven missing, ask the relay again now and then; stop once all arrived. */
  private keepAsking(): void {
    const missing = this.watch.withheld().length > 0
    if (missing && this.timer === null) this.timer = setInterval(() => this.requestSync(), RE_REQUEST_MS)
    if (!missing && this.timer !== null) {
      clearInterval(this.timer)
      this.timer = null
    }
  }

  destroy(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }
}
