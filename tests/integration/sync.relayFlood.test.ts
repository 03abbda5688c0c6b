/**
 * A malicious relay cannot freeze a client (issue 9, item 13): a message past the frame limit is
 * refused before it is decoded, and one valid blob repeated 10,000 times is refused without
 * 10,000 libsodium verifications on the main thread (signatures are checked in one batch off it,
 * `preverifyUpdate`, before validateUpdate).
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sodium } from '../../src/crypto/sodium'
import { MAX_SYNC_MESSAGE_BYTES } from '../../src/sync/connection'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { evilRelayKit, step2Message } from '../helpers/evilRelay'
import { createDevice, waitFor, type Device } from '../helpers/nodeDevice'

let relay: RelayProcess
const devices: Device[] = []
const kit = evilRelayKit(devices)
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  await kit.close()
  for (const d of devices) await d.client.close()
  await relay.stop()
})

/** A relay that answers a client's step 1 with a message of its own making. */
const evilRelay = kit.serve
const step2 = step2Message

async function planOnDevice() {
  const d = await createDevice(relay, 'ouder')
  devices.push(d)
  const planId = await d.client.createPlan({ childName: 'Iris' })
  const s = await d.client.openPlan(planId)
  s.doc.getText('notes').insert(0, 'echt;')
  s.flush()
  await s.whenSynced()
  return { d, planId, envelope: Y.encodeStateAsUpdate(s.envelope), logLength: s.envelope.getArray('log').length }
}

const reopenVia = kit.reopenVia

describe('[R9] a malicious relay cannot freeze a client', () => {
  it('[R9] a message past the frame limit is refused before it is decoded', async () => {
    const { d, planId, logLength } = await planOnDevice()
    // a harmless empty update, then bytes up to past the limit: read, it would pass; only the
    // frame's size, checked first, refuses it
    const url = await evilRelay(() => {
      const head = step2(Y.encodeStateAsUpdate(new Y.Doc()))
      const frame = new Uint8Array(MAX_SYNC_MESSAGE_BYTES + 1)
      frame.set(head)
      return frame
    })
    const s = await reopenVia(d, url, planId)
    await waitFor(() => s.status().state === 'error', 'the refusal shows')
    expect(s.status().errorCode).toBe('R9 update-too-large')
    expect(s.envelope.getArray('log').length).toBe(logLength)
  })

  // past the cap the count alone refuses it (R9); below it, the repeated triple (R8): neither verifies the copies
  it.each([
    [10_000, 'R9 too-many-blobs'],
    [1_000, 'R8 replay'],
  ])('[R8][R9] one valid blob repeated %i times is refused (%s) with few libsodium verifications', async (copies, code) => {
    const { d, planId, envelope, logLength } = await planOnDevice()
    const url = await evilRelay((clientState) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, envelope)
      const blob = doc.getArray<Uint8Array>('log').get(doc.getArray('log').length - 1)
      const before = Y.encodeStateVector(doc)
      doc.getArray<Uint8Array>('log').push(Array.from({ length: copies }, () => blob))
      void clientState
      return step2(Y.encodeStateAsUpdate(doc, before))
    })
    const verify = vi.spyOn(sodium(), 'crypto_sign_verify_detached')
    try {
      const s = await reopenVia(d, url, planId)
      await waitFor(() => s.status().state === 'error', 'the refusal shows', 60_000)
      expect(s.status().errorCode).toBe(code)
      expect(s.envelope.getArray('log').length).toBe(logLength)
      // opening the plan verifies its few stored records at most; the flood adds none
      expect(verify.mock.calls.length).toBeLessThan(50)
    } finally {
      verify.mockRestore()
    }
  })
})
