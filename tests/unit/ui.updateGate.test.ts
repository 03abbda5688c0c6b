/** The update never reloads while a change is unsynced: it waits, counts again, and applies at 0. */
import { describe, expect, it } from 'vitest'
import { createUpdateGate, type UpdatePhase } from '../../src/ui/updateGate'

function harness(counts: Array<number | Error>) {
  const phases: UpdatePhase[] = []
  const timers: Array<() => void> = []
  let applied = 0
  let asked = 0
  const gate = createUpdateGate({
    unsynced: async () => {
      const next = counts[Math.min(asked++, counts.length - 1)]!
      if (next instanceof Error) throw next
      return next
    },
    apply: () => void applied++,
    onChange: (p) => phases.push(p),
    setTimer: (f) => timers.push(f),
    clearTimer: () => timers.splice(0),
  })
  const tick = async () => {
    const f = timers.shift()
    f?.()
    await gate.recheck()
  }
  return { gate, phases, tick, applied: () => applied, timers }
}

describe('update gate', () => {
  it('applies at once when nothing is pending', async () => {
    const h = harness([0])
    h.gate.available()
    expect(h.gate.phase()).toEqual({ name: 'available' })
    await h.gate.consent()
    expect(h.applied()).toBe(1)
    expect(h.gate.phase()).toEqual({ name: 'applying' })
  })

  it('waits while changes are pending, shows how many, and applies when the count reaches 0', async () => {
    const h = harness([3, 1, 0])
    h.gate.available()
    await h.gate.consent()
    expect(h.gate.phase()).toEqual({ name: 'waiting', pending: 3 })
    expect(h.applied()).toBe(0)
    await h.tick()
    expect(h.gate.phase()).toEqual({ name: 'waiting', pending: 1 })
    expect(h.applied()).toBe(0)
    await h.tick()
    expect(h.applied()).toBe(1)
    expect(h.phases.map((p) => p.name)).toEqual(['available', 'checking', 'waiting', 'waiting', 'applying'])
  })

  it('never applies when the count cannot be read', async () => {
    const h = harness([new Error('client not loaded'), new Error('again'), 0])
    h.gate.available()
    await h.gate.consent()
    expect(h.gate.phase().name).toBe('waiting')
    await h.tick()
    expect(h.applied()).toBe(0)
    await h.tick()
    expect(h.applied()).toBe(1)
  })

  it('"later" stops waiting; a later consent counts again', async () => {
    const h = harness([2, 0])
    h.gate.available()
    await h.gate.consent()
    h.gate.later()
    expect(h.gate.phase()).toEqual({ name: 'available' })
    expect(h.timers).toHaveLength(0)
    await h.gate.recheck()
    expect(h.applied()).toBe(0)
    await h.gate.consent()
    expect(h.applied()).toBe(1)
  })

  it('does nothing without a waiting version', async () => {
    const h = harness([0])
    await h.gate.consent()
    expect(h.applied()).toBe(0)
    expect(h.gate.phase()).toEqual({ name: 'idle' })
  })
})
