/**
 * Issue 14, "Look": the views one reaches by a link or that stand in front of the plan reflow at
 * 320 × 640 and at 200 % zoom (640 × 400) without sideways scrolling (WCAG 1.4.10), as the main
 * views do (limits.test.ts): an invite link's pages (the check with the first-run form, the
 * invitation, a used link), meeting mode with its decisions and link, the lock screen, and the
 * device-link views (the dialog that makes the link, DeviceWelcome on a fresh device, LinkDevice
 * on an unlocked one).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createInvite, createProfile, hasChromium, unlock, useApp, waitForSyncState, type Person } from './helpers'
import { reflowProblems } from './reflowHelpers'

describe.skipIf(!hasChromium)('e2e: reflow of the link, lock and meeting views', () => {
  const app = useApp()
  let a: Person

  beforeAll(async () => {
    a = await app.person('Anna', { plan: 'Daan' })
  }, 60_000)

  it("an invite link's pages: the check with the first-run form, the invitation, and a used link", async () => {
    const link = await createInvite(a.page, 'editor', '1 dag', 'Bram Bakker-van den Heuvel')
    const problems: string[] = []

    const b = await app.device('B')
    await b.page.goto(link)
    await b.page.locator('[data-invite-state="open"]').waitFor({ timeout: 20_000 })
    await b.page.getByLabel('Hoe heet je?').waitFor()
    problems.push(...(await reflowProblems(b.page, 'join-check')))

    await createProfile(b.page, 'Bram Bakker-van den Heuvel')
    const accept = b.page.getByRole('button', { name: 'Uitnodiging accepteren' })
    await accept.waitFor({ timeout: 20_000 })
    problems.push(...(await reflowProblems(b.page, 'join-invitation')))
    await accept.click()
    await b.page.waitForURL(/#\/plan\//, { timeout: 20_000 })

    // the same link, now spent, on a third device: refused before a profile is asked for
    const c = await app.device('C')
    await c.page.goto(link)
    await c.page.locator('.notice--error[data-invite-state]').waitFor({ timeout: 20_000 })
    problems.push(...(await reflowProblems(c.page, 'join-used')))
    await c.context.close()
    await b.context.close()

    expect(problems).toEqual([])
  }, 120_000)

  it('meeting mode, with its guests, decisions and meeting link', async () => {
    const page = a.page
    await page.getByRole('radio', { name: /^MDO/ }).check()
    await page.getByRole('button', { name: 'Overleg starten' }).click()
    await page.getByRole('heading', { level: 2, name: /^MDO op / }).waitFor()
    await page.getByLabel('Naam van een gast').fill('Fatima El Amrani-Verschuuren (wijkcoach)')
    await page.getByRole('button', { name: 'Gast toevoegen' }).click()
    await page.getByLabel('Nieuw besluit of advies').fill('Aanmelden voor jeugdhulp via de gemeente, met het verslag van dit overleg')
    await page.getByRole('button', { name: 'Besluit toevoegen' }).click()
    await page.locator('.doc-decisions__list', { hasText: 'Aanmelden voor jeugdhulp' }).waitFor()
    await page.getByLabel('Link naar dit overleg').waitFor()
    expect(await reflowProblems(page, 'meeting')).toEqual([])
    await page.getByRole('button', { name: 'Terug naar het plan' }).click()
  }, 60_000)

  it('the lock screen', async () => {
    const page = a.page
    await page.getByRole('button', { name: 'Vergrendelen' }).click()
    await page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 20_000 })
    expect(await reflowProblems(page, 'lock')).toEqual([])
    await unlock(page)
    await page.getByRole('button', { name: 'Vergrendelen' }).waitFor({ timeout: 20_000 })
  }, 60_000)

  it('the device-link views: the dialog that makes the link, a fresh device (DeviceWelcome) and an unlocked one (LinkDevice)', async () => {
    const page = a.page
    await waitForSyncState(page, 'synced')
    await page.goto('/#/instellingen')
    await page.getByRole('region', { name: 'Mijn apparaten' }).getByRole('button', { name: 'Koppel een nieuw apparaat' }).click()
    const dialog = page.getByRole('dialog', { name: 'Een nieuw apparaat koppelen' })
    await dialog.getByRole('button', { name: 'Link en QR-code maken' }).click()
    await dialog.getByRole('img', { name: 'QR-code voor het koppelen van je nieuwe apparaat' }).waitFor({ timeout: 20_000 })
    const link = await dialog.getByLabel('Koppellink').inputValue()
    const problems = await reflowProblems(page, 'link-dialog')
    await dialog.getByRole('button', { name: 'Sluiten' }).click()

    const d = await app.device('D')
    await d.page.goto(link)
    await d.page.getByRole('heading', { level: 1, name: 'Dit apparaat koppelen' }).waitFor({ timeout: 20_000 })
    await d.page.getByLabel('Je naam').waitFor()
    problems.push(...(await reflowProblems(d.page, 'device-welcome')))

    // an unlocked device opening the link: LinkDevice, before it starts (the link is not spent)
    await d.page.goto('/#/')
    await createProfile(d.page, 'Anna')
    await d.page.goto(link)
    await d.page.getByRole('heading', { level: 1, name: 'Dit apparaat koppelen' }).waitFor({ timeout: 20_000 })
    await d.page.getByText('Dit apparaat komt in de plannen van Anna').waitFor({ timeout: 20_000 })
    problems.push(...(await reflowProblems(d.page, 'link-device')))
    await d.context.close()

    expect(problems).toEqual([])
  }, 120_000)
})
