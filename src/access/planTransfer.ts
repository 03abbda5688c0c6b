/**
 * Export and import of one plan, between the open session, the keyring and the file format.
 * Import checks every record of the file on a scratch envelope first (the same validateUpdate a
 * relay's data goes through), so nothing reaches the keyring or IndexedDB unless all of it holds.
 */
import * as Y from 'yjs'
import type { KdfLimits } from '../crypto'
import { fromBase64Url, toBase64Url } from '../sync/bytes'
import { openRecord } from '../sync/records'
import { loadRoomState } from '../sync/roomState'
import type { AcceptedBlob } from '../sync/validateUpdate'
import { validateUpdate } from '../sync/validateUpdate'
import type { Keyring } from '../keyring/keyring'
import { createChild } from '../plan'
import { AccessError } from './errors'
import { EXPORT_FILE_EXTENSION } from './exportFile'
import { openPlanExport, sealPlanExport } from './planExport'
import type { OpenPlanSession } from './planSession'
import type { ImportResult, PlanExport, Role } from './types'

/** a file holds a whole plan, history included: more than one sync message may carry */
export const MAX_IMPORT_UPDATE_BYTES = 64 * 1024 * 1024
/** and more records than one sync message (R9): the file's size bounds them, and the work is linear */
const MAX_IMPORT_RECORDS = Math.ceil(MAX_IMPORT_UPDATE_BYTES / 128)

/** Envelope origin of what an import applies: not the provider's, so a member device sends it on to the relay. */
export const IMPORT_ORIGIN = Symbol('samenplan-import')

export function exportFileName(childName: string, planId: string, now: Date): string {
  const slug = childName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
  return `samenplan-${slug || planId.slice(0, 12)}-${date}${EXPORT_FILE_EXTENSION}`
}

export function exportSession(session: OpenPlanSession, passphrase: string, limits?: KdfLimits, now = new Date()): PlanExport {
  // what was typed in the last 50 ms belongs in the file too
  session.flush()
  const keys = new Map(Object.entries(session.keys.toRecord()).map(([epoch, key]) => [Number(epoch), key]))
  if (keys.size === 0) throw new AccessError('forbidden', 'this device has no key for the plan')
  const bytes = sealPlanExport(
    { planId: fromBase64Url(session.planId), exportedAt: now.getTime(), keys, envelope: Y.encodeStateAsUpdate(session.envelope) },
    passphrase,
    limits,
  )
  return { bytes, fileName: exportFileName(createChild(session.doc).get().name, session.planId, now) }
}

export interface ImportDeps {
  keyring: Keyring
  openPlan(planId: string): Promise<OpenPlanSession>
}

export async function importPlanFile(bytes: Uint8Array, passphrase: string, deps: ImportDeps): Promise<ImportResult> {
  const contents = openPlanExport(bytes, passphrase)
  const planId = toBase64Url(contents.planId)

  // the whole file against the rules, from nothing: the genesis must be there and every record hold
  const scratch = new Y.Doc()
  let fileKeys: Map<number, Uint8Array>
  try {
    const room = loadRoomState(contents.planId, scratch)
    const check = validateUpdate(scratch, room, contents.envelope, {
      now: Date.now(),
      historicContent: true,
      maxUpdateBytes: MAX_IMPORT_UPDATE_BYTES,
      maxNewBlobs: MAX_IMPORT_RECORDS,
    })
    if (!check.ok) throw new AccessError('export-refused', `${check.error.rule} ${check.error.code}`)
    if (!check.added.some((a) => a.blob.kind === 'genesis')) throw new AccessError('export-damaged', 'the file holds no plan')
    fileKeys = provenKeys(contents.keys, check.added)
  } finally {
    scratch.destroy()
  }

  const existing = await deps.keyring.getPlan(planId)
  const keys: Record<number, Uint8Array> = { ...Object.fromEntries(fileKeys), ...(existing?.keys ?? {}) }
  await deps.keyring.savePlan({ planId, role: existing?.role ?? 'reader', keys, ...(existing?.title ? { title: existing.title } : {}) })

  const session = await deps.openPlan(planId)
  for (const [epoch, key] of fileKeys) session.keys.add(epoch, key)
  // again against what this device holds now: only what it lacks is new, and must fit its log
  const merge = validateUpdate(session.envelope, session.room, contents.envelope, {
    now: Date.now(),
    historicContent: true,
    maxUpdateBytes: MAX_IMPORT_UPDATE_BYTES,
    maxNewBlobs: MAX_IMPORT_RECORDS,
  })
  if (!merge.ok) throw new AccessError('export-refused', `${merge.error.rule} ${merge.error.code}`)
  Y.applyUpdate(session.envelope, contents.envelope, IMPORT_ORIGIN)
  merge.commit()

  const role: Role = session.role()
  await deps.keyring.updatePlan(planId, (stored) => (stored.role === role ? null : { ...stored, role }))
  return { planId, merged: Boolean(existing), member: session.isMember() }
}

/**
 * A key from a file is taken only when it opens a signed record of its epoch in that file. A
 * device keeps the first key it learns for an epoch, so a wrong one (a forged file) would make
 * every later record of that epoch unreadable there; one that opens nothing cannot be checked
 * and is left out (the lockbox brings it to a member).
 */
function provenKeys(keys: Map<number, Uint8Array>, records: AcceptedBlob[]): Map<number, Uint8Array> {
  const proven = new Map<number, Uint8Array>()
  for (const [epoch, key] of keys) {
    const sample = records.find(({ blob }) => (blob.kind === 'update' || blob.kind === 'snapshot') && blob.epoch === epoch)
    if (!sample) continue
    try {
      openRecord(sample.blob, () => key, true) // validateUpdate verified its signature
    } catch {
      throw new AccessError('export-refused', `the key for epoch ${epoch} does not open its records`)
    }
    proven.set(epoch, key)
  }
  return proven
}
