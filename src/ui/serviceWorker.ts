/**
 * Registers the service worker (made by vite-plugin-pwa at build time) so the app opens offline.
 *
 * Updates wait for consent: a new worker installs and stays waiting (no skipWaiting in
 * vite.config.ts), the page offers "Nu bijwerken", and the update gate (./updateGate) sends
 * SKIP_WAITING only once every change is synced; the reload follows the controllerchange. When
 * another tab applied the update, this page runs the old version under the new worker: it gets
 * the same offer, gated the same way, and then just reloads.
 */
import { createRoot, createSignal } from 'solid-js'
import { loadClient } from './client'
import { createUpdateGate, type UpdatePhase } from './updateGate'
import { PUSH_NAME_QUESTION, planOfPushTag } from '../access/session/push'

/** browsers check on navigation; a plan left open all day should hear of a new version too */
const UPDATE_CHECK_MS = 60 * 60 * 1000

const store = createRoot(() => {
  const [phase, setPhase] = createSignal<UpdatePhase>({ name: 'idle' })
  return { phase, setPhase }
})

export const updatePhase = store.phase

let registration: ServiceWorkerRegistration | null = null
/** this page asked for the update: its controllerchange means "reload now" */
let consented = false

const gate = createUpdateGate({
  unsynced: async () => (await loadClient()).unsyncedChanges(),
  apply: () => {
    consented = true
    const waiting = registration?.waiting
    if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' })
    else location.reload() // the new worker already controls this page
  },
  onChange: store.setPhase,
})

/** "Nu bijwerken" */
export const consentToUpdate = (): Promise<void> => gate.consent()
/** "Later" while waiting for the sync */
export const updateLater = (): void => gate.later()

function offerWhenWaiting(reg: ServiceWorkerRegistration): void {
  const offer = () => {
    if (reg.waiting && navigator.serviceWorker.controller) gate.available()
  }
  offer()
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer()
    })
  })
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  let controlled = Boolean(navigator.serviceWorker.controller)
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const wasControlled = controlled
    controlled = true
    if (!wasControlled) return // the first install took control (clientsClaim): same version, nothing to reload
    if (consented) location.reload()
    else gate.available()
  })
  const register = () =>
    void navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((reg) => {
        registration = reg
        offerWhenWaiting(reg)
        setInterval(() => void reg.update().catch(() => undefined), UPDATE_CHECK_MS)
      })
      .catch(() => {})
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}

/**
 * The worker asks open windows for the child's name a push's tag stands for (public/push-sw.js):
 * only an unlocked window answers, and only with the first name; a locked one stays silent.
 */
export function answerPushNameQuestions(): void {
  if (typeof navigator === 'undefined' || !navigator.serviceWorker) return
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: unknown; tag?: unknown } | null
    const port = event.ports[0]
    if (data?.type !== PUSH_NAME_QUESTION || typeof data.tag !== 'string' || !port) return
    const planId = planOfPushTag(localStorage, data.tag)
    void (async () => {
      let name: string | null = null
      try {
        const client = await loadClient()
        if (planId && client.lockState() === 'unlocked') {
          const plan = (await client.listPlans()).find((p) => p.planId === planId)
          name = plan?.title.trim().split(/\s+/)[0] || null
        }
      } catch {
        name = null
      }
      port.postMessage({ name })
    })()
  })
}
