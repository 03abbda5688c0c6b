/**
 * Installing the app: the browser's own prompt where it offers one (`beforeinstallprompt`,
 * Chromium), the Share → "Zet op beginscherm" steps on iOS Safari (which has no prompt), nothing
 * when already running installed (display-mode standalone).
 */
import { createRoot, createSignal } from 'solid-js'

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

/** the only other thing besides the language the shell keeps in localStorage: no plan content */
const HINT_KEY = 'samenplan.installHint'

const store = createRoot(() => {
  const [prompt, setPrompt] = createSignal<InstallPromptEvent | null>(null)
  const [installed, setInstalled] = createSignal(isStandalone())
  const [hintDismissed, setHintDismissed] = createSignal(readDismissed())
  return { prompt, setPrompt, installed, setInstalled, hintDismissed, setHintDismissed }
})

export const canPromptInstall = () => store.prompt() !== null
export const installed = store.installed
export const installHintDismissed = store.hintDismissed

export function isStandalone(): boolean {
  if (typeof window === 'undefined') return false
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true
  return iosStandalone || window.matchMedia?.('(display-mode: standalone)').matches === true
}

/** iPhone, iPad (which says "Macintosh" but has touch) in Safari; other iOS browsers cannot install */
export function isIosSafari(userAgent = navigator.userAgent, touchPoints = navigator.maxTouchPoints ?? 0): boolean {
  const ios = /iPad|iPhone|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && touchPoints > 1)
  return ios && /Safari/.test(userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(userAgent)
}

function readDismissed(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === 'dismissed'
  } catch {
    return false
  }
}

export function dismissInstallHint(): void {
  store.setHintDismissed(true)
  try {
    localStorage.setItem(HINT_KEY, 'dismissed')
  } catch {
    // private mode: dismissed for this page only
  }
}

/** the browser's own install dialog; true when the person accepted */
export async function promptInstall(): Promise<boolean> {
  const event = store.prompt()
  if (!event) return false
  store.setPrompt(null) // a prompt event can be used once
  await event.prompt()
  const { outcome } = await event.userChoice
  return outcome === 'accepted'
}

/** from main.tsx, before first paint: the event fires early and only once per page */
export function watchInstallPrompt(): void {
  if (typeof window === 'undefined') return
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault() // we show our own button, in context, instead of the browser's mini-bar
    store.setPrompt(e as InstallPromptEvent)
  })
  window.addEventListener('appinstalled', () => {
    store.setPrompt(null)
    store.setInstalled(true)
  })
  window.matchMedia?.('(display-mode: standalone)').addEventListener?.('change', (e) => store.setInstalled(e.matches))
}
