/**
 * Fan-out of accepted messages to the connections of a room. In one process this is a map of
 * listeners; with several relays behind a load balancer a Redis pub/sub implementation of the
 * same interface carries them between instances (DESIGN §5, "scale"), and nothing else changes.
 */

/** `from` names the connection that sent it, so it is not echoed back to its sender. */
export type Deliver = (message: Uint8Array, from: string | null) => void

export interface Fanout {
  publish(room: string, message: Uint8Array, from: string | null): void
  subscribe(room: string, deliver: Deliver): () => void
}

export function createInProcessFanout(): Fanout {
  const listeners = new Map<string, Set<Deliver>>()
  return {
    publish(room, message, from) {
      for (const deliver of listeners.get(room) ?? []) deliver(message, from)
    },
    subscribe(room, deliver) {
      let set = listeners.get(room)
      if (!set) listeners.set(room, (set = new Set()))
      set.add(deliver)
      return () => {
        set.delete(deliver)
        if (set.size === 0) listeners.delete(room)
      }
    },
  }
}
