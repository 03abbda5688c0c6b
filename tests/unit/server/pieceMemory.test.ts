/** The relay's piece memory (server/http/pieceMemory.ts): shares within the limit, granted in the order asked, given back once. */
import { describe, expect, it } from 'vitest'
import { createPieceMemory } from '../../../server/http/pieceMemory'

describe('piece memory', () => {
  it('grants shares up to the limit at once; beyond it a request waits, in the order asked, until enough is given back', async () => {
    const memory = createPieceMemory(10)
    const granted: string[] = []
    const a = await memory.take(6)
    const grantedAs = (name: string) => (release: () => void) => {
      granted.push(name)
      return release
    }
    const b = memory.take(6).then(grantedAs('b'))
    const c = memory.take(1).then(grantedAs('c'))
    expect([memory.held(), memory.waiting()]).toEqual([6, 2])
    a()
    const releaseB = await b
    // c fits beside b, and now its turn has come
    const releaseC = await c
    expect(granted).toEqual(['b', 'c'])
    expect([memory.held(), memory.waiting()]).toEqual([7, 0])
    releaseB()
    releaseB()
    releaseC()
    expect(memory.held()).toBe(0)
  })

  it('a small request does not pass one that waits: nobody starves behind smaller ones', async () => {
    const memory = createPieceMemory(10)
    const first = await memory.take(8)
    const order: string[] = []
    const grantedAs = (name: string) => (release: () => void) => {
      order.push(name)
      return release
    }
    const big = memory.take(10).then(grantedAs('big'))
    const small = memory.take(1).then(grantedAs('small'))
    expect(memory.waiting()).toBe(2)
    first()
    ;(await big)()
    ;(await small)()
    expect(order).toEqual(['big', 'small'])
  })

  it('a share larger than the whole is cut to the whole: it waits until nothing else is held, then goes', async () => {
    const memory = createPieceMemory(10)
    const other = await memory.take(1)
    const huge = memory.take(50)
    expect(memory.waiting()).toBe(1)
    other()
    const release = await huge
    expect(memory.held()).toBe(10)
    release()
    expect(memory.held()).toBe(0)
  })
})
