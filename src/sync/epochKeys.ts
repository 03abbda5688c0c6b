/** The content keys of one plan that this device holds, by epoch. */
export class EpochKeys {
  private readonly keys = new Map<number, Uint8Array>()
  private listeners: Array<(epoch: number, key: Uint8Array) => void> = []

  constructor(initial?: Record<number, Uint8Array>) {
    for (const [epoch, key] of Object.entries(initial ?? {})) this.keys.set(Number(epoch), key)
  }

  get = (epoch: number): Uint8Array | undefined => this.keys.get(epoch)

  newest(): { epoch: number; key: Uint8Array } | undefined {
    let best: { epoch: number; key: Uint8Array } | undefined
    for (const [epoch, key] of this.keys) if (!best || epoch > best.epoch) best = { epoch, key }
    return best
  }

  /** Returns true when the key was new. */
  add(epoch: number, key: Uint8Array): boolean {
    if (this.keys.has(epoch)) return false
    this.keys.set(epoch, key)
    for (const l of this.listeners) l(epoch, key)
    return true
  }

  onAdded(listener: (epoch: number, key: Uint8Array) => void): () => void {
    this.listeners.push(listener)
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener)
    }
  }

  toRecord(): Record<number, Uint8Array> {
    return Object.fromEntries(this.keys)
  }
}
