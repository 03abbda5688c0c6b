/**
 * What a connection may put in a room's awareness (R11), decided before any signature is
 * checked, so that an awareness message costs work linear in its size and at most one signature
 * check per state it keeps.
 *
 * Awareness lets any connection write any client id; the gate does not. A connection owns the
 * ids it names (at most MAX_AWARENESS_IDS_PER_CONNECTION), a presence under them must be
 * authored by the connection's key, and a presence whose (author, session, seq) is not newer
 * than the one relayed for that session is a replay, dropped without verifying.
 *
 * y-websocket clients send back every awareness change they see, other clients' states and
 * removals included. Those echoes are dropped quietly (never refused): a state for an id owned by
 * someone else whose clock is not newer than the relay's, or any `null` for an id this connection
 * does not own.
 */
import type * as awarenessProtocol from 'y-protocols/awareness'
import { toHex } from '../src/sync/bytes'
import { mayBePresent, presenceSession, readPresence, type PresenceBlob } from '../src/sync/presence'
import { verifyBlob } from '../src/sync/records'
import type { RoomState } from '../src/sync/roomState'
import { RuleViolation, type RuleId } from '../src/sync/rules'
import type { AwarenessEntry } from './messages'
import type { Peer } from './peer'

/**
 * One per open tab behind one socket is 1 (each tab has its own socket in Samenplan); 4 leaves
 * slack for a client whose awareness id changes (a doc's client id is renewed on a conflict).
 */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4
/** A presence is one small state per open tab; more in one message is not a client. */
export const MAX_AWARENESS_ENTRIES = 64
/**
 * How long the clock of an id whose state is gone is kept: an echo of its last state (sent back
 * by another client within a round trip) must still be known as old, and a minute is many round
 * trips; after that the entry goes, so the awareness's meta does not grow with every tab ever seen.
 */
const GONE_ID_CLOCK_KEPT_MS = 60_000

export type AwarenessVerdict =
  | { ok: false; error: RuleViolation }
  | {
      ok: true
      /** the entries to apply and relay, in message order */
      kept: AwarenessEntry[]
      /** how many were dropped (echoes, replays, not yet a member) */
      dropped: number
      /** how many signatures were checked: at most one per kept entry */
      verified: number
      /** records ownership and the relayed seqs; call only when the kept entries are applied */
      commit(): void
    }

interface Relayed {
  session: string
  seq: number
}

export class AwarenessGate {
  /** the connection that owns each awareness id named in this room */
  private readonly owners = new Map<number, Peer>()
  /** the presence relayed under each id: bounded by the ids owned by connected peers */
  private readonly relayed = new Map<number, Relayed>()
  /** per author:session, the newest seq relayed; removed with the id that carried it */
  private readonly newest = new Map<string, number>()

  constructor(private readonly awareness: awarenessProtocol.Awareness) {}

