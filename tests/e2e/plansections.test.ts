/**
 * The remaining plan sections in the built PWA on two devices (two browser contexts) with the real
 * relay: A fills the planstatus, the basisgegevens, a person on the sociale kaart, factors in two
 * cells of the matrix, a needs text, the OPP and steps of ingezette hulp; B sees all of it live;
 * B (editor) edits a factor and removes another, and A sees both. A wrong period is refused with the message next to
 * the field. A reader and a contributor see everything read-only. axe-core finds no serious or
 * critical violations, on a laptop and at a phone's 390 px, where the matrix stacks.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PHONE, RESULTS, hasChromium, screenshot, typeAtEnd, useApp, waitForText, type Device } from './helpers'
import { dutchDate, seriousAxeViolations } from './sectionHelpers'

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })
const status = (page: Page) => region(page, 'Planstatus')
const child = (page: Page) => region(page, 'Basisgegevens')
const contacts = (page: Page) => region(page, 'Contacten & sociale kaart')
const factors = (page: Page) => region(page, 'Bevorderende en belemmerende factoren')
const route = (page: Page) => region(page, 'Ingezette hulp')
const cell = (page: Page, domain: string, kind: string) => factors(page).locator(`[data-cell="${domain}|${kind}"]`)
/** a summary's value by its label */
const summaryValue = (scope: ReturnType<typeof region>, label: string) =>
  scope
    .locator('.ps-summary > div')
    .filter({ has: scope.page().getByText(label, { exact: true }) })
    .locator('dd')

/**
 * Known and not this suite's part: on a phone the members table of the team view (TeamView.tsx)
 * scrolls sideways in a container that cannot take keyboard focus. Reported to the merger; only
 * that one node is let through, anything else still fails.
 */

const EDIT_BUTTONS = [
  'Planstatus aanpassen',
  'Basisgegevens aanpassen',
  'Persoon toevoegen',
  'Hulp toevoegen',
  'Toevoegen: Kind, Helpt',
  'Aanpassen: Kan goed tekenen',
]

