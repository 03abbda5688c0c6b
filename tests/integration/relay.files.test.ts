/**
 * Attachments through a real relay (issue 11 §1): a member's device uploads an encrypted file in
 * pieces and another member's device gets it back; the relay holds ciphertext only; every way in
 * that is not a member with the right role, or that breaks a limit, is refused with a clear code
 * before the body is read; an upload broken off by a relay killed in the middle resumes.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  encryptPiece,
  FILE_PIECE_MAX_BYTES,
  FILE_PIECE_PLAINTEXT_BYTES,
  fileHash,
  generateFileKey,
  generateSigningKeyPair,
  loadSodium,
  pieceAddress,
  randomBytes,
  type SigningKeyPair,
} from '../../src/crypto'
import { createAuthToken } from '../../src/sync/authToken'
import { fromHex, toHex } from '../../src/sync/bytes'
import {
  downloadFile,
  encryptFile,
  type FileManifest,
  FileTransferError,
  filesUrl,
  MAX_FILE_BYTES,
  pieceAddresses,
  uploadFile,
  uploadPieces,
  type TransferOptions,
} from '../../src/sync/fileTransfer'
import { createFileRecord, createMemberRecord, createWriter, type Writer } from '../../src/sync/records'
import { filesContaining } from '../helpers/diskSearch'
import { connectAs, createPlanOnRelay, pushBlobs, type RawClient, type RelayProcess, startRelay, type TestPlan } from '../helpers/relayProcess'

const CANARY = 'KANARIE-verslag-psycholoog-Sanne-2026'

/** A file of `size` bytes with the canary in its second piece. */
function reportFile(size: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 7 + 3) & 255
  out.set(new TextEncoder().encode(CANARY), Math.min(size - CANARY.length, FILE_PIECE_PLAINTEXT_BYTES + 99))
  return out
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

/** A raw PUT that declares `length` but sends nothing: the answer must come without the body. */
function putDeclaring(url: string, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'PUT', headers: { 'Content-Length': String(length) } }, (res) => {
      let body = ''
      res.on('data', (d) => {
        body += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.flushHeaders()
  })
}

/** this relay's file space: eight full pieces, so a file of the largest size does not fit after the others */
const PLAN_FILE_QUOTA = 8 * FILE_PIECE_PLAINTEXT_BYTES

