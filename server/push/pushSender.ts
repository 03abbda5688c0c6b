/**
 * Web Push (issue 10 §3): a device that opted in for a plan gets a push when someone else wrote
 * in it. The push carries only the tag that device chose for the plan: no plan id, no name, no
 * content (it is encrypted to the device all the same, RFC 8291, and signed with the relay's
 * VAPID key, RFC 8292). At most one push per subscription per `gapMs` (10 minutes), claimed in
 * the store, so relays sharing it push once between them. Subscriptions of a key that is no
 * longer a member go with the next membership change.
 *
 * Each subscription has a mode (PushMode). `all`: a push after someone else's write. `mine`: no
 * push on writes; only when a writer's device, having written an afspraak or meeting that names
 * this member, asks the relay to nudge it (`nudge`, server/http/pushNudge.ts). The relay cannot
 * read content, so it learns from a nudge that a write concerned that member (THREAT-MODEL).
 * Both share the one gap per subscription.
 *
 * The relay posts only to push services it is told to trust (RELAY_PUSH_SERVICES): a member
 * could otherwise make it post to any address it names.
 */
import webpush from 'web-push'
import { toHex } from '../../src/sync/bytes'
import { mayConnect, samePerson, type RoomState } from '../../src/sync/roomState'
import { describeError, log } from '../log'
import type { PushSubscriptionRow, RelayStore } from '../storage/types'

export interface VapidKeys {
  publicKey: string
  privateKey: string
  subject: string
}

export interface PushConfig {
  vapid: VapidKeys | null
  /** host suffixes (https) or whole origins (`http://127.0.0.1:9999`) pushes may go to */
  services: string[]
  gapMs: number
}

/** a plan nobody writes in for a while is looked at again after this: the store is asked at most this often per plan */
const PLAN_CHECK_MS = 30_000
const SEND_TIMEOUT_MS = 10_000
/** a push waits at the push service at most a day for its device */
const TTL_S = 24 * 60 * 60

export class PushSender {
  /** per plan: not before this is the store asked again (a write now and then costs no query) */
  private readonly nextCheck = new Map<string, number>()

  constructor(
    private readonly store: RelayStore,
    private readonly config: PushConfig,
  ) {}

  get publicKey(): string | null {
    return this.config.vapid?.publicKey ?? null
  }

  /** Whether the relay will post to this endpoint: https to a trusted push service, or a listed origin. */
  endpointAllowed(endpoint: string): boolean {
    let url: URL
    try {
      url = new URL(endpoint)
    } catch {
      return false
    }
    return this.config.services.some((s) =>
      s.includes('://') ? url.origin === s : url.protocol === 'https:' && (url.hostname === s || url.hostname.endsWith(`.${s}`)),
    )
  }

  async subscribe(row: PushSubscriptionRow, now: number): Promise<void> {
    await this.store.push.subscribe(row, now)
    this.nextCheck.delete(row.plan)
  }

  async unsubscribe(plan: string, key: string, endpoint: string): Promise<void> {
    await this.store.push.unsubscribe(plan, key, endpoint)
  }

  /** After updates by `authors` were stored in `plan`: the others' devices hear of it. Never throws. */
  notify(plan: string, authors: ReadonlySet<string>, state: RoomState, now = Date.now()): void {
    if (!this.config.vapid || (this.nextCheck.get(plan) ?? 0) > now) return
    this.nextCheck.set(plan, now + Math.min(PLAN_CHECK_MS, this.config.gapMs))
    this.pushAll(plan, authors, state, now).catch((err) => log('warn', 'push-failed', describeError(err)))
  }

  /** After a membership change: subscriptions of keys that are no longer in go. Never throws. */
  membersChanged(plan: string, state: RoomState, now = Date.now()): void {
    const members = new Set([...state.members.keys()].filter((k) => mayConnect(state, k, now)))
    this.store.push
      .keepOnly(plan, members)
      .then((dropped) => {
        if (dropped > 0) log('info', 'push-subscriptions-dropped', { count: dropped })
      })
      .catch((err) => log('warn', 'push-failed', describeError(err)))
  }

  /**
   * A writer's device asks that the named members hear of what it wrote (an afspraak or meeting
   * naming them): their `mine` subscriptions get a push, within the same gap as any other. Not to
   * the writer (any of its devices), nor to whom can no longer read the plan. Never throws.
   */
  nudge(plan: string, author: string, members: ReadonlySet<string>, state: RoomState, now = Date.now()): void {
    if (!this.config.vapid) return
    this.pushTo(
      plan,
      state,
      now,
      (sub) => sub.mode === 'mine' && [...members].some((m) => samePerson(state, m, sub.key)) && !samePerson(state, author, sub.key),
    ).catch((err) => log('warn', 'push-failed', describeError(err)))
  }

  private pushAll(plan: string, authors: ReadonlySet<string>, state: RoomState, now: number): Promise<void> {
    // a device that asked for only its own afspraken and meetings hears of a write only through a nudge
    return this.pushTo(plan, state, now, (sub) => sub.mode === 'all' && ![...authors].some((a) => samePerson(state, a, sub.key)))
  }

  private async pushTo(plan: string, state: RoomState, now: number, wanted: (sub: PushSubscriptionRow) => boolean): Promise<void> {
    const vapid = this.config.vapid!
    for (const sub of await this.store.push.forPlan(plan)) {
      if (!wanted(sub) || !state.members.has(sub.key) || !mayConnect(state, sub.key, now)) continue
      if (!this.endpointAllowed(sub.endpoint)) continue
      if (!(await this.store.push.claimPush(plan, sub.key, sub.endpoint, now, this.config.gapMs))) continue
      await this.send(sub, vapid)
    }
  }

  private async send(sub: PushSubscriptionRow, vapid: VapidKeys): Promise<void> {
    const request = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, JSON.stringify({ t: sub.tag }), {
      vapidDetails: vapid,
      TTL: TTL_S,
      urgency: 'normal',
      contentEncoding: 'aes128gcm',
    })
    try {
      const res = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body as Uint8Array<ArrayBuffer>,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      })
      if (res.status === 404 || res.status === 410) {
        // the device unsubscribed or the browser dropped it: the push service says so
        await this.store.push.dropEndpoint(sub.endpoint)
        log('info', 'push-endpoint-gone', { status: res.status })
      } else if (!res.ok) log('warn', 'push-refused', { status: res.status })
      else log('debug', 'push-sent', {})
    } catch (err) {
      log('warn', 'push-failed', describeError(err))
    }
  }
}

/** The authors (hex keys) of what an update added. */
export function authorsOf(added: readonly { blob: { author: Uint8Array } }[]): Set<string> {
  return new Set(added.map((a) => toHex(a.blob.author)))
}
