/**
 * Consent in the browser (R12), two devices and the real relay serving the built PWA: a parent
 * with gezag starts the plan (admin) and wants to invite the school's IB. The invite dialog
 * blocks a professional of an organisation without consent, with the explanation and no link;
 * the parent gives consent in "Toestemmingen"; the invite then works; the parent withdraws the
 * consent and the IB's device shows its access ended. axe over the dialog and the section.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { acceptInvite, createInvite, hasChromium, screenshot, syncStatus, useApp, waitForSyncState } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const SCHOOL = 'Basisschool De Linde'

function consentSection(page: Page) {
  return page.getByRole('region', { name: 'Toestemmingen' })
}

describe.skipIf(!hasChromium)('e2e: consent per organisation', () => {
  const app = useApp()

  it('blocks an invite without consent, gives consent, invites, withdraws and ends the access', async () => {
    const parent = await app.person('Fatima (moeder)', { plan: 'Mees', who: { party: 'gezag' } })
    const p = parent.page

    // the invite dialog: a professional of the school, no consent yet → explanation, no link
    await p.getByRole('button', { name: 'Delen', exact: true }).click()
    const dialog = p.getByRole('dialog', { name: 'Iemand uitnodigen' })
    await dialog.getByLabel('Wie nodig je uit?').selectOption({ label: 'Professional (school, zorg, gemeente)' })
    await dialog.getByLabel('Organisatie', { exact: true }).fill(SCHOOL)
    const blocked = dialog.getByTestId('invite-consent-blocked')
    await blocked.getByText(`Eerst moeten de ouders met gezag toestemming geven voor het delen met ${SCHOOL}.`).waitFor()
    await expect(dialog.getByRole('button', { name: 'Link maken' }).isDisabled()).resolves.toBe(true)
    await expect(dialog.getByLabel('Uitnodigingslink').count()).resolves.toBe(0)
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'consent-invite-blocked')
    await dialog.getByRole('button', { name: 'Sluiten' }).click()

    // the parent gives consent in the Toestemmingen section
    const section = consentSection(p)
    await section.getByText('Er is nog geen toestemming gegeven.').waitFor()
    await section.getByLabel('Organisatie', { exact: true }).fill(SCHOOL)
    await section.getByLabel('Waarvoor').fill('De IB en de leerkracht mogen het plan lezen en aanvullen.')
    // an empty purpose is refused with a clear message, nothing is written
    await section.getByLabel('Waarvoor').fill('')
    await section.getByRole('button', { name: 'Toestemming geven' }).click()
    await section.getByText('Schrijf op waarvoor de toestemming is.').waitFor()
    await section.getByLabel('Waarvoor').fill('De IB en de leerkracht mogen het plan lezen en aanvullen.')
    await section.getByRole('button', { name: 'Toestemming geven' }).click()
    await section
      .getByRole('status')
      .filter({ hasText: `Je hebt toestemming gegeven voor het delen met ${SCHOOL}.` })
      .waitFor()
    const row = section.locator('tr.consent__row').filter({ has: p.getByRole('rowheader', { name: SCHOOL }) })
    await row.getByText('Geldig', { exact: true }).waitFor()
    await row.getByText('Fatima (moeder)').waitFor()
    // dates in Dutch: "1 december 2027"
    expect(await row.innerText()).toMatch(/\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/)
    await waitForSyncState(p, 'synced')
    expect(await seriousAxeViolations(p)).toEqual([])
    await section.scrollIntoViewIfNeeded()
    await screenshot(p, 'consent-section')

    // now the invite works
    const link = await createInvite(p, 'editor', '1 dag', 'Ilse (IB)', { party: 'professional', organisation: SCHOOL })
    expect(link).toMatch(/#\/join\//)
    const ib = await app.device('ib')
    await acceptInvite(ib.page, link, 'Ilse (IB)')
    await waitForSyncState(ib.page, 'synced')
    // the IB reads the consent but cannot give or withdraw one
    await consentSection(ib.page).getByRole('rowheader', { name: SCHOOL }).waitFor({ timeout: 20_000 })
    await consentSection(ib.page).getByText('Alleen ouders met gezag en jongeren vanaf 16 kunnen toestemming geven of intrekken.').waitFor()
    await expect(
      consentSection(ib.page)
        .getByRole('button', { name: /Intrekken/ })
        .count(),
    ).resolves.toBe(0)
    await p.getByRole('region', { name: 'Betrokkenen' }).getByRole('rowheader', { name: 'Ilse (IB)' }).waitFor({ timeout: 20_000 })

    // the parent withdraws: the dialog says what happens, Escape cancels, then confirm
    const withdraw = row.getByRole('button', { name: `Toestemming intrekken voor ${SCHOOL}` })
    await withdraw.click()
    const confirm = p.getByRole('dialog', { name: `Toestemming voor ${SCHOOL} intrekken?` })
    await confirm.getByText(`Mensen van ${SCHOOL} kunnen het plan direct niet meer openen.`).waitFor()
    await p.keyboard.press('Escape')
    await confirm.waitFor({ state: 'hidden' })
    await expect.poll(() => withdraw.evaluate((el) => el === document.activeElement)).toBe(true)
    await withdraw.click()
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'consent-withdraw-dialog')
    await confirm.getByRole('button', { name: 'Ja, intrekken' }).click()
    await confirm.waitFor({ state: 'hidden', timeout: 20_000 })
    await section
      .getByRole('status')
      .filter({ hasText: `De toestemming voor ${SCHOOL} is ingetrokken.` })
      .waitFor()
    await row.getByText('Ingetrokken', { exact: true }).waitFor()
    // the IB was removed from the team by the same step
    await p.getByRole('region', { name: 'Betrokkenen' }).getByRole('rowheader', { name: 'Ilse (IB)' }).waitFor({ state: 'detached', timeout: 20_000 })

    // the IB's device: access ended
    await waitForSyncState(ib.page, 'error')
    expect(await syncStatus(ib.page).innerText()).toMatch(/weigert de verbinding/)
    await screenshot(ib.page, 'consent-ib-access-ended')

    expect(parent.errors).toEqual([])
  }, 90_000)

  it('a plan started by the IB: the parent sees the school undecided and can refuse it', async () => {
    const school = await app.person('Ilse (IB)', { plan: 'Noa', who: { party: 'professional', organisation: SCHOOL } })
    const mum = await app.invitee(school, 'editor', 'Moeder', { who: { party: 'gezag' } })
    const p = school.page

    const section = consentSection(mum.page)
    await section.getByText('Nog geen besluit').waitFor({ timeout: 20_000 })
    await section.getByText('Deze organisatie heeft het plan gestart').waitFor()
    expect(await seriousAxeViolations(mum.page)).toEqual([])
    await section.scrollIntoViewIfNeeded()
    await screenshot(mum.page, 'consent-undecided')
    // "Toestemming geven" fills in the organisation
    await section.getByRole('button', { name: `Toestemming geven voor ${SCHOOL}` }).click()
    await expect(section.getByLabel('Organisatie', { exact: true }).inputValue()).resolves.toBe(SCHOOL)
    await expect.poll(() => mum.page.evaluate(() => document.activeElement?.id)).toBe('consent-purpose')

    // refusing: the dialog warns that the plan is left without an admin
    await section.getByRole('button', { name: `Delen met ${SCHOOL} weigeren` }).click()
    const confirm = mum.page.getByRole('dialog', { name: `Delen met ${SCHOOL} weigeren?` })
    await confirm.getByText('Let op: dan is er niemand meer die dit plan beheert.').waitFor()
    await confirm.getByRole('button', { name: 'Ja, intrekken' }).click()
    await confirm.waitFor({ state: 'hidden', timeout: 20_000 })
    await section
      .getByRole('status')
      .filter({ hasText: `Je hebt het delen met ${SCHOOL} geweigerd.` })
      .waitFor()
    const refusedRow = section.locator('tr.consent__row').filter({ has: mum.page.getByRole('rowheader', { name: SCHOOL }) })
    await refusedRow.getByText('Ingetrokken', { exact: true }).waitFor()
    await section.getByText('Nog geen besluit').waitFor({ state: 'detached' })
    await screenshot(mum.page, 'consent-refused')
    await waitForSyncState(p, 'error')
    expect(await syncStatus(p).innerText()).toMatch(/weigert de verbinding/)
    expect(mum.errors).toEqual([])
  }, 90_000)
})
