/**
 * The least an attachment transfer must move, either way: `minBytesPerS` averaged over each
 * window of `windowMs`, measured at the end of every window from the start. A transfer with less
 * than a window's worth left must finish within the window. Below that it is cut (`onTooSlow`):
 * a phone on a bad line still moves a window's worth (16 KiB/s by default, 160 KiB per 10 s), while
 * a member who trickles on purpose holds a connection, a file handle and its spool file for one
 * window, not for Node's 300 s request timeout. A device resumes a cut upload (the relay says which
 * pieces it lacks) and retries a cut download.
 */
import { type Readable, Transform, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export interface RatePolicy {
  minBytesPerS: number
  windowMs: number
}

export interface RateWatch {
  /** `bytes` more moved */
  moved(bytes: number): void
  /** the transfer ended (done or not): no more checks */
  stop(): void
}

export function watchRate(policy: RatePolicy, total: number, onTooSlow: () => void): RateWatch {
  const perWindow = (policy.minBytesPerS * policy.windowMs) / 1000
  let moved = 0
  let movedAtWindowStart = 0
  const timer = setInterval(() => {
    const left = total - movedAtWindowStart
    if (moved - movedAtWindowStart < Math.min(perWindow, left)) {
      clearInterval(timer)
      onTooSlow()
      return
    }
    movedAtWindowStart = moved
  }, policy.windowMs)
  // a transfer in flight does not keep a stopping relay alive
  timer.unref()
  return {
    moved(bytes) {
      moved += bytes
    },
    stop: () => clearInterval(timer),
  }
}

/**
 * Pipes `body` into `to` as fast as `to` takes it (backpressure), watching the rate it moves at:
 * 'sent' when all of it went, 'too-slow' when it was cut (both destroyed), 'broken' when either
 * side failed or went away first. Never rejects.
 */
export async function streamAtLeast(policy: RatePolicy, body: Readable, to: Writable, size: number): Promise<'sent' | 'too-slow' | 'broken'> {
  let tooSlow = false
  const guard = watchRate(policy, size, () => {
    tooSlow = true
    to.destroy()
  })
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      guard.moved(chunk.length)
      done(null, chunk)
    },
  })
  try {
    await pipeline(body, counted, to)
    return 'sent'
  } catch {
    // the reader went away, or was cut: pipeline has closed the body (and its file) already
    return tooSlow ? 'too-slow' : 'broken'
  } finally {
    guard.stop()
  }
}
