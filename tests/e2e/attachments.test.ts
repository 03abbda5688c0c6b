/**
 * Bijlagen in the built PWA (issue 11 §1): a parent adds a picture and a PDF to the plan, first
 * offline (it waits, counted in the sync status) and then online; a teacher's device sees both,
 * opens the picture in the app (a blob: URL the CSP admits) and saves the PDF, byte for byte.
 * The parent's browser profile, shut down cleanly and searched file by file, holds neither file's
 * canary nor their names in the clear.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createPlan, createProfile, filesHolding, hasChromium, launchKeptProfile, RESULTS, syncStatus, useApp, waitForSyncState } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const CANARY_IMAGE = 'QZTEKENING-5e71'
const CANARY_PDF = 'QZVERSLAG-a94c'
const IMAGE_NAME = 'tekening-qzbeeld.png'
const PDF_NAME = 'verslag-qzpsycholoog.pdf'

/** A 1×1 PNG; bytes after its end chunk are ignored by decoders, so the canary rides along. */
const PNG = Buffer.concat([
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  Buffer.from(CANARY_IMAGE),
])
/** A PDF-like file of a bit more than one piece (4 MiB, FILE_PIECE_PLAINTEXT_BYTES), with the canary in both. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(CANARY_PDF),
  Buffer.alloc(4 * 1024 * 1024, 0x20),
  Buffer.from(CANARY_PDF),
  Buffer.from('\n%%EOF\n'),
])

describe.skipIf(!hasChromium)('e2e: attachments', () => {
  const app = useApp()
  let profile: Awaited<ReturnType<typeof launchKeptProfile>> | undefined
  afterAll(async () => {
    await profile?.close().catch(() => undefined)
    profile?.remove()
  })

  it('a parent adds a picture and a PDF (one offline); another device sees, opens and saves them; no plaintext in the profile', async () => {
    profile = await launchKeptProfile(app.relay.url)
    const parent = profile.device
    await parent.page.goto('/')
    await createProfile(parent.page, 'Ouder')
    await createPlan(parent.page, 'Kind')
    await waitForSyncState(parent.page, 'synced')
    const mine = parent.page.getByRole('region', { name: 'Bijlagen' })

    // offline: the picture waits, encrypted on this device, and the status counts it
    await parent.context.setOffline(true)
    await waitForSyncState(parent.page, 'saved-local')
    await mine.getByLabel('Bestand toevoegen').setInputFiles({ name: IMAGE_NAME, mimeType: 'image/png', buffer: PNG })
    const imageRow = mine.locator('.sp-attachment', { hasText: IMAGE_NAME })
    await imageRow.getByText('Wacht op verbinding').waitFor()
    await syncStatus(parent.page).getByText('1 bijlage nog niet verstuurd').waitFor()
    await parent.context.setOffline(false)
    await imageRow.getByText('Verzonden').waitFor({ timeout: 30_000 })
    await expect.poll(() => syncStatus(parent.page).innerText()).not.toContain('bijlage nog niet verstuurd')

    await mine.getByLabel('Bestand toevoegen').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF })
    const pdfMine = mine.locator('.sp-attachment', { hasText: PDF_NAME })
    // at once, while the PDF is still being encrypted and stored, a type the plan does not take:
    // refused in words before anything is encrypted, and the PDF finishing later does not cover it
    await mine.getByLabel('Bestand toevoegen').setInputFiles({ name: 'script.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') })
    await pdfMine.getByText('Verzonden').waitFor({ timeout: 30_000 })
    await mine.getByText('Dit soort bestand kan niet als bijlage.').waitFor()
    // the parent (admin) sees the plan's use against the quota
    await mine.getByText(/Bijlagen in dit plan: 4 MB van 500 MB\./).waitFor()

    const teacher = await app.invitee(parent, 'editor', 'Leerkracht')
    // what the CSP refuses is said on the console: the previews must need nothing it does not allow
    const refusedByCsp: string[] = []
    teacher.page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) refusedByCsp.push(m.text())
    })
    const theirs = teacher.page.getByRole('region', { name: 'Bijlagen' })
    const row = theirs.locator('.sp-attachment', { hasText: IMAGE_NAME })
    await row.waitFor({ timeout: 20_000 })
    expect(await row.innerText()).toContain('toegevoegd door Ouder')
    await theirs.locator('.sp-attachment', { hasText: PDF_NAME }).waitFor()
    mkdirSync(RESULTS, { recursive: true })
    await theirs.scrollIntoViewIfNeeded()
    await theirs.screenshot({ path: path.join(RESULTS, 'attachments-block.png') })
    expect(await seriousAxeViolations(teacher.page)).toEqual([])
    await row.getByRole('button', { name: `Bekijken ${IMAGE_NAME}` }).click()
    const preview = teacher.page.getByRole('dialog', { name: `Voorbeeld van ${IMAGE_NAME}` })
    const img = preview.getByRole('img', { name: IMAGE_NAME })
    await img.waitFor()
    // decoded: the CSP let the blob: URL through, and the bytes were the picture
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : -1))).toBe(1)
    expect(await seriousAxeViolations(teacher.page)).toEqual([])
    await preview.getByRole('button', { name: 'Sluiten' }).click()

    const pdfRow = theirs.locator('.sp-attachment', { hasText: PDF_NAME })
    // the PDF in the browser's own viewer, in a frame of the blob: URL (frame-src blob:)
    await pdfRow.getByRole('button', { name: `Bekijken ${PDF_NAME}` }).click()
    const pdfPreview = teacher.page.getByRole('dialog', { name: `Voorbeeld van ${PDF_NAME}` })
    await pdfPreview.locator(`iframe[title="${PDF_NAME}"]`).waitFor()
    await expect.poll(() => teacher.page.frames().some((f) => f.url().startsWith('blob:'))).toBe(true)
    await pdfPreview.getByRole('button', { name: 'Sluiten' }).click()
    expect(refusedByCsp).toEqual([])
    const [download] = await Promise.all([teacher.page.waitForEvent('download'), pdfRow.getByRole('button', { name: `Opslaan ${PDF_NAME}` }).click()])
    expect(download.suggestedFilename()).toBe(PDF_NAME)
    const saved = await download.path()
    const { readFileSync } = await import('node:fs')
    expect(Buffer.from(readFileSync(saved)).equals(PDF)).toBe(true)
    expect(teacher.errors).toEqual([])

    // the parent opens its own picture too: the preview's blob must not reach the disk either
    await imageRow.getByRole('button', { name: `Bekijken ${IMAGE_NAME}` }).click()
    await parent.page
      .getByRole('dialog', { name: `Voorbeeld van ${IMAGE_NAME}` })
      .getByRole('img')
      .waitFor()
    expect(parent.errors).toEqual([])
    await profile.close()
    // the files' names too: they live only in the encrypted plan (disk.test.ts has the search's control)
    const hits = filesHolding(profile.dir, [CANARY_IMAGE, CANARY_PDF, IMAGE_NAME, PDF_NAME])
    expect(hits).toEqual([])
  })
})
