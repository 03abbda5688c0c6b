/**
 * Where an attachment upload's body lands while it arrives: DATA_DIR/spool, one file per request
 * under a random name, ciphertext only. A request deletes its file when it ends however it ends;
 * what a crash left is deleted when the relay starts (`openSpool` empties the directory). It lives
 * beside DATA_DIR/pieces, on the same file system, so the embedded store moves a finished body
 * into place with a rename (pieceFiles.ts `writeFromFile`) instead of copying it.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

export interface Spool {
  /** a fresh path for one request's body; nothing is created yet */
  fileFor(): string
  /** removes the file if it is there (a body stored by a rename is gone already) */
  remove(file: string): Promise<void>
}

export async function openSpool(dir: string): Promise<Spool> {
  // a body a crash cut off is of no use: the device sends that piece again
  await fs.rm(dir, { recursive: true, force: true })
  await fs.mkdir(dir, { recursive: true })
  return {
    fileFor: () => path.join(dir, randomUUID()),
    remove: (file) => fs.rm(file, { force: true }),
  }
}

/** The spool of a relay with this data directory. */
export const spoolDirOf = (dataDir: string): string => path.join(dataDir, 'spool')
