/**
 * Relays on one PostgreSQL ring each other's doorbell with LISTEN/NOTIFY (signals.ts): a commit
 * names its plan and version, presence carries the awareness update itself. One dedicated
 * connection per relay listens; when it breaks (a restart of PostgreSQL) it reconnects with
 * backoff and says so (`onResumed`), because notifications sent meanwhile are gone: the relay
 * then reads what it missed from the store. Nothing here is needed for correctness, only for speed.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { describeError, log } from '../log'
import type { ClusterSignals } from './signals'

export const COMMIT_CHANNEL = 'samenplan_commit'
const PRESENCE_CHANNEL = 'samenplan_presence'
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more */
const MAX_PAYLOAD_CHARS = 7_900
const RECONNECT_MIN_MS = 250
const RECONNECT_MAX_MS = 5_000

export async function listenForSignals(connectionString: string): Promise<ClusterSignals> {
  /** presence this relay sent comes back to it too: its own is recognised and skipped */
  const self = randomUUID()
  const commitListeners: ((plan: string, version: number) => void)[] = []
  const presenceListeners: ((plan: string, update: Uint8Array) => void)[] = []
  const resumedListeners: (() => void)[] = []
  let client: pg.Client | null = null
  let closed = false
  let retryMs = RECONNECT_MIN_MS
  let tooLarge = 0

  const onNotification = (message: pg.Notification) => {
    const payload = message.payload ?? ''
    if (message.channel === COMMIT_CHANNEL) {
      const [plan, version] = payload.split(':')
      const v = Number(version)
      if (plan && Number.isSafeInteger(v)) for (const listener of commitListeners) listener(plan, v)
      return
    }
    if (message.channel === PRESENCE_CHANNEL) {
      const [from, plan, data] = payload.split(':')
      if (from === self || !plan || !data) return
      const update = new Uint8Array(Buffer.from(data, 'base64'))
      for (const listener of presenceListeners) listener(plan, update)
    }
  }

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({ connectionString, application_name: 'samenplan-relay-signals', connectionTimeoutMillis: 5_000 })
    next.on('notification', onNotification)
    // a broken connection: 'error' and/or 'end'; either way, listen again
    next.on('error', (err) => lost(next, err))
    next.on('end', () => lost(next, null))
    await next.connect()
    await next.query(`LISTEN ${COMMIT_CHANNEL}; LISTEN ${PRESENCE_CHANNEL}`)
    return next
  }

  const lost = (which: pg.Client, err: unknown) => {
    if (client !== which || closed) return
    client = null
    log('warn', 'store-signals-lost', err ? describeError(err) : {})
    which.end().catch(() => undefined)
    setTimeout(reconnect, retryMs).unref()
  }

  const reconnect = () => {
    if (closed) return
    connect()
      .then((next) => {
        if (closed) return void next.end().catch(() => undefined)
        client = next
        retryMs = RECONNECT_MIN_MS
        log('info', 'store-signals-resumed', {})
        for (const listener of resumedListeners) listener()
      })
      .catch((err) => {
        retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS)
        log('warn', 'store-signals-retry', { ...describeError(err), inMs: retryMs })
        setTimeout(reconnect, retryMs).unref()
      })
  }

  client = await connect()

  return {
    shared: true,
    onCommit: (listener) => void commitListeners.push(listener),
    onPresence: (listener) => void presenceListeners.push(listener),
    onResumed: (listener) => void resumedListeners.push(listener),
    publishPresence(plan, update) {
      const payload = `${self}:${plan}:${Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('base64')}`
      if (payload.length > MAX_PAYLOAD_CHARS) {
        // other relays' members miss this one presence; its own relay's still see it
        if (tooLarge++ % 100 === 0) log('warn', 'presence-too-large-to-share', { chars: payload.length, count: tooLarge })
        return
      }
      // presence is best effort (clients repeat theirs every 15 s): a lost one is not retried
      client?.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, payload]).catch(() => undefined)
    },
    async close() {
      closed = true
      const last = client
      client = null
      await last?.end().catch(() => undefined)
    },
  }
}
