/**
 * The PWA as people expect it: an update that waits until every change is synced (never a reload
 * under unsynced work), the storage protection shown in the settings, and a plan carried to a
 * fresh device on an encrypted .samenplan file.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DIST,
  createProfile,
  ensureBuilt,
  hasChromium,
  screenshot,
  typeAtEnd,
  unlockAfterReload,
  useApp,
  voiceEditor,
  waitForSyncState,
  waitForText,
  type Device,
} from './helpers'

const FILE_PASS = 'boot zon hek molen'
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'

describe.skipIf(!hasChromium)('e2e: PWA update, storage and plan files', () => {
  let staticDir: string
  const app = useApp({
    relay() {
      ensureBuilt()
      // a copy of the build, so a test can publish a "new version" of the service worker
      staticDir = mkdtempSync(path.join(tmpdir(), 'samenplan-static-'))
      cpSync(DIST, staticDir, { recursive: true })
      return { staticDir }
    },
  })
  let a: Device

  beforeAll(async () => {
    a = await app.person('Anna', { plan: 'Noor' })
    await typeAtEnd(a.page, voiceEditor(a.page, 'Krachten', 'Ouders'), 'Rekent sterk.')
    await waitForSyncState(a.page, 'synced')
    await a.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 })
  }, 90_000)

  afterAll(() => {
    if (staticDir) rmSync(staticDir, { recursive: true, force: true })
  })

  it('a new version waits while a change is unsynced, and applies itself once everything is synced', async () => {
    const page = a.page
    const editor = voiceEditor(page, 'Krachten', 'Ouders')
    // publish a new version: a service worker that differs by a byte installs and waits
    appendFileSync(path.join(staticDir, 'sw.js'), `\n// version ${Date.now()}\n`)
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    const banner = page.locator('.update-banner')
    await banner.getByText('Er is een nieuwe versie van Samenplan.').waitFor({ timeout: 30_000 })
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true)
    await screenshot(page, 'pwa-update-available')

    // offline, a change stays unsynced; consenting now must not reload
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true))
    await a.context.setOffline(true)
    await waitForSyncState(page, 'saved-local')
    await typeAtEnd(page, editor, ' Helpt anderen.')
    await banner.getByRole('button', { name: 'Nu bijwerken' }).click()
    await banner.getByText(/Nog \d+ aanpassing(en)? word(t|en) verstuurd/).waitFor({ timeout: 10_000 })
    await screenshot(page, 'pwa-update-waiting')
    // the gate counts again every second: give it several chances to do the wrong thing
    await page.waitForTimeout(3000)
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBe(true)
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true)

    // back online: the change is confirmed, then the new version takes over and the page reloads
    await a.context.setOffline(false)
    await unlockAfterReload(page)
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined()
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false)
    await page.getByRole('heading', { level: 1, name: 'Plan van Noor' }).waitFor({ timeout: 20_000 })
    // nothing was lost: the change typed offline is there, and it reached the relay before the reload
    await waitForText(voiceEditor(page, 'Krachten', 'Ouders'), (t) => t === 'Rekent sterk. Helpt anderen.', 'the offline change after the update')
    await waitForSyncState(page, 'synced')
  }, 90_000)

  it("shows whether the browser protects this device's storage, with the space in use", async () => {
    const page = a.page
    await page.goto('/#/instellingen')
    await page
      .getByRole('heading', { level: 1, name: 'Instellingen' })
      .waitFor({ timeout: 20_000 })
      .catch(async () => {
        await unlockAfterReload(page)
      })
    const persisted = await page.evaluate(() => navigator.storage.persisted())
    const state = page.locator('.storage-state')
    await expect
      .poll(() => state.innerText())
      .toBe(
        persisted
          ? 'Opslag op dit apparaat: beschermd. De browser ruimt je plannen niet zomaar op.'
          : 'Opslag op dit apparaat: kan door de browser worden opgeruimd, bijvoorbeeld als de schijf vol raakt.',
      )
    await page.getByText(/In gebruik: .+ van ongeveer .+\./).waitFor()
    if (!persisted) await page.getByRole('button', { name: 'Opnieuw om bescherming vragen' }).waitFor()
    await screenshot(page, 'pwa-settings-storage')
  }, 60_000)

  it('exports a plan to a file and a fresh device reads it with the passphrase; a wrong one is said so', async () => {
    const page = a.page
    await page.goto('/#/instellingen')
    await page.getByRole('heading', { level: 2, name: 'Plan als bestand bewaren' }).waitFor({ timeout: 20_000 })
    await page.getByLabel('Welk plan?').selectOption({ label: 'Plan van Noor' })
    await page.getByLabel('Wachtwoord voor dit bestand', { exact: true }).fill(FILE_PASS)
    await page.getByLabel('Herhaal het wachtwoord', { exact: true }).fill(FILE_PASS)
    const downloading = page.waitForEvent('download', { timeout: 20_000 })
    await page.getByRole('button', { name: 'Bestand maken' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^samenplan-noor-\d{4}-\d{2}-\d{2}\.samenplan$/)
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'samenplan-export-')), download.suggestedFilename())
    await download.saveAs(file)
    const bytes = readFileSync(file)
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('SAMENPLAN')
    expect(bytes.includes(Buffer.from('Rekent sterk'))).toBe(false)
    expect(bytes.includes(Buffer.from('Noor'))).toBe(false)
    await page.getByText(`Het bestand ${download.suggestedFilename()} is gemaakt.`, { exact: false }).waitFor()

    const c = await app.device('C')
    await c.page.goto('/')
    await createProfile(c.page, 'Cor')
    await c.page.goto('/#/instellingen')
    await c.page.getByRole('heading', { level: 2, name: 'Plan uit een bestand inlezen' }).waitFor({ timeout: 20_000 })
    await c.page.getByLabel('Bestand', { exact: true }).setInputFiles(file)
    await c.page.getByLabel('Wachtwoord van het bestand').fill('niet dit wachtwoord')
    await c.page.getByRole('button', { name: 'Inlezen' }).click()
    await c.page.getByText('Dit wachtwoord past niet bij dit bestand.').waitFor({ timeout: 20_000 })
    await screenshot(c.page, 'pwa-import-wrong-passphrase')

    await c.page.getByLabel('Wachtwoord van het bestand').fill(FILE_PASS)
    await c.page.getByRole('button', { name: 'Inlezen' }).click()
    await c.page.getByText('Het plan is ingelezen.').waitFor({ timeout: 20_000 })
    await c.page.getByText('Dit apparaat is geen lid van het plan').waitFor()
    await screenshot(c.page, 'pwa-import-done')
    await c.page.getByRole('link', { name: 'Plan openen' }).click()
    await c.page.getByRole('heading', { level: 1, name: 'Plan van Noor' }).waitFor({ timeout: 20_000 })
    await waitForText(voiceEditor(c.page, 'Krachten', 'Ouders'), (t) => t === 'Rekent sterk. Helpt anderen.', 'the plan from the file')
    await screenshot(c.page, 'pwa-import-plan')
    expect(a.errors).toEqual([])
    expect(c.errors).toEqual([])
  }, 90_000)

  it('another tab applying an update does not reload this one while it holds unsynced work', async () => {
    const page = a.page
    const marker = (p: typeof page) => p.evaluate(() => (window as unknown as { mark?: string }).mark)
    await page.getByRole('link', { name: 'Terug naar mijn plannen' }).click()
    await page.getByRole('link', { name: /Plan van Noor/ }).click()
    const editor = voiceEditor(page, 'Vraag', 'Ouders')
    await editor.waitFor({ timeout: 20_000 })
    await page.evaluate(() => ((window as unknown as { mark: string }).mark = 'plan-tab'))

    appendFileSync(path.join(staticDir, 'sw.js'), `\n// version ${Date.now()}\n`)
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    await page.locator('.update-banner').getByRole('button', { name: 'Nu bijwerken' }).waitFor({ timeout: 30_000 })

    await a.context.setOffline(true)
    await waitForSyncState(page, 'saved-local')
    await typeAtEnd(page, editor, 'Wat helpt in de klas?')

    // a second tab, still locked: nothing unsynced there, so it updates at once
    const other = await a.context.newPage()
    await other.goto('/')
    await other.evaluate(() => ((window as unknown as { mark: string }).mark = 'other-tab'))
    await other.locator('.update-banner').getByRole('button', { name: 'Nu bijwerken' }).click({ timeout: 30_000 })
    await expect.poll(() => marker(other).catch(() => 'navigating'), { timeout: 20_000 }).toBeUndefined()
    expect(await other.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false)

    // the plan tab now runs under the new worker but was not reloaded: it still offers the update
    await page.waitForTimeout(1500)
    expect(await marker(page)).toBe('plan-tab')
    const banner = page.locator('.update-banner')
    await banner.getByRole('button', { name: 'Nu bijwerken' }).click()
    await banner.getByText(/Nog \d+ aanpassing(en)? word(t|en) verstuurd/).waitFor({ timeout: 10_000 })
    await page.waitForTimeout(2000)
    expect(await marker(page)).toBe('plan-tab')

    await a.context.setOffline(false)
    await unlockAfterReload(page)
    expect(await marker(page)).toBeUndefined()
    await waitForText(voiceEditor(page, 'Vraag', 'Ouders'), (t) => t === 'Wat helpt in de klas?', 'the offline change after the update')
    await waitForSyncState(page, 'synced')
    await other.close()
  }, 90_000)

  it('on an iPhone in Safari: a tip on the home screen, the Deel → Zet op beginscherm steps, and the tip stays closed', async () => {
    const context = await app.browser.newContext({
      baseURL: app.relay.url,
      locale: 'nl-NL',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      userAgent: IPHONE_SAFARI,
    })
    const page = await context.newPage()
    await page.goto('/')
    await createProfile(page, 'Iris')
    const tip = page.getByRole('complementary', { name: 'Samenplan als app installeren' })
    await tip.getByText('Tip: installeer Samenplan als app.').waitFor({ timeout: 20_000 })
    await screenshot(page, 'pwa-install-hint-ios')
    await tip.getByRole('link', { name: 'Hoe werkt dat?' }).click()
    await page.getByRole('heading', { level: 2, name: 'Samenplan als app installeren' }).waitFor()
    await page.getByText('Kies "Zet op beginscherm".').waitFor()
    await page.getByText('Safari ruimt gegevens van websites op die je 7 dagen niet opent').waitFor()
    await screenshot(page, 'pwa-install-ios-settings')

    await page.goto('/#/')
    await tip.getByRole('button', { name: 'Tip sluiten' }).click()
    await tip.waitFor({ state: 'detached' })
    await page.reload()
    await unlockAfterReload(page)
    await page.getByRole('heading', { level: 1, name: 'Plannen op dit apparaat' }).waitFor()
    expect(await tip.count()).toBe(0)
    await context.close()
  }, 60_000)
})
