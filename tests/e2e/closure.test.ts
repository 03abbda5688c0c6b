/**
 * Closing a plan (R19) in the built PWA: an admin chooses a reason and sees the summary before
 * confirming; "Anders" needs words; the closed plan shows its banner, offers no editing and
 * "Heropenen" until the date; reopening makes it editable again. The plan's own copy downloads
 * as JSON. axe-core finds no serious or critical violations.
 */
import { describe, expect, it } from 'vitest'
import { hasChromium, screenshot, useApp } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

describe.skipIf(!hasChromium)('e2e: closing a plan', () => {
  const app = useApp()

  it('[R19] an admin closes with a reason and a summary, the plan turns read-only, and reopens it', async () => {
    const a = await app.person('Anna (moeder)', { plan: 'Sam' })
    const page = a.page

    // the plan's own copy, readable without Samenplan
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download als bestand (JSON)' }).click()])
    const json = JSON.parse(await streamText(await download.createReadStream()))
    expect(json).toMatchObject({ format: 'samenplan-plan', version: 1, sections: { child: { name: 'Sam' } } })

    await page.getByRole('button', { name: 'Plan afsluiten' }).click()
    const dialog = page.getByRole('dialog', { name: 'Plan afsluiten' })
    await expect(dialog.getByText('Samenvatting bij het afsluiten').count()).resolves.toBe(1)
    await expect(dialog.getByText('Wie deden mee: Anna (moeder).').count()).resolves.toBe(1)
    // the admin is told when the plan will be erased (the school policy's two years), before closing
    const erasedIn = String(new Date().getFullYear() + 2)
    await expect(dialog.getByText(/Het plan wordt bewaard tot .*\. Daarna wordt het overal gewist\./).innerText()).resolves.toContain(erasedIn)
    await dialog.getByRole('radio', { name: 'Anders' }).check()
    await dialog.getByRole('button', { name: 'Afsluiten' }).click()
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain('Vul in waarom je het plan afsluit.')
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'closure-dialog')
    await dialog.getByLabel('Vertel waarom').fill('Sam gaat naar het voortgezet onderwijs')
    // a tablet turned (or a window narrowed) mid-dialog moves the buttons to the phone's place: the
    // dialog stays open, modal, with what was typed
    for (const width of [600, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      await expect(dialog.getByLabel('Vertel waarom').inputValue()).resolves.toBe('Sam gaat naar het voortgezet onderwijs')
      await expect(dialog.evaluate((d) => d.matches(':modal'))).resolves.toBe(true)
    }
    await dialog.getByRole('button', { name: 'Afsluiten' }).click()

    const banner = page.locator('.closure__banner')
    await expect(banner.innerText({ timeout: 10_000 })).resolves.toMatch(
      /Dit plan is afgesloten op \d{1,2} [a-z]+ \d{4}\. Reden: Sam gaat naar het voortgezet onderwijs/,
    )
    await expect(banner.innerText()).resolves.toContain('Heropenen kan tot')
    // and so is everyone who reads the closed plan
    await expect(banner.getByText(/Het plan wordt bewaard tot .*\. Daarna wordt het overal gewist\./).innerText()).resolves.toContain(erasedIn)
    // nothing to change: no closing again, no inviting
    await expect(page.getByRole('button', { name: 'Plan afsluiten' }).count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: 'Delen', exact: true }).count()).resolves.toBe(0)
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'closure-banner')

    await banner.getByRole('button', { name: 'Heropenen' }).click()
    await expect(page.locator('.closure__banner').count()).resolves.toBe(0)
    await expect(page.getByRole('button', { name: 'Plan afsluiten' }).count()).resolves.toBe(1)
  })
})

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
