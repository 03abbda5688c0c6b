/**
 * Bijlagen between real devices and a real relay (issue 11 §1, the device side): a file added
 * offline waits on the device, encrypted, and goes out when the relay is back; a reload in the
 * middle of sending resumes from the stored pieces and sends only what the relay lacks; another
 * member opens it; kept offline it opens without the relay; the plaintext is on neither the
 * device's disk nor the relay's; a member removed before a file was added gets neither its key
 * nor its pieces.
 */
import { describe, expect, it } from 'vitest'
import { FILE_PIECE_PLAINTEXT_BYTES, type SigningKeyPair } from '../../src/crypto'
import { createAttachments } from '../../src/plan'
import { fromBase64Url } from '../../src/sync/bytes'
import { downloadFile } from '../../src/sync/fileTransfer'
import type { OpenPlanSession } from '../../src/access/planSession'
import { manifestOf } from '../../src/access/session/attachments'
import { filesContaining } from '../helpers/diskSearch'
import { dumpIndexedDb, useDevicesOnRelay, waitFor } from '../helpers/nodeDevice'

const CANARY = 'KANARIE-beschikking-gemeente-Lotte-2026'

/** A "PDF" of `size` bytes with the canary in every piece: any plaintext piece on a disk gives it away. */
function letter(size: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) & 255
  const canary = new TextEncoder().encode(CANARY)
  for (let at = 0; at + canary.length <= size; at += FILE_PIECE_PLAINTEXT_BYTES) out.set(canary, at + 11)
  return out
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

/** Counts the relay's file requests of this process by method, and can break the next PUTs (a lost connection). */
function watchFileRequests() {
  const original = globalThis.fetch
  const seen = { PUT: 0, GET: 0 }
  /** answered by the relay with a 2xx: pieces go four at once, so "sent" is not yet "stored" */
  const stored = { PUT: 0, GET: 0 }
  let breakPutsAfter = Number.POSITIVE_INFINITY
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    if (url.includes('/files')) {
      const method = (init?.method ?? 'GET') as 'PUT' | 'GET'
      if (method === 'PUT' && seen.PUT >= breakPutsAfter) throw new TypeError('fetch failed (connection lost)')
      seen[method]++
      const res = await original(input, init)
      if (res.ok) stored[method]++
      return res
    }
    return original(input, init)
  }) as typeof fetch
  return {
    seen,
    stored,
    breakPutsAfter: (n: number) => {
      breakPutsAfter = n
    },
    restore: () => {
      globalThis.fetch = original
    },
  }
}

