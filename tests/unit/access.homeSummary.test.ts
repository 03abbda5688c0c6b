/**
 * The home screen's summary through the client: computed from the open plan after changes
 * (debounced), stored sealed in the keyring, read back by listPlans, and never plaintext on disk.
 * No relay runs: the device is offline, which changes nothing here.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { loadSodium, MINIMUM_KDF_LIMITS } from '../../src/crypto'
import { createClient, type Client } from '../../src/access'
import { createActions, createChild, createMeetings, isoDay } from '../../src/plan'
import { PASSPHRASE, contains, dumpDatabases, uniqueName } from './keyring.fixtures'

beforeAll(async () => {
  await loadSodium()
})

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const start = Date.now()
  let last: T = await read()
  while (!ok(last)) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`)
    await new Promise((r) => setTimeout(r, 50))
    last = await read()
  }
  return last
}

describe('home summary in the keyring', () => {
  it('follows the plan (school, next meeting, open afspraken), sealed: none of it is plaintext on disk', async () => {
    const namespace = uniqueName('summary')
    const options = {
      namespace,
      syncUrl: 'ws://127.0.0.1:9/sync',
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      kdfLimits: MINIMUM_KDF_LIMITS,
    }
    const client = await createClient(options)
    clients.push(client)
    const me = await client.createProfile('Bram', PASSPHRASE)
    const planId = await client.createPlan({ childName: 'Noor' })
    const first = await until(
      () => client.listPlans(),
      (p) => p[0]?.summary !== null,
      'a first summary',
    )
    // the plan is open in this client (offline: no relay listens), so its sync state comes along
    expect(first).toEqual([
      {
        planId,
        title: 'Noor',
        role: 'admin',
        summary: { childName: 'Noor', school: '', nextMeeting: '', openActions: 0 },
        sync: { state: expect.stringMatching(/^(connecting|saved-local)$/), pending: expect.any(Number) },
      },
    ])

    const session = await client.openPlan(planId)
    const next = isoDay(Date.now() + 20 * 86_400_000)
    createChild(session.doc).set({ school: 'Basisschool Zonnebloem-4711' })
    const meetingId = createMeetings(session.doc).add({ type: 'MDO', date: next }, me.memberKey)
    const actions = createActions(session.doc)
    actions.add({ what: 'Dagritmekaart' }, me.memberKey)
    actions.setDone(actions.add({ what: 'Gesprek' }, me.memberKey), true)
    // the meeting within 30 days is also a reminder (src/plan/reminders.ts)
    const expected = {
      childName: 'Noor',
      school: 'Basisschool Zonnebloem-4711',
      nextMeeting: next,
      openActions: 1,
      // a meeting ahead that I have not prepared yet is asked of me (src/plan/preparations.ts)
      forYou: [{ kind: 'prepare', meetingId, date: next }],
      reminders: [{ kind: 'meeting', date: next }],
    }
    await until(
      () => client.listPlans(),
      (p) => JSON.stringify(p[0]?.summary) === JSON.stringify(expected),
      'the summary to follow the plan',
    )

    const disk = await dumpDatabases(namespace)
    expect(disk.length).toBeGreaterThan(1000)
    const bytes = (s: string) => new TextEncoder().encode(s)
    expect(contains(disk, bytes(planId))).toBe(true) // a control: the dump does hold what is stored in the clear (the plan id)
    expect(contains(disk, bytes('Zonnebloem-4711'))).toBe(false)
    expect(contains(disk, bytes('Noor'))).toBe(false)
    expect(contains(disk, bytes('Dagritmekaart'))).toBe(false)

    // a fresh start of the app on this device reads it back after unlock, without opening the plan
    await client.close()
    clients.splice(0)
    const again = await createClient({ ...options, passphrase: PASSPHRASE })
    clients.push(again)
    const listed = await again.listPlans()
    expect(listed[0]?.summary).toEqual(expected)
    expect(listed[0]?.sync).toBeUndefined() // not open in this client
  })
})
