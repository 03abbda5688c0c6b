/**
 * A guest for one meeting (R13) in the built PWA: the invite dialog offers "Toegang" for a reader
 * only, refuses a time in the past with a clear message, and the team view shows the guest's end
 * ("toegang tot …") once it joined. axe-core finds no serious or critical violations.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { PARTY_LABELS, acceptInvite, hasChromium, screenshot, useApp } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const pad = (n: number) => String(n).padStart(2, '0')
const localValue = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`

function teamSection(page: Page) {
  return page.getByRole('region', { name: 'Betrokkenen' })
}

describe.skipIf(!hasChromium)('e2e: a guest for one meeting', () => {
  const app = useApp()

  it('[R13] invites a reader with an access end and shows it in the team view', async () => {
    const a = await app.person('Anna (IB)', { plan: 'Sam' })

    await a.page.getByRole('button', { name: 'Delen', exact: true }).click()
    const dialog = a.page.getByRole('dialog', { name: 'Iemand uitnodigen' })
    await dialog.getByLabel('Wie nodig je uit?').selectOption({ label: PARTY_LABELS.parent })
    // not offered for an editor
    await dialog.getByRole('radio', { name: 'Bewerken (bewerker)' }).check()
    await expect(dialog.getByLabel('Toegang', { exact: true }).count()).resolves.toBe(0)
    await dialog.getByRole('radio', { name: 'Meelezen (lezer)' }).check()
    const access = dialog.getByLabel('Toegang', { exact: true })
    await expect(access.locator('option').allInnerTexts()).resolves.toEqual([
      'Onbeperkt',
      'Tot het einde van vandaag',
      '1 week',
      'Tot een datum en tijd die ik kies',
    ])
    await access.selectOption({ label: 'Tot een datum en tijd die ik kies' })
    const until = dialog.getByLabel('Toegang tot')
    await until.fill(localValue(new Date(Date.now() - 3_600_000)))
    await dialog.getByLabel('Naam (optioneel)').fill('Gast')
    await dialog.getByRole('button', { name: 'Link maken' }).click()
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain('Kies een tijd in de toekomst.')
    await expect(until.getAttribute('aria-invalid')).resolves.toBe('true')
    expect(await seriousAxeViolations(a.page)).toEqual([])
    await screenshot(a.page, 'guest-invite-dialog')

    const end = new Date(Date.now() + 2 * 24 * 3_600_000)
    end.setHours(17, 0, 0, 0)
    await until.fill(localValue(end))
    await dialog.getByRole('button', { name: 'Link maken' }).click()
    const link = await dialog.getByLabel('Uitnodigingslink').inputValue({ timeout: 20_000 })
    await dialog.getByRole('button', { name: 'Sluiten' }).click()

    const b = await app.device('B')
    await acceptInvite(b.page, link, 'Gea (tolk)')
    // a reader cannot write its name into the plan's team list: its row is the one that is not A's
    const row = teamSection(a.page).locator('tr.team__row:not([data-me])')
    const expected = `toegang tot ${new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(end)}`
    await expect(row.locator('.team__access').innerText({ timeout: 20_000 })).resolves.toBe(expected)
    expect(expected).toMatch(/^toegang tot \d{1,2} [a-z]+ \d{4}/)
    // the admin's own row has no end
    await expect(teamSection(a.page).locator('tr.team__row[data-me="true"] .team__access').count()).resolves.toBe(0)
    expect(await seriousAxeViolations(a.page)).toEqual([])
    await screenshot(a.page, 'guest-team-view')
  })
})
