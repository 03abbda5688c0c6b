/**
 * A plan exported to a .samenplan file and imported again: on a fresh device (a readable copy),
 * into a device that already holds the plan (a Yjs merge, nothing lost), and a file whose records
 * were changed by someone who knew the passphrase (refused by the same rules as relay data).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AccessError } from '../../src/access/errors'
import { minimumKdfLimits } from '../../src/crypto'
import { openPlanExport, sealPlanExport } from '../../src/access/planExport'
import { createChild } from '../../src/plan'
import { dumpIndexedDb, waitFor, useDevicesOnRelay } from '../helpers/nodeDevice'
import { pushAsWriters } from '../helpers/writers'

const FILE_PASS = 'appel peer banaan'

const app = useDevicesOnRelay()
const device = app.device

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (err) {
    if (err instanceof AccessError) return err.code
    throw err
  }
  throw new Error('did not throw')
}

describe('plan export and import', () => {
  it('a fresh device opens the file with the passphrase and reads the plan; the wrong passphrase is said so', async () => {
    const ib = await device('ib')
    const planId = await ib.client.createPlan({ childName: 'Noor' })
    const s = await ib.client.openPlan(planId)
    s.doc.getText('voices.school.zorgen').insert(0, 'Noor leest graag voor.')
    const file = await ib.client.exportPlan(planId, FILE_PASS)
    expect(file.fileName).toMatch(/^samenplan-noor-\d{4}-\d{2}-\d{2}\.samenplan$/)

    const other = await device('thuis')
    expect(await codeOf(other.client.importPlan(file.bytes, 'niet het wachtwoord'))).toBe('export-wrong-passphrase')
    expect(await other.client.listPlans()).toEqual([])

    const result = await other.client.importPlan(file.bytes, FILE_PASS)
    expect(result).toEqual({ planId, merged: false, member: false })
    const copy = await other.client.openPlan(planId)
    await waitFor(() => copy.doc.getText('voices.school.zorgen').toString() === 'Noor leest graag voor.', 'the content opens')
    expect(createChild(copy.doc).get().name).toBe('Noor')
    await waitFor(async () => (await other.client.listPlans()).some((p) => p.planId === planId && p.title === 'Noor'), 'the plan is listed')
    // the copy is not a member: it reads, it writes nothing
    expect(copy.role()).toBe('reader')

    // the imported plan rests on disk as ciphertext only, like any other
    const dump = await dumpIndexedDb(other.namespace)
    expect(dump.includes('Noor leest')).toBe(false)
  })

  it('merges into a device that already holds the plan: its own newer work stays, the file adds what it lacked', async () => {
    const ib = await device('ib2')
    const mentor = await device('mentor')
    const planId = await ib.client.createPlan({ childName: 'Sem' })
    const sa = await ib.client.openPlan(planId)
    await sa.whenSynced()
    await mentor.client.acceptInvite(await sa.createInvite({ role: 'editor', expiresInHours: 1 }))
    const sm = await mentor.client.openPlan(planId)
    await sm.whenSynced()

    // the IB works offline and carries the work over on a file
    sa.disconnect()
    sa.doc.getText('voices.school.krachten').insert(0, 'van de IB, offline')
    const file = await ib.client.exportPlan(planId, FILE_PASS)
    // the mentor (invited as a parent: the parents' voice is his, P4) wrote meanwhile
    sm.doc.getText('voices.ouders.zorgen').insert(0, 'van de mentor')
    sm.flush()

    const result = await mentor.client.importPlan(file.bytes, FILE_PASS)
    expect(result).toEqual({ planId, merged: true, member: true })
    await waitFor(() => sm.doc.getText('voices.school.krachten').toString() === 'van de IB, offline', "the file's work arrives")
    expect(sm.doc.getText('voices.ouders.zorgen').toString()).toBe('van de mentor')
    expect(sm.role()).toBe('editor')

    // importing the same file again changes nothing
    await mentor.client.importPlan(file.bytes, FILE_PASS)
    expect(sm.doc.getText('voices.school.krachten').toString()).toBe('van de IB, offline')

    // and the relay took the IB's records from the mentor (they are signed by the IB, a member)
    await sm.whenSynced()
    sa.connect()
    await waitFor(() => sa.doc.getText('voices.ouders.zorgen').toString() === 'van de mentor', "the IB gets the mentor's work")
  })

  it('[R3] refuses a file whose record was altered, even when sealed with the right passphrase; nothing is added', async () => {
    const ib = await device('ib3')
    const planId = await ib.client.createPlan({ childName: 'Lina' })
    const s = await ib.client.openPlan(planId)
    s.doc.getText('voices.kind.vraag').insert(0, 'echt')
    const contents = openPlanExport((await ib.client.exportPlan(planId, FILE_PASS)).bytes, FILE_PASS)

    // someone who knows the file's passphrase changes one byte of a record's signature
    const blobs = new Y.Doc()
    Y.applyUpdate(blobs, contents.envelope)
    const records = blobs
      .getArray<Uint8Array>('log')
      .toArray()
      .map((b) => b.slice())
    const last = records[records.length - 1]!
    last[last.length - 1]! ^= 0x01
    const forged = new Y.Doc()
    pushAsWriters(forged, records)
    const file = sealPlanExport({ ...contents, envelope: Y.encodeStateAsUpdate(forged) }, FILE_PASS, minimumKdfLimits())

    const other = await device('ander')
    expect(await codeOf(other.client.importPlan(file, FILE_PASS))).toBe('export-refused')
    expect(await other.client.listPlans()).toEqual([])
  })

  it("refuses a file whose key does not open the plan's records: a device keeps the first key it learns for an epoch", async () => {
    const ib = await device('ib4')
    const planId = await ib.client.createPlan({ childName: 'Ravi' })
    const s = await ib.client.openPlan(planId)
    s.doc.getText('voices.kind.zorgen').insert(0, 'echt')
    const contents = openPlanExport((await ib.client.exportPlan(planId, FILE_PASS)).bytes, FILE_PASS)
    const wrongKey = new Uint8Array(32).fill(7)
    const file = sealPlanExport({ ...contents, keys: new Map([[0, wrongKey]]) }, FILE_PASS, minimumKdfLimits())

    const other = await device('ander2')
    expect(await codeOf(other.client.importPlan(file, FILE_PASS))).toBe('export-refused')
    expect(await other.client.listPlans()).toEqual([])
  })
})
