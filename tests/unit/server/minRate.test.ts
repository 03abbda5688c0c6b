/**
 * The least an attachment transfer must move (server/http/minRate.ts): the window policy, and a
 * piece streamed to a reader that stops taking it (a download nobody reads: on loopback the kernel
 * takes a whole piece, so the relay's test cannot make a reader this slow).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable, Writable } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { streamAtLeast, watchRate } from '../../../server/http/minRate'

const policy = { minBytesPerS: 1000, windowMs: 10_000 }

describe('minimum rate', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is measured per window, from the start: enough in each window keeps it going, a window short of it cuts', () => {
    vi.useFakeTimers()
    const cut = vi.fn()
    const watch = watchRate(policy, 1_000_000, cut)
    watch.moved(10_000)
    vi.advanceTimersByTime(10_000)
    // what came earlier does not pay for a later window
    watch.moved(30_000)
    vi.advanceTimersByTime(10_000)
    expect(cut).not.toHaveBeenCalled()
    watch.moved(9_999)
    vi.advanceTimersByTime(10_000)
    expect(cut).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(60_000)
    expect(cut).toHaveBeenCalledTimes(1)
  })

  it('nothing in the first window cuts it at the end of that window, not before', () => {
    vi.useFakeTimers()
    const cut = vi.fn()
    watchRate(policy, 1_000_000, cut)
    vi.advanceTimersByTime(9_999)
    expect(cut).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(cut).toHaveBeenCalledTimes(1)
  })

  it('with less than a window’s worth left, what is left must come within the window', () => {
    vi.useFakeTimers()
    const cut = vi.fn()
    const watch = watchRate(policy, 4_000, cut)
    watch.moved(3_999)
    vi.advanceTimersByTime(10_000)
    expect(cut).toHaveBeenCalledTimes(1)
    const done = vi.fn()
    const whole = watchRate(policy, 4_000, done)
    whole.moved(4_000)
    vi.advanceTimersByTime(10_000)
    expect(done).not.toHaveBeenCalled()
    whole.stop()
  })

  it('stopped, it never cuts; a rate of 0 never cuts', () => {
    vi.useFakeTimers()
    const cut = vi.fn()
    watchRate(policy, 1_000_000, cut).stop()
    watchRate({ minBytesPerS: 0, windowMs: 10_000 }, 1_000_000, cut)
    vi.advanceTimersByTime(100_000)
    expect(cut).not.toHaveBeenCalled()
  })

  it('a piece streamed from its file to a reader that stops taking it is cut, and the file is closed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-minrate-'))
    const file = path.join(dir, 'piece')
    fs.writeFileSync(file, Buffer.alloc(1024 * 1024, 7))
    try {
      const body = fs.createReadStream(file)
      const closed = new Promise<void>((resolve) => body.on('close', () => resolve()))
      let taken = 0
      // takes 100 KiB and then no more, like a socket whose reader stopped reading
      const reader = new Writable({
        highWaterMark: 16 * 1024,
        write(chunk: Buffer, _encoding, done) {
          taken += chunk.length
          if (taken < 100 * 1024) done()
        },
      })
      const started = Date.now()
      const result = await streamAtLeast({ minBytesPerS: 16 * 1024, windowMs: 200 }, body, reader, 1024 * 1024)
      expect(result).toBe('too-slow')
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(reader.destroyed).toBe(true)
      await closed
      expect(taken).toBeLessThan(1024 * 1024)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a reader that takes it all gets it all, however the piece is sliced', async () => {
    const piece = Buffer.alloc(300_000, 3)
    const chunks: Buffer[] = []
    const reader = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk)
        done()
      },
    })
    const slices = function* () {
      for (let at = 0; at < piece.length; at += 65_536) yield piece.subarray(at, at + 65_536)
    }
    expect(await streamAtLeast({ minBytesPerS: 16 * 1024, windowMs: 200 }, Readable.from(slices(), { objectMode: false }), reader, piece.length)).toBe('sent')
    expect(Buffer.concat(chunks).equals(piece)).toBe(true)
  })
})
