/**
 * Entry of the relay: `tsx server/main.ts`. Settings come from the environment (config.ts).
 * Prints `{"event":"listening","port":…}` once it accepts connections (PORT=0 picks a free port).
 */
import { loadSodium } from '../src/crypto'
import { configFromEnv } from './config'
import { createInProcessFanout } from './fanout'
import { describeError, log } from './log'
import { loadOrMakeVapidKeys } from './push/vapidKeys'
import { createRelay } from './relay'
import { openPostgresStore } from './storage/postgres'
import { openSpool, spoolDirOf } from './storage/spool'
import { openSqliteStore } from './storage/sqlite'
import type { RelayStore } from './storage/types'

const DAY_MS = 24 * 60 * 60 * 1000
const PRUNE_EVERY_MS = 60 * 60 * 1000

async function main(): Promise<void> {
  const config = configFromEnv()
  await loadSodium()
  const store = config.databaseUrl ? await openPostgresWhenUp(config.databaseUrl, config.storeStartTimeoutMs) : openSqliteStore(config.dataDir)
  if (!config.vapid && !config.databaseUrl) config.vapid = loadOrMakeVapidKeys(config.dataDir, process.env.VAPID_SUBJECT || 'mailto:beheer@samenplan.invalid')
  if (!config.vapid) log('warn', 'push-off', { why: 'relays on PostgreSQL share VAPID keys: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY' })
  const spool = await openSpool(spoolDirOf(config.dataDir))
  const relay = createRelay(config, store, createInProcessFanout(), spool)

  const prune = async () => {
    try {
      const pruned = await store.prune(Date.now(), config.archiveRetentionDays * DAY_MS)
      if (pruned.archived > 0 || pruned.nonces > 0) log('info', 'store-pruned', pruned)
      // R18: a link past its expiry keeps no ciphertext
      const emptied = await store.shares.prune(Date.now())
      if (emptied > 0) log('info', 'shares-pruned', { emptied })
    } catch (err) {
      log('error', 'store-prune-failed', describeError(err))
    }
  }
  // R22: plans past their retention end go, whether or not anyone opens them
  const sweep = async () => {
    try {
      const erased = await relay.sweepRetention(Date.now())
      if (erased > 0) log('info', 'retention-swept', { erased })
    } catch (err) {
      log('error', 'retention-sweep-failed', describeError(err))
    }
  }
  await prune()
  const pruneTimer = setInterval(() => void prune().then(sweep), PRUNE_EVERY_MS)
  pruneTimer.unref()

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    clearInterval(pruneTimer)
    relay
      .shutdown(signal)
      .then(() => process.exit(0))
      .catch((err) => {
        log('error', 'shutdown-failed', describeError(err))
        process.exit(1)
      })
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  // every handler catches its own errors; one that slips through is logged, not fatal: what was
  // acknowledged is on disk, and one bad message must not take every room down with it
  // (log() never throws and goes quiet once stdout is gone, so this cannot feed itself)
  process.on('uncaughtException', reportOnce('uncaught-exception'))
  process.on('unhandledRejection', reportOnce('unhandled-rejection'))

  const port = await relay.listen()
  // after listening: erasing many plans after a long stop must not keep the relay from serving
  void sweep()
  log('info', 'listening', {
    port,
    host: config.host,
    // never the URL itself: it may hold a password
    store: config.databaseUrl ? 'postgres' : 'sqlite',
    dataDir: config.dataDir,
    staticDir: config.staticDir,
    maxMessageBytes: config.maxMessageBytes,
  })
}

/**
 * Relays and their database often start together (a compose file, a reboot): a database that
 * is not up yet is waited for, with backoff, up to `timeoutMs`; then the start fails clearly.
 */
async function openPostgresWhenUp(url: string, timeoutMs: number): Promise<RelayStore> {
  const deadline = Date.now() + timeoutMs
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5_000)) {
    try {
      return await openPostgresStore(url)
    } catch (err) {
      if (Date.now() + waitMs > deadline) throw err
      log('warn', 'store-waiting', { ...describeError(err), retryInMs: waitMs })
      await new Promise((resolve) => setTimeout(resolve, waitMs))
    }
  }
}

/** A handler for escaped errors that cannot recurse: an error while reporting one is dropped. */
function reportOnce(event: string): (err: unknown) => void {
  let reporting = false
  return (err) => {
    if (reporting) return
    reporting = true
    try {
      log('error', event, describeError(err))
    } finally {
      reporting = false
    }
  }
}

main().catch((err) => {
  log('error', 'startup-failed', { ...describeError(err), code: (err as NodeJS.ErrnoException).code })
  process.exit(1)
})
