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
      return
    }
    for (const [c, clock] of Y.parseUpdateMeta(payload).to) {
      const sent = sendTimes.get(`${c}:${clock - 1}`)
      if (sent !== undefined) latencies.push(now - sent)
    }
  })
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.send(syncMessage(0, Y.encodeStateVector(client.doc)))
      resolve(client)
    })
    ws.once('error', reject)
    ws.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason}`)))
  })
}

function pushUpdate(client: LoadClient, recordTime: boolean): void {
  const blob = sealRecord(client.writer, client.plan, 0, client.key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array(120))
  let update: Uint8Array | null = null
  const capture = (u: Uint8Array) => (update = u)
  client.doc.once('update', capture)
  client.doc.getArray<Uint8Array>('log').push([blob])
  // the client's doc holds only its own items, so the new item's clock is its index
  if (recordTime) sendTimes.set(`${client.doc.clientID}:${client.doc.getArray('log').length - 1}`, performance.now())
  client.ws.send(syncMessage(2, update!))
}

export async function benchRelayLoad(wsBase: string, opts = { plans: 50, membersPerPlan: 10, rate: 200, seconds: 10 }) {
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
    for (const m of members) clients.push(await connect(wsBase, m, g.planId, key))
  }
  await sleep(500)

  // phase 1: a steady offered rate; latency from send to arrival at each other member
  latencies.length = 0
  const perUpdate = opts.membersPerPlan - 1
  const interval = 1000 / opts.rate
  const total = opts.rate * opts.seconds
  let seed = 7
  const pick = () => clients[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % clients.length]!
  const start = performance.now()
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now()
    if (wait > 1) await sleep(wait)
    pushUpdate(pick(), true)
  }
  await waitUntil(() => latencies.length >= total * perUpdate, 30_000, 'all deliveries').catch(() => undefined)
  const steadyElapsed = (performance.now() - start) / 1000
  const steady = [...latencies]

  // phase 2: as fast as the generator can send; throughput is updates fully fanned out per second
  latencies.length = 0
  const burst = Math.min(3000, total)
  const burstStart = performance.now()
  for (let i = 0; i < burst; i++) {
    pushUpdate(pick(), true)
    if (i % 50 === 49) await sleep(0) // let replies in, as a real sender would
  }
  await waitUntil(() => latencies.length >= burst * perUpdate, 60_000, 'burst deliveries').catch(() => undefined)
  const burstElapsed = (performance.now() - burstStart) / 1000

  const result = {
    relay_clients: clients.length,
    relay_plans: opts.plans,
    relay_offered_updates_per_s: opts.rate,
    relay_updates_per_s: round(total / steadyElapsed, 1),
    relay_p50_ms: round(percentile(steady, 50)),
    relay_p99_ms: round(percentile(steady, 99)),
    relay_deliveries: steady.length,
    relay_deliveries_expected: total * perUpdate,
    relay_max_updates_per_s: round(Math.min(burst, latencies.length / perUpdate) / burstElapsed, 1),
  }
  for (const c of clients) c.ws.close()
  sendTimes.clear()
  return result
}
