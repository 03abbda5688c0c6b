/** Searching what a process wrote to disk for plaintext that must never be there (a canary). */
import fs from 'node:fs'
import path from 'node:path'

/** Every file under `dir` (recursively) whose bytes contain `needle` as UTF-8. */
export function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle)
  const hits: string[] = []
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && fs.readFileSync(full).includes(bytes)) hits.push(full)
    }
  }
  walk(dir)
  return hits
}

/** Every file under `dir` (recursively) that holds `needle`'s bytes anywhere (ciphertext, a piece). */
export function filesContainingBytes(dir: string, needle: Uint8Array): string[] {
  const hits: string[] = []
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && fs.readFileSync(full).includes(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength))) hits.push(full)
    }
  }
  walk(dir)
  return hits
}
