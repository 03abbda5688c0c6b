/**
 * P6 and R15 against a lying relay (issue 15): it cannot forge or delete, but it can withhold
 * records from some members, show two members two branches, or serve an old state after a
 * "restore". Each is caught by the victim in the sync round in which it takes a signed view
 * (a record's seen-heads) that proves more exists, and said in its status with who and since when.
 *
 * The lying relay re-encodes the real log with the withheld records as tombstones (an item
 * deleted before it was ever sent carries no blob: what a relay can do without any key).
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenPlanSession } from '../../src/access/planSession'
import { RE_REQUEST_MS } from '../../src/access/session/integrity'
import { loadSodium } from '../../src/crypto'
import { decodeBlob, type DecodedBlob } from '../../src/sync/blob'
import { VIEW_INTERVAL_MS } from '../../src/sync/bridge'
import { toHex } from '../../src/sync/bytes'
import { evilRelayKit, step2Message } from '../helpers/evilRelay'
import { createDevice, textOf, waitFor, type Device } from '../helpers/nodeDevice'
import { partitionRelay } from '../helpers/partitionRelay'
import { startRelay, type RelayProcess } from '../helpers/relayProcess'

let relay: RelayProcess
const devices: Device[] = []
const kit = evilRelayKit(devices)
const closers: Array<() => Promise<void>> = []
beforeAll(async () => {
  await loadSodium()
  relay = await startRelay()
})
afterAll(async () => {
  for (const c of closers) await c()
  await kit.close()
  for (const d of devices) await d.client.close()
  await relay.stop()
})

async function device(name: string): Promise<Device> {
  const d = await createDevice(relay, name)
  devices.push(d)
  return d
}

interface Member {
  device: Device
  session: OpenPlanSession
  key: string
}

/** An IB'er (admin) and editors, each on a device, through real invite links. */
async function team(names: string[]): Promise<{ planId: string; members: Member[] }> {
  const admin = await device(names[0]!)
  const planId = await admin.client.createPlan({ childName: 'Sam' })
  const adminSession = await admin.client.openPlan(planId)
  await adminSession.whenSynced()
  const members: Member[] = [{ device: admin, session: adminSession, key: (await admin.client.profile())!.memberKey }]
  for (const name of names.slice(1)) {
    const d = await device(name)
    await d.client.acceptInvite(await adminSession.createInvite({ role: 'editor', expiresInHours: 1 }))
    const session = await d.client.openPlan(planId)
    await session.whenSynced()
    members.push({ device: d, session, key: (await d.client.profile())!.memberKey })
  }
  return { planId, members }
}

/** Writes a line and waits until every given session holds it. */
async function write(by: Member, line: string, readers: Member[], field = 'notes'): Promise<void> {
  by.session.doc.getText(field).insert(0, line)
  await by.session.whenSynced()
  await waitFor(() => readers.every((r) => textOf(r.session, field).includes(line)), `${line} everywhere`)
}

/**
 * What a lying relay sends a victim holding `victimState`: the `source` log as it is, but the
 * records `withhold` picks turned into tombstones.
 */
function withholding(source: Y.Doc | Uint8Array, victimState: Map<number, number>, withhold: (blob: DecodedBlob) => boolean): Uint8Array {
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, source instanceof Y.Doc ? Y.encodeStateAsUpdate(source) : source)
  const log = scratch.getArray<Uint8Array>('log')
  const all = log.toArray()
  for (let i = all.length - 1; i >= 0; i--) if (withhold(decodeBlob(all[i]!))) log.delete(i, 1)
  return Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(victimState))
}

const byAuthor = (key: string) => (blob: DecodedBlob) => toHex(blob.author) === key
/** the blobs a log holds now, by their bytes: what a relay knew at that moment */
const triplesOf = (doc: Y.Doc) =>
  new Set(
    doc
      .getArray<Uint8Array>('log')
      .toArray()
      .map((b) => toHex(b)),
  )
/** a new view goes out with the next update once this has passed */
const nextView = () => new Promise((r) => setTimeout(r, VIEW_INTERVAL_MS + 100))

