import { concatBytes } from './bytes'

/** 60 KiB of plaintext per part keeps every blob, with header and tag, under MAX_BLOB_BYTES. */
export const MAX_PART_PLAINTEXT = 60 * 1024

export function splitIntoParts(bytes: Uint8Array, size = MAX_PART_PLAINTEXT): Uint8Array[] {
  if (bytes.length <= size) return [bytes]
  const parts: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, Math.min(bytes.length, i + size)))
  return parts
}

export function joinParts(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : concatBytes(...parts)
}