describe('attachments on devices', () => {
  const app = useDevicesOnRelay({ env: { RELAY_MAX_FILE_REQUESTS_PER_S: '1000' } })

  async function team() {
    const ib = await app.device('ib')
    const planId = await ib.client.createPlan({ childName: 'Lotte' })
    const admin = await ib.client.openPlan(planId)
    await admin.whenSynced()
    const join = async (name: string, role: 'editor' | 'contributor') => {
      const d = await app.device(name)
      await d.client.acceptInvite(await admin.createInvite({ role, expiresInHours: 1 }))
      const session = await d.client.openPlan(planId)
      await session.whenSynced()
      return { device: d, session }
    }
    return { ib, admin, planId, join }
  }

  const attachmentIn = (s: OpenPlanSession, id: string) => createAttachments(s.doc).get(id)

  it('added offline: waits encrypted on the device, counted in the sync status, sent when back online; another member opens it', async () => {
    const { ib, admin, join } = await team()
    const parent = await join('ouder', 'contributor')
    const file = letter(2 * FILE_PIECE_PLAINTEXT_BYTES + 123)

    parent.session.disconnect()
    await waitFor(() => !parent.session.status().online, 'the parent is offline')
    const id = await parent.session.attachFile({ name: 'beschikking.pdf', type: 'application/pdf', bytes: file }, { kind: 'plan' })
    expect(parent.session.attachmentState(id)).toMatchObject({ waiting: true })
    expect(parent.session.status().attachmentsWaiting).toBe(1)
    // the device's disk holds the pieces, encrypted: no plaintext, no key, no name
    parent.session.flush()
    const disk = await dumpIndexedDb(parent.device.namespace)
    expect(disk.length).toBeGreaterThan(file.length)
    expect(disk.includes(Buffer.from(CANARY))).toBe(false)
    expect(disk.includes(Buffer.from('beschikking.pdf'))).toBe(false)
    expect(disk.includes(Buffer.from(attachmentIn(parent.session, id)!.key))).toBe(false)

    parent.session.connect()
    await waitFor(() => parent.session.status().attachmentsWaiting === undefined && !parent.session.attachmentState(id).waiting, 'the file is sent')
    expect(parent.session.attachmentState(id).error).toBeNull()
    // sent: its pieces leave the device (not kept for offline use)
    expect((await dumpIndexedDb(parent.device.namespace)).length).toBeLessThan(file.length)

    await waitFor(() => attachmentIn(admin, id) !== null, 'the IB sees the attachment')
    const progress: number[] = []
    const stop = admin.onAttachmentChange(() => {
      const p = admin.attachmentState(id).progress
      if (p) progress.push(p.done)
    })
    expect(same(await admin.openAttachment(id), file)).toBe(true)
    stop()
    expect(progress).toEqual([1, 2, 3])
    expect(attachmentIn(admin, id)).toMatchObject({ name: 'beschikking.pdf', type: 'application/pdf', size: file.length, place: { kind: 'plan' } })

    // nothing of it in plaintext on any disk
    expect(filesContaining(app.relay.dataDir, CANARY)).toEqual([])
    expect((await dumpIndexedDb(ib.namespace)).includes(Buffer.from(CANARY))).toBe(false)
    expect((await dumpIndexedDb(parent.device.namespace)).includes(Buffer.from(CANARY))).toBe(false)
  })

  it('a reload in the middle of sending resumes from the stored pieces: only what the relay lacks is sent', async () => {
    const { admin, planId, join } = await team()
    const parent = await join('ouder', 'contributor')
    const file = letter(4 * FILE_PIECE_PLAINTEXT_BYTES + 9)
    const requests = watchFileRequests()
    let reopened: OpenPlanSession | null = null
    try {
      // the connection breaks after two pieces went out
      requests.breakPutsAfter(2)
      const id = await parent.session.attachFile({ name: 'verslag.docx', type: '', bytes: file }, { kind: 'section', id: 'route' })
      await waitFor(() => parent.session.attachmentState(id).error === 'offline', 'the upload broke off')
      expect(requests.seen.PUT).toBe(2)
      // the two that went out are stored before the reload (else it rightly sends them again)
      await waitFor(() => requests.stored.PUT === 2, 'the two pieces stored')
      expect(parent.session.attachmentState(id).waiting).toBe(true)
      // the record is on the relay, the file is not: logging out would lose it, so it is refused
      await parent.session.whenSynced()
      expect(parent.session.status()).toMatchObject({ pending: 0, attachmentsWaiting: 1 })
      await expect(parent.device.client.logout()).rejects.toMatchObject({ code: 'unsynced-changes' })

      // a reload: the session closes and opens again, its plaintext gone from memory
      await parent.device.client.close()
      requests.breakPutsAfter(Number.POSITIVE_INFINITY)
      const { createClient } = await import('../../src/access')
      const WebSocket = (await import('ws')).default
      const { deviceLock } = await import('../helpers/nodeDevice')
      const client = await createClient({
        syncUrl: `${app.relay.wsUrl}`,
        appUrl: app.relay.url,
        namespace: parent.device.namespace,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        ...deviceLock(),
      })
      app.devices.push({ ...parent.device, client })
      reopened = await client.openPlan(planId)
      expect(reopened.attachmentState(id).waiting).toBe(true)
      await waitFor(() => !reopened!.attachmentState(id).waiting, 'the upload resumed and finished')
      // three pieces were left, and only those went out
      expect(requests.seen.PUT).toBe(5)
      expect(attachmentIn(reopened, id)?.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')

      await waitFor(() => attachmentIn(admin, id) !== null, 'the IB sees it')
      expect(same(await admin.openAttachment(id), file)).toBe(true)
    } finally {
      requests.restore()
    }
  })

  it('kept offline: opens without the relay, from encrypted pieces on the device; let go, they leave the disk', async () => {
    const { admin, join } = await team()
    const teacher = await join('leerkracht', 'editor')
    const file = letter(FILE_PIECE_PLAINTEXT_BYTES + 5)
    const id = await admin.attachFile({ name: 'foto.png', type: 'image/png', bytes: file }, { kind: 'plan' })
    await waitFor(() => !admin.attachmentState(id).waiting, 'sent')
    await waitFor(() => attachmentIn(teacher.session, id) !== null, 'the teacher sees it')

    await teacher.session.keepOffline(id, true)
    expect(teacher.session.attachmentState(id).kept).toBe(true)
    const requests = watchFileRequests()
    try {
      teacher.session.disconnect()
      expect(same(await teacher.session.openAttachment(id), file)).toBe(true)
      expect(requests.seen.GET).toBe(0)
    } finally {
      requests.restore()
    }
    const disk = await dumpIndexedDb(teacher.device.namespace)
    expect(disk.length).toBeGreaterThan(file.length)
    expect(disk.includes(Buffer.from(CANARY))).toBe(false)
    await teacher.session.keepOffline(id, false)
    expect((await dumpIndexedDb(teacher.device.namespace)).length).toBeLessThan(file.length)
  })

  it('a member removed before a file was added gets no key for it, and the relay refuses it the pieces', async () => {
    const { admin, join } = await team()
    const leaving = await join('hulpverlener', 'editor')
    const leavingKey = await app.memberKey(leaving.device)
    // the admin removes the member its device knows: wait until its claim arrived there
    await waitFor(() => admin.members().some((m) => m.memberKey === leavingKey), 'the IB holds the new member')
    await admin.removeMember(leavingKey)
    await waitFor(() => leaving.session.status().state === 'error', `the removed device is closed ${JSON.stringify(leaving.session.status())}`)

    const file = letter(1000)
    const id = await admin.attachFile({ name: 'na-verwijdering.pdf', type: 'application/pdf', bytes: file }, { kind: 'plan' })
    await waitFor(() => !admin.attachmentState(id).waiting, 'sent')
    await admin.whenSynced()

    // its plan never receives the record: no key, nothing to open
    expect(attachmentIn(leaving.session, id)).toBeNull()
    await expect(leaving.session.openAttachment(id)).rejects.toMatchObject({ code: 'not-found' })
    // even with the manifest and key (as if leaked), the relay will not hand it the pieces
    const attachment = attachmentIn(admin, id)!
    // the removed device's own key (the session holds it privately)
    const { identity } = (leaving.session as unknown as { ctx: { identity: SigningKeyPair } }).ctx
    await expect(
      downloadFile(
        { syncUrl: app.relay.wsUrl, identity, planId: fromBase64Url(leaving.session.planId) },
        fromBase64Url(attachment.key),
        manifestOf(attachment),
      ),
    ).rejects.toMatchObject({ code: 'refused' })
  })

  it('a contributor removes its own attachment, not another’s (P8); an editor removes any', async () => {
    const { admin, join } = await team()
    const parent = await join('ouder', 'contributor')
    const theirs = await admin.attachFile({ name: 'brief.txt', type: 'text/plain', bytes: letter(100) }, { kind: 'plan' })
    const own = await parent.session.attachFile({ name: 'tekening.jpg', type: 'image/jpeg', bytes: letter(100) }, { kind: 'plan' })
    await waitFor(() => attachmentIn(parent.session, theirs) !== null && attachmentIn(admin, own) !== null, 'both see both')
    await expect(parent.session.removeAttachment(theirs)).rejects.toMatchObject({ code: 'forbidden' })
    await parent.session.removeAttachment(own)
    await waitFor(() => attachmentIn(admin, own) === null, 'the IB sees it gone')
    await admin.removeAttachment(theirs)
    expect(attachmentIn(admin, theirs)).toBeNull()
  })
})
