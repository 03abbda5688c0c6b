/** Stable random ids for records in lists: 16 random bytes as hex, unguessable and collision-free in practice. */
const ID_BYTES = 16 // 128 bits: no two devices ever pick the same id

export function randomId(): string {
  const bytes = new Uint8Array(ID_BYTES)
  globalThis.crypto.getRandomValues(bytes)
  let hex = ''
  for (const b of bytes) hex += b.toString(16).padStart(2, '0')
  return hex
}
