/**
 * Invite links checked first, in the built PWA: a fresh browser that opens a used, withdrawn or
 * mangled link reads why it does not work, and is never asked for a name or a passphrase; an
 * open link says so above the first-run form; a link that cannot be checked now lets the person
 * go on. axe-core finds no serious or critical violations.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createInvite, createProfile, hasChromium, screenshot, useApp, waitForSyncState } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

/** The message a refused link shows, and that the first-run form is not there. */
async function expectRefused(page: Page, message: string): Promise<void> {
  const alert = page.getByRole('alert')
  await alert.waitFor({ timeout: 20_000 })
  await expect(alert.innerText()).resolves.toBe(message)
  await expect(page.getByLabel('Hoe heet je?').count()).resolves.toBe(0)
  await expect(page.getByLabel('Kies een wachtwoord').count()).resolves.toBe(0)
  await expect(page.getByRole('link', { name: 'Naar de startpagina' }).isVisible()).resolves.toBe(true)
  expect(await seriousAxeViolations(page)).toEqual([])
}

describe.skipIf(!hasChromium)('e2e: an invite link is checked before a profile', () => {
  const app = useApp()

  it('[R6] a used link in a fresh browser says so, and asks for no name or passphrase', async () => {
    const a = await app.person('Anna (IB)', { plan: 'Sam' })
    const link = await createInvite(a.page, 'editor', '1 dag', 'Bram (mentor)')

    // an open link: said above the first-run form, which leads on to the invite
    const b = await app.device('B')
    await b.page.goto(link)
    await b.page.locator('[data-invite-state="open"]').waitFor({ timeout: 20_000 })
    await expect(b.page.locator('[data-invite-state="open"]').innerText()).resolves.toContain('Je bent uitgenodigd.')
    expect(await seriousAxeViolations(b.page)).toEqual([])
    await screenshot(b.page, 'invite-open')
    await createProfile(b.page, 'Bram (mentor)')
    await b.page.getByRole('button', { name: 'Uitnodiging accepteren' }).click({ timeout: 20_000 })
    await b.page.waitForURL(/#\/plan\//, { timeout: 20_000 })
    await waitForSyncState(b.page, 'synced')

    // the same link, used now, in a fresh browser on a laptop and on a phone
    for (const phone of [false, true]) {
      const c = await app.device(phone ? 'C-phone' : 'C', { phone })
      await c.page.goto(link)
      await expectRefused(c.page, 'Deze uitnodiging is al gebruikt. Vraag degene die je uitnodigde om een nieuwe link.')
      await screenshot(c.page, `invite-used${phone ? '-phone' : ''}`)
      expect(c.errors).toEqual([])
      await c.context.close()
    }
  }, 120_000)

  it('[R6] a withdrawn link and a link cut short say so before a profile', async () => {
    const a = await app.person('Anna (IB)', { plan: 'Noor' })
    const link = await createInvite(a.page, 'reader', '1 dag', 'Oma')
    await a.page.getByRole('button', { name: 'Intrekken: uitnodiging voor Oma' }).click()
    await waitForSyncState(a.page, 'synced')

    const c = await app.device('C', { phone: true })
    await c.page.goto(link)
    await expectRefused(c.page, 'Deze uitnodiging is teruggenomen. Vraag degene die je uitnodigde of je een nieuwe link kunt krijgen.')
    await screenshot(c.page, 'invite-withdrawn-phone')

    await c.page.goto(link.slice(0, -4))
    await c.page.reload()
    await expectRefused(
      c.page,
      'Deze link werkt niet. Misschien is hij niet helemaal gekopieerd. Vraag degene die je uitnodigde om de link nog een keer te sturen.',
    )
    await c.context.close()
  }, 120_000)

  it('a link that cannot be checked now lets the person go on', async () => {
    const a = await app.person('Anna (IB)', { plan: 'Lot' })
    const link = await createInvite(a.page, 'reader', '1 dag', 'Tolk')
    const c = await app.device('C')
    // the relay out of reach for the check alone (the app itself is served)
    await c.page.route('**/sync/*/invite*', (route) => route.abort('internetdisconnected'))
    await c.page.goto(link)
    const notice = c.page.locator('[data-invite-state="unchecked"]')
    await notice.waitFor({ timeout: 20_000 })
    await expect(notice.innerText()).resolves.toContain('We kunnen de uitnodiging nu niet controleren')
    await c.page.getByLabel('Hoe heet je?').waitFor()
    expect(await seriousAxeViolations(c.page)).toEqual([])
    // back in reach: checking again keeps what was typed
    await c.page.getByLabel('Hoe heet je?').fill('Tolk')
    await c.page.unroute('**/sync/*/invite*')
    await c.page.getByRole('button', { name: 'Opnieuw controleren' }).click()
    await c.page.locator('[data-invite-state="open"]').waitFor({ timeout: 20_000 })
    await expect(c.page.getByLabel('Hoe heet je?').inputValue()).resolves.toBe('Tolk')
    await c.context.close()
  }, 120_000)
})
