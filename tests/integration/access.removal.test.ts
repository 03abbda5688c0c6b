/**
 * Removal with key rotation against the real relay: the removed device keeps trying and gets
 * nothing written afterwards; members who were offline during the removal lose nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenError, openRecord } from '../../src/sync/records'
import { liveBlobs } from '../../src/sync/roomState'
import { decodeContent } from '../../src/sync/content'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'
import { createDevice, textOf, waitFor, type Device } from '../helpers/nodeDevice'
import { waitForRefusalOnReconnect, waitUntilDeliveredOrRefused } from '../helpers/waits'
import type { OpenPlanSession } from '../../src/access/planSession'

let relay: RelayProcess
const devices: Device[] = []
beforeAll(async () => {
  relay = await startRelay()
})
afterAll(async () => {
  for (const d of devices) await d.client.close()
  await relay.stop()
})

async function team() {
  const mk = async (name: string) => {
    const d = await createDevice(relay, name)
    devices.push(d)
    return d
  }
  const a = await mk('ib')
  const planId = await a.client.createPlan({ childName: 'Lotte' })
  const sa = await a.client.openPlan(planId)
  await sa.whenSynced()
  const join = async (name: string) => {
    const d = await mk(name)
    await d.client.acceptInvite(await sa.createInvite({ role: 'editor', expiresInHours: 1 }))
    return { device: d, session: await d.client.openPlan(planId) }
  }
  const b = await join('hulpverlener')
  const c = await join('leerkracht')
  return { a, sa, b, c, planId }
}

const memberKey = (d: Device) => d.client.profile().then((p) => p!.memberKey)

describe('removing a member', () => {
  it('rotates the key: the removed device is cut off and opens nothing written afterwards', async () => {
    const { sa, b, c } = await team()
    // presence on: its seals must not break the runs of seqs the rotation's snapshot covers
    sa.awareness.setLocalStateField('user', { name: 'IB', color: '#123' })
    sa.doc.getText('notes').insert(0, 'voor;')
    await waitFor(() => textOf(b.session) === 'voor;' && textOf(c.session) === 'voor;', 'everyone has the first text')
    await sa.whenSynced()

    const removedAt = Date.now()
    await sa.removeMember(await memberKey(b.device))
    expect(sa.keys.newest()!.epoch).toBe(1)
    await waitFor(() => b.session.status().state === 'error', 'removed device is closed')
    expect(b.session.status().errorCode).toBe('access-ended')

    sa.doc.getText('notes').insert(0, 'NA-VERWIJDERING;')
    await waitFor(() => textOf(c.session).includes('NA-VERWIJDERING;'), 'a remaining member reads on')
    expect(c.session.keys.newest()!.epoch).toBe(1)

    // the removed device keeps trying: refused every time, and never gets a thing
    for (let i = 0; i < 3; i++) {
      await waitForRefusalOnReconnect(b.session, 'the removed device is refused again')
      expect(b.session.status().state).toBe('error')
      expect(['not-a-member', 'access-ended']).toContain(b.session.status().errorCode)
    }
    expect(textOf(b.session)).not.toContain('NA-VERWIJDERING')
    expect(b.session.keys.get(1)).toBeUndefined()

    // even with every blob the relay holds (as a remaining member has them), its keys open
    // nothing written after the removal. (Old-epoch records the remover had not yet received
    // when it rotated may remain until the next compaction; they predate the removal.)
    await c.session.whenSynced()
    let newEpoch = 0
    for (const { blob } of liveBlobs(c.session.envelope)) {
      if (blob.kind !== 'update' && blob.kind !== 'snapshot') continue
      if (blob.epoch >= 1) newEpoch += 1
      try {
        const plaintext = openRecord(blob, b.session.keys.get)
        expect(blob.epoch).toBe(0)
        expect(Buffer.from(plaintext).includes(Buffer.from('NA-VERWIJDERING'))).toBe(false)
        if (blob.parts === 1) expect(decodeContent(plaintext).writtenAt).toBeLessThan(removedAt)
      } catch (err) {
        if (!(err instanceof OpenError)) throw err
        expect(err.code).toBe('no-key')
      }
    }
    expect(newEpoch).toBeGreaterThan(0) // the plan lives on under the new key
  })

  it('a member offline during the removal loses nothing and moves to the new key', async () => {
    const { sa, b, c } = await team()
    c.session.disconnect()
    c.session.doc.getText('notes').insert(0, 'C-OFFLINE;')
    c.session.flush()
    await sa.removeMember(await memberKey(b.device))
    sa.doc.getText('notes').insert(0, 'A-NA;')
    await sa.whenSynced()
    c.session.connect()
    await waitFor(() => textOf(sa) === textOf(c.session) && textOf(sa).includes('C-OFFLINE;') && textOf(sa).includes('A-NA;'), 'convergence after removal')
    await waitFor(() => c.session.keys.newest()?.epoch === 1, 'offline member got the new key')
    c.session.doc.getText('notes').insert(0, 'C-NA;')
    await waitFor(() => textOf(sa).includes('C-NA;'), 'later edits arrive')
    const last = [...liveBlobs(c.session.envelope)]
      .map(({ blob }) => blob)
      .filter((x) => x.kind === 'update')
      .pop()!
    expect(last.epoch).toBe(1)
  })

  it('only an admin removes; a changed role is enforced by the relay', async () => {
    const { sa, b, c } = await team()
    await expect(c.session.removeMember(await memberKey(b.device))).rejects.toMatchObject({ code: 'forbidden' })
    sa.changeRole(await memberKey(c.device), 'reader')
    await sa.whenSynced()
    await waitFor(() => c.session.role() === 'reader', 'demoted')
    c.session.doc.getText('notes').insert(0, 'mag niet meer;')
    c.session.flush()
    // whatever the reader's device sent has reached the admin, or the relay refused it
    await waitUntilDeliveredOrRefused(c.session, sa, "the reader's writing settled")
    expect(textOf(sa)).not.toContain('mag niet meer')
  })
})

describe('leaving a plan', () => {
  it('a member who leaves is let go by the relay, and an admin rotates the key they still hold', async () => {
    const { sa, b, c } = await team()
    await c.session.whenSynced()
    const epochBefore = sa.keys.newest()!.epoch
    b.session.leave()
    await waitFor(() => b.session.status().state === 'error', 'the leaver is let go')
    await waitFor(() => sa.keys.newest()!.epoch > epochBefore, 'an admin rotated the key', 10_000)
    await waitFor(() => c.session.keys.newest()!.epoch === sa.keys.newest()!.epoch, 'the others have the new key')
    sa.doc.getText('notes').insert(0, 'NA-VERTREK;')
    await waitFor(() => textOf(c.session).includes('NA-VERTREK;'), 'the others read on')
    expect(b.session.keys.get(sa.keys.newest()!.epoch)).toBeUndefined()
    expect(textOf(b.session)).not.toContain('NA-VERTREK')
  })
})

void ({} as OpenPlanSession)
