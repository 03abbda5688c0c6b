/** Web Crypto's generator: libsodium's randombytes_buf is ~25x slower in Node. */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length)
  // getRandomValues refuses more than 64 KiB per call
  for (let i = 0; i < length; i += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)))
  }
  return out
}
