/**
 * axe-core over every main view of the app, as a person meets them: the welcome (first run), an
 * invitation's preview, home, a plan, the settings, the lock screen and the accessibility
 * statement. No serious or critical violation may be found; a screenshot of each is kept.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  createInvite,
  createPlan,
  createProfile,
  hasChromium,
  screenshot,
  typeAtEnd,
  unlockAfterReload,
  useApp,
  voiceEditor,
  waitForSyncState,
  type Device,
} from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

async function expectAccessible(page: Page, view: string): Promise<void> {
  await screenshot(page, `a11y-${view}`)
  const violations = await seriousAxeViolations(page)
  expect(violations, `${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([])
}

describe.skipIf(!hasChromium)('e2e: accessibility of every main view (axe-core)', () => {
  const app = useApp()
  let a: Device

  beforeAll(async () => {
    a = await app.device('A')
  })

  it('welcome, home, plan view, settings and the accessibility statement', async () => {
    const page = a.page
    await page.goto('/')
    await page.getByLabel('Hoe heet je?').waitFor({ timeout: 20_000 })
    await expectAccessible(page, 'welcome')

    await createProfile(page, 'Anna')
    await page.getByRole('heading', { level: 1, name: 'Plannen op dit apparaat' }).waitFor()
    await expectAccessible(page, 'home-empty')

    await createPlan(page, 'Noor')
    await typeAtEnd(page, voiceEditor(page, 'Zorgen', 'Kind'), 'Vindt de pauze druk.')
    await waitForSyncState(page, 'synced')
    await expectAccessible(page, 'plan')

    await page.getByRole('link', { name: 'Terug naar mijn plannen' }).click()
    await page.getByRole('link', { name: /Plan van Noor/ }).waitFor()
    await expectAccessible(page, 'home')

    await page.getByRole('link', { name: 'Instellingen', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Instellingen' }).waitFor()
    await page.locator('.storage-state').waitFor()
    await expectAccessible(page, 'settings')

    await page.getByRole('link', { name: 'Toegankelijkheid' }).click()
    await page.getByRole('heading', { level: 1, name: 'Toegankelijkheid van Samenplan' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Een probleem melden' }).waitFor()
    await expectAccessible(page, 'statement')
    // English second
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: 'Accessibility of Samenplan' }).waitFor()
    await expectAccessible(page, 'statement-en')
    await page.getByRole('button', { name: 'Nederlands' }).click()
  }, 90_000)

  it('the lock screen, and the statement readable while locked', async () => {
    const page = a.page
    await page.goto('/')
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 20_000 })
    await expectAccessible(page, 'lock')

    await page.getByRole('link', { name: 'Toegankelijkheid' }).click()
    await page.getByRole('heading', { level: 1, name: 'Toegankelijkheid van Samenplan' }).waitFor()
    await page.goto('/#/')
    await unlockAfterReload(page)
  }, 60_000)

  it("an invitation's preview", async () => {
    await a.page.getByRole('link', { name: /Plan van Noor/ }).click()
    await a.page.getByRole('heading', { level: 1, name: 'Plan van Noor' }).waitFor({ timeout: 20_000 })
    const link = await createInvite(a.page, 'contributor')
    const b = await app.device('B')
    await b.page.goto(link)
    await createProfile(b.page, 'Bram')
    await b.page.getByRole('button', { name: 'Uitnodiging accepteren' }).waitFor({ timeout: 20_000 })
    await expectAccessible(b.page, 'join')
    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
  }, 60_000)
})
