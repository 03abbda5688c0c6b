/**
 * The documents made from a plan, in the built PWA with the real relay: the IB'er (A) records a
 * step of help already tried, a goal, an afspraak and a meeting with a decision; the onderbouwing
 * toegang compiles them; the print view leaves out a section that is unchecked, prints to a PDF
 * and hides its buttons in print; the home screen shows the child, the next meeting and the open
 * afspraken (and the sync state of the plan open in the background); a meeting's link opened on a second device (B, invited) lands in that meeting.
 * axe-core finds no serious or critical violations in the onderbouwing, print view and home.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { RESULTS, hasChromium, screenshot, unlockAfterReload, useApp, waitForSyncState, type Person } from './helpers'
import { agendaItem, dutchDate, seriousAxeViolations, todayIso } from './sectionHelpers'

function isoInDays(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return todayIso(d)
}

describe.skipIf(!hasChromium)('e2e: documents (onderbouwing, print view, home summary, meeting link)', () => {
  const app = useApp()
  let a: Person // Bram, the school's IB'er: he made the plan
  let planId = ''
  let meetingUrl = ''
  const today = todayIso()
  const next = isoInDays(14)
  const meetingName = `MDO op ${dutchDate(today)}`

  beforeAll(async () => {
    a = await app.person('Bram (IB)', { plan: 'Sam' })
    planId = a.planId!
  }, 90_000)

  it('A records help tried, a goal, an afspraak and a meeting with a decision; the meeting has its own address', async () => {
    const page = a.page
    // the onderbouwing of an empty plan says what is missing, and takes the first step of help
    await page.getByRole('navigation', { name: 'Documenten' }).getByRole('link', { name: 'Aanvraag bij de gemeente' }).click()
    await page.waitForURL(new RegExp(`#/plan/${planId}/onderbouwing$`))
    const route = page.locator('.doc-section[data-section="route"]')
    await route.getByText('Nog niet ingevuld: welke hulp al is geprobeerd.').waitFor()
    // the same gap is in the list at the top, and the parents have not read it (Bram made the plan as a parent with gezag)
    await page.getByTestId('request-gaps').getByRole('link', { name: 'Nog niet ingevuld: welke hulp al is geprobeerd.' }).waitFor()
    await page.getByTestId('request-approval-overall').getByText('Ouders: nog niet gelezen door ouders.').waitFor()
    await page.getByRole('button', { name: 'Ingezette hulp toevoegen' }).click()
    const form = page.getByRole('form', { name: 'Ingezette hulp toevoegen' })
    await form.getByLabel('Niveau').selectOption({ label: 'Extra ondersteuning op school' })
    await form.getByLabel('Wie bood de hulp?').fill('Remedial teacher De Linde')
    await form.getByLabel('Begonnen op').fill('2025-09-01')
    await form.getByLabel(/Gestopt op/).fill('2026-01-31')
    await form.getByLabel(/Wat leverde het op/).fill('Lezen ging vooruit, de angst bleef.')
    await form.getByLabel(/Waarom was deze hulp niet genoeg/).fill('De angst in de klas bleef.')
    await form.getByRole('button', { name: 'Hulp opslaan' }).click()
    await page.getByRole('status').filter({ hasText: 'Ingezette hulp opgeslagen.' }).waitFor()
    await route.getByRole('heading', { name: 'Extra ondersteuning op school: Remedial teacher De Linde' }).waitFor()

    await page.getByRole('link', { name: 'Terug naar het plan' }).click()
    await page.waitForURL(new RegExp(`#/plan/${planId}$`))

    const goals = page.getByRole('region', { name: 'Doelen', exact: true })
    await goals.getByRole('button', { name: 'Doel toevoegen' }).click()
    const gd = page.getByRole('dialog', { name: 'Nieuw doel' })
    await gd.getByLabel('Doel', { exact: true }).fill('Sam gaat zelfstandig de klas in')
    await gd.getByLabel('Gebied').selectOption({ label: 'Zelfredzaamheid' })
    await gd.getByRole('button', { name: 'Doel toevoegen' }).click()
    await gd.waitFor({ state: 'hidden' })

    const actions = page.getByRole('region', { name: 'Afspraken (handelingsdeel)' })
    await actions.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const ad = page.getByRole('dialog', { name: 'Nieuwe afspraak' })
    await ad.getByLabel('Wat spreken we af?').fill('Dagritmekaart op tafel')
    await ad.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await ad.waitFor({ state: 'hidden' })

    await page.getByRole('radio', { name: /^MDO/ }).check()
    await page.getByRole('button', { name: 'Overleg starten' }).click()
    const title = page.getByRole('heading', { level: 2, name: meetingName })
    await title.waitFor()
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true) // focus on the meeting, also now it is a route
    await page.waitForURL(new RegExp(`#/plan/${planId}/overleg/[0-9a-f]+$`))
    const meetingId = /overleg\/([0-9a-f]+)$/.exec(page.url())![1]!

    await page.getByLabel('Nieuw besluit of advies').fill('Aanmelden voor jeugdhulp via de gemeente')
    await page.getByRole('button', { name: 'Besluit toevoegen' }).click()
    await page.locator('.doc-decisions').getByText('Aanmelden voor jeugdhulp via de gemeente').waitFor()
    await agendaItem(page, 'Volgende datum').getByLabel('Datum van het volgende overleg').fill(next)
    await agendaItem(page, 'Volgende datum')
      .getByText(`Volgend overleg: ${dutchDate(next)}`)
      .waitFor()

    // the link to this meeting, to put in the invitation
    meetingUrl = await page.getByLabel('Link naar dit overleg').inputValue()
    expect(meetingUrl).toBe(`${app.relay.url}/#/plan/${planId}/overleg/${meetingId}`)
    await page.getByRole('button', { name: 'Kopieer link naar dit overleg' }).click()
    await page.getByRole('status').filter({ hasText: 'Link gekopieerd.' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(meetingUrl)
    await screenshot(page, 'documents-meeting')

    // closing the meeting goes back to the plan, focus on the meeting's button
    await page.getByRole('button', { name: 'Terug naar het plan' }).click()
    await page.waitForURL(new RegExp(`#/plan/${planId}$`))
    expect(await page.getByRole('button', { name: `Openen: ${meetingName}` }).evaluate((el) => el === document.activeElement)).toBe(true)
    // the browser's back button opens the meeting again
    await page.goBack()
    await page.getByRole('heading', { level: 2, name: meetingName }).waitFor()
    await page.getByRole('button', { name: 'Terug naar het plan' }).click()
    await waitForSyncState(page, 'synced')
  }, 120_000)

  it("the onderbouwing compiles the route, the need, the goals and the meeting's decision, and copies as text", async () => {
    const page = a.page
    await page.getByRole('link', { name: 'Aanvraag bij de gemeente' }).click()
    const doc = page.locator('.doc-page')
    await doc.getByRole('heading', { level: 2, name: 'Aanvraag bij de gemeente' }).waitFor()
    const headings = await doc.locator('h3').allInnerTexts()
    expect(headings.filter((h) => /^\d+\. /.test(h))).toEqual([
      '1. De vraag van ouders en kind',
      '2. Hoe het thuis gaat',
      '3. Hoe het op school gaat',
      '4. Eigen kracht en netwerk',
      '5. Wat al is geprobeerd',
      '6. Wat er nog nodig is',
      '7. Doelen en evaluaties',
      '8. Advies en besluiten van het laatste overleg',
      '9. Wat we aanvragen',
      '10. Wie wat betaalt',
      '11. Contactpersoon',
    ])
    const route = doc.locator('[data-section="route"]')
    expect(await route.innerText()).toContain('1 september 2025 tot en met 31 januari 2026 (vijf maanden)')
    expect(await route.innerText()).toContain('Lezen ging vooruit, de angst bleef.')
    expect(await route.innerText()).toContain('De angst in de klas bleef.')
    const need = doc.locator('[data-section="need"]')
    expect(await need.innerText()).toContain('Nog niet ingevuld: wat het kind, de leerkracht en de ouders nodig hebben.')
    expect(await need.locator('li').allInnerTexts()).toEqual(['Sam gaat zelfstandig de klas in'])
    const goals = doc.locator('[data-section="goals"]')
    await goals.getByRole('heading', { level: 4, name: 'Sam gaat zelfstandig de klas in' }).waitFor()
    expect(await goals.innerText()).toContain('Nog niet ingevuld: een evaluatie van het doel "Sam gaat zelfstandig de klas in".')
    const meetings = doc.locator('[data-section="meetings"]')
    await meetings.getByRole('heading', { level: 4, name: meetingName }).waitFor()
    const meetingText = await meetings.innerText()
    expect(meetingText).toContain('Aanmelden voor jeugdhulp via de gemeente')
    expect(meetingText).toContain('Bram (IB)')
    expect(meetingText).toContain(dutchDate(next))

    await page.getByRole('button', { name: 'Kopieer als tekst' }).click()
    // what is asked and who pays, filled in where the request is read
    await page.getByRole('button', { name: 'Invullen wat we aanvragen' }).click()
    const rf = page.getByRole('form', { name: 'Wat we aanvragen en wie betaalt' })
    await rf.getByLabel('Welke hulp vragen we?').fill('Begeleiding thuis en op school')
    await rf.getByLabel('Hoeveel hulp?').fill('3 uur per week')
    await rf.getByLabel('Wie betaalt?').selectOption({ label: 'Samen: onderwijs en jeugdhulp' })
    await rf.getByRole('button', { name: 'Opslaan' }).click()
    const requested = doc.locator('[data-section="requested"]')
    await requested.getByText('Begeleiding thuis en op school').waitFor()
    await doc.locator('[data-section="funding"]').getByText('Nog niet ingevuld: wat onderwijs betaalt en wat jeugdhulp betaalt.').waitFor()
    expect(await page.getByTestId('request-gaps').innerText()).not.toContain('welke hulp we aanvragen')

    // Bram, a parent with gezag here, reads it and says "klopt"; a change afterwards shows "gewijzigd na akkoord"
    const overall = page.getByTestId('request-approval-overall')
    await page.getByRole('button', { name: 'Ik heb de aanvraag gelezen: dit klopt' }).click()
    await overall.getByText(`Ouders: klopt (${dutchDate(today)})`).waitFor()
    // and the document itself says it, printed and copied too
    await doc
      .locator('.doc-facts')
      .getByText(`klopt (${dutchDate(today)})`, { exact: true })
      .waitFor()
    await page.getByRole('button', { name: 'Invullen wat we aanvragen' }).click()
    await rf.getByLabel('Hoeveel hulp?').fill('4 uur per week')
    await rf.getByRole('button', { name: 'Opslaan' }).click()
    await overall.getByText(/^Ouders: gewijzigd na akkoord/).waitFor()
    await page.getByRole('button', { name: 'Ik heb de aanvraag gelezen: dit klopt' }).waitFor()

    await page.getByRole('button', { name: 'Kopieer als tekst' }).click()
    await page.getByRole('status').filter({ hasText: 'De aanvraag staat op het klembord.' }).waitFor()
    const text = await page.evaluate(() => navigator.clipboard.readText())
    expect(text).toMatch(/^AANVRAAG BIJ DE GEMEENTE\n/)
    expect(text).toContain('- Nog niet ingevuld: de vraag van de ouders, in hun eigen woorden.')
    expect(text).toContain('Soort hulp: Begeleiding thuis en op school')
    expect(text).toContain('Kind: Sam')
    expect(text).toContain('- Aanmelden voor jeugdhulp via de gemeente')
    writeFileSync(path.join(RESULTS, 'documents-onderbouwing.txt'), text)

    await screenshot(page, 'documents-onderbouwing')
    expect(await seriousAxeViolations(page)).toEqual([])

    // in English, the document follows the app's language
    await page.getByRole('button', { name: 'English' }).click()
    await doc.getByRole('heading', { level: 2, name: 'Request to the gemeente' }).waitFor()
    expect(await doc.locator('[data-section] h3').first().innerText()).toBe('1. The question of parents and child')
    expect(await route.innerText()).toContain('1 September 2025 to 31 January 2026 (five months)')
    await page.getByRole('button', { name: 'Copy as text' }).waitFor()
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await doc.getByRole('heading', { level: 2, name: 'Aanvraag bij de gemeente' }).waitFor()
  }, 60_000)

  it('the print view: an unchecked section disappears; the PDF is real and print hides the buttons', async () => {
    const page = a.page
    await page.getByRole('link', { name: 'Terug naar het plan' }).click()
    await page.getByRole('navigation', { name: 'Documenten' }).getByRole('link', { name: 'Afdrukken' }).click()
    await page.waitForURL(new RegExp(`#/plan/${planId}/afdrukken$`))
    const sheet = page.locator('.doc-page')
    await sheet.getByRole('heading', { level: 2, name: 'Ondersteuningsplan van Sam' }).waitFor()
    const choose = page.getByRole('group', { name: 'Onderdelen' })
    const boxes = choose.getByRole('checkbox')
    expect(await boxes.count()).toBe(11)
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(true)
    expect(await sheet.innerText()).toContain('Bram (IB), Beheren (beheerder)')
    await sheet.locator('[data-section="route"]').getByRole('heading', { name: 'Extra ondersteuning op school: Remedial teacher De Linde' }).waitFor()
    await sheet.locator('[data-section="meetings"]').getByText('Aanmelden voor jeugdhulp via de gemeente').waitFor()
    await sheet.locator('[data-section="actions"]').getByText('Dagritmekaart op tafel').waitFor()

    await choose.getByRole('checkbox', { name: 'Observaties' }).uncheck()
    await sheet.locator('[data-section="observations"]').waitFor({ state: 'detached' })
    await choose.getByRole('checkbox', { name: 'Stem van kind, ouders, school en zorg' }).uncheck()
    await sheet.locator('[data-section="voices"]').waitFor({ state: 'detached' })
    expect(await sheet.locator('[data-section]').count()).toBe(9)
    await screenshot(page, 'documents-print')
    expect(await seriousAxeViolations(page)).toEqual([])

    const printButton = page.getByRole('button', { name: 'Afdrukken of opslaan als PDF' })
    expect(await printButton.isVisible()).toBe(true)
    await page.emulateMedia({ media: 'print' })
    try {
      expect(await printButton.isVisible()).toBe(false)
      expect(await page.getByRole('group', { name: 'Onderdelen' }).isVisible()).toBe(false)
      expect(await page.locator('.site-header').isVisible()).toBe(false)
      expect(await sheet.isVisible()).toBe(true)
      await screenshot(page, 'documents-print-media')
      const pdf = await page.pdf({ format: 'A4', printBackground: true })
      writeFileSync(path.join(RESULTS, 'documents-plan.pdf'), pdf)
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(pdf.length).toBeGreaterThan(20_000)
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
      expect(pages.length).toBeGreaterThanOrEqual(2)
    } finally {
      await page.emulateMedia({ media: 'screen' })
    }
  }, 60_000)

  it('the home screen shows the child, the next meeting and the open afspraken', async () => {
    const page = a.page
    await page.getByRole('link', { name: 'Terug naar het plan' }).click()
    await page.getByRole('link', { name: 'Terug naar mijn plannen' }).click()
    const card = page.locator('.plan-card', { hasText: 'Plan van Sam' })
    await card.waitFor()
    const text = await card.innerText()
    expect(text).toContain(`Volgend overleg: ${dutchDate(next)}`)
    expect(text).toContain('1 open afspraak')
    // the plan stays open in the background: its sync state shows too
    expect(await card.locator('.plan-card__sync').innerText()).toBe('Bijgewerkt')
    await screenshot(page, 'documents-home')
    expect(await seriousAxeViolations(page)).toEqual([])
  }, 60_000)

  it('the meeting link opened on an invited second device lands in that meeting', async () => {
    await a.page.locator('.plan-card', { hasText: 'Plan van Sam' }).click()
    // B: Fatima, jeugdconsulent of the gemeente, invited now
    const b = await app.invitee(a, 'editor', 'Fatima (gemeente)')
    // from the invitation e-mail: a new tab, which starts locked
    const tab = await b.context.newPage()
    await tab.goto(meetingUrl)
    await unlockAfterReload(tab)
    await tab.getByRole('heading', { level: 2, name: meetingName }).waitFor({ timeout: 20_000 })
    await tab.locator('.doc-decisions').getByText('Aanmelden voor jeugdhulp via de gemeente').waitFor({ timeout: 20_000 })
    expect(tab.url()).toBe(meetingUrl)
    await screenshot(tab, 'documents-meeting-b')
    // an address of a meeting that is not in the plan says so
    await tab.goto(`${app.relay.url}/#/plan/${planId}/overleg/00ff00ff`)
    await tab.getByRole('status').filter({ hasText: 'Dit overleg staat niet (meer) in het plan.' }).waitFor()
    await tab.goto(meetingUrl)
    await tab.getByRole('heading', { level: 2, name: meetingName }).waitFor()
    await tab.getByRole('button', { name: 'Terug naar het plan' }).click()
    await tab.waitForURL(new RegExp(`#/plan/${planId}$`))
    await tab.close()
    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
  }, 90_000)
})
