/**
 * What is one's own in the plan, in the built PWA with the real relay: the IB'er (admin, the school)
 * invites a mother with gezag as a contributor; the mother ticks "Gedaan" on her own afspraak (not
 * on the IB'er's), the IB'er sees it (P1); the parents' voice is read-only to the IB'er, who writes
 * a comment beside it instead, shown to the mother as hers; each voice says who wrote it last
 * (P4). axe-core over the plan.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { hasChromium, screenshot, typeAtEnd, useApp, voiceEditor, type Device } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const actions = (page: Page) => page.getByRole('region', { name: 'Afspraken (handelingsdeel)' })
const done = (page: Page, what: string) => actions(page).getByRole('checkbox', { name: `Gedaan: ${what}` })

async function addAction(page: Page, what: string, who: string): Promise<void> {
  await actions(page).getByRole('button', { name: 'Afspraak toevoegen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Nieuwe afspraak' })
  await dialog.getByLabel('Wat spreken we af?').fill(what)
  await dialog.getByLabel('Wie doet het?').selectOption({ label: who })
  await dialog.getByRole('button', { name: 'Afspraak toevoegen' }).click()
  await dialog.waitFor({ state: 'hidden' })
}

describe.skipIf(!hasChromium)('e2e: parents act on what is theirs; voices belong to their owners', () => {
  const app = useApp()
  let ib: Device
  let parent: Device

  beforeAll(async () => {
    ib = await app.person('Bram (IB)', { plan: 'Sam', who: { party: 'professional', organisation: 'Basisschool De Regenboog' } })
    parent = await app.invitee(ib, 'contributor', 'Fatima (moeder)', { who: { party: 'gezag' } })
    await addAction(ib.page, 'Samen lezen', 'Fatima (moeder)')
  }, 120_000)

  it('[P1] the mother ticks Gedaan on her own afspraak; the IB sees it; the IB’s own afspraak stays closed to her', async () => {
    await addAction(ib.page, 'Mentor belt ouders', 'Bram (IB)')
    await done(parent.page, 'Mentor belt ouders').waitFor({ timeout: 20_000 })
    expect(await done(parent.page, 'Mentor belt ouders').isDisabled()).toBe(true)
    expect(await done(parent.page, 'Samen lezen').isDisabled()).toBe(false)
    await done(parent.page, 'Samen lezen').check()
    await ib.page.waitForFunction(
      () => (document.querySelector('[aria-label="Gedaan: Samen lezen"]') as HTMLInputElement | null)?.checked === true,
      undefined,
      { timeout: 20_000 },
    )
    await screenshot(parent.page, 'ownership-gedaan')
  }, 60_000)

  it('[P4] the parents’ voice is read-only to the IB, who comments beside it; each voice says who wrote it last', async () => {
    await voiceEditor(ib.page, 'Zorgen', 'Ouders').waitFor()
    expect(await voiceEditor(ib.page, 'Zorgen', 'Ouders').getAttribute('aria-readonly')).toBe('true')
    expect(await voiceEditor(ib.page, 'Zorgen', 'School').getAttribute('aria-readonly')).toBeNull()

    await typeAtEnd(parent.page, voiceEditor(parent.page, 'Zorgen', 'Ouders'), 'Slaapt slecht.')
    await ib.page.getByTestId('voice-last-ouders').filter({ hasText: 'Laatst geschreven door Fatima (moeder)' }).waitFor({ timeout: 20_000 })

    const card = ib.page.getByTestId('voice-card-ouders')
    await typeAtEnd(ib.page, card.getByRole('textbox', { name: 'Jouw opmerking bij Ouders' }), 'Sinds de verhuizing?')
    await parent.page
      .getByTestId('voice-comment-ouders')
      .filter({ hasText: 'Opmerking van Bram (IB)' })
      .filter({ hasText: 'Sinds de verhuizing?' })
      .waitFor({ timeout: 20_000 })
    await screenshot(ib.page, 'ownership-voice-ib')
    expect(await seriousAxeViolations(ib.page)).toEqual([])
    expect(await seriousAxeViolations(parent.page)).toEqual([])
  }, 60_000)
})
