/**
 * The relay's HTTP side with the real process: the app (static files, deep links, caching),
 * the security headers on every answer, /health, the sync path's shape, graceful shutdown.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sealRecord } from '../../src/sync/records'
import { createPlanOnRelay, openRawClient, pushBlobs, readRelayLog, startRelay, type RelayProcess } from '../helpers/relayProcess'

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; frame-src blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

let relay: RelayProcess
let staticDir: string

beforeAll(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-static-test-'))
  fs.mkdirSync(path.join(staticDir, 'assets'))
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Samenplan</title>')
  fs.writeFileSync(path.join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  fs.writeFileSync(path.join(staticDir, 'manifest.webmanifest'), '{"name":"Samenplan"}')
  fs.writeFileSync(path.join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)')
  fs.writeFileSync(path.join(staticDir, 'assets', 'sodium-def456.wasm'), Buffer.from([0, 97, 115, 109]))
  relay = await startRelay({ staticDir })
})
afterAll(async () => {
  await relay?.stop()
})

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('content-security-policy')).toBe(CSP)
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('referrer-policy')).toBe('no-referrer')
}

describe('relay over HTTP', () => {
  it('GET /health tells operators rooms, connections and uptime', async () => {
    const res = await fetch(`${relay.url}/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expectSecurityHeaders(res)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ status: 'ok', rooms: 0, connections: 0 })
    expect(typeof body.uptimeS).toBe('number')
  })

  it('serves the app with the CSP on index, assets, and errors; hashed assets cached long, index and sw.js never', async () => {
    const index = await fetch(`${relay.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toContain('<title>Samenplan</title>')
    expectSecurityHeaders(index)

    const asset = await fetch(`${relay.url}/assets/index-abc123.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expectSecurityHeaders(asset)

    const wasm = await fetch(`${relay.url}/assets/sodium-def456.wasm`)
    expect(wasm.headers.get('content-type')).toBe('application/wasm')

    const sw = await fetch(`${relay.url}/sw.js`)
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    expect((await fetch(`${relay.url}/manifest.webmanifest`)).headers.get('content-type')).toContain('application/manifest+json')

    const missing = await fetch(`${relay.url}/assets/missing-000.js`)
    expect(missing.status).toBe(404)
    expectSecurityHeaders(missing)
  })

  it('answers a deep link with index.html, so routes work on reload', async () => {
    const res = await fetch(`${relay.url}/plan/abc/doelen`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<title>Samenplan</title>')
    expect(res.headers.get('cache-control')).toBe('no-cache')
  })

  it('never serves files outside the static directory', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await fetch(`${relay.url}${p}`)
      expect(await res.text(), p).not.toContain('"name": "samenplan"')
    }
  })

  it('refuses other methods, and plain GETs of the sync path', async () => {
    expect((await fetch(`${relay.url}/`, { method: 'POST', body: 'x' })).status).toBe(405)
    expect((await fetch(`${relay.url}/sync/abc`)).status).toBe(426)
  })

  it('refuses a WebSocket to a malformed plan id or another path at the handshake', async () => {
    const bad = [
      `${relay.wsUrl}/not-a-plan-id`,
      `${relay.wsUrl}/${'A'.repeat(42)}`, // 31.5 bytes
      `${relay.wsUrl}/${'A'.repeat(42)}B`, // 32 bytes, but not the one canonical spelling
      `${relay.wsUrl}/${'A'.repeat(43)}/extra`,
      relay.url.replace(/^http/, 'ws') + '/elsewhere',
    ]
    for (const url of bad) {
      const client = openRawClient(url)
      const closed = await client.closed
      expect(closed.code, url).toBe(-1)
      expect(closed.reason, url).toMatch(/HTTP 40[04]/)
    }
    expect((await fetch(`${relay.url}/health`)).status).toBe(200) // still serving
  })
})

describe('graceful shutdown', () => {
  it('SIGTERM: open sockets get 1001, what was acknowledged survives, the WAL is checkpointed, exit 0', async () => {
    const r = await startRelay({ staticDir })
    const plan = await createPlanOnRelay(r)
    const note = sealRecord(plan.admin, plan.planId, 0, plan.key, { kind: 'update', part: 0, parts: 1 }, new TextEncoder().encode('bewaard'))
    await pushBlobs(plan.client, plan.doc, [note])
    const code = await r.stop()
    expect(code).toBe(0)
    expect((await plan.client.closed).code).toBe(1001)
    const events = r.events().map((e) => e.event)
    expect(events).toContain('shutdown-start')
    expect(events).toContain('shutdown-done')
    // the WAL was folded into the database file: a copy of DATA_DIR alone is a full backup
    const wal = path.join(r.dataDir, 'relay.sqlite-wal')
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true)
    const again = await startRelay({ dataDir: r.dataDir, staticDir })
    try {
      const log = await readRelayLog(again, plan.admin.identity, plan.planId)
      expect(log.map((b) => Buffer.from(b).toString('hex'))).toContain(Buffer.from(note).toString('hex'))
    } finally {
      await again.stop()
    }
  })
})
