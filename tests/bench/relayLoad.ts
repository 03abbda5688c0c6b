/**
 * Relay load: many connected members across many plans, each update signed and sealed as a
 * client would, sent at a fixed offered rate; latency is send to arrival at every other member
 * of the plan (fan-out included). Clients are raw y-protocols speakers to keep the load
 * generator light next to the relay on two cores.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { generateContentKey, generateSigningKeyPair } from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { toBase64Url } from '../../src/sync/bytes'
import { MESSAGE_ACK, MESSAGE_SYNC } from '../../src/sync/protocol'
import { createGenesis, createMemberRecord, createWriter, sealRecord, type Writer } from '../../src/sync/records'
import { percentile, round, sleep, waitUntil } from './stats'

interface LoadClient {
  ws: WebSocket
  writer: Writer
  doc: Y.Doc
  plan: Uint8Array
  key: Uint8Array
  acks: number
}

const sendTimes = new Map<string, number>()
const latencies: number[] = []

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SYNC)
  encoding.writeVarUint(e, type)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

function connect(wsBase: string, writer: Writer, plan: Uint8Array, key: Uint8Array): Promise<LoadClient> {
  const url = `${wsBase}/sync/${toBase64Url(plan)}?auth=${createAuthToken(writer.identity, plan, Date.now())}`
  const ws = new WebSocket(url)
  ws.binaryType = 'arraybuffer'
  const client: LoadClient = { ws, writer, doc: new Y.Doc(), plan, key, acks: 0 }
  let answeredStep1: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (answeredStep1 = resolve))
  ws.on('message', (data: ArrayBuffer) => {
    const now = performance.now()
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const tag = decoding.readVarUint(decoder)
    if (tag === MESSAGE_ACK) {
      client.acks += 1
      return
    }
    if (tag !== MESSAGE_SYNC) return
    const type = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (type === 0) {
      ws.send(syncMessage(1, Y.encodeStateAsUpdate(client.doc, payload)))
      answeredStep1()
      return
    }
    for (const [c, clock] of Y.parseUpdateMeta(payload).to) {
      const sent = sendTimes.get(`${c}:${clock - 1}`)
      if (sent !== undefined) latencies.push(now - sent)
    }
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => ws.send(syncMessage(0, Y.encodeStateVector(client.doc))))
    // ready once the relay's step 1 is answered: that answer holds everything the doc has then,
    // so prebuilt updates (pushed to the doc after this) must not exist before it
    void ready.then(() => resolve(client))
    ws.once('error', reject)
    ws.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason}`)))
  })
}

/**
 * The next record of `client`, signed and sealed ahead of time: the update that pushes it is
 * built when the load is set up, so sending costs the generator nothing but the socket write.
 */
function prebuild(client: LoadClient, count: number): Uint8Array[] {
  const updates: Uint8Array[] = []
  const log = client.doc.getArray<Uint8Array>('log')
  for (let i = 0; i < count; i++) {
    const blob = sealRecord(client.writer, client.plan, 0, client.key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array(120))
    let update: Uint8Array | null = null
    const capture = (u: Uint8Array) => (update = u)
    client.doc.once('update', capture)
    log.push([blob])
    updates.push(update!)
  }
  return updates
}

interface Prepared {
  client: LoadClient
  updates: Uint8Array[]
  /** the client's own clock before the first prebuilt update */
  base: number
  next: number
}

export interface RelayLoad {
  clients: number
  /** offered `rate` updates/s for `seconds`: send-to-arrival at every other member of the plan */
  steady(rate: number, seconds: number): Promise<{ achieved: number; p50: number; p99: number; deliveries: number; expected: number }>
  /** `count` updates as fast as the generator sends: updates fully fanned out per second */
  burst(count: number): Promise<number>
  close(): void
}

/**
 * Connects `plans` × `membersPerPlan` clients (the admin adds the others as editors) and
 * prebuilds `updatesPerClient` updates each; the phases then only send and time.
 */
