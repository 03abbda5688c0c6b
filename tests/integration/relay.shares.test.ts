/**
 * [R18] Shared extracts through a real relay (issue 11 §2): a member with a role that writes
 * stores a signed, encrypted document for an organisation the parents consent to; anyone with the
 * link opens it without an account, counted, until it expires, is withdrawn or is used up; the
 * relay holds ciphertext only and refuses every other way in with a clear code.
 */
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadSodium, randomBytes, type SigningKeyPair } from '../../src/crypto'
import { openSharedLink } from '../../src/access/sharing/openLink'
import { createAuthToken } from '../../src/sync/authToken'
import { toBase64Url, toHex } from '../../src/sync/bytes'
import { createConsentRecord, createMemberRecord, createWriter, type Writer } from '../../src/sync/records'
import { EXTRACT_FORMAT, formatShareLink, MAX_SHARE_MS, newShareId, newShareKey, sealExtract } from '../../src/sync/sharedExtract'
import { listShares, ShareTransferError, sharesUrl, uploadShare, withdrawShare, type ShareRequestOptions } from '../../src/sync/shareTransfer'
import { filesContaining } from '../helpers/diskSearch'
import * as Y from 'yjs'
import { connectAs, createPlanOnRelay, pushBlobs, type RawClient, type RelayProcess, startRelay, type TestPlan } from '../helpers/relayProcess'

const CANARY = 'KANARIE-onderbouwing-gemeente-Daan-2026'
const DAY = 24 * 60 * 60 * 1000

/** A document with the canary in it, as src/plan/sharedDocument.ts makes one. */
const documentWithCanary = () => ({
  title: 'Onderbouwing toegang jeugdhulp',
  facts: [{ label: 'Kind', value: 'Daan' }],
  involved: null,
  sections: [{ heading: 'Wat is al geprobeerd', blocks: [{ kind: 'paragraph', text: CANARY }] }],
})

const code = async (work: Promise<unknown>) => {
  try {
    await work
    return 'ok'
  } catch (err) {
    return (err as { code?: string }).code ?? String(err)
  }
}

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

/** The withdrawal follows the removal's ack (not awaited by it): ask again for a little while. */
async function waitForCode(ask: () => Promise<string>, wanted: string): Promise<void> {
  let last = ''
  for (let i = 0; i < 50 && last !== wanted; i++) {
    last = await ask()
    if (last !== wanted) await new Promise((r) => setTimeout(r, 100))
  }
  expect(last).toBe(wanted)
}

