/**
 * What relays sharing one store tell each other: "plan P is at version V now" (a doorbell; the
 * updates themselves are read from the store, so a lost signal only delays, and the periodic
 * version check repairs it) and presence, which is not stored. One relay alone hears nothing.
 */

export interface ClusterSignals {
  /** true when other relays may write the same plans (the relay then catches up and polls) */
  readonly shared: boolean
  /** A relay (this one too) committed `version` of `plan`. */
  onCommit(listener: (plan: string, version: number) => void): void
  /** Presence (a y-protocols awareness update, already checked by the relay that took it) for `plan`. */
  onPresence(listener: (plan: string, update: Uint8Array) => void): void
  /** The signals were interrupted and are back: any may have been lost, so catch up everything. */
  onResumed(listener: () => void): void
  /** Tells the other relays about presence this relay took for `plan`. */
  publishPresence(plan: string, update: Uint8Array): void
  close(): Promise<void>
}

/** A relay alone on its store. */
export const NO_SIGNALS: ClusterSignals = {
  shared: false,
  onCommit() {},
  onPresence() {},
  onResumed() {},
  publishPresence() {},
  async close() {},
}
