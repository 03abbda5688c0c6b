/**
 * Spawns the real relay (`node --import tsx server/main.ts`) as a child process on a free port
 * with its own data directory, and captures its output for log assertions. Restart one on the
 * same data (and port) with `startRelay({ dataDir: old.dataDir, port: old.port })`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { generateContentKey, generateSigningKeyPair, loadSodium, type SigningKeyPair } from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { toBase64Url } from '../../src/sync/bytes'
import { MESSAGE_ACK, MESSAGE_ERROR, readErased, readError } from '../../src/sync/protocol'
import { createGenesis, createWriter, type Writer } from '../../src/sync/records'
import { afterAll } from 'vitest'
import { type PostgresServer, startPostgres } from './postgres'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const STARTUP_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 15_000

export interface RelayOptions {
  /** reuse a data directory (a restart); a fresh temp directory otherwise */
  dataDir?: string
  /** listen on this port (a restart clients reconnect to); a free one otherwise */
  port?: number
  /** the built app to serve; default dist/ if built, else a temp dir with a dummy index.html */
  staticDir?: string
  env?: Record<string, string>
}

export interface RelayProcess {
  /** http://127.0.0.1:PORT */
  url: string
  /** ws://127.0.0.1:PORT/sync — the base a WebsocketProvider appends `/<planId>` to */
  wsUrl: string
  port: number
  dataDir: string
  staticDir: string
  pid: number
  /** the process itself (its stdio pipes: a test may close the one the relay logs to) */
  child: ChildProcess
  /** SIGTERM and wait for the exit; resolves with the exit code (also when already exited) */
  stop(): Promise<number | null>
  /** sends a signal; the promise resolves on exit */
  kill(signal?: NodeJS.Signals): Promise<number | null>
  /** resolves with the exit code when the process ends */
  exited: Promise<number | null>
  /** everything the process wrote to stdout and stderr so far */
  logs(): string
  /** stdout parsed as JSON log lines (lines that are not JSON are skipped) */
  events(): Array<Record<string, unknown> & { event: string }>
}

function dummyStaticDir(): string {
  const dist = path.join(ROOT, 'dist')
  if (fs.existsSync(path.join(dist, 'index.html'))) return dist
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-static-'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Samenplan</title><div id="app"></div>\n')
  return dir
}

function spawnOnce(dataDir: string, staticDir: string, port: number, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  // RELAY_TEST_LOG=/path/file keeps every relay's output for debugging a failed run
  const tee = process.env.RELAY_TEST_LOG
  const capture = (d: Buffer) => {
    output += d.toString()
    if (tee) fs.appendFileSync(tee, d)
  }
  child.stdout!.on('data', capture)
  child.stderr!.on('data', capture)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS)
    const onData = () => {
      const match = /"event":"listening","port":(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout!.off('data', onData)
        resolve(Number(match[1]))
      }
    }
    child.stdout!.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`relay exited with ${code} before listening:\n${output}`))
    })
  })
  return { child, exited, listening, logs: () => output }
}

/**
 * RELAY_TEST_STORE=postgres (the `relay-on-postgres` project in vitest.config.ts): every relay a
 * test starts stores in PostgreSQL, one server per test process and one database per data dir
 * (a restart on the same data dir finds its database again), so the relay suite runs on both stores.
 */
const onPostgres = process.env.RELAY_TEST_STORE === 'postgres'
let sharedPostgres: Promise<PostgresServer> | null = null
const databaseOf = new Map<string, string>()
// one server per test file, stopped with it: not one per file left running to the end
if (onPostgres) {
  afterAll(async () => {
    const server = sharedPostgres
    sharedPostgres = null
    databaseOf.clear()
    await (await server)?.destroy()
  })
}

async function storeEnv(dataDir: string, env: Record<string, string>): Promise<Record<string, string>> {
  if (!onPostgres || env.DATABASE_URL) return {}
  sharedPostgres ??= startPostgres()
  let url = databaseOf.get(dataDir)
  if (!url) {
    url = await (await sharedPostgres).createDatabase()
    databaseOf.set(dataDir, url)
  }
  return { DATABASE_URL: url }
}

