/**
 * The plan sections in the built PWA on two devices (two browser contexts) with the real relay:
 * a parent adds an observation on a phone while offline and it reaches the IB'er once back
 * online; goals and afspraken made on one device show on the other; in meeting mode both type in
 * the same agenda item, see each other, and turn a line of the notes into an afspraak. axe-core
 * finds no serious or critical violations in the plan view with its sections or in meeting mode.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, screenshot, typeAtEnd, useApp, waitForSyncState, waitForText, type Device } from './helpers'
import { agendaItem, dutchDate, seriousAxeViolations, todayIso } from './sectionHelpers'

describe.skipIf(!hasChromium)('e2e: plan sections (observations, goals, afspraken, meeting mode)', () => {
  const app = useApp()
  let a: Device // Anna, parent, on a phone; she made the plan
  let b: Device // Bram, the school's IB'er, on a laptop

  beforeAll(async () => {
    a = await app.person('Anna (moeder)', { plan: 'Sam', phone: true })
    b = await app.invitee(a, 'editor', 'Bram (IB)')
  }, 90_000)

  it('a parent adds an observation on a phone while offline; it syncs when back and the other device sees it', async () => {
    const quick = a.page.getByRole('region', { name: 'Observatie toevoegen' })
    await quick.waitFor()
    // on a phone the quick-add comes first, above the voices
    const quickTop = (await quick.boundingBox())!.y
    const voicesTop = (await a.page.getByRole('heading', { level: 2, name: /Stem van kind/ }).boundingBox())!.y
    expect(quickTop).toBeLessThan(voicesTop)
    expect(await quick.getByLabel('Datum').inputValue()).toBe(todayIso())

    await a.context.setOffline(true)
    await waitForSyncState(a.page, 'saved-local')
    await quick.getByLabel('Wat zag je?').fill('Ging vandaag zelf naar binnen, zonder huilen.')
    await quick.getByRole('group', { name: 'Waar?' }).getByRole('radio', { name: 'School' }).check()
    await quick.getByRole('button', { name: 'Observatie opslaan' }).click()
    await quick.getByRole('status').filter({ hasText: 'Observatie opgeslagen op dit apparaat.' }).waitFor()
    expect(await quick.getByLabel('Wat zag je?').inputValue()).toBe('') // ready for the next one
    const listA = a.page.locator('.sp-observations')
    await listA.getByText('Ging vandaag zelf naar binnen, zonder huilen.').waitFor()
    await screenshot(a.page, 'sections-phone-offline')
    expect(await b.page.locator('.sp-observations').count()).toBe(0)

    await a.context.setOffline(false)
    await quick.getByRole('status').filter({ hasText: 'Observatie opgeslagen en gedeeld met het team.' }).waitFor({ timeout: 30_000 })
    const item = b.page.locator('.sp-observation', { hasText: 'Ging vandaag zelf naar binnen, zonder huilen.' })
    await item.waitFor({ timeout: 30_000 })
    const meta = await item.locator('.sp-item__meta').innerText()
    expect(meta).toContain(dutchDate(todayIso()))
    expect(meta).toContain('School')
    expect(meta).toContain('Anna (moeder)')
    await screenshot(a.page, 'sections-phone-synced')
    await screenshot(b.page, 'sections-observation-b')
  }, 90_000)

  it('A creates a goal and an afspraak; B sees both, edits the goal text with A, and filters "mijn afspraken"', async () => {
    await a.page.setViewportSize({ width: 1280, height: 900 })
    const goals = a.page.getByRole('region', { name: 'Doelen', exact: true })
    const addGoal = goals.getByRole('button', { name: 'Doel toevoegen' })

    // Escape closes the dialog and focus returns to the button that opened it
    await addGoal.click()
    const dialog = a.page.getByRole('dialog', { name: 'Nieuw doel' })
    await dialog.waitFor()
    expect(await dialog.getByLabel('Doel', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true)
    await a.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await addGoal.evaluate((el) => el === document.activeElement)).toBe(true)

    await addGoal.click()
    await dialog.getByLabel('Doel', { exact: true }).fill('Sam gaat zelfstandig de klas in')
    await dialog.getByLabel('Gebied').selectOption({ label: 'Zelfredzaamheid' })
    await dialog.getByLabel('Wie houdt dit in de gaten?').selectOption({ label: 'Bram (IB)' })
    await dialog.getByLabel(/Streefdatum/).fill('2026-12-18')
    await dialog.getByRole('button', { name: 'Doel toevoegen' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const goalB = b.page.locator('.sp-goal', { hasText: 'Sam gaat zelfstandig de klas in' })
    await goalB.waitFor({ timeout: 20_000 })
    const factsB = await goalB.locator('.sp-facts').innerText()
    expect(factsB).toContain('Zelfredzaamheid')
    expect(factsB).toContain('Bram (IB)')
    expect(factsB).toContain('18 december 2026')

    // the goal's explanation is collaborative text: B writes, A sees it
    await goalB.getByRole('button', { name: /^Details/ }).click()
    const descB = goalB.getByRole('textbox', { name: 'Uitleg (SMART)' })
    await typeAtEnd(b.page, descB, 'Vier van de vijf dagen zonder begeleiding naar binnen.')
    const goalA = a.page.locator('.sp-goal', { hasText: 'Sam gaat zelfstandig de klas in' })
    await goalA.getByRole('button', { name: /^Details/ }).click()
    await waitForText(goalA.getByRole('textbox', { name: 'Uitleg (SMART)' }), (t) => t.includes('Vier van de vijf dagen'), 'B’s goal text on A')

    // an afspraak for Bram, linked to the goal, paid under the Jeugdwet
    const actionsA = a.page.getByRole('region', { name: 'Afspraken (handelingsdeel)' })
    await actionsA.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const ad = a.page.getByRole('dialog', { name: 'Nieuwe afspraak' })
    await ad.getByLabel('Wat spreken we af?').fill('Bram haalt Sam op bij het hek')
    await ad.getByLabel('Wie doet het?').selectOption({ label: 'Bram (IB)' })
    await ad.getByLabel(/Wanneer of hoe vaak/).fill('elke ochtend, tot de kerstvakantie')
    await ad.getByLabel(/Hoort bij doel/).selectOption({ label: 'Sam gaat zelfstandig de klas in' })
    await ad.getByRole('radio', { name: 'Jeugdwet (gemeente)' }).check()
    await ad.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await ad.waitFor({ state: 'hidden' })

    const actionB = b.page.locator('.sp-action', { hasText: 'Bram haalt Sam op bij het hek' })
    await actionB.waitFor({ timeout: 20_000 })
    const actionFacts = await actionB.locator('.sp-facts').innerText()
    expect(actionFacts).toContain('Bram (IB)')
    expect(actionFacts).toContain('elke ochtend, tot de kerstvakantie')
    expect(actionFacts).toContain('Sam gaat zelfstandig de klas in')
    expect(actionFacts).toContain('Jeugdwet')

    // "mijn afspraken": Bram's for Bram, none for Anna
    await b.page.getByLabel('Alleen mijn afspraken').check()
    await actionB.waitFor()
    await a.page.getByLabel('Alleen mijn afspraken').check()
    await a.page.getByText('Er zijn geen afspraken voor jou.').waitFor()
    await a.page.getByLabel('Alleen mijn afspraken').uncheck()

    // B ticks it done; A sees it
    await actionB.getByRole('checkbox', { name: /^Gedaan/ }).check()
    await a.page.locator('.sp-action.sp-item--done', { hasText: 'Bram haalt Sam op bij het hek' }).waitFor({ timeout: 20_000 })
    await actionB.getByRole('checkbox', { name: /^Gedaan/ }).uncheck()
    await b.page.getByLabel('Alleen mijn afspraken').uncheck()

    await screenshot(a.page, 'sections-plan-a')
    await screenshot(b.page, 'sections-plan-b')
    expect(await seriousAxeViolations(a.page)).toEqual([])
    expect(await seriousAxeViolations(b.page)).toEqual([])
  }, 90_000)

  it('meeting mode: both write in the same agenda item, see each other, and make an afspraak from a line', async () => {
    const today = dutchDate(todayIso())
    const meetingName = `MDO op ${today}`
    await a.page.getByRole('radio', { name: /^MDO/ }).check()
    await a.page.getByRole('button', { name: 'Overleg starten' }).click()
    const titleA = a.page.getByRole('heading', { level: 2, name: meetingName })
    await titleA.waitFor()
    expect(await titleA.evaluate((el) => el === document.activeElement)).toBe(true) // focus moved to the meeting

    await b.page.getByRole('button', { name: `Openen: ${meetingName}` }).click({ timeout: 20_000 })
    await b.page.getByRole('heading', { level: 2, name: meetingName }).waitFor()

    // who is present: Anna started it (ticked); she ticks Bram, adds a guest; B sees both
    expect(await a.page.getByRole('checkbox', { name: 'Anna (moeder) (jij)' }).isChecked()).toBe(true)
    await a.page.getByRole('checkbox', { name: 'Bram (IB)' }).check()
    await a.page.getByLabel('Naam van een gast').fill('Fatima (wijkcoach)')
    await a.page.getByRole('button', { name: 'Gast toevoegen' }).click()
    await b.page.locator('.sp-guests', { hasText: 'Fatima (wijkcoach)' }).waitFor({ timeout: 20_000 })
    await b.page.waitForFunction(() => (document.querySelector<HTMLInputElement>('.sp-meeting__present input[type=checkbox]:checked + label') ?? null) !== null)
    expect(await b.page.getByRole('checkbox', { name: 'Bram (IB) (jij)' }).isChecked()).toBe(true)

    // live shared notes in the same agenda item
    const notesA = agendaItem(a.page, 'Afspraken').getByRole('textbox', { name: 'Notities: Afspraken' })
    const notesB = agendaItem(b.page, 'Afspraken').getByRole('textbox', { name: 'Notities: Afspraken' })
    await typeAtEnd(a.page, notesA, 'Ouders lezen elke avond samen een kwartier')
    await waitForText(notesB, (t) => t.includes('Ouders lezen elke avond samen een kwartier'), 'A’s notes on B')
    await typeAtEnd(b.page, notesB, '\n- Mentor belt ouders elke vrijdag')
    await waitForText(notesA, (t) => t.includes('Mentor belt ouders elke vrijdag'), 'B’s notes on A')
    // B's cursor and name show in A's editor
    await agendaItem(a.page, 'Afspraken').locator('.ql-cursor-name', { hasText: 'Bram (IB)' }).waitFor({ state: 'attached', timeout: 10_000 })

    // B's cursor is on its line: "Maak afspraak" takes that line, without the list marker
    await agendaItem(b.page, 'Afspraken').getByRole('button', { name: 'Maak afspraak' }).click()
    const lineDialog = b.page.getByRole('dialog', { name: 'Afspraak maken van een regel' })
    await lineDialog.waitFor()
    expect(await lineDialog.getByLabel('Wat spreken we af?').inputValue()).toBe('Mentor belt ouders elke vrijdag')
    await lineDialog.getByLabel('Wie doet het?').selectOption({ label: 'Bram (IB)' })
    await lineDialog.getByLabel(/Wanneer of hoe vaak/).fill('elke vrijdag')
    await lineDialog.getByRole('radio', { name: 'Onderwijs (school of samenwerkingsverband)' }).check()
    await screenshot(b.page, 'sections-meeting-line-dialog')
    await lineDialog.getByRole('button', { name: 'Maak afspraak' }).click()
    await lineDialog.waitFor({ state: 'hidden' })
    await agendaItem(b.page, 'Afspraken').getByRole('status').filter({ hasText: 'Afspraak gemaakt: Mentor belt ouders elke vrijdag' }).waitFor()
    // visible to both, in the meeting
    await agendaItem(a.page, 'Afspraken').locator('.sp-action', { hasText: 'Mentor belt ouders elke vrijdag' }).waitFor({ timeout: 20_000 })
    await agendaItem(b.page, 'Afspraken').locator('.sp-action', { hasText: 'Mentor belt ouders elke vrijdag' }).waitFor()

    // evaluate the open goal in the meeting
    const goalsItemA = agendaItem(a.page, 'Doelen')
    await goalsItemA.getByRole('button', { name: 'Evalueren: Sam gaat zelfstandig de klas in' }).click()
    const evalDialog = a.page.getByRole('dialog', { name: 'Doel evalueren' })
    await evalDialog.getByRole('group', { name: 'Is het doel behaald?' }).getByRole('radio', { name: 'Deels behaald' }).check()
    await evalDialog.getByLabel('Wat zag je?').fill('Drie van de vijf dagen zelf naar binnen.')
    await evalDialog.getByRole('radio', { name: /^Bijstellen/ }).check()
    await evalDialog.getByRole('button', { name: 'Opslaan' }).click()
    await evalDialog.waitFor({ state: 'hidden' })
    await agendaItem(b.page, 'Doelen').getByText('geëvalueerd in dit overleg').waitFor({ timeout: 20_000 })

    // the next date
    await agendaItem(a.page, 'Volgende datum').getByLabel('Datum van het volgende overleg').fill('2026-03-05')
    await agendaItem(b.page, 'Volgende datum').getByText('Volgend overleg: 5 maart 2026').waitFor({ timeout: 20_000 })

    await screenshot(a.page, 'sections-meeting-a')
    await screenshot(b.page, 'sections-meeting-b')
    expect(await seriousAxeViolations(a.page)).toEqual([])

    // back to the plan: the afspraak is in the handelingsdeel on both devices
    await b.page.getByRole('button', { name: 'Terug naar het plan' }).click()
    await b.page.getByRole('region', { name: 'Afspraken (handelingsdeel)' }).locator('.sp-action', { hasText: 'Mentor belt ouders elke vrijdag' }).waitFor()
    expect(await b.page.getByRole('button', { name: `Openen: ${meetingName}` }).evaluate((el) => el === document.activeElement)).toBe(true)
    await a.page.getByRole('button', { name: 'Terug naar het plan' }).click()
    await a.page.getByRole('region', { name: 'Afspraken (handelingsdeel)' }).locator('.sp-action', { hasText: 'Mentor belt ouders elke vrijdag' }).waitFor()
    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
  }, 120_000)

  it('a reader sees the sections read-only; a contributor may add observations only', async () => {
    const r = await app.invitee(a, 'reader', 'Rita (oma)', { expiry: '1 uur', unnamed: true, phone: true })
    await r.page.locator('.sp-goal', { hasText: 'Sam gaat zelfstandig de klas in' }).waitFor({ timeout: 20_000 })
    await r.page.getByText('Je kunt observaties lezen, maar niet toevoegen.').waitFor()
    for (const name of ['Observatie opslaan', 'Doel toevoegen', 'Afspraak toevoegen', 'Overleg starten', 'Evalueren: Sam gaat zelfstandig de klas in']) {
      expect(await r.page.getByRole('button', { name }).count(), name).toBe(0)
    }
    expect(
      await r.page
        .getByRole('checkbox', { name: /^Gedaan/ })
        .first()
        .isDisabled(),
    ).toBe(true)
    await r.page.getByRole('button', { name: /^Openen: MDO/ }).click()
    await r.page.getByText('Je kunt dit overleg volgen, maar niet meeschrijven.').waitFor()
    const notes = r.page.getByRole('textbox', { name: 'Notities: Afspraken', exact: true })
    await waitForText(notes, (t) => t.includes('Mentor belt ouders'), 'notes on the reader')
    expect(await notes.getAttribute('aria-readonly')).toBe('true')
    expect(await r.page.getByRole('button', { name: 'Maak afspraak' }).count()).toBe(0)
    await screenshot(r.page, 'sections-reader-meeting')
    expect(await seriousAxeViolations(r.page)).toEqual([])
    await r.context.close()

    const c = await app.invitee(a, 'contributor', 'Carlos (vader)', { expiry: '1 uur', unnamed: true, phone: true })
    const quick = c.page.getByRole('region', { name: 'Observatie toevoegen' })
    await quick.waitFor({ timeout: 20_000 })
    expect(await c.page.getByRole('button', { name: 'Doel toevoegen' }).count()).toBe(0)
    expect(await c.page.getByRole('button', { name: 'Overleg starten' }).count()).toBe(0)
    await quick.getByLabel('Wat zag je?').fill('Sliep goed, vrolijk wakker.')
    await quick.getByLabel(/Hoort bij doel/).selectOption({ label: 'Sam gaat zelfstandig de klas in' })
    await quick.getByRole('button', { name: 'Observatie opslaan' }).click()
    const seen = b.page.locator('.sp-observation', { hasText: 'Sliep goed, vrolijk wakker.' })
    await seen.waitFor({ timeout: 20_000 })
    expect(await seen.innerText()).toContain('Carlos (vader)')
    expect(await seen.innerText()).toContain('Thuis')
    expect(await seen.innerText()).toContain('Doel: Sam gaat zelfstandig de klas in')
    await screenshot(c.page, 'sections-contributor-phone')
    expect(c.errors).toEqual([])
    await c.context.close()
  }, 90_000)
})