describe('a relay that withholds or forks (P6, R15)', () => {
  it('[P6] withholding one member’s records from another: shown "mogelijk niet volledig" with who and since when, and asked again', async () => {
    const { planId, members } = await team(['ib', 'ouder', 'leerkracht'])
    const [ib, ouder, leerkracht] = members as [Member, Member, Member]
    await write(ib, 'begin;', [ouder, leerkracht])
    const before = triplesOf(ib.session.envelope)
    // the parent's phone is away while the IB'er writes: what it gets next, the lying relay picks
    ouder.session.disconnect()
    await write(ib, 'de zorg van school;', [leerkracht])
    await nextView()
    // the teacher's next update carries its view: the IB'er's session up to the new record
    // in a text of its own: an edit that builds on a withheld one stays pending in Yjs, whatever P6 says
    await write(leerkracht, 'gezien;', [ib], 'school')

    const newSinceBefore = (blob: DecodedBlob) => byAuthor(ib.key)(blob) && !before.has(toHex(blob.bytes))
    let asked = 0
    const url = await kit.serve((sv) => {
      asked += 1
      return step2Message(withholding(ib.session.envelope, sv, newSinceBefore))
    })
    const victim = await kit.reopenVia(ouder.device, url, planId)
    await waitFor(() => textOf(victim, 'school').includes('gezien;'), 'the teacher’s record reaches the parent')
    expect(textOf(victim)).not.toContain('de zorg van school;')
    await waitFor(() => (victim.status().incomplete?.length ?? 0) > 0, 'the parent’s device says the plan may be incomplete')
    const [who] = victim.status().incomplete!
    expect(who!.author).toBe(ib.key)
    expect(who!.name).toBeTruthy()
    expect(who!.since).toBeLessThanOrEqual(Date.now())
    expect(victim.status().incomplete!.map((i) => i.author)).not.toContain(leerkracht.key)

    // it keeps asking (a fresh sync step 1); a relay that keeps lying keeps the status as it is
    const askedAtDetection = asked
    await waitFor(() => asked > askedAtDetection, 'the device asks the relay again', RE_REQUEST_MS + 5_000)
    await victim.whenSynced()
    expect(victim.status().incomplete?.map((i) => [i.author, i.since])).toEqual([[who!.author, who!.since]])
  }, 60_000)

  it('[P6] two branches: each of two members is shown only its own side; each finds out from a third member’s view', async () => {
    const { planId, members } = await team(['ib', 'ouder', 'leerkracht'])
    const [ib, ouder, leerkracht] = members as [Member, Member, Member]
    await write(ib, 'begin;', [ouder, leerkracht])
    const common = triplesOf(ib.session.envelope)
    const newOf = (key: string) => (blob: DecodedBlob) => byAuthor(key)(blob) && !common.has(toHex(blob.bytes))
    // from now on the parent and the teacher each reach the relay through a relay that hides the other's side
    const seed = Y.encodeStateAsUpdate(ib.session.envelope)
    const toParent = await partitionRelay(relay.wsUrl, newOf(leerkracht.key), seed)
    const toTeacher = await partitionRelay(relay.wsUrl, newOf(ouder.key), seed)
    closers.push(toParent.close, toTeacher.close)
    const parent = await kit.reopenVia(ouder.device, toParent.url, planId)
    const teacher = await kit.reopenVia(leerkracht.device, toTeacher.url, planId)
    await Promise.all([parent.whenSynced(), teacher.whenSynced()])
    const p = { ...ouder, session: parent }
    const t = { ...leerkracht, session: teacher }
    await write(p, 'tak van ouder;', [ib], 'thuis')
    await write(t, 'tak van school;', [ib], 'school')
    expect(textOf(parent, 'school')).not.toContain('tak van school;')
    expect(textOf(teacher, 'thuis')).not.toContain('tak van ouder;')
    expect(parent.status().incomplete).toBeUndefined()
    await nextView()
    // the IB'er sees both branches and writes: its view names both sessions' heads
    await write(ib, 'samen;', [p, t], 'ib')
    expect(textOf(parent, 'school')).not.toContain('tak van school;')
    expect(textOf(teacher, 'thuis')).not.toContain('tak van ouder;')
    await waitFor(() => parent.status().incomplete?.[0]?.author === leerkracht.key, 'the parent sees the school’s side is missing')
    await waitFor(() => teacher.status().incomplete?.[0]?.author === ouder.key, 'the teacher sees the parent’s side is missing')
  }, 60_000)

  it('[P6] an old state served after a "restore": a device that missed what came since finds out from a signed view', async () => {
    const { planId, members } = await team(['ib', 'ouder', 'leerkracht'])
    const [ib, ouder, leerkracht] = members as [Member, Member, Member]
    await write(ib, 'begin;', [ouder, leerkracht])
    // the relay's backup, and a teacher whose laptop is closed from now on
    const backup = Y.encodeStateAsUpdate(ib.session.envelope)
    const backedUp = triplesOf(ib.session.envelope)
    leerkracht.session.disconnect()
    await write(ib, 'na de back-up;', [ouder])
    await nextView()
    await write(ouder, 'ouder schrijft;', [ib], 'thuis')

    // restored from the backup, the relay has only the parent's new record back (the parent's
    // device healed it with its own), and serves that: the IB'er's records since are gone
    const url = await kit.serve((sv) => {
      const restored = new Y.Doc()
      Y.applyUpdate(restored, backup)
      Y.applyUpdate(
        restored,
        withholding(ib.session.envelope, new Map(), (b) => !backedUp.has(toHex(b.bytes)) && !byAuthor(ouder.key)(b)),
      )
      return step2Message(Y.encodeStateAsUpdate(restored, Y.encodeStateVector(sv)))
    })
    const victim = await kit.reopenVia(leerkracht.device, url, planId)
    await waitFor(() => textOf(victim, 'thuis').includes('ouder schrijft;'), 'the parent’s record reaches the teacher')
    expect(textOf(victim)).not.toContain('na de back-up;')
    await waitFor(() => victim.status().incomplete?.[0]?.author === ib.key, 'the teacher sees the IB’er’s records are missing')
  }, 60_000)

  it('[P7] two devices online together: the same plan-state code after a snapshot, carried in presence and compared', async () => {
    const { members } = await team(['ib', 'ouder'])
    const [ib, ouder] = members as [Member, Member]
    expect(ib.session.planState().code).toBeNull()
    await write(ib, 'begin;', [ouder])
    for (const m of members) m.session.awareness.setLocalState({ user: { name: m.device.name } })
    expect(ib.session.compact()).toBe(true)
    await ib.session.whenSynced()
    await waitFor(() => ouder.session.planState().code !== null, 'the snapshot reaches the parent')
    expect(ouder.session.planState().code).toBe(ib.session.planState().code)
    const code = ib.session.planState().code
    await waitFor(
      () => [...ouder.session.awareness.getStates().values()].some((s) => (s as { planState?: { code?: string } }).planState?.code === code),
      'the IB’er’s code reaches the parent in presence',
    )
    expect(ouder.session.planState().differs).toEqual([])
    expect(ib.session.planState().differs).toEqual([])
  }, 60_000)
})
