/**
 * A real HAProxy (Debian's /usr/sbin/haproxy, foreground with -db) in front of relay processes,
 * for fault tests. Its config is made FROM deploy/haproxy.cfg: the same timeouts, balance, hash
 * and health check lines; only the listening ports, the server lines (relays on 127.0.0.1 instead
 * of Docker names, so no resolvers), the global maxconn (file descriptors) and, if asked, the check
 * interval are replaced. A test of
 * the shipped file is then a test of what an operator runs.
 *
 * Tests skip on a machine without HAProxy, except in CI, where that fails the run (as
 * tests/helpers/postgres.ts does for PostgreSQL): a silent skip there would hide every fault test.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const DEPLOY_HAPROXY_CFG = path.join(ROOT, 'deploy/haproxy.cfg')
export const HAPROXY_BIN = '/usr/sbin/haproxy'
const STARTUP_TIMEOUT_MS = 15_000

/** Why HAProxy tests cannot run here, or null when they can. */
export const haproxyMissing: string | null = fs.existsSync(HAPROXY_BIN) ? null : `no ${HAPROXY_BIN} (apt-get install -y haproxy)`
export const hasHaproxy = haproxyMissing === null
if (!hasHaproxy) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${haproxyMissing}: HAProxy tests must not skip in CI`)
  console.warn(`HAProxy tests skipped: ${haproxyMissing}`)
}

export interface HaproxyOptions {
  /** health check interval in ms instead of the shipped one (a test need not wait 2 s × fall) */
  checkInterMs?: number
  /** global maxconn instead of the shipped one: HAProxy needs about twice this in file descriptors, more than a test machine's hard limit may allow */
  maxconn?: number
}

export interface Backend {
  name: string
  port: number
}

/**
 * deploy/haproxy.cfg with the frontend on 127.0.0.1:`port`, the stats frontend on
 * 127.0.0.1:`statsPort`, and one server line per backend. Everything else is kept as shipped.
 */
export function haproxyConfig(shipped: string, backends: Backend[], port: number, statsPort: number, options: HaproxyOptions = {}): string {
  const out: string[] = []
  let section = ''
  let serversWritten = false
  for (const line of shipped.split('\n')) {
    const trimmed = line.trim()
    if (/^\S/.test(line)) section = trimmed.split(/\s+/).slice(0, 2).join(' ')
    // Docker's DNS: the test's servers are addresses
    if (section === 'resolvers docker') continue
    if (section === 'global' && trimmed.startsWith('maxconn ')) {
      out.push(`    maxconn ${options.maxconn ?? 4000}`)
      continue
    }
    if (section === 'frontend samenplan' && trimmed.startsWith('bind ')) {
      out.push(`    bind 127.0.0.1:${port}`)
      continue
    }
    if (section === 'frontend stats' && trimmed.startsWith('bind ')) {
      out.push(`    bind 127.0.0.1:${statsPort}`)
      continue
    }
    if (section === 'backend relays' && trimmed.startsWith('default-server ')) {
      let ds = line.replace(/\s+resolvers \S+/, '').replace(/\s+init-addr \S+/, '')
      if (options.checkInterMs !== undefined) ds = ds.replace(/\binter \S+/, `inter ${options.checkInterMs}ms`)
      out.push(ds)
      continue
    }
    if (section === 'backend relays' && trimmed.startsWith('server ')) {
      if (!serversWritten) for (const b of backends) out.push(`    server ${b.name} 127.0.0.1:${b.port}`)
      serversWritten = true
      continue
    }
    out.push(line)
  }
  if (!serversWritten) throw new Error(`${DEPLOY_HAPROXY_CFG} has no server lines in "backend relays" to replace`)
  return out.join('\n')
}

/** `haproxy -c -f file`: resolves with its exit code and output. */
export async function checkHaproxyConfig(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(HAPROXY_BIN, ['-c', '-f', file])
    return { code: 0, output: stdout + stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

export async function freePort(): Promise<number> {
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

export interface HaproxyProcess {
  port: number
  /** http://127.0.0.1:PORT */
  url: string
  /** ws://127.0.0.1:PORT/sync */
  wsUrl: string
  pid: number
  child: ChildProcess
  configFile: string
  /** each server's state as HAProxy's stats say ("UP", "DOWN", "UP 1/2" …) */
  serverStatus(): Promise<Record<string, string>>
  /** waits until the named servers are (all "UP") or are not (all "DOWN") in the pool */
  waitForStatus(names: string[], status: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>
  logs(): string
  stop(): Promise<void>
}

export async function startHaproxy(backends: Backend[], options: HaproxyOptions = {}): Promise<HaproxyProcess> {
  if (!hasHaproxy) throw new Error(`HAProxy tests cannot run: ${haproxyMissing}`)
  const port = await freePort()
  const statsPort = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-haproxy-'))
  const configFile = path.join(dir, 'haproxy.cfg')
  fs.writeFileSync(configFile, haproxyConfig(fs.readFileSync(DEPLOY_HAPROXY_CFG, 'utf8'), backends, port, statsPort, options))
  const child = spawn(HAPROXY_BIN, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  let exitCode: number | null | undefined
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code
      resolve(code)
    }),
  )

  const serverStatus = async (): Promise<Record<string, string>> => {
    const res = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)
    const lines = (await res.text()).split('\n')
    const header = lines[0]!.replace(/^# /, '').split(',')
    const col = (name: string) => header.indexOf(name)
    const status: Record<string, string> = {}
    for (const line of lines.slice(1)) {
      const cells = line.split(',')
      if (cells[col('pxname')] === 'relays' && cells[col('svname')] !== 'BACKEND' && cells[col('svname')] !== 'FRONTEND') {
        status[cells[col('svname')]!] = cells[col('status')]!
      }
    }
    return status
  }
  const waitForStatus = async (names: string[], wanted: 'UP' | 'DOWN', timeoutMs = 15_000) => {
    const start = Date.now()
    for (;;) {
      const now = await serverStatus().catch(() => ({}) as Record<string, string>)
      if (names.every((n) => now[n] === wanted)) return
      if (Date.now() - start > timeoutMs) throw new Error(`HAProxy: ${names.join(', ')} not ${wanted} within ${timeoutMs} ms: ${JSON.stringify(now)}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  const stop = async () => {
    if (exitCode === undefined) child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
    fs.rmSync(dir, { recursive: true, force: true })
  }

  try {
    await Promise.race([
      waitForStatus(
        backends.map((b) => b.name),
        'UP',
        STARTUP_TIMEOUT_MS,
      ),
      exited.then((code) => {
        throw new Error(`haproxy exited with ${code} before it was ready:\n${output}`)
      }),
    ])
  } catch (err) {
    await stop()
    throw err
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    pid: child.pid!,
    child,
    configFile,
    serverStatus,
    waitForStatus,
    logs: () => output,
    stop,
  }
}
