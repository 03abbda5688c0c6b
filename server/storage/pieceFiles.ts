/**
 * The bytes of attachment pieces for the embedded store: one file per piece under
 * DATA_DIR/pieces/<plan>/<address>, next to the SQLite file that lists them (sqlite.ts). Written
 * and read through the thread pool: better-sqlite3 writes synchronously, and a 1 MiB blob written
 * (and checkpointed) there held the event loop, so every other plan, ~20 ms a piece.
 *
 * A piece is written to a temporary name, flushed, renamed into place and its directory flushed
 * before the store lists it: a listed piece is on disk whole. A crash before the listing leaves
 * an unlisted file, which is never served and is removed with its plan's unreferenced pieces.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

export interface PieceFiles {
  write(plan: string, address: string, data: Uint8Array): Promise<void>
  read(plan: string, address: string): Promise<Uint8Array | null>
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
  return {
    async write(plan, address, data) {
      const dir = dirOf(plan)
      await fs.mkdir(dir, { recursive: true })
      const temp = path.join(dir, `.${address}.${randomUUID()}`)
      const handle = await fs.open(temp, 'w')
      try {
        await handle.writeFile(data)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.rename(temp, fileOf(plan, address))
      const dirHandle = await fs.open(dir, 'r')
      try {
        await dirHandle.sync()
      } finally {
        await dirHandle.close()
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
