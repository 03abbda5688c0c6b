/**
 * Opening a plan with years of history: 20,000 edits written one blob each (typing slower than
 * the flush window), compacted as the client does, then opened from the envelope's bytes.
 */
import * as Y from 'yjs'
import { generateContentKey, generateSigningKeyPair } from '../../src/crypto'
import { EnvelopeBridge } from '../../src/sync/bridge'
import { EpochKeys } from '../../src/sync/epochKeys'
import { createGenesis, createLockbox, createWriter } from '../../src/sync/records'
import { loadRoomState } from '../../src/sync/roomState'
import { round } from './stats'

const FIELDS = ['kind', 'ouders', 'school', 'zorg'].flatMap((p) => ['zorgen', 'krachten', 'vraag'].map((f) => `${p}.${f}`))

export async function benchOpenLarge(edits = 20_000) {
  const writer = createWriter(generateSigningKeyPair())
  const g = createGenesis(writer, Date.now())
  const key = generateContentKey()
  const envelope = new Y.Doc()
  envelope.getArray<Uint8Array>('log').push([g.bytes, createLockbox(writer, g.planId, 0, writer.identity.publicKey, key)])
  const room = loadRoomState(g.planId, envelope)
  const plan = new Y.Doc()
  const bridge = new EnvelopeBridge({
    planId: g.planId,
    writer,
    envelope,
    plan,
    room,
    keys: new EpochKeys({ 0: key }),
    recipients: () => [writer.identity],
    canWrite: () => true,
    canCompact: () => true,
    flushWindowMs: 1e9,
  })
  bridge.start()
  let seed = 42
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n
  const observations = plan.getArray<Y.Map<unknown>>('observations')
  const writeStart = performance.now()
  for (let i = 0; i < edits; i++) {
    if (i % 10 === 9) {
      const obs = new Y.Map<unknown>()
      obs.set('id', `o${i}`)
      obs.set('text', `Observatie ${i}: vandaag ging het rekenen beter.`)
      obs.set('createdAt', 1_700_000_000_000 + i)
      observations.push([obs])
    } else {
      const text = plan.getText(FIELDS[rand(FIELDS.length)]!)
      if (text.length > 20 && rand(8) === 0) text.delete(rand(text.length - 1), 1)
      else text.insert(rand(text.length + 1), 'abcdefghij klmnopqrstuvwxyz'[rand(27)]!)
    }
    bridge.flush() // one blob per edit: typing slower than the flush window
  }
  const writeMs = performance.now() - writeStart
  bridge.destroy()
  const envelopeBytes = Y.encodeStateAsUpdate(envelope)
  const plainBytes = Y.encodeStateAsUpdate(plan)

  const runs: number[] = []
  let blobs = 0
  for (let run = 0; run < 5; run++) {
    const start = performance.now()
    const env2 = new Y.Doc()
    Y.applyUpdate(env2, envelopeBytes)
    const room2 = loadRoomState(g.planId, env2)
    const plan2 = new Y.Doc()
    const b2 = new EnvelopeBridge({
      planId: g.planId,
      writer: createWriter(writer.identity),
      envelope: env2,
      plan: plan2,
      room: room2,
      keys: new EpochKeys({ 0: key }),
      recipients: () => [writer.identity],
      canWrite: () => true,
      canCompact: () => true,
    })
    b2.start()
    runs.push(performance.now() - start)
    if (plan2.getText(FIELDS[0]!).toString() !== plan.getText(FIELDS[0]!).toString()) throw new Error('bench: opened plan differs')
    blobs = env2.getArray('log').length
    b2.destroy()
  }
  runs.sort((a, b) => a - b)
  return {
    open_large_ms: round(runs[Math.floor(runs.length / 2)]!),
    open_large_edits: edits,
    open_large_live_blobs: blobs,
    open_large_write_ms: round(writeMs, 0),
    envelope_bytes: envelopeBytes.length,
    plain_bytes: plainBytes.length,
    envelope_bytes_over_plain: envelopeBytes.length - plainBytes.length,
    envelope_ratio_vs_plain: round(envelopeBytes.length / plainBytes.length, 3),
  }
}
