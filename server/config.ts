/**
 * The relay's settings, all from the environment (twelve-factor style), with defaults that fit
 * one school region on one small machine.
 */
import path from 'node:path'
import { FILE_PIECE_MAX_BYTES } from '../src/crypto/filePieces'

export interface RelayConfig {
  port: number
  host: string
  dataDir: string
  /** `postgres://…`: the relay stores in PostgreSQL (storage/postgres.ts); unset: SQLite in dataDir */
  databaseUrl: string | null
  staticDir: string
  /** a whole offline week arrives as one sync step 2: same bound as an update (R9) */
  maxMessageBytes: number
  /** per connection, sustained; the bucket holds twice this for bursts (a reconnect's catch-up) */
  maxMessagesPerS: number
  /** new (not yet created) plans a single address, and a single key, may open per hour */
  maxRoomsPerHour: number
  /**
   * WebSocket upgrades the relay takes per second (twice this at once); beyond it a socket is
   * closed 1013 "try again later" before any other work, and clients wait at least 5 s
   * (src/sync/reconnectDelay.ts): a reconnect storm after a restart comes in waves, not at once
   */
  maxUpgradesPerS: number
  /** live blob bytes one plan may hold (R9 plan-quota-exceeded); a five-year plan is a few MB */
  planQuotaBytes: number
  /** attachment bytes (ciphertext pieces) one plan may hold (413 file-quota-exceeded) */
  planFileQuotaBytes: number
  /** attachment pieces no file record references are deleted once they are this old (R17) */
  fileGraceMs: number
  /**
   * attachment piece bytes the relay holds in memory at once, over all requests (pieceMemory.ts):
   * what ten transfers at once cost, whatever their size; at least one piece of the largest size.
   * Only PostgreSQL needs it (a piece is one value there); SQLite streams pieces from and to files
   */
  pieceMemoryBytes: number
  /**
   * the least an attachment transfer (a piece up or down) must move per second, averaged over each
   * window of `fileRateWindowMs`; below it the transfer is cut (408 too-slow, http/minRate.ts).
   * 0: never cut
   */
  fileMinBytesPerS: number
  fileRateWindowMs: number
  /** attachment requests (a piece up or down, a "have") one key may make per second, twice that at once */
  maxFileRequestsPerS: number
  /** shared-extract openings one client address may make per second, twice that at once (429 rate-limited) */
  maxShareOpensPerS: number
  /** blob bytes one key may add across all plans per rolling hour and day (R9 key-quota-exceeded) */
  keyQuotaBytesPerHour: number
  keyQuotaBytesPerDay: number
  archiveRetentionDays: number
  /** a room with nobody connected stays in memory this long, so a quick reconnect finds it warm */
  roomIdleMs: number
  /**
   * with other relays on one PostgreSQL: how often a relay compares the versions of the plans it
   * holds with the store's, so a lost signal delays an update at most this long
   */
  catchUpPollMs: number
  /** at start, how long the relay waits for PostgreSQL to answer before it gives up */
  storeStartTimeoutMs: number
  /**
   * Web Push: the relay's VAPID keys (base64url, as `web-push generate-vapid-keys` prints) and a
   * contact (mailto: or https:). Unset with SQLite: made once and kept in DATA_DIR/vapid.json;
   * unset with PostgreSQL: push is off (relays sharing a database must share the keys).
   */
  vapid: { publicKey: string; privateKey: string; subject: string } | null
  /** push services the relay posts to: host suffixes (https), or whole origins */
  pushServices: string[]
  /** at most one push per subscription per this long */
  pushGapMs: number
  /** past this many stored updates a room is rewritten as one merged state */
  compactAfterRows: number
  /** clients drop a socket that is silent for 30 s; the relay speaks at least this often */
  keepaliveMs: number
  /** take the client address from X-Forwarded-For (only behind a proxy you run) */
  trustProxy: boolean
}

const MiB = 1024 * 1024

