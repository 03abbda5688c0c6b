/**
 * Real relay process, real WebSockets, real client code with fake-indexeddb: the moments the
 * design promises — co-editing live, and editing offline with no conflict on return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRelay } from '../helpers/relayProcess'
import { createDevice, deviceLock, textOf, waitFor, type Device } from '../helpers/nodeDevice'
import { waitUntilDeliveredOrRefused } from '../helpers/waits'
import type { OpenPlanSession } from '../../src/access/planSession'

type Relay = Awaited<ReturnType<typeof startRelay>>

let relay: Relay
const devices: Device[] = []

beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  for (const d of devices) await d.client.close()
  await relay?.stop()
})

async function device(name: string) {
  const d = await createDevice(relay, name)
  devices.push(d)
  return d
}

/** Admin creates a plan and brings the others in through real invite links. */
async function planWith(roles: Array<'editor' | 'contributor' | 'reader'>) {
  const admin = await device('ib')
  const planId = await admin.client.createPlan({ childName: 'Sam' })
  const adminSession = await admin.client.openPlan(planId)
  await adminSession.whenSynced()
  const others: { device: Device; session: OpenPlanSession }[] = []
  for (const [i, role] of roles.entries()) {
    const d = await device(`member${i}`)
    const link = await adminSession.createInvite({ role, expiresInHours: 1 })
    const preview = await d.client.previewInvite(link)
    expect(preview.title).toBe('Sam')
    expect(preview.role).toBe(role)
    await d.client.acceptInvite(link)
    others.push({ device: d, session: await d.client.openPlan(planId) })
  }
  return { planId, admin, adminSession, others }
}

describe('sync through the relay', () => {
  it('three devices editing at once converge to the same text', async () => {
    const { adminSession, others } = await planWith(['editor', 'editor'])
    const sessions = [adminSession, ...others.map((o) => o.session)]
    const words = ['ouder', 'leerkracht', 'zorg']
    for (let round = 0; round < 20; round++) {
      for (const [i, s] of sessions.entries()) s.doc.getText('notes').insert(0, `${words[i]}${round} `)
      await new Promise((r) => setTimeout(r, 5))
    }
    await waitFor(
      () =>
        sessions.every((s) => textOf(s).length === textOf(sessions[0]!).length && textOf(s) === textOf(sessions[0]!)) &&
        textOf(sessions[0]!).split(' ').length > 60,
      'convergence',
    )
    for (const w of words) expect(textOf(sessions[0]!)).toContain(`${w}19`)
    for (const s of sessions) await s.whenSynced()
  })

  it('an offline device keeps editing and converges on reconnect, nothing lost', async () => {
    const { adminSession, others } = await planWith(['editor'])
    const teacher = others[0]!.session
    teacher.disconnect()
    for (let i = 0; i < 30; i++) teacher.doc.getText('notes').insert(teacher.doc.getText('notes').length, `school${i};`)
    for (let i = 0; i < 30; i++) adminSession.doc.getText('notes').insert(0, `thuis${i};`)
    // saved-local: no socket since before the first edit, so nothing of it can be on its way
    expect(teacher.status().state).toBe('saved-local')
    expect(textOf(adminSession)).not.toContain('school0;')
    teacher.connect()
    await waitFor(() => textOf(adminSession) === textOf(teacher) && textOf(teacher).includes('thuis29;'), 'offline convergence')
    for (let i = 0; i < 30; i++) {
      expect(textOf(adminSession)).toContain(`school${i};`)
      expect(textOf(adminSession)).toContain(`thuis${i};`)
    }
    await teacher.whenSynced()
    expect(teacher.status().state).toBe('synced')
  })

  it('a reader sees the plan but its device refuses to write, and presence shows names', async () => {
    const { adminSession, others } = await planWith(['reader'])
    const guest = others[0]!.session
    adminSession.doc.getText('notes').insert(0, 'afspraak: dinsdag')
    await waitFor(() => textOf(guest) === 'afspraak: dinsdag', 'reader receives')
    expect(guest.role()).toBe('reader')
    guest.doc.getText('notes').insert(0, 'mag niet ')
    guest.flush()
    // whatever the reader's device sent has reached the admin, or the relay refused it
    await waitUntilDeliveredOrRefused(guest, adminSession, "the reader's writing settled")
    expect(textOf(adminSession)).toBe('afspraak: dinsdag')
    expect(guest.status().state).not.toBe('error') // nothing was sent that the relay had to refuse

    adminSession.awareness.setLocalStateField('user', { name: 'Ingrid (IB)', color: '#1d5c96' })
    await waitFor(
      () => [...guest.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Ingrid (IB)'),
      'presence with name',
    )
  })

  it('reopening a plan on the same device shows it from IndexedDB without the relay', async () => {
    const admin = await device('ouder')
    const planId = await admin.client.createPlan({ childName: 'Noor' })
    const s = await admin.client.openPlan(planId)
    s.doc.getText('notes').insert(0, 'blijft bewaard')
    await s.whenSynced()
    await admin.client.close()
    devices.splice(devices.indexOf(admin), 1)
    await relay.stop()
    try {
      const { createClient } = await import('../../src/access')
      const WebSocket = (await import('ws')).default
      const again = await createClient({
        namespace: admin.namespace,
        syncUrl: relay.wsUrl ?? `${relay.url.replace(/^http/, 'ws')}/sync`,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        ...deviceLock(),
      })
      devices.push({ name: 'ouder2', namespace: admin.namespace, client: again })
      const plans = await again.listPlans()
      expect(plans.map((p) => p.title)).toContain('Noor')
      const reopened = await again.openPlan(planId)
      expect(textOf(reopened)).toBe('blijft bewaard')
      expect(reopened.status().state).not.toBe('synced')
    } finally {
      relay = await startRelay()
    }
  })
})
