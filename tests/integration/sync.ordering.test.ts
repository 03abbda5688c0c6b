/**
 * Regression: a record written just as the socket opened went to the relay as an update before
 * the client's sync step 2 carried the plan's genesis, and the relay refused it (R4 no-genesis),
 * closing the creator's connection for good.
 */
import * as Y from 'yjs'
import WebSocket from 'ws'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { generateContentKey, generateSigningKeyPair, loadSodium } from '../../src/crypto'
import { connectEnvelope } from '../../src/sync/connection'
import { countUnconfirmed } from '../../src/sync/connection'
import { createGenesis, createWriter, sealRecord } from '../../src/sync/records'
import { loadRoomState } from '../../src/sync/roomState'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { waitFor } from '../helpers/nodeDevice'

let relay: RelayProcess
beforeAll(async () => {
  await loadSodium()
  relay = await startRelay()
})
afterAll(async () => {
  await relay.stop()
})

it('a record written the moment the socket opens waits for the step 2 that carries the genesis', async () => {
  const writer = createWriter(generateSigningKeyPair())
  const g = createGenesis(writer, Date.now())
  const key = generateContentKey()
  const envelope = new Y.Doc()
  envelope.getArray<Uint8Array>('log').push([g.bytes])
  const room = loadRoomState(g.planId, envelope)
  const closes: number[] = []
  const conn = connectEnvelope({
    syncUrl: relay.wsUrl,
    planId: g.planId,
    envelope,
    room,
    identity: () => writer.identity,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  conn.provider.on('status', ({ status }) => {
    if (status === 'connected') {
      envelope.getArray<Uint8Array>('log').push([sealRecord(writer, g.planId, 0, key, { kind: 'update', part: 0, parts: 1 }, new Uint8Array([0, 0]))])
    }
  })
  conn.provider.on('connection-close', (e) => e && closes.push(e.code))
  await waitFor(() => conn.provider.synced && countUnconfirmed(envelope, conn.relayState()) === 0, 'relay holds both records')
  expect(closes).toEqual([])
  conn.destroy()
})
