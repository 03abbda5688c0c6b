/**
 * Faults with the real relay process: it dies mid-burst, its data directory is restored from an
 * older copy, and a canary typed into the plan must never reach the relay's disk or logs, or a
 * device's IndexedDB.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startRelay } from '../helpers/relayProcess'
import { createDevice, dumpIndexedDb, textOf, waitFor, type Device } from '../helpers/nodeDevice'

type Relay = Awaited<ReturnType<typeof startRelay>>

const devices: Device[] = []
const relays: Relay[] = []
afterEach(async () => {
  for (const d of devices.splice(0)) await d.client.close()
  for (const r of relays.splice(0)) await r.stop().catch(() => undefined)
})

async function relayOn(opts: Parameters<typeof startRelay>[0] = {}) {
  const r = await startRelay(opts)
  relays.push(r)
  return r
}

async function twoEditors(relay: Relay) {
  const a = await createDevice(relay, 'ouder')
  const b = await createDevice(relay, 'leerkracht')
  devices.push(a, b)
  const planId = await a.client.createPlan({ childName: 'Mila' })
  const sa = await a.client.openPlan(planId)
  await sa.whenSynced()
  await b.client.acceptInvite(await sa.createInvite({ role: 'editor', expiresInHours: 1 }))
  const sb = await b.client.openPlan(planId)
  return { a, b, sa, sb, planId }
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

describe('faults and secrecy', () => {
  it("a canary typed into the plan never reaches the relay's files or logs, or any IndexedDB", async () => {
    const relay = await relayOn()
    const { a, b, sa, sb } = await twoEditors(relay)
    const canary = 'KANARIE-7f3a-Sam-slaapt-slecht'
    sa.doc.getText('notes').insert(0, canary)
    sa.awareness.setLocalStateField('user', { name: canary, color: '#000' })
    await waitFor(() => textOf(sb).includes(canary), 'canary arrives')
    await sa.whenSynced()
    for (const i of [1, 2, 3]) sb.doc.getText('notes').insert(0, `${canary}-${i}`)
    await sb.whenSynced()
    expect(sa.compact()).toBe(true) // snapshots hold it too
    await sa.whenSynced() // acknowledged: on the relay's disk
    // a later line in the relay's log: whatever it logged about the writes before is written by then
    const closes = () => relay.events().filter((e) => e.event === 'conn-close').length
    const closedBefore = closes()
    sb.disconnect()
    await waitFor(() => closes() > closedBefore, 'the relay logs a later event')
    for (const file of filesUnder(relay.dataDir)) {
      const bytes = fs.readFileSync(file)
      expect(bytes.includes(Buffer.from(canary)), file).toBe(false)
      expect(bytes.includes(Buffer.from('Mila')), file).toBe(false)
    }
    expect(relay.logs()).not.toContain(canary)
    expect(relay.logs()).not.toContain('Mila')
    for (const d of [a, b]) {
      const disk = await dumpIndexedDb(d.namespace)
      expect(disk.length).toBeGreaterThan(1000)
      expect(disk.includes(Buffer.from(canary))).toBe(false)
      expect(disk.includes(Buffer.from('Mila'))).toBe(false)
    }
  })

  it('kill -9 in the middle of a burst: after restart every edit arrives', async () => {
    const relay = await relayOn()
    const { sa, sb } = await twoEditors(relay)
    const text = sa.doc.getText('notes')
    // a steady stream of edits, a few ms apart, so blobs are in flight when the relay dies
    for (let i = 0; i < 100; i++) {
      if (i === 50) void relay.kill('SIGKILL')
      text.insert(text.length, `e${i};`)
      await new Promise((r) => setTimeout(r, 3))
    }
    await relay.exited
    const again = await relayOn({ dataDir: relay.dataDir, port: relay.port })
    expect(again.port).toBe(relay.port)
    await waitFor(() => textOf(sb).split(';').length > 100, 'every edit after restart', 30_000)
    for (let i = 0; i < 100; i++) expect(textOf(sb)).toContain(`e${i};`)
    await sa.whenSynced(30_000)
  })

  it('a relay restored from an older copy of its data is healed by the clients', async () => {
    const relay = await relayOn()
    const { a, sa, sb, planId } = await twoEditors(relay)
    sa.doc.getText('notes').insert(0, 'voor de back-up;')
    await sa.whenSynced()
    await relay.stop()
    const backup = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-backup-'))
    fs.cpSync(relay.dataDir, backup, { recursive: true })
    const live = await relayOn({ dataDir: relay.dataDir, port: relay.port })
    await waitFor(() => sa.status().state === 'synced' && sb.status().state === 'synced', 'reconnected', 30_000)
    sa.doc.getText('notes').insert(0, 'na de back-up;')
    await waitFor(() => textOf(sb).includes('na de back-up;'), 'edit after backup')
    await sa.whenSynced()
    await live.stop()
    // disaster: the data directory is replaced by the older copy
    fs.rmSync(relay.dataDir, { recursive: true, force: true })
    fs.cpSync(backup, relay.dataDir, { recursive: true })
    await relayOn({ dataDir: relay.dataDir, port: relay.port })
    await waitFor(() => sa.status().state === 'synced' && sb.status().state === 'synced', 'healed', 30_000)
    // a device that was never here sees everything, so the relay has it again
    const c = await createDevice(relay, 'consulent')
    devices.push(c)
    await c.client.acceptInvite(await sa.createInvite({ role: 'reader', expiresInHours: 1 }))
    const sc = await c.client.openPlan(planId)
    await waitFor(() => textOf(sc).includes('na de back-up;') && textOf(sc).includes('voor de back-up;'), 'fresh device sees all')
    void a
  })
})
