/**
 * R20/R22 on the device: whether this plan is erased, and from what. Two ways in: the device's own
 * log holds a complete pair (it was connected when the second half came), or the relay says so
 * (MESSAGE_ERASED, on connect to an erased plan). The relay's word alone counts for nothing: its
 * notice carries signed records, the two halves of an erasure on request or the close that named
 * a retention end now passed, and only if they prove that against this device's own membership
 * state (signatures, who may write each record, two people; the end by this device's clock) does
 * the device delete its copy. A relay cannot make devices throw a plan away.
 */
import { decodeBlob, type Party } from '../../sync/blob'
import { bytesEqual } from '../../sync/bytes'
import { ERASE_CLOCK_SKEW_MS, type Erasure } from '../../sync/erase'
import type { ErasedNotice } from '../../sync/protocol'
import { applyRecord, checkIntrinsic, checkRecord, draftOf, retentionPassedAt, tripleOf, type RoomState } from '../../sync/roomState'

/** What the device tells the person (and keeps, without any plan content) once a plan is erased here. */
export interface PlanErased {
  /** ms: when the relay erased it (its notice), or the later half's time (the device's own log) */
  erasedAt: number
  /** 'erased': on request (R20); 'retention': its retention end passed (R22, or judged on this device by its policy) */
  reason: 'erased' | 'retention'
  /** who asked: a parent with gezag or the youth from 16 (no name is kept) */
  requestedBy?: Party
}

/**
 * What the notice proves against `room`: an erasure on request (R20: two erase halves), or a
 * retention end that has passed (R22: the standing close that names it, the device's own or the
 * one the notice carries, signed by an admin of this plan); null when it proves neither (forged,
 * unknown authors, one half, an end still to come by this device's clock).
 */
export function erasedFromNotice(room: RoomState, notice: ErasedNotice, now: number): PlanErased | null {
  if (room.erasure) return erasedOf(room, room.erasure, notice.erasedAt)
  const draft = draftOf(room)
  try {
    for (const bytes of notice.proof) {
      const blob = decodeBlob(bytes)
      if (blob.kind !== 'erase' && !(blob.kind === 'close' && blob.op === 'close')) return null
      if (blob.kind === 'close') {
        // the close this device holds already stands in its state: nothing to apply
        if (room.closure && bytesEqual(room.closure.record, bytes)) continue
        // one it took before and saw reopened: replayed, it would close the plan again here (R8)
        if (room.seen.has(tripleOf(blob))) return null
      }
      checkIntrinsic(room.planIdHex, blob)
      // what a relay holds was judged when it came: by the roles its authors ever had, no clock
      checkRecord(draft, blob, now, { historicContent: true })
      applyRecord(draft, blob)
    }
  } catch {
    return null
  }
  if (draft.erasure) return erasedOf(room, draft.erasure, notice.erasedAt)
  // the relay's clock and this device's differ by minutes, never by the term of a retention
  if (retentionPassedAt(draft, now + ERASE_CLOCK_SKEW_MS)) return { erasedAt: notice.erasedAt, reason: 'retention' }
  return null
}

/** What the device keeps of an erasure it carried out. */
export function erasedOf(room: RoomState, erasure: Erasure, erasedAt: number): PlanErased {
  const requestedBy = room.parties.get(erasure.requestedBy)
  return { erasedAt, reason: 'erased', ...(requestedBy ? { requestedBy } : {}) }
}
