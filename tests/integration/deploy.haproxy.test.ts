/**
 * deploy/haproxy.cfg as shipped: HAProxy accepts it, and the config the fault tests run (made
 * from it by tests/helpers/haproxy.ts) keeps its routing. Behind it, small HTTP backends that say
 * who they are and echo the X-Forwarded-For they got: a plan's paths always reach one backend,
 * plans spread over all, a client's own X-Forwarded-For never reaches a relay, and a backend
 * whose /health fails leaves the pool while its plans move to the others.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/sync/bytes'
import { checkHaproxyConfig, DEPLOY_HAPROXY_CFG, haproxyConfig, hasHaproxy, type HaproxyProcess, startHaproxy } from '../helpers/haproxy'
import { startRelay } from '../helpers/relayProcess'

interface EchoBackend {
  name: string
  port: number
  healthy: boolean
  close(): Promise<void>
}

async function echoBackend(name: string): Promise<EchoBackend> {
  const backend: EchoBackend = { name, port: 0, healthy: true, close: async () => undefined }
  const server = http.createServer((req, res) => {
    if (req.url === '/health') return void res.writeHead(backend.healthy ? 200 : 503).end()
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ backend: name, xff: req.headers['x-forwarded-for'] ?? null }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  backend.port = (server.address() as { port: number }).port
  backend.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return backend
}

const planPath = (i: number) => `/sync/${toBase64Url(new Uint8Array(32).fill(0).map((_, j) => (i * 31 + j * 7) & 255))}`

async function whoServes(proxy: HaproxyProcess, urlPath: string, headers: Record<string, string> = {}): Promise<{ backend: string; xff: string | null }> {
  const res = await fetch(`${proxy.url}${urlPath}`, { headers })
  expect(res.status).toBe(200)
  return (await res.json()) as { backend: string; xff: string | null }
}

describe.skipIf(!hasHaproxy)('deploy/haproxy.cfg', () => {
  const cleanup: Array<() => Promise<unknown>> = []
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
  })

  it('is a valid HAProxy config as shipped, and so is the copy the tests run', async () => {
    const shipped = await checkHaproxyConfig(DEPLOY_HAPROXY_CFG)
    expect(shipped.output).toContain('Configuration file is valid')
    expect(shipped.code).toBe(0)

    const generated = haproxyConfig(
      fs.readFileSync(DEPLOY_HAPROXY_CFG, 'utf8'),
      [
        { name: 'relay1', port: 40001 },
        { name: 'relay2', port: 40002 },
      ],
      40000,
      40003,
    )
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-haproxy-check-')), 'haproxy.cfg')
    fs.writeFileSync(file, generated)
    const checked = await checkHaproxyConfig(file)
    expect(checked.output).toContain('Configuration file is valid')
    expect(checked.code).toBe(0)
    fs.rmSync(path.dirname(file), { recursive: true })
    // what routes a plan is kept word for word
    for (const line of ['balance uri depth 2', 'hash-type consistent', 'http-check send meth GET uri /health', 'timeout tunnel', 'option forwardfor']) {
      expect(generated).toContain(line)
    }
    expect(generated).toContain('server relay1 127.0.0.1:40001')
    expect(generated).not.toContain('relay3')
  })

  it("keeps each plan on one backend, spreads plans over all, and strips the client's X-Forwarded-For", async () => {
    const backends = await Promise.all(['relay1', 'relay2', 'relay3'].map(echoBackend))
    for (const b of backends) cleanup.push(b.close)
    const proxy = await startHaproxy(backends, { checkInterMs: 200 })
    cleanup.push(proxy.stop)

    const owners = new Map<number, string>()
    for (let i = 0; i < 30; i++) owners.set(i, (await whoServes(proxy, planPath(i))).backend)
    expect(new Set(owners.values())).toEqual(new Set(['relay1', 'relay2', 'relay3']))
    for (let i = 0; i < 30; i++) {
      // the same plan again, its invite check and a query string: the same backend
      expect((await whoServes(proxy, planPath(i))).backend).toBe(owners.get(i))
      expect((await whoServes(proxy, `${planPath(i)}/invite?auth=x`)).backend).toBe(owners.get(i))
    }
    // the relay trusts the first entry (TRUST_PROXY=1): it must be the address HAProxy saw
    expect((await whoServes(proxy, planPath(0), { 'X-Forwarded-For': '203.0.113.9' })).xff).toBe('127.0.0.1')
  })

  it('a backend whose /health fails leaves the pool; only its plans move, and come back when it does', async () => {
    const backends = await Promise.all(['relay1', 'relay2', 'relay3'].map(echoBackend))
    for (const b of backends) cleanup.push(b.close)
    const proxy = await startHaproxy(backends, { checkInterMs: 200 })
    cleanup.push(proxy.stop)
    const before = new Map<number, string>()
    for (let i = 0; i < 30; i++) before.set(i, (await whoServes(proxy, planPath(i))).backend)

    backends[1]!.healthy = false // what a relay says while it shuts down
    await proxy.waitForStatus(['relay2'], 'DOWN')
    for (let i = 0; i < 30; i++) {
      const now = (await whoServes(proxy, planPath(i))).backend
      if (before.get(i) === 'relay2') expect(now).not.toBe('relay2')
      else expect(now).toBe(before.get(i)) // consistent hashing: the other plans stay put
    }

    backends[1]!.healthy = true
    await proxy.waitForStatus(['relay2'], 'UP')
    for (let i = 0; i < 30; i++) expect((await whoServes(proxy, planPath(i))).backend).toBe(before.get(i))
  })

  it("passes the real relay's /health and its WebSocket upgrade through", async () => {
    const relay = await startRelay()
    cleanup.push(() => relay.stop())
    const proxy = await startHaproxy([{ name: 'relay1', port: relay.port }], { checkInterMs: 200 })
    cleanup.push(proxy.stop)
    const res = await fetch(`${proxy.url}/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok' })
    // a WebSocket only path answers 426 over HTTP, through the proxy too
    expect((await fetch(`${proxy.url}${planPath(1)}`)).status).toBe(426)
  })
})