export async function startRelay(options: RelayOptions = {}): Promise<RelayProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-relay-'))
  const staticDir = options.staticDir ?? dummyStaticDir()
  const env = { ...(await storeEnv(dataDir, options.env ?? {})), ...options.env }
  // a restart on a fixed port may find it briefly taken (a killed process's socket): retry
  let attempt = 0
  for (;;) {
    const spawned = spawnOnce(dataDir, staticDir, options.port ?? 0, env)
    let port: number
    try {
      port = await spawned.listening
    } catch (err) {
      if (options.port && attempt++ < 20 && /EADDRINUSE/.test(spawned.logs())) {
        await new Promise((r) => setTimeout(r, 250))
        continue
      }
      spawned.child.kill('SIGKILL')
      throw err
    }
    const { child, exited, logs } = spawned
    let exitCode: number | null | undefined
    void exited.then((code) => (exitCode = code))
    const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
      if (exitCode === undefined) child.kill(signal)
      return exited
    }
    return {
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}/sync`,
      port,
      dataDir,
      staticDir,
      pid: child.pid!,
      child,
      exited,
      logs,
      events: () =>
        logs()
          .split('\n')
          .flatMap((line) => {
            try {
              const parsed = JSON.parse(line) as Record<string, unknown>
              return typeof parsed.event === 'string' ? [parsed as Record<string, unknown> & { event: string }] : []
            } catch {
              return []
            }
          }),
      kill,
      async stop() {
        if (exitCode !== undefined) return exitCode
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        const code = await exited
        clearTimeout(timer)
        return code
      },
    }
  }
}

/** The relay process's resident memory in bytes (VmRSS, or VmHWM: the peak since start or the last reset). */
export function relayMemory(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`)
  return Number(match[1]) * 1024
}

/** Resets the relay's peak resident memory (VmHWM) to its current size, so a later VmHWM is this test's peak. */
export function resetPeakMemory(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
}

// ---------------------------------------------------------------------------------------------
// Raw protocol clients for relay tests: a `ws` socket that records every message and the close.

export interface RawClient {
  ws: WebSocket
  /** every binary message received, in order */
  received: Uint8Array[]
  /** resolves once the socket is open (rejects if it closes or fails first) */
  opened: Promise<void>
  /** resolves with the close code and reason (or code -1 and the error for a refused handshake) */
  closed: Promise<{ code: number; reason: string }>
  send(message: Uint8Array): void
  /** waits for a received message that `match` accepts, and returns it */
  next(match: (message: Uint8Array) => boolean, timeoutMs?: number): Promise<Uint8Array>
  close(): void
}

