/** Every value (and key) of every record in the IndexedDB databases whose names start with a prefix, as bytes: to search for plaintext. */
export async function dumpIndexedDb(prefix: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  for (const info of await indexedDB.databases()) {
    if (!info.name?.startsWith(prefix)) continue
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    for (const storeName of Array.from(db.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(storeName, 'readonly').objectStore(storeName).getAll()
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      for (const v of values) chunks.push(serialise(v))
    }
    db.close()
  }
  return Buffer.concat(chunks)
}

function serialise(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value)
  if (value instanceof ArrayBuffer) return Buffer.from(new Uint8Array(value))
  if (typeof value === 'string') return Buffer.from(value)
  if (Array.isArray(value)) return Buffer.concat(value.map(serialise))
  if (value && typeof value === 'object') return Buffer.concat(Object.values(value).map(serialise))
  return Buffer.from(String(value))
}
