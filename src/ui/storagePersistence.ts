/**
 * Asks the browser to keep this origin's storage (IndexedDB holds the only copy of unsynced
 * work and of the keyring). Asked once the person has something to lose (after an unlock or a
 * new profile), never at first paint: browsers may show a prompt, and a prompt before anything
 * is there means nothing to a person.
 */
import { createRoot, createSignal } from 'solid-js'

export interface StorageState {
  /** null: the browser has no StorageManager, or does not say */
  persisted: boolean | null
  usage: number | null
  quota: number | null
}

const store = createRoot(() => {
  const [state, setState] = createSignal<StorageState | undefined>(undefined)
  return { state, setState }
})

export const storageState = store.state

function manager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null
}

export async function readStorageState(): Promise<StorageState> {
  const m = manager()
  const persisted = m?.persisted ? await m.persisted().catch(() => null) : null
  const estimate = m?.estimate ? await m.estimate().catch(() => null) : null
  const state = { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null }
  store.setState(state)
  return state
}

/** true when the browser keeps the storage; asking again is harmless when it already does */
export async function requestPersistence(): Promise<boolean> {
  const m = manager()
  if (!m?.persist) return false
  const granted = await m.persist().catch(() => false)
  await readStorageState()
  return granted
}

let askedThisPage = false
/** after the first unlock of this page: once per page, and only if not already granted */
export function requestPersistenceOnce(): void {
  if (askedThisPage) return
  askedThisPage = true
  void (async () => {
    const m = manager()
    if (!m?.persisted || (await m.persisted().catch(() => false))) return
    await requestPersistence()
  })()
}

/** "1,2 MB": the units a person knows, in the app's locale */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value)} ${units[unit]}`
}
