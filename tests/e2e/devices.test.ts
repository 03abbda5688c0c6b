/**
 * A person's second device, in Chromium with the real relay serving the built PWA: device A (with
 * two plans) makes a device link with a QR code; device B (a fresh context) opens it, chooses a
 * passphrase, joins both plans and reads them; A lists two devices; A removes B, and B's access
 * ends. The invite dialog shows a QR code too. axe-core finds no serious or critical violations.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { PARTY_LABELS, PASSPHRASE, createPlan, hasChromium, screenshot, typeAtEnd, useApp, voiceEditor, waitForSyncState, waitForText } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const CODE = /^\d{4} \d{4} \d{4}$/

async function expectNoSeriousAxe(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([])
}

function devicesOfPlan(page: Page, child: string) {
  return page.getByRole('region', { name: 'Mijn apparaten' }).getByRole('region', { name: `Plan van ${child}` })
}

describe.skipIf(!hasChromium)('e2e: a second device of the same person', () => {
  const app = useApp()

  it('links a new device to both plans, lists it, and removes it again', async () => {
    const a = await app.person('Anna', { plan: 'Sam' })
    await typeAtEnd(a.page, voiceEditor(a.page, 'Zorgen', 'Ouders'), 'Slaapt slecht.')
    await waitForSyncState(a.page, 'synced')

    // the invite dialog shows the link as a QR code too
    await a.page.getByRole('button', { name: 'Delen', exact: true }).click()
    const share = a.page.getByRole('dialog', { name: 'Iemand uitnodigen' })
    await share.getByLabel('Wie nodig je uit?').selectOption({ label: PARTY_LABELS.parent })
    await share.getByRole('button', { name: 'Link maken' }).click()
    const inviteQr = share.getByRole('img', { name: 'QR-code voor de uitnodiging' })
    await inviteQr.waitFor({ timeout: 20_000 })
    expect(Number(await inviteQr.getAttribute('data-modules'))).toBeGreaterThan(21)
    await share.getByRole('button', { name: 'Sluiten' }).click()

    await a.page.goto('/#/')
    await createPlan(a.page, 'Lotte')
    await waitForSyncState(a.page, 'synced')

    // A: Mijn apparaten in the settings, one device per plan so far
    await a.page.goto('/#/instellingen')
    const mine = a.page.getByRole('region', { name: 'Mijn apparaten' })
    await devicesOfPlan(a.page, 'Sam').getByRole('rowheader', { name: 'Dit apparaat' }).waitFor({ timeout: 20_000 })
    await devicesOfPlan(a.page, 'Lotte').getByRole('rowheader', { name: 'Dit apparaat' }).waitFor()
    await mine.getByRole('button', { name: 'Koppel een nieuw apparaat' }).click()
    const dialog = a.page.getByRole('dialog', { name: 'Een nieuw apparaat koppelen' })
    await dialog.getByText('wie deze code of link heeft, kan in jouw naam je plannen openen').waitFor()
    await dialog.getByRole('button', { name: 'Link en QR-code maken' }).click()
    const qr = dialog.getByRole('img', { name: 'QR-code voor het koppelen van je nieuwe apparaat' })
    await qr.waitFor({ timeout: 20_000 })
    await dialog.getByText(/De link werkt één keer, tot/).waitFor()
    const link = await dialog.getByLabel('Koppellink').inputValue()
    expect(link).toMatch(new RegExp(`^${app.relay.url}/#/koppel/[A-Za-z0-9_-]+$`))
    await expectNoSeriousAxe(a.page)
    await screenshot(a.page, 'devices-link-dialog')
    await dialog.getByRole('button', { name: 'Sluiten' }).click()

    // B: a fresh device opens the link, keeps the name, chooses a passphrase, joins both plans
    const b = await app.device('B')
    await b.page.goto(link)
    await b.page.getByRole('heading', { level: 1, name: 'Dit apparaat koppelen' }).waitFor({ timeout: 20_000 })
    await b.page.getByText('Dit apparaat komt in de plannen van Anna').waitFor()
    expect(await b.page.getByLabel('Je naam').inputValue()).toBe('Anna')
    await expectNoSeriousAxe(b.page)
    await screenshot(b.page, 'devices-b-welcome')
    await b.page.getByLabel('Kies een wachtwoord').fill(PASSPHRASE)
    await b.page.getByLabel('Herhaal het wachtwoord').fill(PASSPHRASE)
    await b.page.getByRole('button', { name: 'Wachtwoord opslaan en koppelen' }).click()
    const progress = b.page.getByRole('list', { name: 'Voortgang per plan' })
    await b.page.getByText('Klaar. Je plannen staan nu ook op dit apparaat.').waitFor({ timeout: 30_000 })
    await expect(progress.getByRole('listitem').filter({ hasText: 'Gekoppeld' }).count()).resolves.toBe(2)
    // the spent secret left the address bar
    expect(b.page.url()).not.toContain('koppel')
    await expectNoSeriousAxe(b.page)
    await screenshot(b.page, 'devices-b-linked')

    await progress.getByRole('link', { name: 'Openen: Sam' }).click()
    await b.page.getByRole('heading', { level: 1, name: 'Plan van Sam' }).waitFor({ timeout: 20_000 })
    await waitForText(voiceEditor(b.page, 'Zorgen', 'Ouders'), (t) => t.includes('Slaapt slecht.'), 'A’s text on B')
    await waitForSyncState(b.page, 'synced')
    // B writes as the same person: A gets it
    await typeAtEnd(b.page, voiceEditor(b.page, 'Zorgen', 'Ouders'), ' Van de telefoon.')

    // A: two devices in each plan; the other one is B, with B's own code
    const otherSam = devicesOfPlan(a.page, 'Sam')
      .getByRole('row')
      .filter({ has: a.page.getByRole('rowheader', { name: 'Ander apparaat' }) })
    await otherSam.waitFor({ timeout: 20_000 })
    await devicesOfPlan(a.page, 'Lotte').getByRole('rowheader', { name: 'Ander apparaat' }).waitFor()
    const bCode = (await otherSam.getByTestId('device-code').innerText()).trim()
    expect(bCode).toMatch(CODE)
    await expectNoSeriousAxe(a.page)
    await screenshot(a.page, 'devices-a-two')

    // A removes B from Sam's plan after a clear confirmation
    await otherSam.getByRole('button', { name: `Verwijderen: apparaat met code ${bCode}` }).click()
    const confirm = a.page.getByRole('dialog', { name: 'Dit apparaat verwijderen?' })
    await confirm.getByText('Het plan wordt opnieuw beveiligd.').waitFor()
    await expectNoSeriousAxe(a.page)
    await screenshot(a.page, 'devices-remove-dialog')
    await confirm.getByRole('button', { name: 'Ja, verwijderen' }).click()
    await confirm.waitFor({ state: 'hidden', timeout: 20_000 })
    await mine.getByRole('status').filter({ hasText: 'Het apparaat is verwijderd.' }).waitFor()
    await otherSam.waitFor({ state: 'detached', timeout: 20_000 })

    // B: its access to Sam's plan ended
    await waitForSyncState(b.page, 'error')
    await b.page.getByText(/weigert de verbinding/).waitFor()
    await screenshot(b.page, 'devices-b-removed')

    // A's team view of Lotte's plan: one person, two devices
    await a.page.goto('/#/')
    await a.page.getByRole('link', { name: /Lotte/ }).first().click()
    const team = a.page.getByRole('region', { name: 'Betrokkenen' })
    await team.getByText('2 apparaten').waitFor({ timeout: 20_000 })
    await expect(team.getByRole('rowheader', { name: /Anna/ }).count()).resolves.toBe(1)
    await expect(team.getByTestId('safety-code').count()).resolves.toBe(2)
    await expectNoSeriousAxe(a.page)
    await screenshot(a.page, 'devices-team-person')

    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
  }, 120_000)
})
