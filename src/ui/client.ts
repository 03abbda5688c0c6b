/**
 * The one client of this page, loaded lazily: the access layer brings libsodium, Yjs and the
 * relay connection, none of which the first paint needs.
 */
import { createRoot, createSignal } from 'solid-js'
import type { Profile, SamenplanClient } from '../access/types'

let loading: Promise<SamenplanClient> | null = null

export function loadClient(): Promise<SamenplanClient> {
  loading ??= import('../access').then((m) => m.createClient())
  loading.catch(() => (loading = null))
  return loading
}

const profileStore = createRoot(() => {
  const [profile, setProfile] = createSignal<Profile | null | undefined>(undefined)
  return { profile, setProfile }
})

/** undefined while unknown, null when this device has no profile yet */
export const profile = profileStore.profile

export async function refreshProfile(): Promise<Profile | null> {
  const p = await (await loadClient()).profile()
  profileStore.setProfile(p)
  return p
}

export async function createProfile(name: string): Promise<Profile> {
  const p = await (await loadClient()).createProfile(name)
  profileStore.setProfile(p)
  return p
}
