/**
 * Instemming in the built PWA on two devices with the real relay: the IB'er (admin) invites a
 * parent with gezag; the parent sees what is theirs to change, agrees to the handelingsdeel after
 * seeing exactly what they sign; the IB'er sees it; the IB'er edits an afspraak and both see
 * "gewijzigd na instemming"; the parent agrees again; she withdraws it after a confirmation, both
 * see "ingetrokken", and undo does not bring it back. axe-core over each view; screenshots.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import path from 'node:path'
import { RESULTS, hasChromium, screenshot, useApp, voiceEditor, type Device } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const instemming = (page: Page) => page.getByRole('region', { name: 'Instemming met het handelingsdeel' })
const parentLine = (page: Page) => instemming(page).locator('.sp-instemming__parent')
const undoButton = (page: Page) => page.locator('[data-undo="undo"]')
/** The whole page, and the instemming part alone (easier to look at). */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, name)
  await instemming(page).screenshot({ path: path.join(RESULTS, `${name}-part.png`) })
}

async function addAction(page: Page, what: string, when: string): Promise<void> {
  const actions = page.getByRole('region', { name: 'Afspraken (handelingsdeel)' })
  await actions.getByRole('button', { name: 'Afspraak toevoegen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Nieuwe afspraak' })
  await dialog.getByLabel('Wat spreken we af?').fill(what)
  await dialog.getByLabel(/Wanneer of hoe vaak/).fill(when)
  await dialog.getByRole('button', { name: 'Afspraak toevoegen' }).click()
  await dialog.waitFor({ state: 'hidden' })
}

