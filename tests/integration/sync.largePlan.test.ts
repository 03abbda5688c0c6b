/**
 * [R9] A plan larger than one message (an update ≤ 16 MiB) still syncs (issue 9, item 6): the
 * relay answers a step 1 in chunks, and so does a device healing a relay restored from an empty
 * backup (updateChunks.ts). Before, a step 2 past 16 MiB was refused by both sides and no new
 * device could ever join.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { liveBlobs } from '../../src/sync/roomState'
import { MAX_UPDATE_BYTES } from '../../src/sync/validateUpdate'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { createDevice, textOf, waitFor, type Device } from '../helpers/nodeDevice'

const relays: RelayProcess[] = []
const devices: Device[] = []
afterAll(async () => {
  for (const d of devices) await d.client.close()
  for (const r of relays) await r.stop()
})

/** ~1 MB of text per record, so no single local change is larger than a message either */
const PIECE = 1_000_000
const PIECES = 18

describe('[R9] a plan past one message', () => {
  it('[R9] syncs to a fresh device through the relay, and back to a relay restored from an empty backup', async () => {
    // writing a plan this large in one sitting compacts it every MiB, each snapshot the whole plan
    // so far: more than a key's default hourly quota (R9 key-quota-exceeded), which is not what this tests
    const env = { RELAY_KEY_QUOTA_BYTES_PER_HOUR: String(4 * 1024 ** 3), RELAY_KEY_QUOTA_BYTES_PER_DAY: String(4 * 1024 ** 3) }
    const relay = await startRelay({ env })
    relays.push(relay)
    const owner = await createDevice(relay, 'ib')
    devices.push(owner)
    const planId = await owner.client.createPlan({ childName: 'Sem' })
    const so = await owner.client.openPlan(planId)
    await so.whenSynced()
    for (let i = 0; i < PIECES; i++) {
      so.doc.getText('notes').insert(so.doc.getText('notes').length, `${i};${String.fromCharCode(97 + (i % 26)).repeat(PIECE)}`)
      so.flush()
      await so.whenSynced(60_000)
    }
    let live = 0
    for (const { blob } of liveBlobs(so.envelope)) live += blob.bytes.length
    expect(live).toBeGreaterThan(MAX_UPDATE_BYTES) // the point: more than one message can hold
    const expected = textOf(so)

    // a fresh device joins: the relay's answer comes in chunks, the last one a step 2
    const fresh = await createDevice(relay, 'mentor')
    devices.push(fresh)
    await fresh.client.acceptInvite(await so.createInvite({ role: 'editor', expiresInHours: 1 }))
    const sf = await fresh.client.openPlan(planId)
    await waitFor(() => textOf(sf) === expected, 'the whole plan on the fresh device', 120_000)
    await so.whenSynced()
    await fresh.client.close()
    devices.splice(devices.indexOf(fresh), 1)

    // the relay is restored from an empty backup on the same address: the owner's device heals it
    await relay.stop()
    const restored = await startRelay({ port: relay.port, env })
    relays.push(restored)
    await so.whenSynced(120_000)
    const late = await createDevice(restored, 'ouder')
    devices.push(late)
    await late.client.acceptInvite(await so.createInvite({ role: 'contributor', expiresInHours: 1 }))
    const sl = await late.client.openPlan(planId)
    await waitFor(() => textOf(sl) === expected, 'the whole plan from the restored relay', 120_000)
  }, 600_000)
})
