/**
 * Pins what src/access/session/localStore.ts relies on in y-indexeddb's private fields: `_dbsize`
 * counts the stored rows (at load and per update written), `_storeTimeoutId` is set while
 * y-indexeddb's own merge is due (from 500 rows on) and cleared once it ran. A y-indexeddb update
 * that changes either fails here.
 */
import 'fake-indexeddb/auto'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { PREFERRED_TRIM_SIZE } from 'y-indexeddb'
import { LocalStore, readSyncMeta } from '../../src/access/session/localStore'
import { storedUpdates } from '../helpers/storedUpdates'

let n = 0
const freshName = () => `local-store-${Date.now()}-${n++}`

function write(doc: Y.Doc, count: number): void {
  for (let i = 0; i < count; i++) doc.getArray<number>('log').push([i])
}

/** Loading writes one row (the doc's state) and counts the rows just after `whenLoaded()` resolves. */
async function loaded(store: LocalStore): Promise<number> {
  await store.whenLoaded()
  await until(() => store.rows() > 0, 'the rows counted')
  return store.rows()
}

async function until(ok: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('the local store (y-indexeddb adapter)', () => {
  it('y-indexeddb merges from 500 rows on', () => {
    expect(PREFERRED_TRIM_SIZE).toBe(500)
  })

  it('rows() counts the rows: per update written, and at load', async () => {
    const name = freshName()
    const doc = new Y.Doc()
    const store = new LocalStore(name, doc)
    const atStart = await loaded(store)
    expect(atStart).toBe(1)
    write(doc, 10)
    expect(store.rows()).toBe(atStart + 10)
    await store.close()
    const stored = (await storedUpdates(name)).count
    expect(stored).toBe(atStart + 10)
    const again = new LocalStore(name, new Y.Doc())
    expect(await loaded(again)).toBe(stored + 1)
    await again.close()
  })

  it('mergeDue() is false below 500 rows, true from 500 until the quiet second passed, then the rows are merged', async () => {
    const name = freshName()
    const doc = new Y.Doc()
    const store = new LocalStore(name, doc)
    write(doc, PREFERRED_TRIM_SIZE - 1 - (await loaded(store)))
    expect(store.mergeDue()).toBe(false)
    write(doc, 1)
    expect(store.mergeDue()).toBe(true)
    await until(() => !store.mergeDue(), "y-indexeddb's merge ran")
    await until(() => store.rows() < 10, 'the rows merged')
    expect((await storedUpdates(name)).count).toBe(store.rows())
    await store.close()
  })

  it('closing while the merge is due merges first and loses nothing', async () => {
    const name = freshName()
    const doc = new Y.Doc()
    const store = new LocalStore(name, doc)
    await loaded(store)
    write(doc, 600)
    expect(store.mergeDue()).toBe(true)
    await store.close()
    expect((await storedUpdates(name)).count).toBeLessThan(10)
    const again = new Y.Doc()
    const reopened = new LocalStore(name, again)
    await reopened.whenLoaded()
    expect(again.getArray('log').length).toBe(600)
    await reopened.close()
  })

  it('trimLater() merges rows left behind once they reach 500, and not before', async () => {
    const name = freshName()
    const writer = new LocalStore(name, new Y.Doc())
    await loaded(writer)
    await writer.close()
    // rows as a killed tab leaves them: written straight to the store, each applied at load
    const source = new Y.Doc()
    write(source, 1)
    const row = Y.encodeStateAsUpdate(source)
    await addRows(name, row, 700)
    const doc = new Y.Doc()
    const store = new LocalStore(name, doc)
    expect(await loaded(store)).toBeGreaterThan(700)
    expect(store.mergeDue()).toBe(false)
    store.trimLater(0)
    await until(() => store.rows() < 10, 'the rows merged')
    await store.close()
    expect((await storedUpdates(name)).count).toBeLessThan(10)
  })
})

function addRows(dbName: string, row: Uint8Array, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const tx = open.result.transaction('updates', 'readwrite')
      for (let i = 0; i < count; i++) tx.objectStore('updates').add(row)
      tx.oncomplete = () => {
        open.result.close()
        resolve()
      }
      tx.onerror = () => reject(tx.error)
    }
  })
}

describe('the sync meta beside the envelope (issue 14)', () => {
  it("keeps the relay's state vector and the last sync time for the next visit (clocks and times only)", async () => {
    const name = freshName()
    const store = new LocalStore(name, new Y.Doc())
    await store.whenLoaded()
    expect(await store.syncMeta()).toEqual({ relayState: null, lastSyncedAt: null })
    store.saveSyncMeta({ relayState: new Map([[1, 4]]), lastSyncedAt: 10 })
    store.saveSyncMeta({
      relayState: new Map([
        [1, 5],
        [7, 2],
      ]),
      lastSyncedAt: 20,
    })
    await store.close() // waits for the write
    const again = new LocalStore(name, new Y.Doc())
    await again.whenLoaded()
    expect(await again.syncMeta()).toEqual({
      relayState: new Map([
        [1, 5],
        [7, 2],
      ]),
      lastSyncedAt: 20,
    })
    await again.close()
  })

  it('reads a stored meta record strictly: anything malformed is no meta', () => {
    expect(readSyncMeta(JSON.stringify({ relayState: [[1, 2]], lastSyncedAt: 3 }))).toEqual({ relayState: new Map([[1, 2]]), lastSyncedAt: 3 })
    for (const bad of [undefined, 'nope', '{', JSON.stringify({ relayState: [[1, -2]], lastSyncedAt: 'x' }), JSON.stringify({ relayState: [[1]] })]) {
      expect(readSyncMeta(bad)).toEqual({ relayState: null, lastSyncedAt: null })
    }
  })
})
