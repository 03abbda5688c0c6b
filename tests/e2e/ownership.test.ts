/**
 * What is one's own in the plan, in the built PWA with the real relay: the IB'er (admin, the school)
 * invites a mother with gezag as a contributor; the mother ticks "Gedaan" on her own afspraak (not
 * on the IB'er's), the IB'er sees it (P1); the parents' voice is read-only to the IB'er, who writes
 * a comment beside it instead, shown to the mother as hers; each voice says who wrote it last
 * (P4). On a phone (390×844), a second mother ticks "Gedaan" on an afspraak the IB'er gave her
 * before she joined, when it named her invite (P1's "mine": an invite she claimed). axe-core over
 * the plan.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { acceptInvite, createInvite, hasChromium, screenshot, typeAtEnd, useApp, voiceEditor, waitForSyncState, type Device } from './helpers'
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

  it('[P1] phone 390×844: an afspraak named by her invite before she joined is hers; she ticks Gedaan, the IB sees it', async () => {
    const name = 'Yara (moeder)'
    const link = await createInvite(ib.page, 'contributor', '1 dag', name, { party: 'gezag' })
    // on the team list by her invite's key until she joins: the afspraak's whoKey is that key
    await addAction(ib.page, 'Voorlezen voor het slapen', name)
    const yara = await app.device(name, { phone: true })
    await acceptInvite(yara.page, link, name)
    await waitForSyncState(yara.page, 'synced')
    const p = yara.page
    expect(p.viewportSize()).toEqual({ width: 390, height: 844 })

    const hers = done(p, 'Voorlezen voor het slapen')
    await hers.waitFor({ timeout: 20_000 })
    expect(await hers.isDisabled()).toBe(false)
    // just outside: another mother's afspraak stays closed to her
    await done(p, 'Samen lezen').waitFor({ timeout: 20_000 })
    expect(await done(p, 'Samen lezen').isDisabled()).toBe(true)
    // and Voor jou counts it as hers
    await p.getByRole('region', { name: 'Voor jou' }).getByRole('link', { name: 'Jouw afspraak: Voorlezen voor het slapen' }).waitFor()

    await hers.check()
    await ib.page.waitForFunction(
      () => (document.querySelector('[aria-label="Gedaan: Voorlezen voor het slapen"]') as HTMLInputElement | null)?.checked === true,
      undefined,
      { timeout: 20_000 },
    )
    await screenshot(p, 'ownership-gedaan-phone')
    expect(await seriousAxeViolations(p)).toEqual([])
    expect(yara.errors).toEqual([])
  }, 90_000)

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
