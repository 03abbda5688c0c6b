/**
 * The VACUUM after an erasure (server/storage/postgres.ts) runs through singleFlightAfter: never
 * two at once, a burst of erasures costs one more run, and every caller's promise settles after a
 * run that started after its call (so its VACUUM sees its committed DELETEs).
 */
import { describe, expect, it } from 'vitest'
import { singleFlightAfter } from '../../../server/storage/singleFlight'

function controlledWork() {
  const runs: { startedAfter: number; finish: () => void }[] = []
  let calls = 0
  let running = 0
  let most = 0
  const work = () =>
    new Promise<void>((resolve) => {
      running++
      most = Math.max(most, running)
      runs.push({
        startedAfter: calls,
        finish: () => {
          running--
          resolve()
        },
      })
    })
  return { runs, work, most: () => most, called: () => calls++ }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('singleFlightAfter', () => {
  it('runs at once when idle; a burst meanwhile shares one next run, started after the first ends', async () => {
    const w = controlledWork()
    const ask = singleFlightAfter(w.work)
    const settled: number[] = []
    w.called()
    void ask().then(() => settled.push(0))
    for (let i = 1; i <= 5; i++) {
      w.called()
      void ask().then(() => settled.push(i))
    }
    await tick()
    expect(w.runs).toHaveLength(1)
    w.runs[0]!.finish()
    await tick()
    // the first caller is done; the five who asked while it ran wait for the run after it
    expect(settled).toEqual([0])
    expect(w.runs).toHaveLength(2)
    expect(w.runs[1]!.startedAfter).toBe(6)
    w.runs[1]!.finish()
    await tick()
    expect(settled).toEqual([0, 1, 2, 3, 4, 5])
    expect(w.most()).toBe(1)
  })

  it('a failed run does not stop the next one', async () => {
    let n = 0
    const ask = singleFlightAfter(async () => {
      n++
      if (n === 1) throw new Error('boom')
    })
    const first = ask()
    const second = ask()
    await expect(first).rejects.toThrow('boom')
    await expect(second).resolves.toBeUndefined()
    expect(n).toBe(2)
    // idle again: the next call runs at once
    await ask()
    expect(n).toBe(3)
  })
})