export async function setupRelayLoad(wsBase: string, opts: { plans: number; membersPerPlan: number; updatesPerClient: number }): Promise<RelayLoad> {
  const clients: LoadClient[] = []
  for (let p = 0; p < opts.plans; p++) {
    const admin = createWriter(generateSigningKeyPair())
    const g = createGenesis(admin, Date.now())
    const key = generateContentKey()
    const members = Array.from({ length: opts.membersPerPlan - 1 }, () => createWriter(generateSigningKeyPair()))
    const adminClient = await connect(wsBase, admin, g.planId, key)
    const records = [
      g.bytes,
      ...members.map((m) => createMemberRecord(admin, g.planId, { op: 'add', subject: m.identity.publicKey, role: 'editor', party: 'parent' })),
    ]
    let setup: Uint8Array | null = null
    adminClient.doc.once('update', (u: Uint8Array) => (setup = u))
    adminClient.doc.getArray<Uint8Array>('log').push(records)
    adminClient.ws.send(syncMessage(2, setup!))
    await waitUntil(() => adminClient.acks > 0, 10_000, 'plan setup acked')
    clients.push(adminClient)
    // members connect side by side: 2,000 one after the other would take most of a run
    clients.push(...(await Promise.all(members.map((m) => connect(wsBase, m, g.planId, key)))))
  }
  const prepared: Prepared[] = clients.map((client) => {
    const base = client.doc.getArray('log').length
    return { client, updates: prebuild(client, opts.updatesPerClient), base, next: 0 }
  })
  await sleep(500)
  const perUpdate = opts.membersPerPlan - 1
  let seed = 7
  /** a random client (a fixed sequence, the same every run) that has prebuilt updates left */
  const pick = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
    for (let i = 0; i < prepared.length; i++) {
      const p = prepared[(seed + i) % prepared.length]!
      if (p.next < p.updates.length) return p
    }
    throw new Error('bench: every client sent all its prebuilt updates (raise updatesPerClient)')
  }
  const send = (p: Prepared) => {
    // the client's doc holds only its own items, so the new item's clock is its index
    sendTimes.set(`${p.client.doc.clientID}:${p.base + p.next}`, performance.now())
    p.client.ws.send(syncMessage(2, p.updates[p.next++]!))
  }

  return {
    clients: clients.length,
    async steady(rate, seconds) {
      latencies.length = 0
      const interval = 1000 / rate
      const total = Math.round(rate * seconds)
      const start = performance.now()
      for (let i = 0; i < total; i++) {
        const wait = start + i * interval - performance.now()
        if (wait > 1) await sleep(wait)
        send(pick())
      }
      const sent = performance.now()
      await waitUntil(() => latencies.length >= total * perUpdate, 30_000, 'all deliveries').catch(() => undefined)
      const steady = [...latencies]
      return {
        achieved: round(total / ((sent - start) / 1000), 1),
        p50: round(percentile(steady, 50)),
        // a delivery that never came counts as the slowest
        p99: steady.length < total * perUpdate ? Number.POSITIVE_INFINITY : round(percentile(steady, 99)),
        deliveries: steady.length,
        expected: total * perUpdate,
      }
    },
    async burst(count) {
      latencies.length = 0
      const burstStart = performance.now()
      for (let i = 0; i < count; i++) {
        send(pick())
        if (i % 50 === 49) await sleep(0) // let replies in, as a real sender would
      }
      await waitUntil(() => latencies.length >= count * perUpdate, 60_000, 'burst deliveries').catch(() => undefined)
      return round(Math.min(count, latencies.length / perUpdate) / ((performance.now() - burstStart) / 1000), 1)
    },
    close() {
      for (const c of clients) c.ws.close()
      sendTimes.clear()
    },
  }
}

export async function benchRelayLoad(wsBase: string, opts = { plans: 50, membersPerPlan: 10, rate: 200, seconds: 10 }) {
  const total = opts.rate * opts.seconds
  const burst = Math.min(3000, total)
  const clientsN = opts.plans * opts.membersPerPlan
  // each client sends a share of the steady phase and the burst, with room for the random pick
  const load = await setupRelayLoad(wsBase, { ...opts, updatesPerClient: Math.ceil(((total + burst) / clientsN) * 3) + 10 })
  const steady = await load.steady(opts.rate, opts.seconds)
  const max = await load.burst(burst)
  load.close()
  return {
    relay_clients: load.clients,
    relay_plans: opts.plans,
    relay_offered_updates_per_s: opts.rate,
    relay_updates_per_s: steady.achieved,
    relay_p50_ms: steady.p50,
    relay_p99_ms: steady.p99,
    relay_deliveries: steady.deliveries,
    relay_deliveries_expected: steady.expected,
    relay_max_updates_per_s: max,
  }
}

/**
 * The highest offered rate whose p99 stays within `budgetMs` (and that the generator and relay
 * keep up with: at least 90 % of it achieved, every delivery made), trying `rates` in order on
 * one set of clients and stopping at the first that fails.
 */
export async function rampRelayLoad(
  wsBase: string,
  opts: { plans: number; membersPerPlan: number; rates: number[]; seconds: number; budgetMs: number; log?: (line: string) => void },
): Promise<{ sustained: number; steps: Array<{ rate: number; achieved: number; p50: number; p99: number }> }> {
  const clientsN = opts.plans * opts.membersPerPlan
  const total = opts.rates.reduce((a, r) => a + r * opts.seconds, 0)
  const load = await setupRelayLoad(wsBase, { ...opts, updatesPerClient: Math.ceil((total / clientsN) * 3) + 10 })
  const steps: Array<{ rate: number; achieved: number; p50: number; p99: number }> = []
  let sustained = 0
  try {
    for (const rate of opts.rates) {
      const r = await load.steady(rate, opts.seconds)
      steps.push({ rate, achieved: r.achieved, p50: r.p50, p99: r.p99 })
      opts.log?.(`  offered ${rate}/s: achieved ${r.achieved}/s, p50 ${r.p50} ms, p99 ${r.p99} ms`)
      if (r.p99 > opts.budgetMs || r.achieved < rate * 0.9) break
      sustained = rate
      await sleep(1000) // let the relay drain before the next step
    }
  } finally {
    load.close()
  }
  return { sustained, steps }
}
