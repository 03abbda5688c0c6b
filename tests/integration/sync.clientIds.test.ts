/**
 * R14 and P5 on a client fed by a lying relay: the relay forwards member b's record written
 * under member a's Yjs client id (of the envelope, or inside the encrypted plan), then a's next
 * record, which takes the same clocks. The client refuses b's and still applies a's; without the
 * binding Yjs would take b's and drop a's as already known.
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_CLIENT_ID_TAKEN } from '../../src/sync/bridge'
import type { OpenPlanSession } from '../../src/access/planSession'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { evilRelayKit, step2Message, updateMessage } from '../helpers/evilRelay'
import { createDevice, textOf, waitFor, type Device } from '../helpers/nodeDevice'
import { holdsAllOf } from '../helpers/waits'

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

async function device(name: string): Promise<Device> {
  const d = await createDevice(relay, name)
  devices.push(d)
  return d
}

/** c makes the plan and brings in a and b as editors; every device holds everything. */
async function planOfThree() {
  const c = await device('c')
  const planId = await c.client.createPlan({ childName: 'Noor' })
  const sc = await c.client.openPlan(planId)
  await sc.whenSynced()
  const join = async (name: string) => {
    const d = await device(name)
    await d.client.acceptInvite(await sc.createInvite({ role: 'editor', expiresInHours: 1 }))
    return d.client.openPlan(planId)
  }
  const sa = await join('a')
  const sb = await join('b')
  sa.doc.getText('notes').insert(0, 'a1;')
  const all = [sa, sb, sc]
  await waitFor(() => all.every((x) => all.every((y) => holdsAllOf(x, y))) && all.every((s) => textOf(s) === 'a1;'), 'everyone holds everything')
  return { c: devices.find((d) => d.name === 'c')!, planId, sa, sb, sc }
}

/** b's records, then a's next one, as the lying relay sends them to a client holding `sv`. */
function bThenA(sb: OpenPlanSession, sa: OpenPlanSession) {
  return (sv: Map<number, number>) => [
    step2Message(Y.encodeStateAsUpdate(sb.envelope, Y.encodeStateVector(sv))),
    updateMessage(Y.encodeStateAsUpdate(sa.envelope, Y.encodeStateVector(sv))),
  ]
}

describe('a client fed by a lying relay keeps Yjs client ids bound to authors', () => {
  it("[R14] refuses b's record under a's envelope client id; a's next record still applies", async () => {
    const { c, planId, sa, sb } = await planOfThree()
    sb.disconnect()
    sa.disconnect()
    // b's device writes its next record under a's envelope client id: the clocks a writes next
    sb.envelope.clientID = sa.envelope.clientID
    sb.doc.getText('notes').insert(0, 'VALS;')
    await waitFor(() => Y.getState(sb.envelope.store, sa.envelope.clientID) > Y.getState(sa.envelope.store, sa.envelope.clientID), "b wrote under a's id")
    sa.doc.getText('notes').insert(3, 'a2;')
    await waitFor(() => Y.getState(sa.envelope.store, sa.envelope.clientID) === Y.getState(sb.envelope.store, sa.envelope.clientID), 'a wrote its next record')

    const s = await kit.reopenVia(c, await kit.serve(bThenA(sb, sa)), planId)
    await waitFor(() => textOf(s) === 'a1;a2;', "a's next record applies")
    expect(s.quarantined().map((q) => q.reason)).toContain('R14 client-id-taken')
    expect(textOf(s)).not.toContain('VALS')
  })

  it("[P5] refuses b's record whose content is under a's plan client id; a's next edit still applies", async () => {
    const { c, planId, sa, sb } = await planOfThree()
    sb.disconnect()
    sa.disconnect()
    // inside the encrypted plan: b's edit under a's plan-doc client id, sealed and signed by b
    const logs = [sa, sb].map((s) => s.envelope.getArray('log').length)
    sb.doc.clientID = sa.doc.clientID
    sb.doc.getText('notes').insert(0, 'VALS;')
    sa.doc.getText('notes').insert(3, 'a2;')
    await waitFor(() => [sa, sb].every((s, i) => s.envelope.getArray('log').length > logs[i]!), 'both edits sealed into records')

    const s = await kit.reopenVia(c, await kit.serve(bThenA(sb, sa)), planId)
    await waitFor(() => textOf(s) === 'a1;a2;', "a's next edit applies")
    expect(s.quarantined().map((q) => q.reason)).toContain(`update ${CONTENT_CLIENT_ID_TAKEN}`)
    expect(textOf(s)).not.toContain('VALS')
  })
})
