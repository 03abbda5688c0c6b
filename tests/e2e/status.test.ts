/**
 * Issue 14 in the built PWA: a status that tells the truth and an undo that is safe.
 * - Offline edits, an offline reload: the status shows the same small count of waiting changes
 *   and the last sync time (regression: "111 wijziging(en) wachten", "Nog niet gesynchroniseerd").
 * - Back online after the reload: the status leaves "offline" at once (regression: 6.4 s, the
 *   reconnect waited out y-websocket's backoff while "offline" was shown).
 * - Undo is off with nothing of mine to undo, on after an own edit, and never withdraws a signed
 *   instemming (regression: it did, for a parent whose last change it was).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { hasChromium, screenshot, typeAtEnd, unlockAfterReload, useApp, voiceEditor, waitForSyncState, type Device } from './helpers'

/** "3 aanpassingen nog niet verstuurd" (or "1 aanpassing …", "Nog niet verstuurd (3)") → 3; 0 when no such line */
async function waitingCount(page: Page): Promise<number> {
  const text = await page.locator('.sync-status').innerText()
  const m = /(\d+) aanpassingen? nog niet verstuurd|Nog niet verstuurd \((\d+)\)/.exec(text)
  return m ? Number(m[1] ?? m[2]) : 0
}

const undoButton = (page: Page) => page.locator('[data-undo="undo"]')

async function addAction(page: Page, what: string, when: string): Promise<void> {
  const actions = page.getByRole('region', { name: 'Afspraken (handelingsdeel)' })
  await actions.getByRole('button', { name: 'Afspraak toevoegen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Nieuwe afspraak' })
  await dialog.getByLabel('Wat spreken we af?').fill(what)
  await dialog.getByLabel(/Wanneer of hoe vaak/).fill(when)
  await dialog.getByRole('button', { name: 'Afspraak toevoegen' }).click()
  await dialog.waitFor({ state: 'hidden' })
}

describe.skipIf(!hasChromium)('e2e: the sync status across an offline reload', () => {
  const app = useApp()
  let a: Device

  beforeAll(async () => {
    a = await app.person('Anna', { plan: 'Noor' })
  }, 60_000)

  it('offline edits and a reload: the same real count, the last sync time kept; online again it reconnects at once', async () => {
    const ed = voiceEditor(a.page, 'Vraag', 'Ouders')
    // a plan with some history first, all synced
    for (const words of ['Hoe houden we het rustig?', ' Wie helpt?', ' Wanneer praten we?']) {
      await typeAtEnd(a.page, ed, words)
      await waitForSyncState(a.page, 'synced')
    }
    const syncedLine = await a.page.locator('.sync-status__time').innerText()
    expect(syncedLine).toMatch(/^Laatst bijgewerkt/)

    await a.context.setOffline(true)
    await waitForSyncState(a.page, 'saved-local')
    // three changes, each pasted at once: one record each (typed, every 50 ms of typing is one)
    for (const words of [' (offline 1)', ' (offline 2)', ' (offline 3)']) {
      await ed.click()
      await a.page.keyboard.press('Control+End')
      await a.page.keyboard.insertText(words)
      await a.page.waitForTimeout(300) // past the bridge's flush window
    }
    const before = await waitingCount(a.page)
    expect(before).toBe(3)

    await a.page.reload()
    await unlockAfterReload(a.page)
    await voiceEditor(a.page, 'Vraag', 'Ouders').waitFor({ timeout: 20_000 })
    await waitForSyncState(a.page, 'saved-local')
    expect(await waitingCount(a.page)).toBe(before)
    expect(await a.page.locator('.sync-status__time').innerText()).toBe(syncedLine)
    await screenshot(a.page, 'status-offline-reload')

    // offline since the page loaded: y-websocket's backoff has grown meanwhile
    await a.page.waitForTimeout(7000)
    await a.context.setOffline(false)
    // The browser's "online" event, as a phone or laptop fires it when its network returns
    // (Chromium's emulation does not fire it for a page loaded while offline). Read inside the
    // page, in the same turn, so a busy test machine's round trips do not count: without the
    // app's online handler the status stays "offline" until y-websocket's grown backoff (seconds).
    const stateAfterOnline = await a.page.evaluate(async () => {
      window.dispatchEvent(new Event('online'))
      await new Promise((r) => setTimeout(r, 0))
      return document.querySelector('.sync-status')?.getAttribute('data-state')
    })
    expect(stateAfterOnline).not.toBe('saved-local')
    await waitForSyncState(a.page, 'synced', 15_000)
    expect(await waitingCount(a.page)).toBe(0)
    expect(a.errors).toEqual([])
  }, 120_000)
})

describe.skipIf(!hasChromium)('e2e: undo that is safe', () => {
  const app = useApp()
  let ib: Device
  let parent: Device

  beforeAll(async () => {
    ib = await app.person('Bram (IB)', { plan: 'Ravi', who: { party: 'professional', organisation: 'Basisschool De Regenboog' } })
  }, 60_000)

  it('undo is off with nothing of mine to undo, and on after an own edit', async () => {
    await undoButton(ib.page).waitFor()
    expect(await undoButton(ib.page).getAttribute('aria-disabled')).toBe('true')
    expect(await ib.page.locator('[data-undo="redo"]').getAttribute('aria-disabled')).toBe('true')
    await addAction(ib.page, 'Samen lezen', 'elke avond')
    await ib.page.locator('[data-undo="undo"][aria-disabled="false"]').waitFor({ timeout: 5000 })
  }, 60_000)

  it("a parent's instemming is never withdrawn by undo", async () => {
    parent = await app.invitee(ib, 'contributor', 'Fatima (moeder)', { who: { party: 'gezag' } })
    const part = parent.page.getByRole('region', { name: 'Instemming met het handelingsdeel' })
    await undoButton(parent.page).waitFor({ timeout: 20_000 })
    expect(await undoButton(parent.page).getAttribute('aria-disabled')).toBe('true')

    await part.getByRole('button', { name: 'Ik stem in met het handelingsdeel' }).click()
    const dialog = parent.page.getByRole('dialog', { name: 'Instemmen met het handelingsdeel' })
    await dialog.getByRole('button', { name: 'Ja, ik stem in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const agreed = part.getByText(/^Je hebt ingestemd met dit handelingsdeel op /)
    await agreed.waitFor()
    // her last change was signing: nothing for undo to take back
    expect(await undoButton(parent.page).getAttribute('aria-disabled')).toBe('true')
    await undoButton(parent.page).click({ force: true })
    await parent.page.locator('body').click({ position: { x: 1, y: 1 } })
    await parent.page.keyboard.press('Control+z')
    await parent.page.getByText('Er is niets meer om ongedaan te maken.').waitFor()
    await agreed.waitFor()
    await ib.page.locator('.sp-instemming__parent', { hasText: /^Instemming van Fatima \(moeder\) op / }).waitFor({ timeout: 20_000 })
    await screenshot(parent.page, 'undo-after-instemming')
    expect(parent.errors).toEqual([])
  }, 90_000)
})
