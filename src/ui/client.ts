/**
 * The one client of this page, loaded lazily: the access layer brings libsodium, Yjs and the
 * relay connection, none of which the first paint needs. The lock state and the profile live
 * here as signals the views read.
 */
import { createRoot, createSignal } from 'solid-js'
import type { LockResult, LockSettings, LockState, Profile, ProfileOptions, SamenplanClient } from '../access/types'

let loading: Promise<SamenplanClient> | null = null

/** other tabs of this app lock when one locks: a plan must not stay open behind another tab's lock screen */
const LOCK_CHANNEL = 'samenplan-lock'
let channel: BroadcastChannel | null = null

export function loadClient(): Promise<SamenplanClient> {
  loading ??= import('../access').then(async (m) => {
    const client = await m.createClient()
    client.onLockState((state) => store.setLock(state))
    store.setLock(client.lockState())
    if (typeof BroadcastChannel !== 'undefined') {
      channel = new BroadcastChannel(LOCK_CHANNEL)
      channel.onmessage = () => {
        if (client.lockState() === 'unlocked') void lockThisTab(client)
      }
    }
    return client
  })
  loading.catch(() => (loading = null))
  return loading
}

const store = createRoot(() => {
  const [profile, setProfile] = createSignal<Profile | null | undefined>(undefined)
  const [lock, setLockSignal] = createSignal<LockState | undefined>(undefined)
  /** what the lock screen says about the last lock (a wipe, or changes kept because they were unsynced) */
  const [lastLock, setLastLock] = createSignal<LockResult | null>(null)
  const setLock = (state: LockState) => {
    setLockSignal(state)
    if (state !== 'unlocked') setProfile(state === 'no-profile' ? null : undefined)
  }
  return { profile, setProfile, lock, setLock, lastLock, setLastLock }
})

/** undefined while unknown or locked, null when this device has no profile yet */
export const profile = store.profile
/** undefined until the client has loaded */
export const lockState = store.lock
export const lastLock = store.lastLock

export async function refreshProfile(): Promise<Profile | null> {
  const client = await loadClient()
  store.setLock(client.lockState())
  if (client.lockState() !== 'unlocked') return null
  const p = await client.profile()
  store.setProfile(p)
  return p
}

/** Argon2id blocks the page for ~0.3 s: let the "busy" text paint first. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}

export async function createProfile(name: string, passphrase: string, options: ProfileOptions = {}): Promise<Profile> {
  const client = await loadClient()
  await nextPaint()
  const p = await client.createProfile(name, passphrase, options)
  store.setLastLock(null)
  store.setProfile(p)
  return p
}

export async function protectProfile(passphrase: string, options: ProfileOptions = {}): Promise<Profile> {
  const client = await loadClient()
  await nextPaint()
  const p = await client.protectProfile(passphrase, options)
  store.setProfile(p)
  return p
}

export async function unlock(passphrase: string): Promise<Profile> {
  const client = await loadClient()
  await nextPaint()
  let p: Profile
  try {
    p = await client.unlock(passphrase)
  } finally {
    // another tab may have logged out meanwhile: the state says so now
    store.setLock(client.lockState())
  }
  store.setLastLock(null)
  store.setProfile(p)
  return p
}

async function lockThisTab(client: SamenplanClient): Promise<LockResult> {
  const result = await client.lock()
  store.setLastLock(result)
  store.setLock(client.lockState())
  return result
}

/** "Vergrendelen", the auto-lock and other tabs: closes the plans and shows the lock screen. */
export async function lockNow(): Promise<LockResult> {
  const result = await lockThisTab(await loadClient())
  channel?.postMessage('lock')
  return result
}

export async function logout(discardUnsynced: boolean): Promise<void> {
  const client = await loadClient()
  await client.logout({ discardUnsynced })
  store.setLastLock({ wiped: true, unsynced: 0 })
  store.setLock(client.lockState())
  channel?.postMessage('lock')
}

export async function changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
  const client = await loadClient()
  await nextPaint()
  await client.changePassphrase(oldPassphrase, newPassphrase)
}

export async function lockSettings(): Promise<LockSettings> {
  return (await loadClient()).lockSettings()
}

export async function updateLockSettings(changes: Partial<LockSettings>): Promise<LockSettings> {
  return (await loadClient()).updateLockSettings(changes)
}
