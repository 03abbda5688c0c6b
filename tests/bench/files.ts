/**
 * Attachments (issue 11 §1): a 25 MB file up and down through the relay, encrypted on the
 * "device" (this process) in pieces, against the same bytes as a plain HTTP static file (GET from
 * the relay's own static handler) and a plain HTTP PUT written to disk with fsync, in the same run.
 * The device's own encryption alone is measured too: a plain upload does none, so it bounds how
 * close an encrypted one can come. Then 10 files uploaded at once, small and full size: the
 * relay's peak memory growth must stay near the pieces in flight, the same for both, not grow
 * with the files.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { FILE_PIECE_OVERHEAD_BYTES, generateFileKey, generateSigningKeyPair, randomBytes } from '../../src/crypto'
import { fromHex } from '../../src/sync/bytes'
import { downloadFile, encryptFile, type FileManifest, MAX_FILE_BYTES, uploadFile, type TransferOptions } from '../../src/sync/fileTransfer'
import { createFileRecord, createMemberRecord } from '../../src/sync/records'
import { createPlanOnRelay, pushBlobs, relayMemory, resetPeakMemory, startRelay } from '../helpers/relayProcess'
import { percentile, round } from './stats'

const MB = 1024 * 1024
/** issue 11 §1: an attachment moves at least half as fast as the same bytes as a plain file */
export const FILES_RATIO_GOAL = 0.5
/** ten uploads at once hold their pieces in flight, not their files (10 × 25 MB would be 250) */
export const FILES_PARALLEL_RSS_BUDGET_MB = 100
/** each way, taken in turn with the plain transfer; the medians are compared */
const ROUNDS = 3

function fileOf(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i += 4096) out[i] = (i / 4096 + seed) & 255
  return out
}

/** A plain upload target: the body streamed to a file and fsync'd before the answer (as the relay's store does). */
async function plainUploadServer(dir: string): Promise<{ port: number; close(): void }> {
  let n = 0
  const server = http.createServer((req, res) => {
    const file = path.join(dir, `upload-${n++}`)
    const out = fs.createWriteStream(file)
    req.pipe(out)
    out.on('finish', () => {
      const fd = fs.openSync(file, 'r')
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      res.writeHead(201).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  return { port: typeof address === 'object' && address ? address.port : 0, close: () => server.close() }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

export async function benchFiles(opts: { quick: boolean }): Promise<Record<string, number | number[]>> {
  const size = opts.quick ? 5 * MB : MAX_FILE_BYTES
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-bench-static-'))
  const plainDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenplan-bench-plain-'))
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
  const file = fileOf(size, 1)
  fs.writeFileSync(path.join(staticDir, 'report.bin'), file)
  const relay = await startRelay({
    staticDir,
    env: { RELAY_MAX_FILE_REQUESTS_PER_S: '100000', RELAY_MAX_ROOMS_PER_HOUR: '100000', RELAY_KEY_QUOTA_BYTES_PER_HOUR: String(2048 * MB) },
  })
  const plainUpload = await plainUploadServer(plainDir)
  try {
    const plan = await createPlanOnRelay(relay)
    const reader = generateSigningKeyPair()
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: reader.publicKey, role: 'reader', party: 'parent' }),
    ])
    const as = (identity = plan.admin.identity): TransferOptions => ({ syncUrl: relay.wsUrl, identity, planId: plan.planId })

    // R17: the plan references a file (its record names the pieces); only then does the relay serve them
    const reference = (manifest: FileManifest) =>
      pushBlobs(plan.client, plan.doc, [
        createFileRecord(plan.admin, plan.planId, {
          op: 'add',
          file: randomBytes(16),
          pieces: manifest.pieces.map(fromHex),
          size: manifest.size + FILE_PIECE_OVERHEAD_BYTES * manifest.pieces.length,
        }),
      ])
    const encryptedRound = async (bytes: Uint8Array) => {
      const key = generateFileKey()
      let manifest!: FileManifest
      const up = await timed(async () => {
        manifest = await uploadFile(as(), key, bytes)
      })
      await reference(manifest)
      const down = await timed(() => downloadFile(as(reader), key, manifest))
      return { up, down }
    }
    const plainRound = async (name: string, bytes: Uint8Array) => ({
      up: await timed(async () => {
        const res = await fetch(`http://127.0.0.1:${plainUpload.port}/`, { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer> })
        await res.arrayBuffer()
      }),
      down: await timed(async () => {
        const res = await fetch(`${relay.url}/${name}`)
        await res.arrayBuffer()
      }),
    })
    // both sides warm (the JIT, libsodium's wasm, the sockets) before anything counts
    await encryptedRound(fileOf(2 * MB, 50))
    await plainRound('report.bin', file)
    // rounds taken in turn, so a busy moment of a shared machine weighs on both sides alike
    const encrypted: { up: number; down: number }[] = []
    const plain: { up: number; down: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      encrypted.push(await encryptedRound(file))
      plain.push(await plainRound('report.bin', file))
    }
    const upMs = percentile(
      encrypted.map((r) => r.up),
      50,
    )
    const downMs = percentile(
      encrypted.map((r) => r.down),
      50,
    )
    const plainUpMs = percentile(
      plain.map((r) => r.up),
      50,
    )
    const plainDownMs = percentile(
      plain.map((r) => r.down),
      50,
    )

    const encryptMs = await timed(async () => encryptFile(generateFileKey(), file))

    // ten files at once, each its own key: what the relay holds meanwhile, for small and full-size files
    const parallel = opts.quick ? 4 : 10
    const growthOf = async (fileSize: number, seed: number) => {
      const files = Array.from({ length: parallel }, (_, i) => fileOf(fileSize, seed + i))
      const before = relayMemory(relay.pid)
      resetPeakMemory(relay.pid)
      await Promise.all(files.map((f) => uploadFile(as(), generateFileKey(), f)))
      return relayMemory(relay.pid, 'VmHWM') - before
    }
    const smallGrowth = await growthOf(2 * MB, 100)
    const growth = await growthOf(size, 10)
    plan.client.close()

    const mbPerS = (ms: number) => round(size / MB / (ms / 1000))
    return {
      files_size_mb: round(size / MB),
      files_upload_mb_per_s: mbPerS(upMs),
      files_download_mb_per_s: mbPerS(downMs),
      files_plain_upload_mb_per_s: mbPerS(plainUpMs),
      files_plain_download_mb_per_s: mbPerS(plainDownMs),
      files_encrypt_mb_per_s: mbPerS(encryptMs),
      files_upload_ratio_vs_plain: round(plainUpMs / upMs, 3),
      files_download_ratio_vs_plain: round(plainDownMs / downMs, 3),
      files_rounds: ROUNDS,
      // each round's own ratio: how far the shared machine moved them
      files_upload_ratio_rounds: encrypted.map((r, i) => round(plain[i]!.up / r.up, 3)),
      files_download_ratio_rounds: encrypted.map((r, i) => round(plain[i]!.down / r.down, 3)),
      files_parallel_uploads: parallel,
      files_parallel_uploaded_mb: round((parallel * size) / MB),
      files_parallel_rss_growth_mb: round(growth / MB),
      files_parallel_small_rss_growth_mb: round(smallGrowth / MB),
    }
  } finally {
    plainUpload.close()
    await relay.stop()
    fs.rmSync(staticDir, { recursive: true, force: true })
    fs.rmSync(plainDir, { recursive: true, force: true })
  }
}
