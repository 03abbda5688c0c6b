/**
 * Key rotation as the session does it: a new epoch key for everyone who stays, the records that
 * carry it, and the whole plan re-sealed under it. One copy for every path that renews the key
 * (a removal, a withdrawn consent, an access end, a plain rotation); each checks its own right
 * to do so (an admin) before it calls here.
 */
import { generateContentKey } from '../../crypto'
import type { EnvelopeBridge } from '../../sync/bridge'
import type { EpochKeys } from '../../sync/epochKeys'
import type { Writer } from '../../sync/records'
import type { RoomState } from '../../sync/roomState'
import { AccessError } from '../errors'
import { removalRecords, rotationRecords, type Rotation } from '../rotation'

export interface Resealing {
  writer: Writer
  keys: EpochKeys
  bridge: Pick<EnvelopeBridge, 'flush' | 'compact'>
  /** checks and sends this device's own records */
  pushOwnRecords(records: Uint8Array[]): void
}

/**
 * Removes `removed` (none: a plain rotation) as `room` has them, with `first` (a consent's
 * withdrawal) before the records, and re-seals the plan under a new key. Throws `forbidden` when
 * this device holds no key for the plan.
 */
export function renewKey(s: Resealing, room: RoomState, removed: readonly string[], now: number, first: Uint8Array[] = []): void {
  const current = s.keys.newest()
  if (!current) throw new AccessError('forbidden', 'this device has no key for the plan')
  const nextKey = generateContentKey()
  const rotation =
    removed.length > 0 ? removalRecords(s.writer, room, removed, current.epoch, nextKey, now) : rotationRecords(s.writer, room, current.epoch, nextKey, now)
  reseal(s, { epoch: rotation.epoch, records: [...first, ...rotation.records] }, nextKey)
}

/**
 * What was typed before goes out under the old key, as before; then the rotation's records,
 * the new key, and the whole plan re-sealed under it as a snapshot replacing what came before.
 */
function reseal(s: Resealing, rotation: Rotation, nextKey: Uint8Array): void {
  s.bridge.flush()
  s.pushOwnRecords(rotation.records)
  s.keys.add(rotation.epoch, nextKey)
  s.bridge.compact({ force: true })
}