function int(name: string, fallback: number, min = 0): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`)
  return Math.floor(value)
}

function databaseUrl(): string | null {
  const raw = process.env.DATABASE_URL
  if (raw === undefined || raw === '') return null
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
  return raw
}

/** the push services of Chrome/Android, Firefox, Safari/iOS and Edge */
const DEFAULT_PUSH_SERVICES = 'fcm.googleapis.com,push.services.mozilla.com,push.apple.com,notify.windows.com'

function vapidFromEnv(): RelayConfig['vapid'] {
  const publicKey = process.env.VAPID_PUBLIC_KEY
  const privateKey = process.env.VAPID_PRIVATE_KEY
  if (!publicKey && !privateKey) return null
  if (!publicKey || !privateKey) throw new Error('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are set together')
  return { publicKey, privateKey, subject: process.env.VAPID_SUBJECT || 'mailto:beheer@samenplan.invalid' }
}

export function configFromEnv(): RelayConfig {
  return {
    port: int('PORT', 8080),
    host: process.env.HOST || '0.0.0.0',
    dataDir: path.resolve(process.env.DATA_DIR || './data'),
    databaseUrl: databaseUrl(),
    staticDir: path.resolve(process.env.STATIC_DIR || './dist'),
    maxMessageBytes: int('MAX_MESSAGE_BYTES', 16 * 1024 * 1024 + 64, 1024),
    maxMessagesPerS: int('RELAY_MAX_MESSAGES_PER_S', 200, 1),
    maxRoomsPerHour: int('RELAY_MAX_ROOMS_PER_HOUR', 50, 1),
    maxUpgradesPerS: int('RELAY_MAX_UPGRADES_PER_S', 200, 1),
    planQuotaBytes: int('RELAY_PLAN_QUOTA_BYTES', 256 * MiB, 1024),
    planFileQuotaBytes: int('RELAY_PLAN_FILE_QUOTA_BYTES', 500 * MiB, 0),
    maxFileRequestsPerS: int('RELAY_MAX_FILE_REQUESTS_PER_S', 20, 1),
    // (PostgreSQL) four pieces in flight for two uploads at full speed; more wait their turn
    pieceMemoryBytes: int('RELAY_PIECE_MEMORY_BYTES', 32 * MiB, FILE_PIECE_MAX_BYTES),
    fileMinBytesPerS: int('RELAY_FILE_MIN_BYTES_PER_S', 16 * 1024, 0),
    fileRateWindowMs: int('RELAY_FILE_RATE_WINDOW_MS', 10_000, 100),
    maxShareOpensPerS: int('RELAY_MAX_SHARE_OPENS_PER_S', 2, 1),
    fileGraceMs: int('RELAY_FILE_GRACE_MS', 24 * 60 * 60_000, 0),
    keyQuotaBytesPerHour: int('RELAY_KEY_QUOTA_BYTES_PER_HOUR', 64 * MiB, 1024),
    keyQuotaBytesPerDay: int('RELAY_KEY_QUOTA_BYTES_PER_DAY', 256 * MiB, 1024),
    archiveRetentionDays: int('ARCHIVE_RETENTION_DAYS', 30, 0),
    roomIdleMs: int('RELAY_ROOM_IDLE_MS', 30_000, 0),
    compactAfterRows: int('RELAY_COMPACT_AFTER_ROWS', 500, 2),
    vapid: vapidFromEnv(),
    pushServices: (process.env.RELAY_PUSH_SERVICES || DEFAULT_PUSH_SERVICES)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    pushGapMs: int('RELAY_PUSH_GAP_MS', 10 * 60_000, 0),
    catchUpPollMs: int('RELAY_CATCHUP_POLL_MS', 5_000, 50),
    storeStartTimeoutMs: int('RELAY_STORE_START_TIMEOUT_MS', 60_000, 0),
    keepaliveMs: int('RELAY_KEEPALIVE_MS', 10_000, 100),
    trustProxy: process.env.TRUST_PROXY === '1',
  }
}
