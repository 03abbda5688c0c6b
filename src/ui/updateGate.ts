/**
 * When a new version of the app may take over. A reload under work the relay has not confirmed
 * would throw away nothing on disk, but it would end the session that is sending it, and the
 * person would lose sight of it: so the update waits until every change is synced, and never
 * reloads while one is pending. Pure: the service worker and the client are passed in.
 *
 *   idle ──available()──► available ──consent()──► checking ──0──► applying
 *                                         │                 └─n>0─► waiting (n) ─0─► applying
 *                                         └── later(): back to available, asked again on consent
 */
export type UpdatePhase =
  | { name: 'idle' }
  | { name: 'available' }
  /** consented; counting the unsynced changes */
  | { name: 'checking' }
  | { name: 'waiting'; pending: number }
  | { name: 'applying' }

export interface UpdateGateOptions {
  /** flushes and counts the local changes the relay has not confirmed (client.unsyncedChanges) */
  unsynced(): Promise<number>
  /** lets the new version take over (SKIP_WAITING to the waiting worker, then a reload) */
  apply(): void
  onChange(phase: UpdatePhase): void
  /** how often to count again while waiting */
  pollMs?: number
  setTimer?: (f: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

export interface UpdateGate {
  phase(): UpdatePhase
  /** a new version is installed and waits */
  available(): void
  /** "Nu bijwerken": applies at once if nothing is pending, otherwise as soon as nothing is */
  consent(): Promise<void>
  /** stop waiting for the sync; the banner stays */
  later(): void
  /** count again now (a sync status changed) */
  recheck(): Promise<void>
  dispose(): void
}

export function createUpdateGate(o: UpdateGateOptions): UpdateGate {
  const pollMs = o.pollMs ?? 1000
  const setTimer = o.setTimer ?? ((f, ms) => setTimeout(f, ms))
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  let phase: UpdatePhase = { name: 'idle' }
  let timer: unknown = null
  let checking: Promise<void> | null = null

  const set = (next: UpdatePhase) => {
    phase = next
    o.onChange(next)
  }
  const stopTimer = () => {
    if (timer !== null) clearTimer(timer)
    timer = null
  }

  const check = (): Promise<void> => {
    checking ??= (async () => {
      try {
        if (phase.name !== 'waiting' && phase.name !== 'checking') return
        let pending: number
        try {
          pending = await o.unsynced()
        } catch {
          pending = Number.POSITIVE_INFINITY // unknown counts as unsynced: never reload on a guess
        }
        // later() or dispose() may have come while counting
        if (phase.name !== 'waiting' && phase.name !== 'checking') return
        if (pending === 0) {
          stopTimer()
          set({ name: 'applying' })
          o.apply()
          return
        }
        if (phase.name !== 'waiting' || pending !== phase.pending) set({ name: 'waiting', pending })
        stopTimer()
        timer = setTimer(() => {
          timer = null
          void check()
        }, pollMs)
      } finally {
        checking = null
      }
    })()
    return checking
  }

  return {
    phase: () => phase,
    available() {
      if (phase.name === 'idle') set({ name: 'available' })
    },
    async consent() {
      if (phase.name !== 'available') return
      set({ name: 'checking' })
      await check()
    },
    later() {
      if (phase.name !== 'waiting' && phase.name !== 'checking') return
      stopTimer()
      set({ name: 'available' })
    },
    recheck: () => (phase.name === 'waiting' ? check() : Promise.resolve()),
    dispose() {
      stopTimer()
      phase = { name: 'idle' }
    },
  }
}
