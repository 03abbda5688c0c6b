/**
 * The device lock in Chromium: a profile with a passphrase, a reload shows the lock screen, a
 * wrong passphrase is said so, the right one shows the plan again, "Vergrendelen" closes it, and a
 * shared computer's logout leaves no IndexedDB database of the origin.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  PASSPHRASE,
  createPlan,
  createProfile,
  hasChromium,
  screenshot,
  typeAtEnd,
  unlock,
  useApp,
  voiceEditor,
  waitForSyncState,
  waitForText,
} from './helpers'

const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))

describe.skipIf(!hasChromium)('e2e: the device lock', () => {
  const app = useApp()

  it('passphrase at first run; reload locks; wrong passphrase is said; unlock shows the plan; Vergrendelen locks', async () => {
    const a = await app.device('A')
    await a.page.goto('/')
    // the first-run form explains there is no recovery, and refuses two different passphrases
    await a.page.getByText('Er is geen herstel').waitFor()
    await a.page.getByLabel('Hoe heet je?').fill('Fatima (moeder)')
    await a.page.getByLabel('Kies een wachtwoord').fill(PASSPHRASE)
    await expect.poll(() => a.page.locator('.strength').innerText()).toContain('Sterkte: sterk')
    await a.page.getByLabel('Herhaal het wachtwoord').fill('iets anders')
    await a.page.getByRole('button', { name: 'Verder' }).click()
    await a.page.getByRole('alert').filter({ hasText: 'De twee wachtwoorden zijn niet gelijk.' }).waitFor()
    await a.page.getByLabel('Hoe heet je?').fill('')
    await createProfile(a.page, 'Fatima (moeder)')
    await createPlan(a.page, 'Noor')
    await typeAtEnd(a.page, voiceEditor(a.page, 'Zorgen', 'Ouders'), 'Slaapt slecht.')
    await waitForSyncState(a.page, 'synced')
    const planUrl = a.page.url()

    await a.page.reload()
    await a.page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 20_000 })
    expect(await a.page.getByRole('heading', { name: 'Plan van Noor' }).count()).toBe(0)
    await screenshot(a.page, 'lock-screen')

    await unlock(a.page, 'niet mijn wachtwoord')
    await a.page.getByText('Dit wachtwoord klopt niet. Probeer het opnieuw.').waitFor({ timeout: 20_000 })
    expect(await a.page.getByLabel('Wachtwoord', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    await screenshot(a.page, 'lock-wrong')

    await unlock(a.page)
    await a.page.getByRole('heading', { level: 1, name: 'Plan van Noor' }).waitFor({ timeout: 20_000 })
    expect(a.page.url()).toBe(planUrl)
    await waitForText(voiceEditor(a.page, 'Zorgen', 'Ouders'), (t) => t === 'Slaapt slecht.', 'the plan after unlock')

    await a.page.getByRole('button', { name: 'Vergrendelen' }).click()
    await a.page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor()
    expect(await a.page.locator('.ql-editor').count()).toBe(0) // the plan's editors are gone
    await a.page.getByText('Samenplan is vergrendeld. Je plannen zijn gesloten.').waitFor()
    await unlock(a.page)
    await a.page.getByRole('heading', { level: 1, name: 'Plan van Noor' }).waitFor({ timeout: 20_000 })
    expect(a.errors).toEqual([])
    await a.context.close()
  }, 90_000)

  it('five wrong passphrases: a wait with a countdown, and it survives a reload', async () => {
    const b = await app.person('Joost')
    await b.page.reload()
    await b.page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 20_000 })
    for (let i = 1; i <= 5; i++) {
      await unlock(b.page, `fout wachtwoord ${i}`)
      await b.page.getByRole('button', { name: 'Ontgrendelen' }).waitFor()
      await expect
        .poll(() =>
          b.page
            .locator('#unlock-error')
            .innerText()
            .catch(() => ''),
        )
        .not.toBe('')
      if (i < 5) await b.page.waitForFunction(() => !(document.querySelector('#unlock-passphrase') as HTMLInputElement).disabled)
    }
    await b.page.getByText('Je hebt te vaak een verkeerd wachtwoord ingevuld.').waitFor()
    await b.page.getByText(/Je kunt het opnieuw proberen over \d+ s\./).waitFor()
    expect(await b.page.getByRole('button', { name: 'Ontgrendelen' }).isDisabled()).toBe(true)
    await screenshot(b.page, 'lock-wait')
    await b.page.reload()
    await b.page.getByText(/Je kunt het opnieuw proberen over \d+ s\./).waitFor({ timeout: 20_000 })
    // the 2 s wait ends and the right passphrase works
    await b.page.getByRole('button', { name: 'Ontgrendelen' }).and(b.page.locator(':enabled')).waitFor({ timeout: 10_000 })
    await unlock(b.page)
    await b.page.getByRole('button', { name: 'Vergrendelen' }).waitFor({ timeout: 20_000 })
    await b.context.close()
  }, 90_000)

  it('shared computer: logout warns about unsynced changes, then leaves no IndexedDB database', async () => {
    const c = await app.device('C')
    await c.page.goto('/')
    await createProfile(c.page, 'Invaller', { sharedComputer: true })
    await createPlan(c.page, 'Sem')
    await waitForSyncState(c.page, 'synced')
    expect((await databases(c.page)).length).toBeGreaterThanOrEqual(2)

    // offline, a change stays unsynced: logout asks first
    await c.context.setOffline(true)
    await typeAtEnd(c.page, voiceEditor(c.page, 'Vraag', 'Ouders'), 'Nog niet verstuurd.')
    await c.page.waitForTimeout(300)
    await c.page.getByRole('link', { name: 'Instellingen', exact: true }).click()
    await c.page.getByRole('heading', { level: 1, name: 'Instellingen' }).waitFor()
    expect(await c.page.getByLabel('Dit is een gedeelde computer').isChecked()).toBe(true)
    await c.page.getByRole('button', { name: 'Uitloggen en alles wissen' }).click()
    await c.page.getByText(/nog \d+ aanpassingen? niet verstuurd/).waitFor()
    await screenshot(c.page, 'lock-logout-unsynced')
    await c.page.getByRole('button', { name: 'Toch uitloggen' }).click()

    await c.page.getByRole('heading', { level: 1, name: 'Welkom bij Samenplan' }).waitFor({ timeout: 20_000 })
    await c.page.getByText('Alles van Samenplan is van deze computer gewist.').waitFor()
    await expect.poll(() => databases(c.page), { timeout: 10_000 }).toEqual([])
    await c.context.close()
  }, 90_000)
})
