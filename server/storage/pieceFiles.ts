/**
 * The bytes of attachment pieces for the embedded store: one file per piece under
 * DATA_DIR/pieces/<plan>/<address>, next to the SQLite file that lists them (sqlite.ts). Written
 * and read through the thread pool: better-sqlite3 writes synchronously, and a 1 MiB blob written
 * (and checkpointed) there held the event loop, so every other plan, ~20 ms a piece.
 *
 * A piece is written to a temporary name, flushed, renamed into place and its directory flushed
 * before the store lists it: a listed piece is on disk whole. An upload's body arrives as a file
 * already (the relay's spool, spool.ts): that file is flushed and renamed into place the same way
 * (`writeFromFile`), so the piece is never held in memory. A crash before the listing leaves
 * an unlisted file, which is never served and is removed with its plan's unreferenced pieces.
 */
import { randomUUID } from 'node:crypto'
import fs, { type FileHandle } from 'node:fs/promises'
import path from 'node:path'

export interface PieceFiles {
  write(plan: string, address: string, data: Uint8Array): Promise<void>
  /** Moves `source` (on the same file system; else it is copied) into place as the piece. */
  writeFromFile(plan: string, address: string, source: string): Promise<void>
  read(plan: string, address: string): Promise<Uint8Array | null>
  /** The piece's file opened for reading (it stays readable if the piece is removed meanwhile), or null. */
  open(plan: string, address: string): Promise<FileHandle | null>
  remove(plan: string, address: string): Promise<void>
  /** Every file of the plan, listed or not (clean-up after a crash). */
  list(plan: string): Promise<string[]>
  /** R20: the plan's directory with every file in it, listed or not. */
  removePlan(plan: string): Promise<void>
}

/** plan and address are hex, checked by the caller's path pattern; checked again: they become file names */
const HEX = /^[0-9a-f]{1,128}$/

export function openPieceFiles(root: string): PieceFiles {
  const dirOf = (plan: string) => {
    if (!HEX.test(plan)) throw new Error('a plan is named by hex')
    return path.join(root, plan)
  }
  const fileOf = (plan: string, address: string) => {
    if (!HEX.test(address)) throw new Error('a piece is named by hex')
    return path.join(dirOf(plan), address)
  }
  const flushed = async (file: string, mode: 'r' | 'r+' | 'w', write?: (handle: FileHandle) => Promise<void>) => {
    const handle = await fs.open(file, mode)
    try {
      await write?.(handle)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
  /** the file's name in the directory made durable: a listed piece survives a crash */
  const renamedInto = async (dir: string, from: string, to: string) => {
    await fs.rename(from, to)
    await flushed(dir, 'r')
  }
  return {
    async write(plan, address, data) {
      const dir = dirOf(plan)
      await fs.mkdir(dir, { recursive: true })
      const temp = path.join(dir, `.${address}.${randomUUID()}`)
      await flushed(temp, 'w', (handle) => handle.writeFile(data))
      await renamedInto(dir, temp, fileOf(plan, address))
    },
    async writeFromFile(plan, address, source) {
      const dir = dirOf(plan)
      await fs.mkdir(dir, { recursive: true })
      await flushed(source, 'r+')
      try {
        await renamedInto(dir, source, fileOf(plan, address))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
        // a spool on another file system (a mount under DATA_DIR): copied, then as any piece
        const temp = path.join(dir, `.${address}.${randomUUID()}`)
        await fs.copyFile(source, temp)
        await flushed(temp, 'r+')
        await renamedInto(dir, temp, fileOf(plan, address))
      }
    },
    async open(plan, address) {
      try {
        return await fs.open(fileOf(plan, address), 'r')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw err
      }
    },
    async read(plan, address) {
      try {
        return new Uint8Array(await fs.readFile(fileOf(plan, address)))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw err
      }
    },
    async remove(plan, address) {
      await fs.rm(fileOf(plan, address), { force: true })
    },
    async removePlan(plan) {
      await fs.rm(dirOf(plan), { recursive: true, force: true })
    },
    async list(plan) {
      try {
        return await fs.readdir(dirOf(plan))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw err
      }
    },
  }
}
