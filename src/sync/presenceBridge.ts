/**
 * Mirrors presence between the plan-level awareness (plaintext, what editors and the UI use)
 * and the envelope awareness (what y-websocket sends: one sealed field per client).
 */
import type { Awareness } from 'y-protocols/awareness'
import type { EpochKeys } from './epochKeys'
import { openPresence, presenceSession, readPresence, sealPresence, type PresenceBlob } from './presence'
import type { Writer } from './records'
import type { RoomState } from './roomState'
import { toHex } from './bytes'

const REMOTE = 'samenplan:presence'

/**
 * States looked at per awareness update. A relay sends one update per change, and everyone here
 * at once when we connect; a plan has far fewer people than this. A larger update is a relay
 * making us work: the rest is ignored (a real presence is renewed every 15 s and arrives then).
 */
export const MAX_PRESENCES_PER_UPDATE = 64
/** Remote presences shown at once: far more than a plan's people and their tabs; more are ignored. */
export const MAX_REMOTE_PRESENCES = 256

export interface PresenceBridgeOptions {
  planId: Uint8Array
  writer: Writer
  room: RoomState
  keys: EpochKeys
  plan: Awareness
  envelope: Awareness
  /** verifies and opens one presence; tests count the calls (the expensive part) through it */
  open?: typeof openPresence
}

/** A presence shown under an awareness id: the bytes opened, and whose session at which seq. */
interface Shown {
  p: string
  session: string
  seq: number
}

export function bridgePresence(o: PresenceBridgeOptions): () => void {
  const open = o.open ?? openPresence
  /** what is shown per envelope awareness id; at most MAX_REMOTE_PRESENCES */
  const shown = new Map<number, Shown>()
  /** which id shows each author:session: one person's tab is shown once */
  const idOfSession = new Map<string, number>()

  const forget = (id: number): boolean => {
    const had = shown.get(id)
    if (!had) return false
    shown.delete(id)
    if (idOfSession.get(had.session) === id) idOfSession.delete(had.session)
    o.plan.meta.delete(id)
    return o.plan.states.delete(id)
  }

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
    // cheap first: decode and compare (no signature, no decryption) to drop renewals, replays
    // and the same session under another id; then at most one open per state kept
    for (const id of [...added, ...updated].slice(0, MAX_PRESENCES_PER_UPDATE)) {
      if (id === o.envelope.clientID) continue
      const state = o.envelope.getStates().get(id) as { p?: unknown } | undefined
      const before = shown.get(id)
      if (before !== undefined && state?.p === before.p) {
        // the same bytes again (y-websocket renews every 15 s): opened already; only keep it alive
        o.plan.meta.set(id, { clock: before.seq, lastUpdated: now })
        continue
      }
      let blob: PresenceBlob
      try {
        blob = readPresence(o.room.planIdHex, state ?? null)
      } catch {
        continue
      }
      const session = presenceSession(blob)
      const shownAt = idOfSession.get(session)
      if (shownAt !== undefined && shown.get(shownAt)!.seq >= blob.seq) continue // a replay, here or under another id
      if (before === undefined && shownAt === undefined && shown.size >= MAX_REMOTE_PRESENCES) continue
      const opened = open(o.room, blob, o.keys.get, now)
      if (!opened) continue
      // recorded only now, so a forged higher seq cannot shadow the real one
      if (shownAt !== undefined && shownAt !== id && forget(shownAt)) changed.removed.push(shownAt)
      if (before !== undefined && idOfSession.get(before.session) === id) idOfSession.delete(before.session)
      shown.set(id, { p: state!.p as string, session, seq: opened.seq })
      idOfSession.set(session, id)
      const had = o.plan.states.has(id)
      o.plan.states.set(id, { ...(opened.state as object), memberKey: opened.author })
      o.plan.meta.set(id, { clock: opened.seq, lastUpdated: now })
      ;(had ? changed.updated : changed.added).push(id)
    }
    for (const id of removed) if (forget(id)) changed.removed.push(id)
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