describe.skipIf(!hasChromium)('e2e: planstatus, basisgegevens, contacten, factoren, behoeften, OPP, ingezette hulp', () => {
  const app = useApp()
  let a: Device // Anna, the school's IB'er, made the plan
  let b: Device // Bram, the wijkteam's jeugdhulpverlener, editor

  beforeAll(async () => {
    a = await app.person('Anna (IB)', { plan: 'Sam' })
    b = await app.invitee(a, 'editor', 'Bram (wijkteam)')
    // B's name reaches A's team list before A picks B as casusregisseur
    await contacts(a.page).locator('.ps-contact', { hasText: 'Bram (wijkteam)' }).waitFor({ timeout: 20_000 })
  }, 90_000)

  it('the sections follow DESIGN §6: status and basisgegevens first, then contacten, voices, …, meetings', async () => {
    const order = await a.page.evaluate(() => [...document.querySelectorAll('article.plan h2')].map((h) => h.textContent?.trim() ?? ''))
    const want = [
      'Planstatus',
      'Basisgegevens',
      'Contacten & sociale kaart',
      'Stem van',
      'Bevorderende en belemmerende factoren',
      'Onderwijs- en ondersteuningsbehoeften',
      'Ontwikkelingsperspectief (OPP)',
      'Doelen',
      'Afspraken',
      'Ingezette hulp',
      'Observaties',
      'Overleggen',
    ]
    const at = want.map((w) => order.findIndex((h) => h.startsWith(w)))
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(order),
    ).toBe(true)
    expect([...at].sort((x, y) => x - y)).toEqual(at)
  })

  it('A fills status, basisgegevens and the sociale kaart; B sees them live', async () => {
    await status(a.page).getByRole('button', { name: 'Planstatus aanpassen' }).click()
    const sd = a.page.getByRole('dialog', { name: 'Planstatus aanpassen' })
    await sd.getByLabel('Status van het plan').selectOption({ label: 'In uitvoering' })
    await sd.getByLabel('Ondersteuning op school').selectOption({ label: 'Arrangement' })
    await sd.getByLabel('Jeugdhulp').selectOption({ label: 'Vrij toegankelijk (zonder verwijzing)' })
    await sd.getByLabel('Casusregisseur').selectOption({ label: 'Bram (wijkteam)' })
    await sd.getByLabel(/Volgende evaluatie/).fill('2026-03-12')
    await sd.getByRole('button', { name: 'Opslaan' }).click()
    await sd.waitFor({ state: 'hidden' })
    await summaryValue(status(b.page), 'Status van het plan').filter({ hasText: 'In uitvoering' }).waitFor({ timeout: 20_000 })
    expect(await summaryValue(status(b.page), 'Ondersteuning op school').innerText()).toBe('Arrangement')
    expect(await summaryValue(status(b.page), 'Jeugdhulp').innerText()).toBe('Vrij toegankelijk (zonder verwijzing)')
    expect(await summaryValue(status(b.page), 'Casusregisseur').innerText()).toBe('Bram (wijkteam)')
    expect(await summaryValue(status(b.page), 'Volgende evaluatie').innerText()).toBe(dutchDate('2026-03-12'))

    await child(a.page).getByRole('button', { name: 'Basisgegevens aanpassen' }).click()
    const cd = a.page.getByRole('dialog', { name: 'Basisgegevens aanpassen' })
    await cd.getByText(/geen BSN en geen diagnoses/).waitFor()
    // the child's name heads the plan: clearing it is refused next to the field
    await cd.getByLabel('Naam', { exact: true }).fill('')
    await cd.getByRole('button', { name: 'Opslaan' }).click()
    const nameField = cd.getByLabel('Naam', { exact: true })
    expect(await nameField.getAttribute('aria-invalid')).toBe('true')
    expect(await a.page.locator(`#${await nameField.getAttribute('aria-describedby')}`).innerText()).toBe('Vul dit in.')
    await nameField.fill('Sam')
    await cd.getByLabel(/Geboortedatum/).fill('2016-05-04')
    await cd.getByLabel(/^School/).fill('OBS De Regenboog')
    await cd.getByLabel(/Groep of klas/).fill('groep 5')
    await cd.getByRole('button', { name: 'Opslaan' }).click()
    await cd.waitFor({ state: 'hidden' })
    await summaryValue(child(b.page), 'Geboortedatum')
      .filter({ hasText: dutchDate('2016-05-04') })
      .waitFor({ timeout: 20_000 })
    expect(await summaryValue(child(b.page), 'School').innerText()).toBe('OBS De Regenboog')
    expect(await summaryValue(child(b.page), 'Groep of klas').innerText()).toBe('groep 5')
    expect(await child(b.page).innerText()).toContain('Schrijf hier geen BSN en geen diagnoses.')

    // the plan's own contact list: A's "bel mij voor…", and the huisarts on the sociale kaart
    await contacts(a.page).getByRole('button', { name: 'Aanpassen: Anna (IB) (jij)' }).click()
    const td = a.page.getByRole('dialog', { name: /Gegevens van Anna \(IB\)/ })
    await td.getByLabel(/^Organisatie/).fill('OBS De Regenboog')
    await td.getByLabel(/Bel mij voor/).fill('alles over school')
    await td.getByLabel(/Zo bereik je mij/).fill('di en do, 030-7654321')
    await td.getByRole('button', { name: 'Opslaan' }).click()
    await td.waitFor({ state: 'hidden' })
    await a.page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Aanpassen: Anna (IB) (jij)')

    await contacts(a.page).getByRole('button', { name: 'Persoon toevoegen' }).click()
    const pd = a.page.getByRole('dialog', { name: 'Persoon toevoegen aan de sociale kaart' })
    await pd.getByLabel('Naam', { exact: true }).fill('Dokter Jansen')
    await pd.getByLabel(/Wat doet deze persoon/).fill('huisarts')
    await pd.getByLabel(/^Organisatie/).fill('Huisartsenpraktijk Centrum')
    await pd.getByLabel(/Bel mij voor/).fill('vragen over medicijnen')
    await pd.getByLabel(/Zo bereik je mij/).fill('030-1234567, ochtend')
    await pd.getByRole('button', { name: 'Persoon toevoegen' }).click()
    await pd.waitFor({ state: 'hidden' })

    const doctor = contacts(b.page).locator('.ps-social .ps-contact', { hasText: 'Dokter Jansen' })
    await doctor.waitFor({ timeout: 20_000 })
    const doctorText = await doctor.innerText()
    for (const s of ['huisarts', 'Huisartsenpraktijk Centrum', 'Bel voor: vragen over medicijnen', 'Bereikbaar: 030-1234567, ochtend'])
      expect(doctorText).toContain(s)
    await contacts(b.page).locator('.ps-contact', { hasText: 'Anna (IB)' }).filter({ hasText: 'Bel voor: alles over school' }).waitFor({ timeout: 20_000 })
    expect(await contacts(b.page).locator('.ps-contact', { hasText: 'Anna (IB)' }).innerText()).toContain('Rol in het plan: Beheren (beheerder)')
  }, 90_000)

  it('A fills factors in two cells, a need, the OPP and ingezette hulp; B sees them live', async () => {
    await factors(a.page).getByRole('button', { name: 'Toevoegen: Kind, Helpt' }).click()
    const fd = a.page.getByRole('dialog', { name: 'Factor toevoegen' })
    await fd.getByLabel(/Wat helpt of belemmert/).fill('Kan goed tekenen')
    expect(await fd.getByLabel('Gebied').inputValue()).toBe('kind') // the cell it was added from
    expect(await fd.getByRole('radio', { name: 'Helpt' }).isChecked()).toBe(true)
    await fd.getByRole('button', { name: 'Toevoegen', exact: true }).click()
    await fd.waitFor({ state: 'hidden' })

    await factors(a.page).getByRole('button', { name: 'Toevoegen: School, Belemmert' }).click()
    await fd.getByLabel(/Wat helpt of belemmert/).fill('Onrustig in een grote groep')
    await fd.getByLabel(/^Bron: wie/).selectOption({ label: 'Bron in woorden' })
    await fd.getByLabel(/^Bron in woorden/).fill('juf Anja')
    await fd.getByLabel('Datum').fill('2026-11-20')
    await fd.getByRole('button', { name: 'Toevoegen', exact: true }).click()
    await fd.waitFor({ state: 'hidden' })

    const drawing = cell(b.page, 'kind', 'helpt').locator('.ps-factor', { hasText: 'Kan goed tekenen' })
    await drawing.waitFor({ timeout: 20_000 })
    expect(await drawing.innerText()).toContain('Anna (IB)')
    const restless = cell(b.page, 'school', 'belemmert').locator('.ps-factor', { hasText: 'Onrustig in een grote groep' })
    await restless.waitFor({ timeout: 20_000 })
    expect(await restless.innerText()).toContain(`juf Anja · ${dutchDate('2026-11-20')}`)
    expect(await cell(b.page, 'school', 'helpt').locator('.ps-factor').count()).toBe(0)

    // needs and OPP texts are shared live
    const needA = a.page.getByRole('textbox', { name: 'Wat heeft het kind nodig?' })
    await typeAtEnd(a.page, needA, 'Een vaste plek vooraan en korte opdrachten.')
    await waitForText(b.page.getByRole('textbox', { name: 'Wat heeft het kind nodig?' }), (t) => t.includes('Een vaste plek vooraan'), 'A’s need on B')

    await a.page.getByLabel(/Uitleg bij de uitstroom/).fill('vmbo-kader')
    await a.page.keyboard.press('Tab') // leaving the field saves it
    await a.page.locator('#sp-perspective').getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor()
    await typeAtEnd(a.page, a.page.getByRole('textbox', { name: 'Onderbouwing' }), 'Rekenen op niveau 1F, lezen gaat goed.')
    await b.page.waitForFunction(() => document.querySelector<HTMLInputElement>('#opp-uitstroom')?.value === 'vmbo-kader', undefined, { timeout: 20_000 })
    await waitForText(b.page.getByRole('textbox', { name: 'Onderbouwing' }), (t) => t.includes('niveau 1F'), 'A’s onderbouwing on B')

    // ingezette hulp: a period that ends before it starts is refused next to the end date
    await route(a.page).getByRole('button', { name: 'Hulp toevoegen' }).click()
    const rd = a.page.getByRole('dialog', { name: 'Ingezette hulp toevoegen' })
    await rd.getByLabel('Soort hulp').selectOption({ label: 'Extra ondersteuning' })
    await rd.getByLabel(/Wie gaf de hulp/).fill('Remedial teacher')
    await rd.getByLabel('Begonnen op').fill('2025-09-01')
    await rd.getByLabel(/Gestopt op/).fill('2025-08-01')
    await rd.getByLabel(/Wat deed het/).fill('Lezen ging vooruit, rekenen niet.')
    await rd.getByRole('button', { name: 'Hulp toevoegen' }).click()
    const to = rd.getByLabel(/Gestopt op/)
    expect(await to.getAttribute('aria-invalid')).toBe('true')
    const errorId = (await to.getAttribute('aria-describedby'))!.split(' ')[0]
    expect(await a.page.locator(`#${errorId}`).innerText()).toBe('De einddatum ligt voor de begindatum.')
    mkdirSync(RESULTS, { recursive: true })
    await rd.screenshot({ path: path.join(RESULTS, 'plansections-route-error.png') })
    await to.fill('2026-01-31')
    await rd.getByRole('button', { name: 'Hulp toevoegen' }).click()
    await rd.waitFor({ state: 'hidden' })
    // an earlier step, still running: it comes first
    await route(a.page).getByRole('button', { name: 'Hulp toevoegen' }).click()
    await rd.getByLabel('Soort hulp').selectOption({ label: 'Vrij toegankelijk (zonder verwijzing)' })
    await rd.getByLabel(/Wie gaf de hulp/).fill('Wijkteam Noord')
    await rd.getByLabel('Begonnen op').fill('2025-03-01')
    await rd.getByRole('button', { name: 'Hulp toevoegen' }).click()
    await rd.waitFor({ state: 'hidden' })

    const stepsB = route(b.page).locator('.ps-step')
    await b.page.waitForFunction(() => document.querySelectorAll('#sp-route .ps-step').length === 2, undefined, { timeout: 20_000 })
    const [first, second] = [await stepsB.nth(0).innerText(), await stepsB.nth(1).innerText()]
    expect(first).toContain('Wijkteam Noord')
    expect(first).toContain(`sinds ${dutchDate('2025-03-01')}, loopt nog`)
    expect(second).toContain('Remedial teacher')
    expect(second).toContain('Extra ondersteuning')
    expect(second).toContain(`${dutchDate('2025-09-01')} tot ${dutchDate('2026-01-31')}`)
    expect(second).toContain('Effect: Lezen ging vooruit, rekenen niet.')
  }, 90_000)

  it('B edits a factor and removes one; A sees it; axe finds nothing serious on a laptop or a phone', async () => {
    await factors(b.page).getByRole('button', { name: 'Aanpassen: Onrustig in een grote groep' }).click()
    const fd = b.page.getByRole('dialog', { name: 'Factor aanpassen' })
    await fd.getByLabel(/Wat helpt of belemmert/).fill('Onrustig in een grote groep, rustiger met koptelefoon')
    await fd.getByRole('button', { name: 'Opslaan' }).click()
    await fd.waitFor({ state: 'hidden' })
    // the change did not remount the entry: focus is back on its button
    await b.page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Aanpassen: Onrustig in een grote groep, rustiger met koptelefoon',
    )
    const edited = cell(a.page, 'school', 'belemmert').locator('.ps-factor', { hasText: 'rustiger met koptelefoon' })
    await edited.waitFor({ timeout: 20_000 })
    // only the text changed: the source and date A gave stay
    expect(await edited.innerText()).toContain(`juf Anja · ${dutchDate('2026-11-20')}`)

    // removing asks once more, then the factor is gone on both devices
    await factors(b.page).getByRole('button', { name: 'Aanpassen: Kan goed tekenen' }).click()
    await fd.getByRole('button', { name: 'Verwijderen' }).click()
    await fd.getByText('Weet je het zeker?').waitFor()
    expect(await fd.getByRole('button', { name: 'Ja, verwijderen' }).evaluate((el) => el === document.activeElement)).toBe(true)
    await fd.getByRole('button', { name: 'Annuleren' }).last().click()
    await b.page.waitForFunction(() => document.activeElement?.classList.contains('ps-remove') === true)
    await fd.getByRole('button', { name: 'Annuleren' }).first().click()
    await fd.waitFor({ state: 'hidden' })
    expect(await cell(a.page, 'kind', 'helpt').locator('.ps-factor').count()).toBe(1)

    // English second: the same sections, dates in English
    await a.page.getByRole('button', { name: 'English' }).click()
    await region(a.page, 'Plan status').waitFor()
    expect(await summaryValue(region(a.page, 'Plan status'), 'Next evaluation').innerText()).toBe('12 March 2026')
    await region(a.page, 'Protective and hindering factors').getByRole('button', { name: 'Add: School, Hinders' }).waitFor()
    await region(a.page, 'Help so far').getByText('since 1 March 2025, still running').waitFor()
    await screenshot(a.page, 'plansections-desktop-a-en')
    await a.page.getByRole('button', { name: 'Nederlands' }).click()
    await status(a.page).waitFor()

    await screenshot(a.page, 'plansections-desktop-a')
    await screenshot(b.page, 'plansections-desktop-b')
    expect(await seriousAxeViolations(a.page)).toEqual([])
    expect(await seriousAxeViolations(b.page)).toEqual([])

    // a phone: the matrix stacks, helpt above belemmert, nothing wider than the screen
    await a.page.setViewportSize(PHONE)
    const helps = (await cell(a.page, 'school', 'helpt').boundingBox())!
    const hinders = (await cell(a.page, 'school', 'belemmert').boundingBox())!
    expect(hinders.y).toBeGreaterThanOrEqual(helps.y + helps.height)
    expect(helps.x + helps.width).toBeLessThanOrEqual(PHONE.width)
    expect(await a.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await factors(a.page).scrollIntoViewIfNeeded()
    await screenshot(a.page, 'plansections-phone-a')
    expect(await seriousAxeViolations(a.page)).toEqual([])
    await a.page.setViewportSize({ width: 1280, height: 900 })

    // and removed for real: gone on both devices
    await factors(b.page).getByRole('button', { name: 'Aanpassen: Kan goed tekenen' }).click()
    await fd.getByRole('button', { name: 'Verwijderen' }).click()
    await fd.getByRole('button', { name: 'Ja, verwijderen' }).click()
    await fd.waitFor({ state: 'hidden' })
    await cell(a.page, 'kind', 'helpt').getByText('Nog niets.').waitFor({ timeout: 20_000 })
    expect(await cell(b.page, 'kind', 'helpt').locator('.ps-factor').count()).toBe(0)
    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
  }, 90_000)

  it('a reader and a contributor see these sections read-only', async () => {
    for (const [role, name] of [
      ['reader', 'Rita (oma)'],
      ['contributor', 'Carlos (vader)'],
    ] as const) {
      const r = await app.invitee(a, role, name, { expiry: '1 uur', unnamed: true, phone: true, device: role })
      await summaryValue(status(r.page), 'Status van het plan').filter({ hasText: 'In uitvoering' }).waitFor({ timeout: 20_000 })
      await cell(r.page, 'school', 'belemmert').locator('.ps-factor', { hasText: 'rustiger met koptelefoon' }).waitFor({ timeout: 20_000 })
      await route(r.page).locator('.ps-step', { hasText: 'Remedial teacher' }).waitFor({ timeout: 20_000 })
      await contacts(r.page).locator('.ps-contact', { hasText: 'Dokter Jansen' }).waitFor()
      for (const button of EDIT_BUTTONS) expect(await r.page.getByRole('button', { name: button }).count(), `${role}: ${button}`).toBe(0)
      expect(await r.page.getByRole('button', { name: /^Aanpassen: / }).count(), role).toBe(0)
      const need = r.page.getByRole('textbox', { name: 'Wat heeft het kind nodig?' })
      await waitForText(need, (t) => t.includes('Een vaste plek vooraan'), `the need on the ${role}`)
      expect(await need.getAttribute('aria-readonly')).toBe('true')
      expect(await r.page.getByRole('textbox', { name: 'Onderbouwing' }).getAttribute('aria-readonly')).toBe('true')
      expect(await r.page.locator('#opp-uitstroom').count()).toBe(0)
      expect(await summaryValue(region(r.page, 'Ontwikkelingsperspectief (OPP)'), 'Uitleg bij de uitstroom').innerText()).toBe('vmbo-kader')
      await screenshot(r.page, `plansections-${role}-phone`)
      expect(await seriousAxeViolations(r.page)).toEqual([])
      expect(r.errors).toEqual([])
      await r.context.close()
    }
  }, 120_000)
})
