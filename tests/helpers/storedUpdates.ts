/** What y-indexeddb holds for a doc: its stored update rows, before they are merged at load. Browser-safe. */
export async function storedUpdates(dbName: string): Promise<{ count: number; bytes: number }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  try {
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction('updates').objectStore('updates').getAll()
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    return { count: all.length, bytes: all.reduce<number>((n, u) => n + (u instanceof Uint8Array ? u.length : 0), 0) }
  } finally {
    db.close()
  }
}
