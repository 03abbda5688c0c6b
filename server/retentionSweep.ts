/**
 * R22: the relay erases every plan whose retention end has passed, whether or not anyone opens
 * it. The store lists them (one index range scan); each is loaded and judged by its own room,
 * which erases it if its standing close says so and otherwise sets the store's end right.
 */
import { log } from './log'
import type { Rooms } from './rooms'
import type { RelayStore } from './storage/types'

/** plans taken per store query; a sweep goes on while whole batches come back */
const BATCH = 50
/** a bound on one sweep's rounds, should a plan keep coming back (it is logged) */
const MAX_ROUNDS = 20

/** Erases the plans past their retention end at `now`; returns how many went. */
export async function sweepRetention(store: RelayStore, rooms: Rooms, now: number): Promise<number> {
  let erased = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const plans = await store.plansPastRetention(now, BATCH)
    for (const plan of plans) {
      const room = await rooms.open(Buffer.from(plan, 'hex'))
      try {
        // a room that loaded past its end erased itself already
        if (await room.run(() => room.expireRetention(now))) erased += 1
      } finally {
        rooms.release(room)
      }
    }
    if (plans.length < BATCH) return erased
  }
  log('warn', 'retention-sweep-unfinished', { rounds: MAX_ROUNDS, erased })
  return erased
}
