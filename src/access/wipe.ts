/**
 * Shared-computer logout: nothing of Samenplan stays on the device. Deletes every IndexedDB
 * database under this client's namespace (the keyring, each plan's envelope and its attachments), found by listing
 * the databases and, where a browser cannot list them, by the plan ids the keyring knows.
 */
import { deleteDatabase } from '../keyring/store'
import { envelopeDbName } from './planSession'
import { attachmentDbName } from './session/attachmentStore'

export function keyringDbName(namespace: string): string {
  return `${namespace}-keyring`
}

export async function wipeDevice(namespace: string, knownPlanIds: string[]): Promise<void> {
  const names = new Set<string>([
    keyringDbName(namespace),
    ...knownPlanIds.flatMap((id) => [envelopeDbName(namespace, id), attachmentDbName(envelopeDbName(namespace, id))]),
  ])
  if (typeof indexedDB.databases === 'function') {
    for (const info of await indexedDB.databases()) {
      if (info.name?.startsWith(`${namespace}-`)) names.add(info.name)
    }
  }
  await Promise.all([...names].map((name) => deleteDatabase(name)))
}

/** R20: one plan's databases on this device (its envelope and its attachment pieces). */
export async function wipePlan(namespace: string, planId: string): Promise<void> {
  const envelope = envelopeDbName(namespace, planId)
  await Promise.all([deleteDatabase(envelope), deleteDatabase(attachmentDbName(envelope))])
}
