/**
 * P7 for one open plan: the plan-state code at the last snapshot, carried in this device's
 * presence (encrypted and signed, R11: the relay can drop it, not change it), and compared with
 * every other device's that names the same point. A different code there is a fork.
 */
import type { Awareness } from 'y-protocols/awareness'
import { planStatePoint, type PlanStatePoint } from '../../sync/planStatePoint'
import type { RoomState } from '../../sync/roomState'
import { planStateCode } from '../planStateCode'

/** What presence carries: the point's triple and the code there. */
export interface PresencePlanState {
  at: string
  code: string
}

export class PlanStateWatch {
  private point: PlanStatePoint | null = null
  private code: string | null = null
  /** member key -> the point where its code differed, and since when */
  private readonly differs = new Map<string, { at: string; since: number }>()

  constructor(
    private readonly room: RoomState,
    private readonly awareness: Awareness,
    private readonly onChange: () => void,
  ) {
    awareness.on('change', this.compare)
    this.refresh()
  }

  /** The log changed: a new snapshot moves the point; presence then says so. Cheap when nothing moved. */
  refresh(): void {
    const point = planStatePoint(this.room)
    if (point?.at !== this.point?.at || point?.hash !== this.point?.hash) {
      this.point = point
      this.code = planStateCode(point)
      this.compare()
    }
    this.announce()
  }

  /** Into this device's presence, when the UI shows presence (a null local state stays null). */
  private announce(): void {
    const local = this.awareness.getLocalState() as { planState?: PresencePlanState } | null
    if (!local || !this.point || !this.code) return
    if (local.planState?.at === this.point.at && local.planState.code === this.code) return
    this.awareness.setLocalStateField('planState', { at: this.point.at, code: this.code })
  }

  private compare = (): void => {
    let changed = false
    const seen = new Set<string>()
    for (const [id, state] of this.awareness.getStates()) {
      if (id === this.awareness.clientID) continue
      const s = state as { memberKey?: unknown; planState?: { at?: unknown; code?: unknown } }
      if (typeof s.memberKey !== 'string' || typeof s.planState?.at !== 'string' || typeof s.planState.code !== 'string') continue
      // only the same point says anything: another snapshot is a matter of sync, which P6 watches
      if (!this.point || s.planState.at !== this.point.at) continue
      seen.add(s.memberKey)
      const before = this.differs.get(s.memberKey)
      if (s.planState.code !== this.code) {
        if (!before || before.at !== this.point.at) {
          this.differs.set(s.memberKey, { at: this.point.at, since: Date.now() })
          changed = true
        }
      } else if (before) {
        this.differs.delete(s.memberKey)
        changed = true
      }
    }
    if (changed) this.onChange()
    // the local state may have been replaced (the plan view sets name and colour): put the code back
    this.announce()
  }

  current(): { code: string | null; differs: { memberKey: string; since: number }[] } {
    return { code: this.code, differs: [...this.differs].map(([memberKey, d]) => ({ memberKey, since: d.since })) }
  }

  destroy(): void {
    this.awareness.off('change', this.compare)
  }
}
