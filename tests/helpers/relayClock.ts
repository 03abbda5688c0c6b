/**
 * A relay process whose clock runs ahead (Debian's libfaketime, preloaded into that process only):
 * how a test sees what the relay does years after a plan closed, with the real code and the real
 * store. The test's own clock stays; tokens for that relay are issued at `Date.now() + ahead`.
 */
import fs from 'node:fs'

const CANDIDATES = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1']

export const DAY_MS = 24 * 60 * 60 * 1000

/** Environment for `startRelay` that moves the relay's wall clock `days` ahead (timers keep real time). */
export function relayClockAhead(days: number): Record<string, string> {
  const lib = CANDIDATES.find((p) => fs.existsSync(p))
  // CI installs it (.ci/run); a missing library must fail the test, not skip it
  if (!lib) throw new Error('libfaketime is not installed: apt-get install faketime')
  return { LD_PRELOAD: lib, FAKETIME: `+${days}d`, FAKETIME_DONT_FAKE_MONOTONIC: '1' }
}
