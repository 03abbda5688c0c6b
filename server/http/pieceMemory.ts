/**
 * The attachment bytes the relay holds in memory at once, over every request: a body being read
 * (and hashed and written) and a piece being sent. A request waits for its share before it reads
 * a byte (the rest waits in the socket, where TCP pushes back on the sender) and gives it back
 * when it ends however it ends. So ten uploads at once, or a hundred, hold this many bytes and no
 * more, whatever the piece size: the memory follows this number, not the files.
 *
 * Shares are granted in the order asked (nobody starves behind smaller requests). A share larger
 * than the whole is cut to the whole: it then waits until nothing else is held.
 */
export interface PieceMemory {
  /** resolves when `bytes` may be held; call the returned function (once is enough) to give them back */
  take(bytes: number): Promise<() => void>
  /** bytes held now, and requests waiting for their share (the health view) */
  held(): number
  waiting(): number
}

export function createPieceMemory(limit: number): PieceMemory {
  let held = 0
  const waiting: Array<{ bytes: number; grant: () => void }> = []
  const grantWaiting = () => {
    while (waiting.length > 0 && held + waiting[0]!.bytes <= limit) {
      const next = waiting.shift()!
      held += next.bytes
      next.grant()
    }
  }
  const releaser = (bytes: number) => {
    let given = false
    return () => {
      if (given) return
      given = true
      held -= bytes
      grantWaiting()
    }
  }
  return {
    take(asked) {
      const bytes = Math.min(Math.max(0, asked), limit)
      if (waiting.length === 0 && held + bytes <= limit) {
        held += bytes
        return Promise.resolve(releaser(bytes))
      }
      return new Promise((resolve) => waiting.push({ bytes, grant: () => resolve(releaser(bytes)) }))
    },
    held: () => held,
    waiting: () => waiting.length,
  }
}
