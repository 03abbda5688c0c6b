/**
 * Registers the service worker (made by vite-plugin-pwa at build time) so the app opens offline.
 * The worker takes over at once (skipWaiting + clientsClaim); a page that was already running
 * an older version is told so and may reload when it suits the user (never in the middle of typing).
 */
import { createRoot, createSignal } from 'solid-js'

const store = createRoot(() => {
  const [updateReady, setUpdateReady] = createSignal(false)
  return { updateReady, setUpdateReady }
})

export const updateReady = store.updateReady

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const hadController = Boolean(navigator.serviceWorker.controller)
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) store.setUpdateReady(true)
  })
  const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {})
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
