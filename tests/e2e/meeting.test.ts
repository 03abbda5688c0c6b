/**
 * A meeting with a method in the built PWA on two devices with the real relay (issue 10 §1): the
 * IB'er (admin) starts an OPP-evaluatie, whose agenda follows its template; a mother with gezag
 * (contributor) ticks herself present, which opens nothing yet (P9), until the IB'er confirms her;
 * then she writes in the notes and the IB'er sees it live; the IB'er turns a line into a need and
 * a factor, each with a link back; the mother says "klopt" on the verslag, signed, and the IB'er
 * sees it. axe-core over the meeting on both devices.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, screenshot, typeAtEnd, useApp, waitForText, type Device } from './helpers'
import { agendaItem, dutchDate, seriousAxeViolations, todayIso } from './sectionHelpers'

describe.skipIf(!hasChromium)('e2e: a meeting with a method, a parent writes and says klopt', () => {
  const app = useApp()
  let ib: Device
  let mum: Device
  const meetingName = () => `OPP-evaluatie op ${dutchDate(todayIso())}`

  beforeAll(async () => {
    ib = await app.person('Bram (IB)', { plan: 'Ravi', who: { party: 'professional', organisation: 'Basisschool De Regenboog' } })
    mum = await app.invitee(ib, 'contributor', 'Fatima (moeder)', { who: { party: 'gezag' } })
  }, 120_000)

  it('the agenda follows the template; her own tick opens nothing, the chair’s does; her notes reach the IB', async () => {
    await ib.page.getByRole('radio', { name: 'OPP-evaluatie' }).check()
    await ib.page.getByRole('button', { name: 'Overleg starten' }).click()
    await ib.page.getByRole('heading', { level: 2, name: meetingName() }).waitFor()
    const titles = await ib.page.locator('.sp-agenda__item h4').allInnerTexts()
    expect(titles).toEqual([
      'Vraag en doel van dit gesprek',
      'Afspraken van de vorige keer',
      'Wat gaat goed? (kind, ouders, school)',
      'Zorgen',
      'Wat heeft het kind nodig?',
      'Doelen',
      'Afspraken',
      'Regie: wie houdt de regie? (casusregisseur)',
      'Volgende datum',
    ])
    expect(await ib.page.getByLabel('Voorzitter').inputValue()).not.toBe('')

    await mum.page.getByRole('button', { name: `Openen: ${meetingName()}` }).click({ timeout: 20_000 })
    await mum.page.getByRole('heading', { level: 2, name: meetingName() }).waitFor()
    const zorgenMum = agendaItem(mum.page, 'Zorgen').getByRole('textbox', { name: 'Notities: Zorgen' })
    expect(await zorgenMum.getAttribute('aria-readonly')).toBe('true')
    await mum.page.getByRole('checkbox', { name: 'Fatima (moeder) (jij)' }).check()
    await mum.page.getByText('Je hebt jezelf aangemeld.', { exact: false }).waitFor()
    expect(await zorgenMum.getAttribute('aria-readonly')).toBe('true')

    // the IB'er sees she signed in herself, and confirms her
    await ib.page.getByRole('button', { name: 'Aanwezig: Fatima (moeder)' }).click({ timeout: 20_000 })
    await mum.page.getByText('Je bent aanwezig. Je kunt meeschrijven in de notities.').waitFor({ timeout: 20_000 })
    await mum.page.waitForFunction(() => !document.querySelector('[data-agenda="zorgen"] .ql-editor')?.getAttribute('aria-readonly'))
    await typeAtEnd(mum.page, zorgenMum, 'Ravi slaapt slecht voor een toets')
    const zorgenIb = agendaItem(ib.page, 'Zorgen').getByRole('textbox', { name: 'Notities: Zorgen' })
    await waitForText(zorgenIb, (t) => t.includes('Ravi slaapt slecht voor een toets'), 'her notes on the IB')
    await screenshot(mum.page, 'meeting-parent')
    expect(await seriousAxeViolations(mum.page)).toEqual([])
  }, 120_000)

  it('the IB turns a line into a need, with a link back; the mother says klopt on the verslag and the IB sees it', async () => {
    const needsItem = agendaItem(ib.page, 'Wat heeft het kind nodig?')
    const needNotes = needsItem.getByRole('textbox', { name: 'Notities: Wat heeft het kind nodig?' })
    await typeAtEnd(ib.page, needNotes, 'Rustige plek bij toetsen')
    await needsItem.getByRole('button', { name: 'Maak behoefte' }).click()
    const dialog = ib.page.getByRole('dialog', { name: 'Behoefte maken van een regel' })
    expect(await dialog.getByLabel('Tekst').inputValue()).toBe('Rustige plek bij toetsen')
    await dialog.getByLabel('Wie heeft het nodig?').selectOption({ label: 'Wat heeft het kind nodig?' })
    await dialog.getByRole('button', { name: 'Opslaan' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await needsItem.locator('li', { hasText: 'Rustige plek bij toetsen' }).waitFor()

    const verslagMum = mum.page.getByRole('region', { name: /^Verslag/ })
    await verslagMum.getByText('Ravi slaapt slecht voor een toets').waitFor({ timeout: 20_000 })
    await verslagMum.getByRole('button', { name: 'Het verslag klopt' }).click()
    await verslagMum.getByText('Je hebt gezegd dat het verslag klopt.').waitFor()
    const verslagIb = ib.page.getByRole('region', { name: /^Verslag/ })
    await verslagIb.locator('[data-verslag-state="current"]', { hasText: 'Fatima (moeder): klopt' }).waitFor({ timeout: 20_000 })
    expect(await seriousAxeViolations(ib.page)).toEqual([])

    // the IB'er adds a line after her klopt: both see "gewijzigd na akkoord"
    await typeAtEnd(ib.page, agendaItem(ib.page, 'Zorgen').getByRole('textbox', { name: 'Notities: Zorgen' }), '\nIB belt de huisarts')
    await verslagMum.locator('[data-verslag-state="changed"]').waitFor({ timeout: 20_000 })
    await screenshot(ib.page, 'meeting-ib-verslag')

    // back in the plan, the need shows where it came from
    await ib.page.getByRole('button', { name: 'Terug naar het plan' }).click()
    const needs = ib.page.locator('#sp-needs')
    await needs
      .locator('.sp-need-lines li', { hasText: 'Rustige plek bij toetsen' })
      .getByRole('link', { name: `Uit gesprek: ${meetingName()}` })
      .waitFor()
    expect(ib.errors).toEqual([])
    expect(mum.errors).toEqual([])
  }, 120_000)

  it('the IB adapts the MDO template (a time box, an own item); a new MDO has it, with a quiet timer', async () => {
    const templates = ib.page.locator('.sp-templates')
    await templates.locator('summary').click()
    await templates.getByLabel('Soort gesprek').selectOption({ label: 'MDO (multidisciplinair overleg)' })
    await templates.getByLabel('Minuten voor Zorgen (0 is geen tijd)').fill('10')
    await templates.getByLabel('Minuten voor Zorgen (0 is geen tijd)').dispatchEvent('change')
    await templates.getByLabel('Eigen punt').fill('Rondvraag')
    await templates.getByRole('button', { name: 'Punt toevoegen' }).click()
    await templates.getByRole('button', { name: 'Agenda bewaren' }).click()
    await templates.getByText('De agenda is bewaard.').waitFor()
    expect(await seriousAxeViolations(ib.page)).toEqual([])

    await ib.page.getByRole('radio', { name: /^MDO/ }).check()
    await ib.page.getByRole('button', { name: 'Overleg starten' }).click()
    await ib.page.getByRole('heading', { level: 2, name: `MDO op ${dutchDate(todayIso())}` }).waitFor()
    const titles = await ib.page.locator('.sp-agenda__item h4').allInnerTexts()
    expect(titles.at(-1)).toBe('Rondvraag')
    const zorgen = agendaItem(ib.page, 'Zorgen')
    expect(await zorgen.locator('.sp-timer__box').innerText()).toBe('10 minuten')
    await zorgen.getByRole('button', { name: 'Tijd starten' }).click()
    await zorgen.getByText('Nog 10 minuten').waitFor()
    await zorgen.getByRole('button', { name: 'Tijd stoppen' }).waitFor()
    expect(ib.errors).toEqual([])
  }, 120_000)

  it('a decision at an agenda item: its field opens in place, an empty one is refused there, it is listed at the item and can be removed', async () => {
    const zorgen = agendaItem(ib.page, 'Zorgen')
    await zorgen.getByRole('button', { name: 'Besluit bij dit punt: Zorgen' }).click()
    const field = zorgen.getByLabel('Nieuw besluit bij dit punt')
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await zorgen.getByRole('button', { name: 'Besluit bewaren bij: Zorgen' }).click()
    await zorgen.locator('.field__error', { hasText: 'Vul dit in.' }).waitFor()
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true')

    await field.fill('De IB belt de huisarts')
    await zorgen.getByRole('button', { name: 'Besluit bewaren bij: Zorgen' }).click()
    // saved: the form closes again, and the decision is listed at this item
    await zorgen.getByRole('button', { name: 'Besluit bij dit punt: Zorgen' }).waitFor()
    await zorgen.getByText('Besluiten bij dit punt').waitFor()
    await zorgen.locator('.sp-list li', { hasText: 'De IB belt de huisarts' }).waitFor()

    await zorgen.getByRole('button', { name: 'Verwijder besluit: De IB belt de huisarts' }).click()
    await zorgen.locator('.sp-list li', { hasText: 'De IB belt de huisarts' }).waitFor({ state: 'detached' })
    expect(ib.errors).toEqual([])
  }, 120_000)
})
