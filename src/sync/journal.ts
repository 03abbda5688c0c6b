/**
 * An undo log for folding records into a RoomState in place. validateUpdate folds an update's
 * records straight into the state (copying every map per update made each message O(plan))
 * and, when the update is refused, undoes the writes newest first. Each entry restores one
 * write, so rolling back costs what folding did.
 */
export type Journal = Array<() => void>

export function setIn<K, V>(journal: Journal | undefined, map: Map<K, V>, key: K, value: V): void {
  if (journal) {
    if (map.has(key)) {
      const before = map.get(key) as V
      journal.push(() => map.set(key, before))
    } else {
      journal.push(() => map.delete(key))
    }
  }
  map.set(key, value)
}

export function deleteIn<K, V>(journal: Journal | undefined, map: Map<K, V> | Set<K>, key: K): void {
  if (!map.has(key)) return
  if (journal) {
    if (map instanceof Map) {
      const before = map.get(key) as V
      journal.push(() => map.set(key, before))
    } else {
      journal.push(() => map.add(key))
    }
  }
  map.delete(key)
}

export function addTo<T>(journal: Journal | undefined, set: Set<T>, value: T): void {
  if (set.has(value)) return
  journal?.push(() => set.delete(value))
  set.add(value)
}

export function setField<T extends object, K extends keyof T>(journal: Journal | undefined, target: T, field: K, value: T[K]): void {
  if (journal) {
    const before = target[field]
    journal.push(() => (target[field] = before))
  }
  target[field] = value
}

/** Writes one slot of an array that exists already (undo: the slot's old value). */
export function setAt<T>(journal: Journal | undefined, array: T[], index: number, value: T): void {
  if (journal) {
    const before = array[index] as T
    journal.push(() => (array[index] = before))
  }
  array[index] = value
}

export function pushTo<T>(journal: Journal | undefined, array: T[], value: T): void {
  journal?.push(() => array.pop())
  array.push(value)
}

export function popFrom<T>(journal: Journal | undefined, array: T[]): T | undefined {
  if (array.length === 0) return undefined
  const value = array.pop() as T
  journal?.push(() => array.push(value))
  return value
}

/** Undoes every write in the journal, newest first, and empties it. */
export function rollBack(journal: Journal): void {
  for (let i = journal.length - 1; i >= 0; i--) journal[i]!()
  journal.length = 0
}