describe.skipIf(!hasChromium)('e2e: instemming of a parent with gezag', () => {
  const app = useApp()
  let ib: Device // Bram, IB'er, made the plan
  let parent: Device // Fatima, mother with gezag

  beforeAll(async () => {
    ib = await app.person('Bram (IB)', { plan: 'Ravi', who: { party: 'professional', organisation: 'Basisschool De Regenboog' } })
    await addAction(ib.page, 'Samen lezen', 'elke avond')
    await addAction(ib.page, 'Mentor belt ouders', 'elke vrijdag')
    parent = await app.invitee(ib, 'contributor', 'Fatima (moeder)', { who: { party: 'gezag' } })
  }, 120_000)

  it("the parent sees what is theirs: the parents' voice and observations; the rest is read-only", async () => {
    const line = parent.page.getByTestId('contributor-line')
    await line.waitFor({ timeout: 20_000 })
    expect(await line.innerText()).toContain('Jij kunt observaties toevoegen en de stem van ouders invullen.')
    expect(await line.innerText()).toContain('Als ouder met gezag kun je ook instemmen met de afspraken.')
    await voiceEditor(parent.page, 'Zorgen', 'Ouders').waitFor()
    expect(await voiceEditor(parent.page, 'Zorgen', 'Ouders').getAttribute('aria-readonly')).toBeNull()
    // the child's voice too, on its behalf (P4)
    expect(await voiceEditor(parent.page, 'Zorgen', 'Kind').getAttribute('aria-readonly')).toBeNull()
    for (const p of ['School', 'Zorg']) expect(await voiceEditor(parent.page, 'Zorgen', p).getAttribute('aria-readonly')).toBe('true')
    // the IB'er (admin) sees no such line and writes the school's voice (P4: not the parents')
    expect(await ib.page.getByTestId('contributor-line').count()).toBe(0)
    expect(await voiceEditor(ib.page, 'Zorgen', 'School').getAttribute('aria-readonly')).toBeNull()
  }, 60_000)

  it('the parent agrees; the IB sees it; an edit makes it "gewijzigd na instemming"; the parent agrees again', async () => {
    // before: both see "nog geen instemming"; only the parent has the button
    await parentLine(ib.page).filter({ hasText: 'Fatima (moeder): nog geen instemming' }).waitFor({ timeout: 20_000 })
    await parentLine(parent.page).filter({ hasText: 'nog geen instemming' }).waitFor({ timeout: 20_000 })
    expect(await instemming(ib.page).getByRole('button', { name: 'Ik stem in met het handelingsdeel' }).count()).toBe(0)

    // the confirmation shows exactly what is signed; "Nog niet" signs nothing
    const agree = instemming(parent.page).getByRole('button', { name: 'Ik stem in met het handelingsdeel' })
    await agree.click()
    const dialog = parent.page.getByRole('dialog', { name: 'Instemmen met het handelingsdeel' })
    await dialog.waitFor()
    const signed = await dialog.locator('.sp-instemming__signed').innerText()
    expect(signed).toContain('Samen lezen')
    expect(signed).toContain('Wanneer: elke avond')
    expect(signed).toContain('Mentor belt ouders')
    await screenshot(parent.page, 'instemming-confirm')
    expect(await seriousAxeViolations(parent.page)).toEqual([])
    await dialog.getByRole('button', { name: 'Nog niet' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await agree.evaluate((el) => el === document.activeElement)).toBe(true)

    await agree.click()
    await dialog.getByRole('button', { name: 'Ja, ik stem in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await instemming(parent.page).getByRole('status').filter({ hasText: 'Je instemming is opgeslagen.' }).waitFor()
    // the keyboard stays in the instemming part (the button that opened the dialog is gone)
    await parent.page.waitForFunction(() => document.activeElement?.id === 'instemming-title')
    await instemming(parent.page)
      .getByText(/^Je hebt ingestemd met dit handelingsdeel op \d+ \w+ \d{4} om \d{2}:\d{2}\.$/)
      .waitFor()

    // the IB'er's device verified it: "Instemming van Fatima (moeder) op 1 december 2026 om 21:05"
    const agreed = parentLine(ib.page).filter({ hasText: /^Instemming van Fatima \(moeder\) op \d+ \w+ \d{4} om \d{2}:\d{2}$/ })
    await agreed.waitFor({ timeout: 20_000 })
    await instemming(ib.page).getByText('Iedereen die moet instemmen, heeft ingestemd met dit handelingsdeel.').waitFor()
    await shots(ib.page, 'instemming-agreed-ib')
    expect(await seriousAxeViolations(ib.page)).toEqual([])

    // ticking one off is no change of what was agreed
    const lezen = ib.page.locator('.sp-action', { hasText: 'Samen lezen' })
    await lezen.getByRole('checkbox', { name: /^Gedaan/ }).check()
    await parent.page.locator('.sp-action.sp-item--done', { hasText: 'Samen lezen' }).waitFor({ timeout: 20_000 })
    expect(await parentLine(parent.page).getAttribute('data-state')).toBe('current')

    // the IB'er changes an afspraak: changed after agreement, on both devices
    await lezen.getByRole('button', { name: 'Aanpassen: Samen lezen' }).click()
    const edit = ib.page.getByRole('dialog', { name: 'Afspraak aanpassen' })
    await edit.getByLabel(/Wanneer of hoe vaak/).fill('elke avond, 15 minuten')
    await edit.getByRole('button', { name: 'Opslaan' }).click()
    await edit.waitFor({ state: 'hidden' })
    for (const d of [ib, parent]) {
      await parentLine(d.page).filter({ hasText: 'gewijzigd na instemming — opnieuw instemmen nodig' }).waitFor({ timeout: 20_000 })
      await instemming(d.page).getByText('Gewijzigd na instemming — opnieuw instemmen nodig.').waitFor()
    }
    // she can see what changed since she agreed
    const changes = instemming(parent.page).locator('details.sp-instemming__changes')
    await changes.locator('summary', { hasText: 'Wat is er veranderd?' }).click()
    expect(await changes.locator('li').allInnerTexts()).toEqual(['Afspraak ‘Samen lezen’ is anders: wanneer was ‘elke avond’, nu ‘elke avond, 15 minuten’'])
    // "opgeslagen" is no longer true for this version, so it is no longer said
    expect(await instemming(parent.page).locator('.sp-instemming__message').innerText()).toBe('')
    await shots(parent.page, 'instemming-changed-parent')
    expect(await seriousAxeViolations(parent.page)).toEqual([])

    // she agrees again, to the new version
    await instemming(parent.page).getByRole('button', { name: 'Opnieuw instemmen met het nieuwe handelingsdeel' }).click()
    expect(await dialog.locator('.sp-instemming__signed').innerText()).toContain('Wanneer: elke avond, 15 minuten')
    await dialog.getByRole('button', { name: 'Ja, ik stem in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await agreed.waitFor({ timeout: 20_000 })
    await instemming(ib.page).getByText('Iedereen die moet instemmen, heeft ingestemd met dit handelingsdeel.').waitFor()

    // the history: this version and the earlier one
    const history = instemming(ib.page).locator('details.sp-instemming__history')
    await history.locator('summary').click()
    const lines = await history.locator('li').allInnerTexts()
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^Fatima \(moeder\) stemde in op .+ \(deze versie\)$/)
    expect(lines[1]).toMatch(/^Fatima \(moeder\) stemde in op .+ \(een eerdere versie\)$/)
    await shots(ib.page, 'instemming-history-ib')
    expect(await seriousAxeViolations(ib.page)).toEqual([])
    expect(ib.errors).toEqual([])
    expect(parent.errors).toEqual([])
  }, 120_000)

  it('the parent withdraws her instemming after a confirmation; both see "ingetrokken"; undo does not bring it back', async () => {
    const withdraw = instemming(parent.page).getByRole('button', { name: 'Instemming intrekken' })
    await withdraw.waitFor({ timeout: 20_000 })
    // only she can withdraw what she signed
    expect(await instemming(ib.page).getByRole('button', { name: 'Instemming intrekken' }).count()).toBe(0)

    // the confirmation says plainly what it means; "Niet intrekken" changes nothing
    await withdraw.click()
    const dialog = parent.page.getByRole('dialog', { name: 'Instemming intrekken' })
    await dialog.waitFor()
    const said = await dialog.innerText()
    expect(said).toContain('Je instemming telt niet meer.')
    expect(said).toContain('Iedereen in het plan ziet bij jouw naam: instemming ingetrokken, en wanneer.')
    expect(said).toContain('kan niet ongedaan worden gemaakt. Later opnieuw instemmen kan wel.')
    // the safe choice has the focus, so Enter on opening never withdraws
    expect(await dialog.getByRole('button', { name: 'Niet intrekken' }).evaluate((el) => el === document.activeElement)).toBe(true)
    await screenshot(parent.page, 'instemming-withdraw-confirm')
    expect(await seriousAxeViolations(parent.page)).toEqual([])
    await dialog.getByRole('button', { name: 'Niet intrekken' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await parentLine(parent.page).getAttribute('data-state')).toBe('current')

    await withdraw.click()
    await dialog.getByRole('button', { name: 'Ja, trek mijn instemming in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await instemming(parent.page).getByRole('status').filter({ hasText: 'Je instemming is ingetrokken.' }).waitFor()
    await parent.page.waitForFunction(() => document.activeElement?.id === 'instemming-title')
    const withdrawnLine = /^Fatima \(moeder\)( \(jij\))?: instemming ingetrokken op \d+ \w+ \d{4} om \d{2}:\d{2}$/
    await parentLine(parent.page).filter({ hasText: withdrawnLine }).waitFor()
    // she may agree again, later
    await instemming(parent.page).getByRole('button', { name: 'Ik stem in met het handelingsdeel' }).waitFor()

    // the IB'er's device verified the withdrawal
    await parentLine(ib.page).filter({ hasText: withdrawnLine }).waitFor({ timeout: 20_000 })
    await instemming(ib.page).getByText('De instemming is ingetrokken: er is nu geen instemming met dit handelingsdeel.').waitFor()
    await shots(ib.page, 'instemming-withdrawn-ib')
    expect(await seriousAxeViolations(ib.page)).toEqual([])

    // undo has nothing of hers to take back: the withdrawal is a signed act, not an undo step
    expect(await undoButton(parent.page).getAttribute('aria-disabled')).toBe('true')
    await undoButton(parent.page).click({ force: true })
    await parent.page.locator('body').click({ position: { x: 1, y: 1 } })
    await parent.page.keyboard.press('Control+z')
    await parent.page.getByText('Er is niets meer om ongedaan te maken.').waitFor()
    expect(await parentLine(parent.page).getAttribute('data-state')).toBe('withdrawn')
    expect(await parentLine(ib.page).getAttribute('data-state')).toBe('withdrawn')

    // the history keeps both acts
    const history = instemming(ib.page).locator('details.sp-instemming__history')
    if ((await history.getAttribute('open')) === null) await history.locator('summary').click()
    const lines = await history.locator('li').allInnerTexts()
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^Fatima \(moeder\) trok de instemming in op .+ \(deze versie\)$/)
    expect(ib.errors).toEqual([])
    expect(parent.errors).toEqual([])
  }, 120_000)
})
