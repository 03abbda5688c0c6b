/**
 * A real PostgreSQL for tests, started by the tests themselves: `initdb` and `pg_ctl` from the
 * Debian packages (/usr/lib/postgresql/<version>/bin) in a temp dir, on a free port on 127.0.0.1
 * with its unix socket in the same dir. PostgreSQL refuses to run as root: as root the temp dir
 * is given to the `postgres` user and the binaries run as it (`runuser -u postgres --`).
 *
 * Tests skip on a machine without PostgreSQL, except in CI: there a missing server would turn
 * every PostgreSQL test into a silent skip, so it fails the run instead (as the browser tests do).
 */
import { execFile, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

/** The newest installed server's bin dir, or null. */
function findBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return null
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')) && fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : null
}

const asRoot = process.getuid?.() === 0

function postgresUser(): { uid: number; gid: number } | null {
  try {
    return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
  } catch {
    return null
  }
}

const BIN_DIR = findBinDir()
const OWNER = asRoot ? postgresUser() : null

/** Why PostgreSQL tests cannot run here, or null when they can. */
export const postgresMissing: string | null =
  BIN_DIR === null
    ? 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)'
    : asRoot && OWNER === null
      ? 'running as root and there is no postgres user to run the server as'
      : null

export const hasPostgres = postgresMissing === null
if (!hasPostgres) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${postgresMissing}: PostgreSQL tests must not skip in CI`)
  console.warn(`PostgreSQL tests skipped: ${postgresMissing}`)
}

export interface PostgresServer {
  port: number
  /** postgres://postgres@127.0.0.1:PORT/<database> */
  url(database: string): string
  /** A new empty database; returns its URL. */
  createDatabase(): Promise<string>
  /** Stops the server (`pg_ctl stop -m fast`); its data stays for `start`. */
  stop(): Promise<void>
  /** Starts it again on the same port and data. */
  start(): Promise<void>
  /** Stops it and removes everything it wrote. */
  destroy(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Runs one of the server's binaries as the user that owns the data. */
function pgBin(name: string, args: string[]) {
  const bin = path.join(BIN_DIR!, name)
  return asRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args]) : run(bin, args)
}

let databases = 0

/** Servers not yet destroyed (data dir -> temp dir): stopped and removed when the test process exits, also after a failed run. */
const running = new Map<string, string>()
process.once('exit', () => {
  for (const [data, dir] of running) {
    try {
      const args = ['-D', data, '-m', 'immediate', 'stop']
      const bin = path.join(BIN_DIR!, 'pg_ctl')
      if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' })
      else execFileSync(bin, args, { stdio: 'ignore' })
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

/**
 * A test process that is killed (a worker vitest ends, a timeout, Ctrl-C) runs no 'exit' handler,
 * and its servers lived on: a CI run piled up dozens, each with its own background processes,
 * until late tests timed out. A detached watchdog stops the server once this process is gone.
 */
function watchOver(data: string, dir: string): void {
  const pgCtl = path.join(BIN_DIR!, 'pg_ctl')
  const stop = asRoot ? `runuser -u postgres -- ${pgCtl}` : pgCtl
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${stop} -D '${data}' -m immediate stop >/dev/null 2>&1; rm -rf '${dir}'`
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref()
}

export async function startPostgres(): Promise<PostgresServer> {
  if (!hasPostgres) throw new Error(`PostgreSQL tests cannot run: ${postgresMissing}`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-pg-'))
  if (OWNER) fs.chownSync(dir, OWNER.uid, OWNER.gid)
  const data = path.join(dir, 'data')
  const port = await freePort()
  // trust on a loopback-only server in a temp dir; --no-sync only speeds initdb, the server still fsyncs
  await pgBin('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`
  const start = () => pgBin('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'])
  const stop = () => pgBin('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  await start()
  running.set(data, dir)
  watchOver(data, dir)
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`
  return {
    port,
    url,
    async createDatabase() {
      const name = `samenplan_test_${process.pid}_${++databases}`
      const client = new pg.Client({ connectionString: url('postgres') })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE ${name}`)
      } finally {
        await client.end()
      }
      return url(name)
    },
    async stop() {
      await stop()
    },
    async start() {
      await start()
      running.set(data, dir)
    },
    async destroy() {
      await stop().catch(() => undefined) // already stopped: pg_ctl says so, nothing to do
      running.delete(data)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
