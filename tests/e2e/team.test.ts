/**
 * The team view (betrokkenen) and the activity view, on three devices (browser contexts) with the
 * real relay serving the built PWA: A invites B and C as editors; A's team view lists both with
 * their safety codes, which match what each sees on their own device; A makes C a reader (C's
 * editors turn read-only); A removes B through the dialog (B's access ends and it gets nothing
 * A writes afterwards); A's activity view still shows B's earlier edit.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { acceptInvite, createInvite, hasChromium, screenshot, syncStatus, typeAtEnd, useApp, voiceEditor, waitForSyncState, waitForText } from './helpers'

const CODE = /^\d{4} \d{4} \d{4}$/

function teamSection(page: Page) {
  return page.getByRole('region', { name: 'Betrokkenen' })
}

function memberRow(page: Page, name: string | RegExp) {
  return teamSection(page)
    .locator('tr.team__row')
    .filter({ has: page.getByRole('rowheader', { name }) })
}

async function codeOf(page: Page, name: string | RegExp): Promise<string> {
  const code = (await memberRow(page, name).getByTestId('safety-code').innerText({ timeout: 20_000 })).trim()
  expect(code).toMatch(CODE)
  return code
}

describe.skipIf(!hasChromium)('e2e: team view and activity view', () => {
  const app = useApp()

  it('lists members with safety codes, changes a role, removes a member and shows the activity', async () => {
    const a = await app.person('Anna (IB)', { plan: 'Sam' })

    // two invites, both open in A's team view until claimed
    const linkB = await createInvite(a.page, 'editor', '1 dag', 'Bram')
    const linkC = await createInvite(a.page, 'editor', '1 dag', 'Chris')
    const invites = teamSection(a.page).getByRole('table', { name: 'Openstaande uitnodigingen' })
    await invites.getByRole('rowheader', { name: 'Bram' }).waitFor({ timeout: 10_000 })
    await invites.getByRole('rowheader', { name: 'Chris' }).waitFor()
    await expect(invites.getByRole('button', { name: 'Intrekken: uitnodiging voor Bram' }).count()).resolves.toBe(1)

    const b = await app.device('B')
    const c = await app.device('C')
    await acceptInvite(b.page, linkB, 'Bram (mentor)')
    await acceptInvite(c.page, linkC, 'Chris (jeugdzorg)')
    await waitForSyncState(b.page, 'synced')
    await waitForSyncState(c.page, 'synced')

    // A sees B and C with 12-digit codes; the code for B on A is the code B sees for itself
    const bOnA = await codeOf(a.page, 'Bram')
    const cOnA = await codeOf(a.page, 'Chris')
    expect(bOnA).not.toBe(cOnA)
    await memberRow(a.page, 'Anna (IB) (jij)').waitFor()
    expect(await codeOf(b.page, 'Bram (jij)')).toBe(bOnA)
    expect(await codeOf(c.page, 'Chris (jij)')).toBe(cOnA)
    await teamSection(a.page).getByText('Vergelijk deze code met de code op het apparaat van deze persoon.').waitFor()
    await expect(invites.count()).resolves.toBe(0) // both claimed: nothing open any more
    // a non-admin sees the list read-only
    await expect(
      teamSection(b.page)
        .getByRole('button', { name: /Verwijderen/ })
        .count(),
    ).resolves.toBe(0)
    await expect(teamSection(b.page).getByRole('combobox').count()).resolves.toBe(0)

    // B writes in a voice: A gets it (and later shows it in the activity)
    const edBonB = voiceEditor(b.page, 'Zorgen', 'Ouders')
    await typeAtEnd(b.page, edBonB, 'Van Bram.')
    await waitForText(voiceEditor(a.page, 'Zorgen', 'Ouders'), (t) => t.includes('Van Bram.'), 'B’s text on A')

    // A makes C a reader: C's editors become read-only
    const cRow = memberRow(a.page, 'Chris')
    await cRow.getByRole('combobox', { name: 'Rol van Chris' }).selectOption({ label: 'Meelezen (lezer)' })
    await cRow.getByRole('button', { name: 'Rol wijzigen van Chris' }).click()
    await teamSection(a.page).getByRole('status').filter({ hasText: 'Chris heeft nu de rol Meelezen (lezer).' }).waitFor()
    await c.page.getByText('Jouw rol: Meelezen (lezer)').waitFor({ timeout: 20_000 })
    const edC = voiceEditor(c.page, 'Zorgen', 'Ouders')
    await expect.poll(() => edC.getAttribute('aria-readonly'), { timeout: 10_000 }).toBe('true')
    await expect.poll(() => memberRow(a.page, 'Chris').locator('td[data-role]').innerText(), { timeout: 10_000 }).toBe('Meelezen (lezer)')

    // A removes B through the dialog
    const removeButton = memberRow(a.page, 'Bram').getByRole('button', { name: 'Verwijderen: Bram' })
    await removeButton.click()
    const dialog = a.page.getByRole('dialog', { name: 'Bram verwijderen uit het plan?' })
    await dialog.waitFor()
    await dialog.getByText('Het plan wordt opnieuw beveiligd.').waitFor()
    await dialog.getByText(/blijft bij hem of haar/).waitFor()
    // Escape closes without removing, focus back on the button
    await a.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => removeButton.evaluate((el) => el === document.activeElement)).toBe(true)
    await removeButton.click()
    await screenshot(a.page, 'team-remove-dialog')
    await dialog.getByRole('button', { name: 'Ja, verwijderen' }).click()
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 })
    await teamSection(a.page).getByRole('status').filter({ hasText: 'Bram is verwijderd.' }).waitFor()
    await memberRow(a.page, 'Bram').waitFor({ state: 'detached' })

    // B: access ended, shown in its status
    await waitForSyncState(b.page, 'error')
    expect(await syncStatus(b.page).innerText()).toMatch(/weigert de verbinding/)

    // A writes after the removal: C (still a member, under the new key) gets it, B does not
    await typeAtEnd(a.page, voiceEditor(a.page, 'Zorgen', 'Ouders'), ' Na verwijdering.')
    await waitForText(edC, (t) => t.includes('Na verwijdering.'), 'A’s new text on C')
    // B is closed (its error state above) and does not reconnect: nothing more can reach it
    expect(await edBonB.innerText()).not.toContain('Na verwijdering.')

    // A's activity: B's earlier edit of a voice, newest first
    const activity = a.page.getByRole('region', { name: 'Activiteit' })
    await activity
      .getByRole('listitem')
      .filter({ hasText: /Bram paste Stem van de ouders aan/ })
      .first()
      .waitFor({ timeout: 10_000 })
    await activity.getByText('Geen geweigerde aanpassingen.').waitFor()
    await screenshot(a.page, 'team-a')
    await screenshot(b.page, 'team-b-removed')

    expect(a.errors).toEqual([])
    expect(c.errors).toEqual([])
  }, 60_000)
})
