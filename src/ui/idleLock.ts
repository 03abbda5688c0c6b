/**
 * Auto-lock: after `minutes` without user input the app locks. Measured from input events
 * (keys, pointer, wheel, touch), not from sync or other background activity; checked on a coarse
 * timer and whenever the page becomes visible again (background timers are throttled).
 */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'input'] as const
/** how often the idle time is checked: the lock comes at most this late */
export const IDLE_CHECK_MS = 5000

export interface IdleLockOptions {
  /** minutes without input before onIdle; read at each check so a changed setting applies at once */
  minutes: () => number
  onIdle: () => void
  target?: EventTarget
  now?: () => number
}

export function startIdleLock(options: IdleLockOptions): () => void {
  const target = options.target ?? window
  const now = options.now ?? Date.now
  let last = now()
  let fired = false
  const bump = () => {
    last = now()
  }
  const check = () => {
    if (fired || now() - last < options.minutes() * 60_000) return
    fired = true
    options.onIdle()
  }
  for (const type of INPUT_EVENTS) target.addEventListener(type, bump, { passive: true, capture: true })
  const timer = setInterval(check, IDLE_CHECK_MS)
  const onVisible = () => check()
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible)
  return () => {
    for (const type of INPUT_EVENTS) target.removeEventListener(type, bump, { capture: true })
    clearInterval(timer)
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible)
  }
}