  /** Decides on one awareness message from `peer`. Nothing changes until `commit()`. */
  check(state: RoomState, peer: Peer, entries: AwarenessEntry[], now: number): AwarenessVerdict {
    if (entries.length > MAX_AWARENESS_ENTRIES) {
      return refuse('R9', 'presence-too-many', `at most ${MAX_AWARENESS_ENTRIES} states per message`)
    }
    const me = presenceKeyOf(state, peer)
    const named = new Set<number>()
    const claimed: number[] = []
    const taken: Array<{ id: number; from: Peer }> = []
    const kept: AwarenessEntry[] = []
    const seqs = new Map<string, number>()
    const bindings: Array<{ id: number; relayed: Relayed }> = []
    let verified = 0

    // pass 1, no decoding: whose ids these are, and how many this connection would own
    const fresh: AwarenessEntry[] = []
    for (const entry of entries) {
      if (named.has(entry.clientId)) return refuse('R11', 'presence-malformed', 'an awareness update names a client twice')
      named.add(entry.clientId)
      if (entry.clientId === this.awareness.clientID) return refuse('R11', 'presence-id-taken', "that awareness id is the relay's own")
      const known = this.awareness.meta.get(entry.clientId)
      if (known !== undefined && entry.clock <= known.clock) continue // not newer: an echo, or a state already relayed
      const owner = this.owners.get(entry.clientId)
      if (owner !== peer) {
        if (entry.state === null) continue // a client timing out someone else; the owner's leaving tells the truth
        if (owner !== undefined) {
          const theirs = presenceKeyOf(state, owner)
          // the same key behind another socket: this device reconnected before the old socket timed out
          if (theirs === null || theirs !== me) return refuse('R11', 'presence-id-taken', 'that awareness id belongs to another connection')
          taken.push({ id: entry.clientId, from: owner })
        }
        claimed.push(entry.clientId)
      }
      fresh.push(entry)
    }
    if (peer.awarenessIds.size + claimed.length > MAX_AWARENESS_IDS_PER_CONNECTION) {
      return refuse('R11', 'presence-too-many-ids', `a connection may use at most ${MAX_AWARENESS_IDS_PER_CONNECTION} awareness ids`)
    }

    // pass 2: each presence decoded, its author and seq checked; a signature only for what is kept
    for (const entry of fresh) {
      if (entry.state === null) {
        kept.push(entry)
        continue
      }
      let blob: PresenceBlob
      try {
        blob = readPresence(state.planIdHex, entry.state)
      } catch (err) {
        return { ok: false, error: err as RuleViolation }
      }
      const author = toHex(blob.author)
      if (author !== me) {
        // an invite not yet claimed here: the device's claim may be on its way (drop, as below)
        if (me === null || (peer.admittedAs === 'invite' && me === peer.key)) continue
        return refuse('R11', 'presence-not-yours', "a presence must be signed by the connection's own key")
      }
      // a creator before its genesis, or a device before its claim, is dropped, not refused
      if (!mayBePresent(state, author, now)) continue
      const current = this.awareness.getStates().get(entry.clientId) as { p?: unknown } | undefined
      const p = (entry.state as { p: string }).p
      const session = presenceSession(blob)
      if (current?.p === p && this.relayed.get(entry.clientId)?.session === session) {
        kept.push(entry) // the client renewing its state (every 15 s): these bytes were verified
        continue
      }
      const newest = Math.max(seqs.get(session) ?? 0, this.newest.get(session) ?? 0)
      if (blob.seq <= newest) continue // a replay, under this id or another
      verified += 1
      if (!verifyBlob(blob)) return refuse('R3', 'bad-signature', 'signature does not verify')
      seqs.set(session, blob.seq)
      bindings.push({ id: entry.clientId, relayed: { session, seq: blob.seq } })
      kept.push(entry)
    }

    return {
      ok: true,
      kept,
      dropped: entries.length - kept.length,
      verified,
      commit: () => {
        for (const { id, from } of taken) from.awarenessIds.delete(id)
        for (const id of claimed) {
          this.owners.set(id, peer)
          peer.awarenessIds.add(id)
        }
        for (const { id, relayed } of bindings) {
          this.unbind(id)
          this.relayed.set(id, relayed)
          this.newest.set(relayed.session, Math.max(relayed.seq, this.newest.get(relayed.session) ?? 0))
        }
      },
    }
  }

  /** An id's state left the awareness (its owner sent `null`, left, or timed out): its session is free again. */
  removed(ids: readonly number[]): void {
    for (const id of ids) this.unbind(id)
  }

  /**
   * A connection left, after its states were removed (through `removed`): its ids are nobody's.
   * Clocks of ids long gone are dropped here too; the work is linear in the ids seen in the
   * last minute plus those connected.
   */
  forget(peer: Peer, now: number): void {
    for (const id of peer.awarenessIds) if (this.owners.get(id) === peer) this.owners.delete(id)
    const { meta, states, clientID } = this.awareness
    for (const [id, m] of meta) {
      if (id !== clientID && !states.has(id) && !this.owners.has(id) && now - m.lastUpdated > GONE_ID_CLOCK_KEPT_MS) meta.delete(id)
    }
  }

  /** How many ids, relayed presences and sessions are held: all bounded by connected peers' ids. */
  get size(): { owners: number; relayed: number; sessions: number; clocks: number } {
    return { owners: this.owners.size, relayed: this.relayed.size, sessions: this.newest.size, clocks: this.awareness.meta.size }
  }

  private unbind(id: number): void {
    const had = this.relayed.get(id)
    if (!had) return
    this.relayed.delete(id)
    // a reconnecting tab sends its last presence again (same seq): it must pass once its id left
    if (this.newest.get(had.session) === had.seq) this.newest.delete(had.session)
  }
}

/**
 * The key a connection's presence must be signed with: its own, or for a connection admitted on
 * an invite, the key that claimed that invite (the device seals with its identity once a
 * member). `null` when it cannot be told yet.
 */
function presenceKeyOf(state: RoomState, peer: Peer): string | null {
  if (peer.admittedAs !== 'invite') return peer.key
  const invite = state.invites.get(peer.key)
  if (!invite) return null
  return invite.claimedBy ?? peer.key
}

function refuse(rule: RuleId, code: string, message: string): { ok: false; error: RuleViolation } {
  return { ok: false, error: new RuleViolation(rule, code, message) }
}
