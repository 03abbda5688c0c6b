/**
 * Warme overdracht in the built PWA with the real relay (the dialog of src/ui/components/
 * HandoverDialog.tsx; tests/integration/access.handover.test.ts covers what the access layer
 * makes of it): a parent with gezag chooses what goes along and names the new school; a missing
 * school is refused before anything is made; then the new plan is made, its link shown, and it
 * opens. axe-core finds no serious or critical violations in the dialog.
 */
import { describe, expect, it } from 'vitest'
import { hasChromium, useApp } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

describe.skipIf(!hasChromium)('e2e: handing a plan over to a new school', () => {
  const app = useApp()

  it('a parent with gezag makes the new school’s plan and gets its link', async () => {
    const a = await app.person('Anna (moeder)', { plan: 'Sam', who: { party: 'gezag' } })
    const page = a.page
    const oldPlan = page.url()

    await page.getByRole('button', { name: 'Overdragen aan een nieuwe school' }).click()
    const dialog = page.getByRole('dialog', { name: 'Overdragen aan de nieuwe school' })
    await expect(dialog.getByRole('checkbox', { name: 'Doelen' }).isChecked()).resolves.toBe(true)
    await dialog.getByRole('checkbox', { name: 'Netwerk rond het kind' }).uncheck()
    await expect(dialog.getByLabel('Waarvoor geef je de nieuwe school toestemming?').inputValue()).resolves.toBe(
      'Warme overdracht: de nieuwe school helpt ons kind verder.',
    )
    // no school named: refused in the dialog, nothing made
    await dialog.getByRole('button', { name: 'Nieuw plan maken' }).click()
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain('Vul de naam van de school in')
    expect(await seriousAxeViolations(page)).toEqual([])

    await dialog.getByLabel('Naam van de nieuwe school').fill('Het Anker')
    await dialog.getByLabel('Naam van de intern begeleider (IB) van de nieuwe school').fill('Joke')
    await dialog.getByRole('button', { name: 'Nieuw plan maken' }).click()
    await dialog.getByRole('status').filter({ hasText: 'Het nieuwe plan is klaar.' }).waitFor({ timeout: 30_000 })
    const link = await dialog.getByLabel('Link voor de nieuwe school').inputValue()
    expect(link).toMatch(new RegExp(`^${app.relay.url}/`))

    await dialog.getByRole('button', { name: 'Naar het nieuwe plan' }).click()
    await dialog.waitFor({ state: 'hidden' })
    // the new plan, not the old one
    await page.waitForURL((url) => url.toString() !== oldPlan, { timeout: 20_000 })
    await page.getByRole('heading', { level: 1, name: /Sam/ }).waitFor({ timeout: 20_000 })
    expect(a.errors).toEqual([])
  }, 120_000)
})
