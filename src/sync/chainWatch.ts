/**
 * P6 on the client: what signed views and chain links prove exists that this device does not
 * hold (the relay withholds it), and forks (two signed records that cannot both be a session's
 * history). Fed every record the device takes and every view (a record's, a presence's); judged
 * after each sync round (`settle`), so what is merely on its way is not flagged.
 */
import type { DecodedBlob, Head } from './blob'
import { toHex } from './bytes'
import type { ForkProof } from './chain'
import { coverReach } from './coverIndex'
import type { RoomState } from './roomStateShape'

/** One session this device is proven to lack records of. */
export interface Withheld {
  /** hex author key of the session's records */
  author: string
  /** hex session id */
  session: string
  /** the highest seq proven to exist that this device does not hold */
  seq: number
  /** ms: when a settled sync round first showed it missing */
  since: number
  /** hex author of the signed record or presence that proved it */
  provenBy: string
}

/** What a signed record or view says exists: judged at the next settle. */
interface Claim {
  author: string
  session: string
  seq: number
  /** hex chain hash the claim names for that record */
  hash: string
  provenBy: string
  /** the signed blob that makes the claim */
  evidence: Uint8Array
}

export interface Fork extends ForkProof {
  /** ms: when this device saw it */
  at: number
}

/** At most this many claims are kept waiting for a settle (a view lists ≤ 256 sessions). */
const MAX_CLAIMS = 4096
/** Forks kept as proof: the first ones tell the story; a flood must not grow memory. */
const MAX_FORKS = 16

export class ChainWatch {
  /** session key -> what is claimed to exist (not yet judged) */
  private readonly claims = new Map<string, Claim>()
  private readonly missing = new Map<string, Withheld>()
  private readonly forks: Fork[] = []
  private readonly listeners = new Set<() => void>()

  /** `recordBytes`: the signed bytes of a record this device holds, by triple (for a fork's proof) */
  constructor(
    private readonly state: RoomState,
    private readonly recordBytes: (triple: string) => Uint8Array | null = () => null,
  ) {}

  /** A record this device took (from the relay, a tab, or itself): its view, and its predecessor. */
  observe(blob: DecodedBlob): void {
    const by = toHex(blob.author)
    if ((blob.kind === 'update' || blob.kind === 'snapshot') && blob.view) this.observeView(blob.view, by, blob.bytes)
    // its header proves the previous record of its session exists
    if (blob.prev && blob.seq > 1)
      this.claim({ author: by, session: toHex(blob.session), seq: blob.seq - 1, provenBy: by, hash: toHex(blob.prev), evidence: blob.bytes })
  }

  /** A signed view (a record's, or one a presence carries): `evidence` is the signed blob that carried it. */
  observeView(view: readonly Head[], provenBy: string, evidence: Uint8Array): void {
    for (const h of view) this.claim({ author: toHex(h.author), session: toHex(h.session), seq: h.seq, provenBy, hash: toHex(h.hash), evidence })
  }

  private claim(c: Claim): void {
    const key = `${c.author}:${c.session}`
    const known = this.claims.get(key)
    if (known && known.seq >= c.seq) return
    if (!known && this.claims.size >= MAX_CLAIMS) return
    this.claims.set(key, c)
  }

  /** A fork shown by the rules (R15 refused a record from the relay): kept as proof. */
  fork(proof: ForkProof, now = Date.now()): void {
    if (this.forks.length >= MAX_FORKS) return
    if (this.forks.some((f) => f.session === proof.session && f.seq === proof.seq)) return
    this.forks.push({ ...proof, at: now })
    this.emit()
  }

  /**
   * After a sync round: every claim this device holds is dropped (a hash that differs from the
   * held record's is a fork), the rest is missing since now (or since it was first missing).
   * Entries held now are no longer missing.
   */
  settle(now = Date.now()): void {
    let changed = false
    for (const [key, w] of this.missing) {
      if (this.holds(key, w.seq)) {
        this.missing.delete(key)
        changed = true
      }
    }
    for (const [key, c] of this.claims) {
      this.claims.delete(key)
      const link = this.state.chain.get(`${key}:${c.seq}`)
      if (link && link.hash !== c.hash) {
        const held = this.recordBytes(`${key}:${c.seq}`)
        this.fork({ author: c.author, session: c.session, seq: c.seq, records: held ? [c.evidence, held] : [c.evidence] }, now)
        continue
      }
      if (this.holds(key, c.seq)) continue
      const before = this.missing.get(key)
      if (before && before.seq >= c.seq) continue
      this.missing.set(key, { author: c.author, session: c.session, seq: c.seq, since: before?.since ?? now, provenBy: c.provenBy })
      changed = true
    }
    if (changed) this.emit()
  }

  /** Held: the record itself (or a cover's hash of it), or a snapshot this device holds covers it. */
  private holds(sessionKey: string, seq: number): boolean {
    const link = this.state.chain.get(`${sessionKey}:${seq}`)
    if (link) return true
    return seq <= coverReach(this.state.coverIndex, sessionKey)
  }

  withheld(): Withheld[] {
    return [...this.missing.values()]
  }

  forked(): Fork[] {
    return [...this.forks]
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(): void {
    for (const l of this.listeners) l()
  }
}
