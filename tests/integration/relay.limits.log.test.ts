/**
 * Logging can never take the relay down (issue 9, item 12): when the reader of its stdout goes
 * away, the relay used to spin at 100 % CPU (EPIPE, logged by the uncaught handler, which
 * failed again) and ignore SIGTERM. Real relay process, real pipe.
 */
import { describe, expect, it } from 'vitest'
import { CLOSE } from '../../src/sync/protocol'
import { openRawClient, startRelay } from '../helpers/relayProcess'

/** generous on a loaded 2-core machine; the old relay never exited at all */
const EXIT_WITHIN_MS = 10_000

describe('relay logging', () => {
  it('the reader of stdout going away (EPIPE) stops the logs, not the relay: it serves on and exits 0 on SIGTERM', async () => {
    const relay = await startRelay()
    try {
      relay.child.stdout!.destroy() // the log's reader is gone: the next log line meets EPIPE
      // something that logs (a refused connection), several times
      for (let i = 0; i < 3; i++) {
        const closed = await openRawClient(`${relay.wsUrl}/${'A'.repeat(43)}`).closed
        expect(closed).toEqual({ code: CLOSE.authFailed, reason: 'token-missing' })
      }
      // still serving
      const health = await fetch(`${relay.url}/health`)
      expect(health.status).toBe(200)
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), EXIT_WITHIN_MS).unref())
      relay.child.kill('SIGTERM')
      expect(await Promise.race([relay.exited, timer])).toBe(0)
    } finally {
      relay.child.kill('SIGKILL')
      await relay.exited
    }
  })
})
