/** What a room needs of a connection; the WebSocket behind it stays in connection.ts. */

/** How a connection got in: the check that keeps it in after membership changes depends on it. */
export type AdmittedAs = 'member' | 'invite' | 'creator'

export interface Peer {
  readonly id: string
  /** hex of the key the connection token was signed with */
  readonly key: string
  readonly admittedAs: AdmittedAs
  /**
   * awareness client ids this connection named (R11: at most 4, counted by `AwarenessGate`, kept
   * until it leaves); their states are removed when it leaves, like y-websocket's server
   */
  readonly awarenessIds: Set<number>
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}
