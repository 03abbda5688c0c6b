import type * as Sodium from 'libsodium-wrappers-sumo'
import { CryptoError } from './errors'

type SodiumApi = typeof Sodium

let instance: SodiumApi | null = null
let loading: Promise<SodiumApi> | null = null

/**
 * Loads libsodium once. A dynamic import keeps its inlined wasm (~170 KB gzip) out of the
 * first-paint bundle; callers await this before any other crypto call.
 */
export function loadSodium(): Promise<SodiumApi> {
  if (instance) return Promise.resolve(instance)
  loading ??= import('libsodium-wrappers-sumo').then(async (mod) => {
    const api = ((mod as unknown as { default?: SodiumApi }).default ?? mod) as SodiumApi
    await api.ready
    instance = api
    return api
  })
  return loading
}

export function sodium(): SodiumApi {
  if (!instance) throw new CryptoError('not-ready', 'call loadSodium() before using crypto')
  return instance
}

export function isSodiumLoaded(): boolean {
  return instance !== null
}
