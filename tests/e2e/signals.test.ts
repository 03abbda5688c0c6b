/**
 * Signals in the plan (issue 10 §3): "Nieuw sinds je laatste bezoek" at the top of the plan shows
 * what another member changed, per section and person, links to that section, and empties on
 * "Gezien"; the author does not see their own change as new. An afspraak past its date ("Uiterlijk
 * op") and a meeting's volgende datum within 30 days are reminders, in Dutch words, the afspraak
 * with whom it is for. The home card says what is new and what is over its date. axe over both.
 */
import { describe, expect, it } from 'vitest'
import { hasChromium, screenshot, useApp, waitForSyncState, type Person } from './helpers'
import { agendaItem, dutchDate, seriousAxeViolations, todayIso } from './sectionHelpers'

const SCHOOL = 'Basisschool De Linde'

describe.skipIf(!hasChromium)('e2e: new since my last visit, and reminders', () => {
  const app = useApp()

  it('the IB’s afspraak is new for the mother, not for the IB, and gone after Gezien; the next meeting is a reminder', async () => {
    const school: Person = await app.person('Ilse (IB)', { plan: 'Noa', who: { party: 'professional', organisation: SCHOOL } })
    const mum = await app.invitee(school, 'editor', 'Moeder', { who: { party: 'gezag' } })
    const p = mum.page
    const planId = school.planId!
    const fresh = p.getByRole('region', { name: 'Nieuw sinds je laatste bezoek' })
    const seen = fresh.getByRole('button', { name: 'Gezien' })

    // a first visit: what the IB wrote before is new; Gezien clears it
    await fresh
      .getByRole('link', { name: /^Ilse \(IB\) schreef in / })
      .first()
      .waitFor({ timeout: 20_000 })
    await seen.click()
    await fresh.getByText('Niets nieuws sinds je laatste bezoek.').waitFor()

    // the IB adds an afspraak for the mother, due yesterday
    const yesterday = new Date()
    yesterday.setDate(yesterday.getDate() - 1)
    const actions = school.page.getByRole('region', { name: 'Afspraken (handelingsdeel)' })
    await actions.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const ad = school.page.getByRole('dialog', { name: 'Nieuwe afspraak' })
    await ad.getByLabel('Wat spreken we af?').fill('Dagritmekaart ophangen')
    await ad.getByLabel('Wie doet het?').selectOption({ label: 'Moeder' })
    await ad.getByLabel('Uiterlijk op').fill(todayIso(yesterday))
    await ad.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await ad.waitFor({ state: 'hidden' })
    await waitForSyncState(school.page, 'synced')

    const line = fresh.getByRole('link', { name: 'Ilse (IB) schreef in Afspraken' })
    await line.waitFor({ timeout: 20_000 })
    // past its date: a reminder for the mother, naming her, leading to the afspraken
    const reminders = p.getByRole('region', { name: 'Herinneringen' })
    const overdue = reminders.getByRole('link', {
      name: `Afspraak over datum: “Dagritmekaart ophangen” voor Moeder (uiterlijk op ${dutchDate(todayIso(yesterday))})`,
    })
    await overdue.waitFor({ timeout: 20_000 })
    expect(await overdue.getAttribute('href')).toBe(`#/plan/${planId}/afspraken`)
    await actions.getByText(`Uiterlijk op: ${dutchDate(todayIso(yesterday))}`).waitFor()
    expect(await fresh.getByRole('listitem').count()).toBe(1)
    // her own device's changes are not new for the IB
    const ibFresh = school.page.getByRole('region', { name: 'Nieuw sinds je laatste bezoek' })
    expect(await ibFresh.getByRole('link', { name: /schreef in Afspraken/ }).count()).toBe(0)
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'signals-new-since')

    // the line leads to the section's address
    await line.click()
    await p.waitForURL(`**/#/plan/${planId}/afspraken`)
    await p.goBack()
    await p.waitForURL(`**/#/plan/${planId}`)
    await seen.click()
    await fresh.getByText('Niets nieuws sinds je laatste bezoek.').waitFor()

    // the IB holds a meeting and sets the next one ten days from now: a reminder for the mother
    const next = new Date()
    next.setDate(next.getDate() + 10)
    await school.page.getByRole('button', { name: 'Overleg starten' }).click()
    await agendaItem(school.page, 'Volgende datum').getByLabel('Datum van het volgende overleg').fill(todayIso(next))
    await school.page.getByRole('button', { name: 'Terug naar het plan' }).click()
    await waitForSyncState(school.page, 'synced')
    const reminder = reminders.getByRole('link', { name: `Volgend overleg: ${dutchDate(todayIso(next))}` })
    await reminder.waitFor({ timeout: 20_000 })
    expect(await reminder.getAttribute('href')).toBe(`#/plan/${planId}/overleggen`)
    await fresh.getByRole('link', { name: /^Ilse \(IB\) schreef in Overleggen/ }).waitFor({ timeout: 20_000 })
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'signals-reminder')

    // the home card says what is new, from the sealed summary
    await p.getByRole('link', { name: 'Terug naar mijn plannen' }).click()
    await p.locator('.plan-card', { hasText: /Nieuw: .*Ilse \(IB\) schreef in Overleggen/ }).waitFor({ timeout: 20_000 })
    await p.locator('.plan-card', { hasText: 'Afspraak over datum: “Dagritmekaart ophangen” voor Moeder' }).waitFor({ timeout: 20_000 })
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'signals-home')
    expect(mum.errors).toEqual([])
  }, 150_000)
})
