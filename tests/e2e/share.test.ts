/**
 * [R18] "Deel met de gemeente" in the built PWA with the real relay: the parent with gezag gives
 * consent for the gemeente, records a step of help in the onderbouwing and shares it; a fresh
 * browser context (no profile, no account) opens the link, sees who shared it and until when,
 * sees the document and prints it to PDF, with nothing stored on that device (no IndexedDB, no
 * service worker) and no CSP error; the sharer sees the opening in Activiteit, withdraws the link,
 * and the recipient's next try says it was withdrawn.
 */
import { describe, expect, it } from 'vitest'
import { filesContaining } from '../helpers/diskSearch'
import { hasChromium, screenshot, useApp, waitForSyncState } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const GEMEENTE = 'Gemeente Utrecht'
const CANARY = 'Kanarie-effect-Sam-lezen-vooruit'

describe.skipIf(!hasChromium)('e2e: sharing a document with the gemeente', () => {
  const app = useApp()

  it('[R18] a link opens without an account, read-only, printable; its opening shows in Activiteit; withdrawn it no longer opens', async () => {
    const ouder = await app.person('Fatima (moeder)', { plan: 'Sam' })
    const p = ouder.page

    // consent for the gemeente first: without it there is no one to share with
    const consent = p.getByRole('region', { name: 'Toestemmingen' })
    await consent.getByLabel('Organisatie', { exact: true }).fill(GEMEENTE)
    await consent.getByLabel('Waarvoor').fill('De jeugdconsulent mag de onderbouwing lezen.')
    await consent.getByRole('button', { name: 'Toestemming geven' }).click()
    await consent
      .getByRole('status')
      .filter({ hasText: `Je hebt toestemming gegeven voor het delen met ${GEMEENTE}.` })
      .waitFor()
    await waitForSyncState(p, 'synced')

    // a step of help in the onderbouwing, with the canary in it
    await p.getByRole('navigation', { name: 'Documenten' }).getByRole('link', { name: 'Aanvraag bij de gemeente' }).click()
    await p.getByRole('button', { name: 'Ingezette hulp toevoegen' }).click()
    const form = p.getByRole('form', { name: 'Ingezette hulp toevoegen' })
    await form.getByLabel('Niveau').selectOption({ label: 'Extra ondersteuning op school' })
    await form.getByLabel('Wie bood de hulp?').fill('Remedial teacher De Linde')
    await form.getByLabel('Begonnen op').fill('2025-09-01')
    await form.getByLabel(/Wat leverde het op/).fill(CANARY)
    await form.getByRole('button', { name: 'Hulp opslaan' }).click()
    await p.getByRole('status').filter({ hasText: 'Ingezette hulp opgeslagen.' }).waitFor()
    await waitForSyncState(p, 'synced')

    // share it
    await p.getByRole('button', { name: 'Deel met de gemeente' }).click()
    const dialog = p.getByRole('dialog', { name: 'Deel dit document' })
    await expect(dialog.getByLabel('Met wie deel je het?').inputValue()).resolves.toMatch(/^[0-9a-f]{64}$/)
    await dialog.getByLabel('Hoe lang werkt de link?').selectOption({ label: '7 dagen' })
    await dialog.getByLabel('Hoe vaak mag de link geopend worden?').fill('3')
    expect(await seriousAxeViolations(p)).toEqual([])
    await dialog.getByRole('button', { name: 'Link maken' }).click()
    const link = await dialog.getByLabel('Link naar het document').inputValue({ timeout: 20_000 })
    expect(link).toMatch(new RegExp(`^${app.relay.url}/#/gedeeld/[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{43}$`))
    await dialog.getByText(`Stuur deze link naar ${GEMEENTE}.`, { exact: false }).waitFor()
    await dialog.getByRole('button', { name: 'Sluiten' }).first().click()

    // the consultant: a fresh browser, no profile
    const consultant = await app.device('jeugdconsulent')
    const c = consultant.page
    await c.goto(link)
    await c.getByRole('heading', { level: 1, name: 'Aanvraag bij de gemeente' }).waitFor({ timeout: 20_000 })
    const about = c.getByTestId('shared-about')
    await about.getByText(/^Gedeeld door Fatima \(moeder\) op \d{1,2} \w+ \d{4}, geldig tot \d{1,2} \w+ \d{4}\.$/).waitFor()
    await about.getByText(`Voor: ${GEMEENTE}.`).waitFor()
    await about.getByText('De handtekening klopt: dit is het document zoals Fatima (moeder) het deelde.').waitFor()
    await about.getByText('Deze link is 1 van de 3 keer geopend.').waitFor()
    await c.getByText(CANARY, { exact: false }).waitFor()
    // read-only: nothing to type in, no plan around it
    await expect(c.locator('input, textarea, [contenteditable="true"]').count()).resolves.toBe(0)
    expect(await seriousAxeViolations(c)).toEqual([])
    await screenshot(c, 'share-opened')
    // print, or save as PDF: the buttons and the frame stay off the paper
    await c.emulateMedia({ media: 'print' })
    await expect(c.getByRole('button', { name: 'Afdrukken of opslaan als PDF' }).isVisible()).resolves.toBe(false)
    await expect(
      c
        .getByText(/^Gedeeld door Fatima/)
        .last()
        .isVisible(),
    ).resolves.toBe(true)
    const pdf = await c.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await c.emulateMedia({ media: 'screen' })
    // nothing kept on the consultant's device, and nothing refused by the CSP
    await expect(c.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).resolves.toEqual([])
    await expect(c.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).resolves.toBe(0)
    await expect(c.evaluate(async () => (await caches.keys()).length)).resolves.toBe(0)
    expect(consultant.errors).toEqual([])
    // the relay never had the document in the clear
    expect(filesContaining(app.relay.dataDir, CANARY)).toEqual([])

    // the parent sees the opening in Activiteit, and withdraws the link
    await p.getByRole('link', { name: 'Terug naar het plan' }).click()
    const shared = p.getByTestId('shared-links')
    await shared.getByRole('button', { name: 'Vernieuwen' }).click()
    await shared.getByText(`Onderbouwing voor de gemeente voor ${GEMEENTE}`).waitFor({ timeout: 20_000 })
    await shared.getByText(/^Geopend op \d{1,2} \w+ \d{4}/).waitFor()
    await shared.getByText('1 van 3 keer geopend.', { exact: false }).waitFor()
    await shared.scrollIntoViewIfNeeded()
    await screenshot(p, 'share-activity')
    await shared.getByRole('button', { name: 'Link intrekken' }).click()
    await shared.getByText(/^Ingetrokken op /).waitFor({ timeout: 20_000 })

    await c.reload()
    await c.getByTestId('shared-error').getByText('Deze link is ingetrokken.').waitFor({ timeout: 20_000 })
    await consultant.context.close()
  }, 180_000)
})