describe('attachments through the relay', () => {
  let relay: RelayProcess
  let plan: TestPlan & { client: RawClient }
  const people: Record<string, Writer> = {}

  async function add(name: string, role: 'reader' | 'contributor' | 'editor') {
    const writer = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: writer.identity.publicKey, role, party: 'parent' }),
    ])
    people[name] = writer
    return writer
  }

  const as = (identity: SigningKeyPair, extra: Partial<TransferOptions> = {}): TransferOptions => ({
    syncUrl: relay.wsUrl,
    identity,
    planId: plan.planId,
    ...extra,
  })
  /** R17: the plan references the file (the admin's device writes its file record), so the relay serves it */
  const announce = async (manifest: FileManifest, ref = randomBytes(16)) => {
    await pushBlobs(plan.client, plan.doc, [
      createFileRecord(plan.admin, plan.planId, {
        op: 'add',
        file: ref,
        pieces: manifest.pieces.map(fromHex),
        size: manifest.size + 16 * manifest.pieces.length,
      }),
    ])
    return ref
  }

  beforeAll(async () => {
    await loadSodium()
    relay = await startRelay({ env: { RELAY_PLAN_FILE_QUOTA_BYTES: String(PLAN_FILE_QUOTA), RELAY_MAX_FILE_REQUESTS_PER_S: '1000' } })
    plan = await createPlanOnRelay(relay)
    await add('leerkracht', 'contributor')
    await add('oma', 'reader')
  })
  afterAll(async () => {
    plan?.client.close()
    await relay?.stop()
  })

  it('a contributor uploads a file in pieces, a reader downloads it; the relay and its disk hold ciphertext only', async () => {
    const file = reportFile(2 * FILE_PIECE_PLAINTEXT_BYTES + 12_345)
    const key = generateFileKey()
    const progress: string[] = []
    const manifest = await uploadFile(as(people.leerkracht!.identity, { onProgress: (d, t) => progress.push(`${d}/${t}`) }), key, file)
    expect(manifest.pieces).toHaveLength(3)
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3'])
    // not referenced by any file record yet: the relay does not serve it (R17)
    await expect(downloadFile(as(people.oma!.identity), key, manifest)).rejects.toMatchObject({ code: 'missing', status: 404 })
    await announce(manifest)
    const back = await downloadFile(as(people.oma!.identity), key, manifest)
    expect(same(back, file)).toBe(true)
    expect(filesContaining(relay.dataDir, CANARY)).toEqual([])
    expect(relay.logs()).not.toContain(CANARY)
    // resuming it sends nothing new: the relay holds every piece
    const again: string[] = []
    await uploadFile(as(people.leerkracht!.identity, { onProgress: (d, t) => again.push(`${d}/${t}`) }), key, file, { resume: true })
    expect(again).toEqual(['3/3'])
  })

  it('a piece the relay alters, swaps or leaves out, and a wrong key, are caught on the device', async () => {
    const file = reportFile(FILE_PIECE_PLAINTEXT_BYTES + 10)
    const key = generateFileKey()
    const manifest = await uploadFile(as(people.leerkracht!.identity), key, file)
    await announce(manifest)
    const evil = (change: (body: Uint8Array, url: string) => Uint8Array): typeof fetch =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        const res = await fetch(input, init)
        if (!res.ok || !String(input).includes('/files/')) return res
        return new Response(change(new Uint8Array(await res.arrayBuffer()), String(input)) as Uint8Array<ArrayBuffer>, { status: 200 })
      }) as typeof fetch
    const flipped = evil((b) => {
      const c = b.slice()
      c[10] = c[10]! ^ 1
      return c
    })
    await expect(downloadFile(as(people.oma!.identity, { fetch: flipped }), key, manifest)).rejects.toMatchObject({ code: 'tampered' })
    const swapped = { ...manifest, pieces: [...manifest.pieces].reverse() }
    await expect(downloadFile(as(people.oma!.identity), key, swapped)).rejects.toMatchObject({ code: 'tampered' })
    const truncated = { ...manifest, pieces: manifest.pieces.slice(0, 1) }
    await expect(downloadFile(as(people.oma!.identity), key, truncated)).rejects.toMatchObject({ code: 'tampered' })
    await expect(downloadFile(as(people.oma!.identity), generateFileKey(), manifest)).rejects.toMatchObject({ code: 'tampered' })
  })

  it('a file of format 1 (1 MiB pieces, from before format 2) still downloads and opens; its pieces do not open as format 2', async () => {
    const file = reportFile(2 * 1024 * 1024 + 77)
    const key = generateFileKey()
    // what an older device uploaded: its pieces and a manifest without a newer format
    const pieces = encryptFile(key, file, 1)
    expect(pieces).toHaveLength(3)
    await uploadPieces(
      as(people.leerkracht!.identity),
      pieces.map((p) => p.address),
      (i) => pieces[i]!.piece,
    )
    const manifest: FileManifest = { format: 1, pieces: pieces.map((p) => p.address), size: file.length, hash: toHex(fileHash(file)) }
    await announce(manifest)
    expect(same(await downloadFile(as(people.oma!.identity), key, manifest), file)).toBe(true)
    // the format is bound into every piece: read as the other format, nothing opens
    await expect(downloadFile(as(people.oma!.identity), key, { ...manifest, format: 2, pieces: manifest.pieces.slice(0, 1) })).rejects.toMatchObject({
      code: 'tampered',
    })
  })

  it('refused with a clear code: no token, a stranger, a reader writing, a removed member, a replayed token, a wrong address, a piece too large, the plan full', async () => {
    const file = reportFile(1000)
    const key = generateFileKey()
    const manifest = await uploadFile(as(people.leerkracht!.identity), key, file)
    await announce(manifest)
    const address = manifest.pieces[0]!
    const url = (identity: SigningKeyPair, addr = address) => filesUrl(relay.wsUrl, plan.planId, createAuthToken(identity, plan.planId, Date.now()), addr)

    expect((await fetch(url(people.oma!.identity).replace(/auth=[^&]+/, ''))).status).toBe(401)
    const stranger = generateSigningKeyPair()
    expect(await (await fetch(url(stranger))).json()).toEqual({ error: 'not-a-member' })
    await expect(uploadFile(as(stranger), key, file)).rejects.toMatchObject({ code: 'refused', status: 403 })
    // a plan that does not exist answers alike: a stranger learns nothing
    const made = createAuthToken(stranger, new Uint8Array(32).fill(9), Date.now())
    expect((await fetch(filesUrl(relay.wsUrl, new Uint8Array(32).fill(9), made, address))).status).toBe(403)

    const piece = encryptPiece(key, 0, 1, file)
    const put = (identity: SigningKeyPair, body: Uint8Array, addr = toHex(pieceAddress(body))) =>
      fetch(url(identity, addr), { method: 'PUT', body: body as Uint8Array<ArrayBuffer> })
    const byReader = await put(people.oma!.identity, piece)
    expect([byReader.status, await byReader.json()]).toEqual([403, { error: 'role-forbidden' }])
    const wrong = await put(people.leerkracht!.identity, piece, '0'.repeat(64))
    expect([wrong.status, await wrong.json()]).toEqual([400, { error: 'address-mismatch' }])

    const replayed = url(people.oma!.identity)
    expect((await fetch(replayed)).status).toBe(200)
    expect([(await fetch(replayed)).status]).toEqual([401])

    // declared too large: answered before a byte of the body is sent
    const tooLarge = await putDeclaring(url(people.leerkracht!.identity, 'f'.repeat(64)), FILE_PIECE_MAX_BYTES + 1)
    expect([tooLarge.status, JSON.parse(tooLarge.body)]).toEqual([413, { error: 'piece-too-large' }])
    // the plan holds eight pieces' worth at most (this relay): the largest file does not fit beside the others
    const big = reportFile(MAX_FILE_BYTES)
    await expect(uploadFile(as(people.leerkracht!.identity), generateFileKey(), big)).rejects.toMatchObject({ code: 'quota', status: 413 })
    const full = await putDeclaring(url(people.leerkracht!.identity, 'e'.repeat(64)), FILE_PIECE_MAX_BYTES)
    expect([full.status, JSON.parse(full.body)]).toEqual([413, { error: 'file-quota-exceeded' }])

    // a removed member reads nothing any more, also not what was there before
    const leaving = await add('stagiair', 'contributor')
    expect(same(await downloadFile(as(leaving.identity), key, manifest), file)).toBe(true)
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'remove', subject: leaving.identity.publicKey, role: 'contributor' }),
    ])
    await expect(downloadFile(as(leaving.identity), key, manifest)).rejects.toMatchObject({ code: 'refused', status: 403 })
  })

  it('a relay killed in the middle of an upload: after its restart the upload goes on where it stopped and the file is whole', async () => {
    const own = await startRelay({ env: { RELAY_MAX_FILE_REQUESTS_PER_S: '1000' } })
    let restarted: RelayProcess | null = null
    try {
      const p = await createPlanOnRelay(own)
      const file = reportFile(4 * FILE_PIECE_PLAINTEXT_BYTES + 7)
      const key = generateFileKey()
      const opts = (r: RelayProcess, onProgress?: TransferOptions['onProgress']): TransferOptions => ({
        syncUrl: r.wsUrl,
        identity: p.admin.identity,
        planId: p.planId,
        onProgress,
      })
      let killed: Promise<unknown> | null = null
      const first = uploadFile(
        opts(own, (done) => {
          if (done === 2 && !killed) killed = own.kill('SIGKILL')
        }),
        key,
        file,
      )
      await expect(first).rejects.toBeInstanceOf(FileTransferError)
      await killed
      p.client.close()
      restarted = await startRelay({ dataDir: own.dataDir, port: own.port, env: { RELAY_MAX_FILE_REQUESTS_PER_S: '1000' } })
      const resumed: number[] = []
      const manifest = await uploadFile(
        opts(restarted, (done) => resumed.push(done)),
        key,
        file,
        { resume: true },
      )
      // it asked first and sent only what the relay did not hold
      expect(resumed[0]).toBeGreaterThanOrEqual(2)
      expect(manifest.pieces).toEqual(pieceAddresses(key, file))
      const admin = connectAs(restarted, p.admin.identity, p.planId)
      await admin.opened
      await pushBlobs(admin, p.doc, [
        createFileRecord(p.admin, p.planId, {
          op: 'add',
          file: randomBytes(16),
          pieces: manifest.pieces.map(fromHex),
          size: manifest.size + 16 * manifest.pieces.length,
        }),
      ])
      admin.close()
      expect(same(await downloadFile(opts(restarted), key, manifest), file)).toBe(true)
    } finally {
      await (restarted ?? own).stop()
    }
  })

  it('[R17] a dropped file’s pieces are no longer served, and the relay deletes them (and pieces nobody referenced) after the grace period', async () => {
    const own = await startRelay({ env: { RELAY_MAX_FILE_REQUESTS_PER_S: '1000', RELAY_FILE_GRACE_MS: '0' } })
    try {
      const p = await createPlanOnRelay(own)
      const opts: TransferOptions = { syncUrl: own.wsUrl, identity: p.admin.identity, planId: p.planId }
      const key = generateFileKey()
      const file = reportFile(FILE_PIECE_PLAINTEXT_BYTES + 5)
      const manifest = await uploadFile(opts, key, file)
      const orphan = await uploadFile(opts, generateFileKey(), reportFile(100))
      const ref = randomBytes(16)
      await pushBlobs(p.client, p.doc, [
        createFileRecord(p.admin, p.planId, { op: 'add', file: ref, pieces: manifest.pieces.map(fromHex), size: manifest.size + 32 }),
      ])
      expect(same(await downloadFile(opts, key, manifest), file)).toBe(true)
      const have = async (addresses: string[]) =>
        (
          (await (await fetch(filesUrl(own.wsUrl, p.planId, createAuthToken(p.admin.identity, p.planId, Date.now()), undefined, addresses))).json()) as {
            have: string[]
          }
        ).have
      expect((await have([...manifest.pieces, ...orphan.pieces])).length).toBe(3)
      await pushBlobs(p.client, p.doc, [createFileRecord(p.admin, p.planId, { op: 'drop', file: ref })])
      await expect(downloadFile(opts, key, manifest)).rejects.toMatchObject({ code: 'missing', status: 404 })
      const deadline = Date.now() + 5_000
      while ((await have([...manifest.pieces, ...orphan.pieces])).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect(await have([...manifest.pieces, ...orphan.pieces])).toEqual([])
      // the relay says so once the files themselves are gone (just after the rows)
      while (!own.events().some((e) => e.event === 'file-pieces-dropped') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect(own.events().some((e) => e.event === 'file-pieces-dropped')).toBe(true)
      p.client.close()
    } finally {
      await own.stop()
    }
  })

  it('the plan id in the path must be a plan id; other methods are refused', async () => {
    expect((await fetch(`${relay.url}/sync/nietsjes/files/${'a'.repeat(64)}`)).status).toBe(426)
    const token = createAuthToken(people.oma!.identity, plan.planId, Date.now())
    const res = await fetch(filesUrl(relay.wsUrl, plan.planId, token, 'a'.repeat(64)), { method: 'DELETE' })
    expect(res.status).toBe(405)
  })
})
