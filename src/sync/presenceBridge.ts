/**
 * Mirrors presence between the plan-level awareness (plaintext, what editors and the UI use)
 * and the envelope awareness (what y-websocket sends: one sealed field per client).
 */
import { Awareness } from 'y-protocols/awareness'
import type { EpochKeys } from './epochKeys'
import { openPresence, sealPresence } from './presence'
import type { Writer } from './records'
import type { RoomState } from './roomState'
import { toHex } from './bytes'

const REMOTE = 'samenplan:presence'

export interface PresenceBridgeOptions {
  planId: Uint8Array
  writer: Writer
  room: RoomState
  keys: EpochKeys
  plan: Awareness
  envelope: Awareness
}

export function bridgePresence(o: PresenceBridgeOptions): () => void {
  /** last seq seen per author:session, so a replayed older presence is ignored */
  const lastSeq = new Map<string, number>()

  const sealLocal = () => {
    const local = o.plan.getLocalState()
    const newest = o.keys.newest()
    // before its claim is accepted a device is nobody here: the relay would refuse its presence
    const member = o.room.members.has(toHex(o.writer.identity.publicKey))
    if (local === null || !newest || !member) {
      o.envelope.setLocalState(null)
      return
    }
    o.envelope.setLocalState(sealPresence(o.writer, o.planId, newest.epoch, newest.key, local))
  }

  const onPlanUpdate = (_changes: unknown, origin: unknown) => {
    if (origin !== REMOTE) sealLocal()
  }

  const onEnvelopeUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = { added: [] as number[], updated: [] as number[], removed: [] as number[] }
    const now = Date.now()
    for (const id of [...added, ...updated]) {
      if (id === o.envelope.clientID) continue
      const opened = openPresence(o.room, o.envelope.getStates().get(id) ?? null, o.keys.get, now)
      if (!opened) continue
      const sessionKey = `${opened.author}:${opened.session}`
      if ((lastSeq.get(sessionKey) ?? 0) > opened.seq) continue
      lastSeq.set(sessionKey, opened.seq)
      const state = { ...(opened.state as object), memberKey: opened.author }
      const had = o.plan.states.has(id)
      o.plan.states.set(id, state)
      o.plan.meta.set(id, { clock: opened.seq, lastUpdated: now })
      ;(had ? changed.updated : changed.added).push(id)
    }
    for (const id of removed) {
      if (o.plan.states.delete(id)) {
        o.plan.meta.delete(id)
        changed.removed.push(id)
      }
    }
    if (changed.added.length + changed.updated.length + changed.removed.length > 0) {
      o.plan.emit('change', [changed, REMOTE])
    }
    o.plan.emit('update', [changed, REMOTE])
  }

  o.plan.on('update', onPlanUpdate)
  o.envelope.on('update', onEnvelopeUpdate)
  const stopKeys = o.keys.onAdded(sealLocal)
  sealLocal()
  return () => {
    o.plan.off('update', onPlanUpdate)
    o.envelope.off('update', onEnvelopeUpdate)
    stopKeys()
  }
}
