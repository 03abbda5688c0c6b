/**
 * A compromised relay can withhold data but cannot inject records or delete what no snapshot
 * covers (DESIGN §5.7): the client runs the relay's rules on everything the relay sends.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateContentKey, generateSigningKeyPair } from '../../src/crypto'
import { fromBase64Url } from '../../src/sync/bytes'
import { createWriter, sealRecord } from '../../src/sync/records'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { evilRelayKit, step2Message } from '../helpers/evilRelay'
import { createDevice, textOf, waitFor, type Device } from '../helpers/nodeDevice'

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

/** A relay that answers a client's step 1 with an update of its own making. */
const evilRelay = (makeUpdate: (clientState: Map<number, number>) => Uint8Array) => kit.serve((sv) => step2Message(makeUpdate(sv)))

async function planOnDevice() {
  const d = await createDevice(relay, 'ouder')
  devices.push(d)
  const planId = await d.client.createPlan({ childName: 'Iris' })
  const s = await d.client.openPlan(planId)
  s.doc.getText('notes').insert(0, 'echt;')
  await s.whenSynced()
  return { d, planId, before: textOf(s), logLength: s.envelope.getArray('log').length }
}

const reopenVia = kit.reopenVia

describe('a compromised relay', () => {
  it('[R5] cannot inject a record signed by someone outside the plan', async () => {
    const { d, planId, before, logLength } = await planOnDevice()
    const outsider = createWriter(generateSigningKeyPair())
    const url = await evilRelay(() => {
      const doc = new Y.Doc()
      const plan = new Y.Doc()
      plan.getText('notes').insert(0, 'INGESPOTEN;')
      doc
        .getArray<Uint8Array>('log')
        .push([sealRecord(outsider, fromBase64Url(planId), 0, generateContentKey(), { kind: 'update', part: 0, parts: 1 }, Y.encodeStateAsUpdate(plan))])
      return Y.encodeStateAsUpdate(doc)
    })
    const s = await reopenVia(d, url, planId)
    await waitFor(() => s.status().state === 'error', 'the refusal shows')
    expect(s.status().errorCode).toBe('R5 role-forbidden')
    expect(s.quarantined().map((q) => q.reason)).toContain('R5 role-forbidden')
    expect(s.status().rejected).toBeGreaterThan(0) // the plan view says so
    expect(textOf(s)).toBe(before)
    expect(s.envelope.getArray('log').length).toBe(logLength)
  })

  it('[R10] cannot delete what no snapshot covers', async () => {
    const { d, planId, before, logLength } = await planOnDevice()
    const url = await evilRelay((clientState) => {
      // delete the first item of every client the device holds (its genesis among them)
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0) // no structs
      encoding.writeVarUint(e, clientState.size)
      for (const [client, clock] of clientState) {
        encoding.writeVarUint(e, client)
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, clock)
      }
      return encoding.toUint8Array(e)
    })
    const s = await reopenVia(d, url, planId)
    await waitFor(() => s.status().state === 'error', 'the refusal shows')
    expect(s.status().errorCode).toBe('R10 uncovered-delete')
    expect(textOf(s)).toBe(before)
    expect(s.envelope.getArray('log').length).toBe(logLength)
  })
})
