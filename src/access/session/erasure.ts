/**
 * R20 on the device: whether this plan is erased, and from what. Two ways in: the device's own
 * log holds a complete pair (it was connected when the second half came), or the relay says so
 * (MESSAGE_ERASED, on connect to an erased plan). The relay's word alone counts for nothing: its
 * notice carries the two signed halves, and only if they make a complete erasure against this
 * device's own membership state (signatures, who may write each half, two people) does the
 * device delete its copy. A relay cannot make devices throw a plan away.
 */
import { decodeBlob, type Party } from '../../sync/blob'
import type { Erasure } from '../../sync/erase'
import type { ErasedNotice } from '../../sync/protocol'
import { applyRecord, checkIntrinsic, checkRecord, draftOf, type RoomState } from '../../sync/roomState'

/** What the device tells the person (and keeps, without any plan content) once a plan is erased here. */
export interface PlanErased {
  /** ms: when the relay erased it (its notice), or the later half's time (the device's own log) */
  erasedAt: number
  /** 'erased': on request (R20); 'retention': its retention end passed (judged on this device) */
  reason: 'erased' | 'retention'
  /** who asked: a parent with gezag or the youth from 16 (no name is kept) */
  requestedBy?: Party
}

/** The erasure the notice proves against `room`, or null when it proves none (forged, unknown authors, one half). */
export function erasureFromNotice(room: RoomState, notice: ErasedNotice, now: number): Erasure | null {
  if (room.erasure) return room.erasure
  const draft = draftOf(room)
  try {
    for (const bytes of notice.proof) {
      const blob = decodeBlob(bytes)
      if (blob.kind !== 'erase') return null
      checkIntrinsic(room.planIdHex, blob)
      // what a relay holds was judged when it came: by the roles its authors ever had, no clock
      checkRecord(draft, blob, now, { historicContent: true })
      applyRecord(draft, blob)
    }
  } catch {
    return null
  }
  return draft.erasure
}

/** What the device keeps of an erasure it carried out. */
export function erasedOf(room: RoomState, erasure: Erasure, erasedAt: number): PlanErased {
  const requestedBy = room.parties.get(erasure.requestedBy)
  return { erasedAt, reason: 'erased', ...(requestedBy ? { requestedBy } : {}) }
}