describe('[R18] shared extracts through the relay', () => {
  let relay: RelayProcess
  let plan: TestPlan & { client: RawClient }
  let ouder: Writer
  let leerkracht: Writer
  let oma: Writer
  let ouderClient: RawClient
  const ouderDoc = new Y.Doc()
  const gemeente = toHex(randomBytes(32))
  const wijkteam = toHex(randomBytes(32))
  const noConsent = toHex(randomBytes(32))

  const as = (identity: SigningKeyPair): ShareRequestOptions => ({ syncUrl: relay.wsUrl, identity, planId: plan.planId })

  /** What a device's "Deel met de gemeente" does: seal, store; resolves with the link. */
  async function share(by: SigningKeyPair, options: { org?: string; expiresAt?: number; maxOpens?: number; signer?: SigningKeyPair } = {}) {
    const shareId = newShareId()
    const key = newShareKey()
    const signer = options.signer ?? by
    const expiresAt = options.expiresAt ?? Date.now() + 7 * DAY
    const bytes = sealExtract(
      {
        format: EXTRACT_FORMAT,
        shareId: toBase64Url(shareId),
        kind: 'request',
        sharer: { key: toHex(signer.publicKey), name: 'Ilse', organisation: 'De Linde' },
        recipient: { organisationId: options.org ?? gemeente, name: 'Gemeente' },
        sharedAt: Date.now(),
        expiresAt,
        document: documentWithCanary(),
      },
      signer,
      shareId,
      key,
    )
    await uploadShare(as(by), { shareId, organisationId: options.org ?? gemeente, kind: 'request', expiresAt, maxOpens: options.maxOpens ?? 3, bytes })
    return { shareId, key, link: formatShareLink('https://samenplan.example', shareId, key) }
  }
  const open = (link: string) => openSharedLink(link, { syncUrl: relay.wsUrl })

  beforeAll(async () => {
    await loadSodium()
    relay = await startRelay({ env: { RELAY_MAX_SHARE_OPENS_PER_S: '1000', RELAY_MAX_FILE_REQUESTS_PER_S: '1000' } })
    plan = await createPlanOnRelay(relay)
    ouder = createWriter(generateSigningKeyPair())
    leerkracht = createWriter(generateSigningKeyPair())
    oma = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: ouder.identity.publicKey, role: 'contributor', party: 'gezag' }),
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: leerkracht.identity.publicKey, role: 'contributor', party: 'parent' }),
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: oma.identity.publicKey, role: 'reader', party: 'parent' }),
    ])
    // the parent with gezag consents to sharing with the gemeente and the wijkteam (R12), from her own device
    ouderClient = connectAs(relay, ouder.identity, plan.planId)
    await ouderClient.opened
    await pushBlobs(ouderClient, ouderDoc, [
      createConsentRecord(ouder, plan.planId, {
        op: 'give',
        organisation: Buffer.from(gemeente, 'hex'),
        expiresAt: Date.now() + 30 * DAY,
        details: randomBytes(32),
      }),
      createConsentRecord(ouder, plan.planId, {
        op: 'give',
        organisation: Buffer.from(wijkteam, 'hex'),
        expiresAt: Date.now() + 30 * DAY,
        details: randomBytes(32),
      }),
    ])
  })
  afterAll(async () => {
    plan?.client.close()
    ouderClient?.close()
    await relay?.stop()
  })

  it('[R18] a contributor shares, a stranger opens it without an account; the relay and its disk hold ciphertext only', async () => {
    const { link } = await share(leerkracht.identity)
    const opened = await open(link)
    expect(opened.document.sections[0]!.blocks[0]).toEqual({ kind: 'paragraph', text: CANARY })
    expect(opened.extract.sharer).toEqual({ key: toHex(leerkracht.identity.publicKey), name: 'Ilse', organisation: 'De Linde' })
    expect({ opens: opened.opens, maxOpens: opened.maxOpens }).toEqual({ opens: 1, maxOpens: 3 })
    expect(filesContaining(relay.dataDir, CANARY)).toEqual([])
    expect(relay.logs()).not.toContain(CANARY)
    // the link's key never reached the relay
    expect(relay.logs()).not.toContain(link.split('/').pop()!)
  })

  it('[R18] the plan’s members see who shared what with whom and when it was opened; a stranger does not', async () => {
    const { shareId } = await share(ouder.identity, { org: wijkteam })
    const before = Date.now()
    await open(formatShareLink('https://x', shareId, newShareKey())).catch(() => undefined) // counted: the relay cannot tell a wrong key
    const listed = (await listShares(as(oma.identity))).find((s) => s.id === toBase64Url(shareId))
    expect(listed).toMatchObject({ by: toHex(ouder.identity.publicKey), organisation: wijkteam, kind: 'request', maxOpens: 3, withdrawnAt: null })
    expect(listed!.openings).toHaveLength(1)
    expect(listed!.openings[0]!).toBeGreaterThanOrEqual(before - 1000)
    expect(await code(listShares(as(generateSigningKeyPair())))).toBe('not-a-member')
  })

  it('[R18] a link opens at most its count, atomically: the next opening is refused as used up', async () => {
    const { link, shareId } = await share(leerkracht.identity, { maxOpens: 2 })
    // three at once: exactly two get the document
    const results = await Promise.all([code(open(link)), code(open(link)), code(open(link))])
    expect(results.sort()).toEqual(['ok', 'ok', 'share-used-up'])
    expect(await code(open(link))).toBe('share-used-up')
    const listed = (await listShares(as(leerkracht.identity))).find((s) => s.id === toBase64Url(shareId))
    expect(listed!.openings).toHaveLength(2)
  })

  it('[R18] an expired link is refused', async () => {
    const { link } = await share(leerkracht.identity, { expiresAt: Date.now() + 1500 })
    expect(await code(open(link))).toBe('ok')
    await new Promise((r) => setTimeout(r, 1700))
    expect(await code(open(link))).toBe('share-expired')
  })

  it('[R18] a withdrawn link is refused; only its sharer’s devices or an admin withdraw', async () => {
    const mine = await share(leerkracht.identity)
    expect(await code(withdrawShare(as(ouder.identity), mine.shareId))).toBe('share-not-yours')
    expect(await code(withdrawShare(as(generateSigningKeyPair()), mine.shareId))).toBe('not-a-member')
    expect(await code(open(mine.link))).toBe('ok')
    expect(await code(withdrawShare(as(leerkracht.identity), mine.shareId))).toBe('ok')
    expect(await code(open(mine.link))).toBe('share-withdrawn')
    const other = await share(leerkracht.identity)
    expect(await code(withdrawShare(as(plan.admin.identity), other.shareId))).toBe('ok')
    expect(await code(open(other.link))).toBe('share-withdrawn')
    const listed = (await listShares(as(oma.identity))).find((s) => s.id === toBase64Url(other.shareId))
    expect(listed!.withdrawnAt).not.toBeNull()
  })

  it('[R18] a member removed from the plan no longer speaks for it: the links it stored are withdrawn, the others stay', async () => {
    const stagiair = createWriter(generateSigningKeyPair())
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'add', subject: stagiair.identity.publicKey, role: 'contributor', party: 'parent' }),
    ])
    const theirs = await share(stagiair.identity)
    const kept = await share(leerkracht.identity)
    expect(await code(open(theirs.link))).toBe('ok')
    await pushBlobs(plan.client, plan.doc, [
      createMemberRecord(plan.admin, plan.planId, { op: 'remove', subject: stagiair.identity.publicKey, role: 'contributor' }),
    ])
    await waitForCode(() => code(open(theirs.link)), 'share-withdrawn')
    expect(await code(open(kept.link))).toBe('ok')
    const listed = (await listShares(as(oma.identity))).find((s) => s.id === toBase64Url(theirs.shareId))
    expect(listed!.withdrawnAt).not.toBeNull()
  })

  it('[R18] a tampered link or a document not signed by the member who stored it is refused on the device', async () => {
    const { shareId, key } = await share(leerkracht.identity)
    const wrongKey = key.slice()
    wrongKey[0]! ^= 1
    expect(await code(open(formatShareLink('https://x', shareId, wrongKey)))).toBe('share-wrong-key')
    const otherId = newShareId()
    expect(await code(open(formatShareLink('https://x', otherId, key)))).toBe('share-not-found')
    // a member stores an extract that names and is signed by another key: it does not pass as that person's
    const forged = await share(leerkracht.identity, { signer: generateSigningKeyPair() })
    expect(await code(open(forged.link))).toBe('share-mismatch')
    expect(await code(openSharedLink('https://x/#/gedeeld/abc', { syncUrl: relay.wsUrl }))).toBe('not-a-link')
  })

  it('[R18] no consent, no share: the relay refuses an organisation without live consent, a non-member and a reader', async () => {
    expect(await code(share(leerkracht.identity, { org: noConsent }))).toBe('consent-missing')
    expect(await code(share(generateSigningKeyPair()))).toBe('not-a-member')
    expect(await code(share(oma.identity))).toBe('role-forbidden')
    expect(await code(share(leerkracht.identity, { expiresAt: Date.now() + MAX_SHARE_MS + 60_000 }))).toBe('share-expiry')
    expect(await code(share(leerkracht.identity, { expiresAt: Date.now() - 1 }))).toBe('share-expiry')
    expect(await code(share(leerkracht.identity, { maxOpens: 0 }))).toBe('bad-share')
    // too large: answered from the declared length, before the body and before the token is looked at
    const token = createAuthToken(leerkracht.identity, plan.planId, Date.now())
    const url = sharesUrl(relay.wsUrl, plan.planId, token, newShareId(), { org: gemeente, kind: 'request', expires: String(Date.now() + DAY), opens: '1' })
    const big = await putDeclaring(url, 5 * 1024 * 1024)
    expect(big.status).toBe(413)
    expect(JSON.parse(big.body)).toEqual({ error: 'share-too-large' })
  })

  it('[R18] the same share id twice is refused', async () => {
    const { shareId } = await share(leerkracht.identity)
    const again = uploadShare(as(leerkracht.identity), {
      shareId,
      organisationId: gemeente,
      kind: 'request',
      expiresAt: Date.now() + DAY,
      maxOpens: 1,
      bytes: new Uint8Array(100),
    })
    await expect(again).rejects.toBeInstanceOf(ShareTransferError)
    expect(await code(again)).toBe('share-exists')
  })

  it('[R18] withdrawing the consent stops a link at once', async () => {
    const { link } = await share(leerkracht.identity, { org: wijkteam })
    expect(await code(open(link))).toBe('ok')
    await pushBlobs(ouderClient, ouderDoc, [
      createConsentRecord(ouder, plan.planId, { op: 'withdraw', organisation: Buffer.from(wijkteam, 'hex'), expiresAt: 0, details: new Uint8Array(32) }),
    ])
    expect(await code(open(link))).toBe('consent-missing')
    expect(await code(share(leerkracht.identity, { org: wijkteam }))).toBe('consent-missing')
  })
})
