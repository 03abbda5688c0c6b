/**
 * [R20] Erasing a plan on request, in the built PWA on two devices. The school's IB made the plan
 * (admin); a mother with gezag asks on her phone to erase it, then her phone goes offline. The IB
 * first keeps the plan's own copy (the JSON download in "Bewaren en wissen"), then confirms: her
 * device says the plan is erased, and it is gone from her home and her IndexedDB. When the
 * mother's phone is back online it learns it from the relay (the tombstone's two signed halves),
 * deletes its keys and databases, stops showing the plan and says so in Dutch, also after a reload. axe-core finds no
 * serious or critical violations on the new views.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, screenshot, unlockAfterReload, useApp, waitForSyncState } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

/** the names of this device's IndexedDB databases that belong to the plan (envelope, attachments) */
async function planDatabases(page: Page, planId: string): Promise<string[]> {
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))
  return names.filter((n) => n.includes(planId))
}

function eraseBlock(page: Page) {
  return page.locator('#sp-erase')
}

/** "Ja, ga door" in the erase block's confirmation dialog, after axe looked at the dialog */
async function confirmInDialog(page: Page, label: string): Promise<void> {
  await eraseBlock(page).getByRole('button', { name: label }).click()
  const dialog = page.getByRole('dialog', { name: 'Bewaren en wissen' })
  await dialog.getByText('Weet je het zeker? Dit kan niet ongedaan worden gemaakt.').waitFor()
  expect(await seriousAxeViolations(page)).toEqual([])
  await dialog.getByRole('button', { name: 'Ja, ga door' }).click()
}

describe.skipIf(!hasChromium)('e2e: erasing a plan', () => {
  const app = useApp()

  it('[R20] a mother with gezag asks, the IB keeps a copy and confirms; the offline phone deletes the plan when it is back', async () => {
    const ib = await app.person('Ilse (IB)', { plan: 'Sanne', who: { party: 'professional', organisation: 'De Regenboog' } })
    const planId = ib.planId!
    const mother = await app.invitee(ib, 'contributor', 'Mirjam (moeder)', { who: { party: 'gezag' }, phone: true })
    expect(await planDatabases(mother.page, planId)).not.toEqual([])
    // she can see how long the plan is kept while it runs (the school policy's default)
    await eraseBlock(mother.page).getByText('Dit plan wordt bewaard tot 2 jaar na afsluiten. Daarna wordt het gewist.').waitFor({ timeout: 20_000 })

    // the mother asks; the IB cannot ask (no gezag), the mother cannot confirm (no admin)
    await expect(eraseBlock(ib.page).getByRole('button', { name: 'Vraag om dit plan te wissen' }).count()).resolves.toBe(0)
    await confirmInDialog(mother.page, 'Vraag om dit plan te wissen')
    await eraseBlock(mother.page).getByRole('status').filter({ hasText: 'Mirjam (moeder) vroeg op' }).waitFor({ timeout: 20_000 })
    await expect(eraseBlock(mother.page).getByRole('button', { name: 'Wissen bevestigen' }).count()).resolves.toBe(0)
    await waitForSyncState(mother.page, 'synced')
    expect(await seriousAxeViolations(mother.page)).toEqual([])

    // her phone goes offline before the erasure
    await mother.context.setOffline(true)
    await waitForSyncState(mother.page, 'saved-local')

    // the IB sees the request, keeps the plan's own copy first, then confirms
    const block = eraseBlock(ib.page)
    await block.getByRole('status').filter({ hasText: 'Mirjam (moeder) vroeg op' }).waitFor({ timeout: 20_000 })
    await expect(block.getByText('Eerst een eigen kopie').count()).resolves.toBe(1)
    const [download] = await Promise.all([ib.page.waitForEvent('download'), block.getByRole('button', { name: 'Kopie downloaden als bestand (JSON)' }).click()])
    const copy = JSON.parse(await streamText(await download.createReadStream()))
    expect(copy).toMatchObject({ format: 'samenplan-plan', sections: { child: { name: 'Sanne' } } })
    expect(await seriousAxeViolations(ib.page)).toEqual([])
    await screenshot(ib.page, 'erasure-asked')

    await confirmInDialog(ib.page, 'Wissen bevestigen')
    const said = ib.page.getByRole('alert').filter({ hasText: 'Dit plan is gewist op' })
    await expect(said.innerText({ timeout: 20_000 })).resolves.toMatch(/Dit plan is gewist op \d{1,2} [a-z]+ \d{4} op verzoek van een ouder met gezag\./)
    // the plan itself is no longer shown: only why it went, and the way home
    await expect(ib.page.getByRole('heading', { level: 1, name: 'Plan van Sanne' }).count()).resolves.toBe(0)
    expect(await seriousAxeViolations(ib.page)).toEqual([])
    await screenshot(ib.page, 'erasure-done')

    // gone from the IB's home (the keyring no longer lists it) and from her IndexedDB
    await ib.page.getByRole('link', { name: 'Terug naar mijn plannen' }).first().click()
    await ib.page.locator('.erased-list').getByText('op verzoek van een ouder met gezag').waitFor({ timeout: 20_000 })
    await expect(ib.page.locator(`a[href="#/plan/${planId}"]`).count()).resolves.toBe(0)
    await expect(ib.page.getByText('Plan van Sanne').count()).resolves.toBe(0)
    expect(await planDatabases(ib.page, planId)).toEqual([])
    expect(await seriousAxeViolations(ib.page)).toEqual([])

    // the mother's phone comes back: the relay's notice proves the erasure, the phone deletes it
    expect(await planDatabases(mother.page, planId)).not.toEqual([])
    await mother.context.setOffline(false)
    const told = mother.page.getByRole('alert').filter({ hasText: 'Dit plan is gewist op' })
    await expect(told.innerText({ timeout: 30_000 })).resolves.toContain('op verzoek van een ouder met gezag.')
    await expect(mother.page.getByRole('heading', { level: 1, name: 'Plan van Sanne' }).count()).resolves.toBe(0)
    await expect.poll(() => planDatabases(mother.page, planId), { timeout: 20_000 }).toEqual([])
    expect(await seriousAxeViolations(mother.page)).toEqual([])
    await screenshot(mother.page, 'erasure-offline-device-back')

    // also after a reload (the keyring on disk no longer holds the plan): home says why, the link says so
    await mother.page.goto('/')
    await unlockAfterReload(mother.page)
    await mother.page.locator('.erased-list').getByText('op verzoek van een ouder met gezag').waitFor({ timeout: 20_000 })
    await expect(mother.page.locator(`a[href="#/plan/${planId}"]`).count()).resolves.toBe(0)
    await mother.page.goto(`/#/plan/${planId}`)
    await mother.page.getByRole('alert').getByText('Dit plan staat niet op dit apparaat', { exact: false }).waitFor({ timeout: 20_000 })
    expect(await planDatabases(mother.page, planId)).toEqual([])
    expect(mother.errors).toEqual([])
    expect(ib.errors).toEqual([])
  }, 180_000)
})

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
