/**
 * A job that must run after each request, but never twice at once and never once per request:
 * the VACUUM after an erasure (postgres.ts), which anyone who can ask for erasures could ask for
 * in a burst.
 */

/**
 * Runs `work` once now, or, while it runs, once more after it: however many callers ask meanwhile,
 * they share that one next run. Each caller's promise settles after a run that began after its
 * call, so an erasure's VACUUM always starts after its commit; erasures in a burst cost one more
 * VACUUM, not one each (order and cost: every member pair can ask for erasures).
 */
export function singleFlightAfter(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null
  const start = (): Promise<void> => {
    const run = work().finally(() => {
      if (running === run) running = null
    })
    running = run
    return run
  }
  return () => {
    if (!running) return start()
    if (!queued) {
      const next = () => {
        queued = null
        return start()
      }
      queued = running.then(next, next)
    }
    return queued
  }
}
