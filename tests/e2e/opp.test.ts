/**
 * The OPP as the law asks (issue 10 §4) in the built PWA on two devices with the real relay: the
 * IB'er chooses the uitstroombestemming, ticks a factor from the matrix, adds a line to the
 * handelingsdeel and records the talk with the parents; the mother (gezag) sees it all; the school
 * cannot set the OPP yet; the mother records that she does not agree, with her reason, and sees
 * where she can go; the IB'er sets the OPP over her disagreement and both see it. axe-core over
 * each view; screenshots.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { hasChromium, screenshot, useApp, type Device } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
const opp = (page: Page) => region(page, 'Ontwikkelingsperspectief (OPP)')
const instemming = (page: Page) => region(page, 'Instemming met het handelingsdeel')
const vaststelling = (page: Page) => region(page, 'Vaststelling door de school')

describe.skipIf(!hasChromium)('e2e: the OPP, instemming and vaststelling', () => {
  const app = useApp()
  let ib: Device // Bram, IB'er of the school, made the plan
  let mother: Device // Fatima, mother with gezag

  beforeAll(async () => {
    ib = await app.person('Bram (IB)', { plan: 'Ravi', who: { party: 'professional', organisation: 'Basisschool De Regenboog' } })
    const factors = region(ib.page, 'Bevorderende en belemmerende factoren')
    await factors.getByRole('button', { name: 'Toevoegen: Kind, Helpt' }).click()
    const fd = ib.page.getByRole('dialog', { name: 'Factor toevoegen' })
    await fd.getByLabel(/Wat helpt of belemmert/).fill('Leert goed met plaatjes')
    await fd.getByRole('button', { name: 'Toevoegen', exact: true }).click()
    await fd.waitFor({ state: 'hidden' })
    mother = await app.invitee(ib, 'contributor', 'Fatima (moeder)', { who: { party: 'gezag' } })
  }, 120_000)

  it('the IB’er fills the OPP: bestemming, a factor, a line of the handelingsdeel, the talk with the parents; the mother sees it', async () => {
    await opp(ib.page).getByLabel('Verwachte uitstroom', { exact: true }).selectOption({ label: 'Vmbo kader' })
    await opp(ib.page).getByRole('checkbox', { name: 'Leert goed met plaatjes' }).check()

    await opp(ib.page).getByRole('button', { name: 'Toevoegen', exact: true }).click()
    const hd = ib.page.getByRole('dialog', { name: 'Toevoegen aan het handelingsdeel' })
    await hd.getByRole('radio', { name: 'Anders dan het gewone programma' }).check()
    await hd.getByLabel('Wat gebeurt er?').fill('Eigen leerlijn op niveau groep 5')
    await hd.getByLabel(/Over welk vak/).fill('Rekenen')
    expect(await seriousAxeViolations(ib.page)).toEqual([])
    await hd.getByRole('button', { name: 'Toevoegen', exact: true }).click()
    await hd.waitFor({ state: 'hidden' })
    // and changes it: the line is edited in place
    await opp(ib.page).getByRole('button', { name: 'Aanpassen: Eigen leerlijn op niveau groep 5' }).click()
    const edit = ib.page.getByRole('dialog', { name: 'Aanpassen in het handelingsdeel' })
    await edit.getByLabel('Wat gebeurt er?').fill('Eigen leerlijn op niveau groep 6')
    await edit.getByRole('button', { name: 'Opslaan' }).click()
    await edit.waitFor({ state: 'hidden' })
    await opp(ib.page).getByTestId('hdeel-afwijking').filter({ hasText: 'Rekenen: Eigen leerlijn op niveau groep 6' }).waitFor()

    await opp(ib.page).getByRole('button', { name: 'Gesprek vastleggen' }).click()
    const talk = ib.page.getByRole('dialog', { name: 'Gesprek vastleggen' })
    await talk.getByRole('checkbox', { name: 'Fatima (moeder)' }).check()
    await talk.getByLabel(/Anderen die erbij waren/).fill('tolk')
    await talk.getByLabel('Wat is er besproken en afgesproken?').fill('Samen de doelen doorgenomen.')
    await talk.getByRole('button', { name: 'Gesprek vastleggen' }).click()
    await talk.waitFor({ state: 'hidden' })
    await screenshot(ib.page, 'opp-filled-ib')
    expect(await seriousAxeViolations(ib.page)).toEqual([])

    // the mother reads it: the bestemming, the factor in the matrix's own words, the line, the talk
    const theirs = opp(mother.page)
    await theirs.getByTestId('opp-bestemming').filter({ hasText: 'Vmbo kader' }).waitFor({ timeout: 20_000 })
    await theirs.getByTestId('opp-factors-helpt').filter({ hasText: 'Leert goed met plaatjes' }).waitFor({ timeout: 20_000 })
    await theirs.getByTestId('hdeel-afwijking').filter({ hasText: 'Rekenen: Eigen leerlijn op niveau groep 6' }).waitFor({ timeout: 20_000 })
    const talks = theirs.getByTestId('opp-talks')
    await talks.filter({ hasText: 'Samen de doelen doorgenomen.' }).waitFor({ timeout: 20_000 })
    expect(await talks.innerText()).toContain('Erbij: Fatima (moeder), tolk')
    // nothing of it is hers to change
    expect(await theirs.getByRole('button', { name: 'Gesprek vastleggen' }).count()).toBe(0)
    await screenshot(mother.page, 'opp-read-mother')
    expect(await seriousAxeViolations(mother.page)).toEqual([])
  }, 120_000)

  it('the OPP is set only after instemming or over her disagreement, with where she can go', async () => {
    await vaststelling(ib.page).getByText('Vaststellen kan nog niet: nog niet iedereen heeft ingestemd met dit handelingsdeel.').waitFor({ timeout: 20_000 })
    expect(await vaststelling(mother.page).getByRole('button').count()).toBe(0)

    // she does not agree, and says why
    await instemming(mother.page).getByRole('button', { name: 'Ik ben het er niet mee eens' }).click()
    const dialog = mother.page.getByRole('dialog', { name: 'Je bent het niet eens met het handelingsdeel' })
    await dialog.getByRole('link', { name: /Geschillencommissie passend onderwijs/ }).waitFor()
    await dialog.getByLabel('Waarom ben je het niet eens?').fill('Wij willen meer uren extra hulp.')
    expect(await seriousAxeViolations(mother.page)).toEqual([])
    await dialog.getByRole('button', { name: 'Opslaan dat ik het niet eens ben' }).click()
    await dialog.waitFor({ state: 'hidden' })
    for (const d of [mother, ib]) {
      await instemming(d.page)
        .locator('.sp-instemming__parent[data-state="disagreed"]', { hasText: 'Wij willen meer uren extra hulp.' })
        .waitFor({ timeout: 20_000 })
      await instemming(d.page)
        .getByTestId('geschil')
        .getByRole('link', { name: /Geschillencommissie passend onderwijs/ })
        .waitFor()
    }

    // the school sets it over her disagreement; both see it, and where she can go
    await vaststelling(ib.page).getByRole('button', { name: 'OPP vaststellen, ook al zijn de ouders het niet eens' }).click()
    const confirm = ib.page.getByRole('dialog', { name: 'OPP vaststellen' })
    await confirm.getByRole('button', { name: 'Ja, vaststellen' }).click()
    await confirm.waitFor({ state: 'hidden' })
    for (const d of [ib, mother]) {
      await vaststelling(d.page)
        .getByTestId('vaststelling-state')
        .filter({ hasText: /^Het OPP is vastgesteld door Bram \(IB\) op .+, terwijl de ouders het niet eens waren\.$/ })
        .waitFor({ timeout: 20_000 })
      await vaststelling(d.page).getByTestId('geschil').waitFor()
    }
    await screenshot(mother.page, 'opp-vastgesteld-mother')
    expect(await seriousAxeViolations(mother.page)).toEqual([])
    expect(await seriousAxeViolations(ib.page)).toEqual([])
  }, 120_000)
})