export function openRawClient(url: string): RawClient {
  const ws = new WebSocket(url)
  ws.binaryType = 'nodebuffer'
  const received: Uint8Array[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (data: Buffer) => {
    received.push(new Uint8Array(data))
    for (const w of [...waiters]) w()
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    ws.once('unexpected-response', (_req, res) => {
      resolve({ code: -1, reason: `HTTP ${res.statusCode}` })
      ws.terminate()
    })
  })
  ws.on('error', () => undefined)
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    void closed.then((c) => reject(new Error(`closed before open: ${c.code} ${c.reason}`)))
  })
  opened.catch(() => undefined)
  return {
    ws,
    received,
    opened,
    closed,
    send: (message) => ws.send(message),
    close: () => ws.close(),
    next(match, timeoutMs = 10_000) {
      let seen = 0
      return new Promise((resolve, reject) => {
        const check = () => {
          for (; seen < received.length; seen++) {
            if (match(received[seen]!)) {
              waiters.delete(check)
              clearTimeout(timer)
              resolve(received[seen]!)
              return
            }
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error('timed out waiting for a message'))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
  }
}

/** y-protocols framing for raw clients: tag 0 (sync) with a sub-type and a payload. */
export function syncMessage(type: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const out = [0, type, ...varUint(payload.length)]
  const bytes = new Uint8Array(out.length + payload.length)
  bytes.set(out, 0)
  bytes.set(payload, out.length)
  return bytes
}

function varUint(n: number): number[] {
  const out: number[] = []
  while (n > 127) {
    out.push((n & 127) | 128)
    n = Math.floor(n / 128)
  }
  out.push(n)
  return out
}

/** The first varUint of a message: its tag (0 sync, 1 awareness, 100 ack, 101 error). */
export function tagOf(message: Uint8Array): number {
  let n = 0
  let shift = 1
  for (const byte of message) {
    n += (byte & 127) * shift
    if (byte < 128) break
    shift *= 128
  }
  return n
}

// ---------------------------------------------------------------------------------------------
// Plans on a relay, driven by raw clients: genesis, records, and reading back what is stored.

export interface TestPlan {
  planId: Uint8Array
  admin: Writer
  /** epoch 0 content key (tests seal updates with it; the relay never sees it) */
  key: Uint8Array
  /** the admin's envelope doc: what it has pushed */
  doc: Y.Doc
}

export function connectAs(relay: Pick<RelayProcess, 'wsUrl'>, identity: SigningKeyPair, planId: Uint8Array, issuedAt = Date.now()): RawClient {
  return openRawClient(`${relay.wsUrl}/${toBase64Url(planId)}?auth=${createAuthToken(identity, planId, issuedAt)}`)
}

export const isAck = (m: Uint8Array) => tagOf(m) === MESSAGE_ACK
export const isError = (m: Uint8Array) => tagOf(m) === MESSAGE_ERROR

/** Pushes blobs into `doc`'s log and sends just that change; resolves on the relay's ack. */
export async function pushBlobs(client: RawClient, doc: Y.Doc, blobs: Uint8Array[]): Promise<void> {
  const before = Y.encodeStateVector(doc)
  doc.getArray<Uint8Array>('log').push(blobs)
  client.send(syncMessage(2, Y.encodeStateAsUpdate(doc, before)))
  await waitForAckOf(client, doc)
}

/** Whether `message` is an ack whose state vector covers `wanted` (a doc's state vector). */
export function ackCovers(message: Uint8Array, wanted: Map<number, number>): boolean {
  if (!isAck(message)) return false
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  const sv = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
  return [...wanted].every(([c, clock]) => (sv.get(c) ?? 0) >= clock)
}

/** Resolves on an ack whose state vector covers everything `doc` holds. */
export async function waitForAckOf(client: RawClient, doc: Y.Doc, timeoutMs?: number): Promise<void> {
  const wanted = Y.decodeStateVector(Y.encodeStateVector(doc))
  await client.next((m) => ackCovers(m, wanted), timeoutMs)
}

/** A plan with its genesis stored on the relay, and the admin's open connection. */
export async function createPlanOnRelay(relay: Pick<RelayProcess, 'wsUrl'>): Promise<TestPlan & { client: RawClient }> {
  await loadSodium()
  const admin = createWriter(generateSigningKeyPair())
  const { planId, bytes } = createGenesis(admin, Date.now())
  const doc = new Y.Doc()
  const client = connectAs(relay, admin.identity, planId)
  await client.opened
  await pushBlobs(client, doc, [bytes])
  return { planId, admin, key: generateContentKey(), doc, client }
}

/** Everything the relay holds for a plan, as a fresh member sees it after a full sync. */
export async function readRelayLog(
  relay: Pick<RelayProcess, 'wsUrl'>,
  identity: SigningKeyPair,
  planId: Uint8Array,
  issuedAt = Date.now(),
): Promise<Uint8Array[]> {
  const client = connectAs(relay, identity, planId, issuedAt)
  await client.opened
  client.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())))
  const step2 = await client.next((m) => m[0] === 0 && m[1] === 1)
  client.close()
  // a large plan comes in chunks: sync updates, then the step 2 with the last one
  const doc = new Y.Doc()
  for (const m of client.received.slice(0, client.received.indexOf(step2) + 1)) {
    if (m[0] !== 0 || (m[1] !== 1 && m[1] !== 2)) continue
    const decoder = decoding.createDecoder(m)
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
  }
  return doc.getArray<Uint8Array>('log').toArray()
}

/** The body of a MESSAGE_ERROR. */
export function errorOf(message: Uint8Array): { code: string; rule: string; message: string } {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  return readError(decoder)
}

/** The body of a MESSAGE_ERASED: when, and the signed records that prove it (R20, R22). */
export function erasedNoticeOf(message: Uint8Array): ReturnType<typeof readErased> {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  return readErased(decoder)
}
