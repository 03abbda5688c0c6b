/**
 * Edit-to-visible latency between two devices through a relay: Samenplan (sealed blobs,
 * validating relay, SQLite) against plain Yjs over a plain y-websocket relay, measured in the
 * same run, directly on loopback and through a proxy adding one-way delay.
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { createDevice } from '../helpers/nodeDevice'
import type { OpenPlanSession } from '../../src/access/planSession'
import { percentile, round, sleep, waitUntil } from './stats'

/** Longer than the 50 ms flush window: each edit is the first after a quiet moment, as in typing pauses. */
const EDIT_SPACING_MS = 70

export interface Pair {
  sender: Y.Doc
  receiver: Y.Doc
  close(): Promise<void>
}

async function measure(pair: Pair, samples: number): Promise<number[]> {
  const text = pair.sender.getText('bench')
  const seen = pair.receiver.getText('bench')
  const out: number[] = []
  for (let i = -10; i < samples; i++) {
    const marker = `m${i};`
    const start = performance.now()
    text.insert(0, marker)
    await waitUntil(() => seen.length >= text.length && seen.toString().startsWith(marker), 10_000, `edit ${i}`)
    if (i >= 0) out.push(performance.now() - start)
    await sleep(EDIT_SPACING_MS)
  }
  return out
}

/** `receiverRelayUrl`: the receiving device uses another relay (on the same store) than the sender. */
export async function samenplanPair(relayUrl: string, syncUrl?: string, receiverRelayUrl = relayUrl): Promise<Pair> {
  const a = await createDevice({ url: relayUrl }, 'bench-a')
  const b = await createDevice({ url: receiverRelayUrl }, 'bench-b')
  const planId = await a.client.createPlan({ childName: 'Bench' })
  const sa = await a.client.openPlan(planId)
  await sa.whenSynced()
  const link = await sa.createInvite({ role: 'editor', expiresInHours: 1 })
  await b.client.acceptInvite(link)
  const sb = await b.client.openPlan(planId)
  if (syncUrl) {
    // reconnect both through the proxy: same relay, now with network delay
    for (const s of [sa, sb]) retarget(s, syncUrl)
  }
  await waitUntil(() => sa.status().state === 'synced' && sb.status().state === 'synced', 15_000, 'both synced')
  return {
    sender: sa.doc,
    receiver: sb.doc,
    close: async () => {
      await a.client.close()
      await b.client.close()
    },
  }
}

function retarget(session: OpenPlanSession, syncUrl: string): void {
  const provider = (session as unknown as { connection: { provider: WebsocketProvider } }).connection.provider
  provider.disconnect()
  provider.serverUrl = syncUrl // y-websocket derives its url from this at every connect
  provider.connect()
}

export async function plainPair(wsUrl: string): Promise<Pair> {
  const room = `bench-${Math.random().toString(36).slice(2)}`
  const docs = [new Y.Doc(), new Y.Doc()]
  const providers = docs.map(
    (doc) => new WebsocketProvider(wsUrl, room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true }),
  )
  await waitUntil(() => providers.every((p) => p.synced), 10_000, 'plain synced')
  return {
    sender: docs[0]!,
    receiver: docs[1]!,
    close: async () => {
      for (const p of providers) p.destroy()
    },
  }
}

export async function benchLatency(make: () => Promise<Pair>, samples: number) {
  const pair = await make()
  try {
    const s = await measure(pair, samples)
    return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)) }
  } finally {
    await pair.close()
  }
}

export { benchChainSyncOverhead } from './chainCost'
