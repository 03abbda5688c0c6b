/**
 * Moments 2 and 3 of the design: editing offline and syncing later with nothing lost. One device
 * goes offline, both edit the same field, it comes back and both converge. Then a reload while
 * offline: the service worker serves the app and the plan opens from IndexedDB.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, screenshot, typeAtEnd, unlockAfterReload, useApp, voiceEditor, waitForSyncState, waitForText, type Device } from './helpers'

describe.skipIf(!hasChromium)('e2e: offline editing and reload', () => {
  const app = useApp()
  let a: Device
  let b: Device

  beforeAll(async () => {
    a = await app.person('Anna', { plan: 'Noor' })
    b = await app.invitee(a, 'editor', 'Bram', { unnamed: true })
  }, 60_000)

  // Needs the session to notice the browser going offline: Chromium's offline emulation (like a
  // dropped Wi-Fi) stops traffic without closing the WebSocket, so the session must close its
  // connection on the window's 'offline' event and reconnect on 'online' (see the UI report).
  it('edits on both sides while one is offline converge when it is back', async () => {
    const edA = voiceEditor(a.page, 'Krachten', 'Ouders')
    const edB = voiceEditor(b.page, 'Krachten', 'Ouders')
    await typeAtEnd(a.page, edA, 'Rekent sterk.')
    await waitForText(edB, (t) => t === 'Rekent sterk.', 'first text on B')

    await b.context.setOffline(true)
    await waitForSyncState(b.page, 'saved-local')
    await b.page.getByRole('status').filter({ hasText: 'Opgeslagen op dit apparaat · offline' }).waitFor()

    await typeAtEnd(a.page, edA, ' Helpt anderen.')
    await typeAtEnd(b.page, edB, ' Leest graag.')
    await screenshot(b.page, 'offline-b-offline')
    // B, offline, has not seen A's edit
    expect(await edB.innerText()).not.toContain('Helpt anderen.')

    await b.context.setOffline(false)
    const merged = await waitForText(edA, (t) => t.includes('Leest graag.') && t.includes('Helpt anderen.'), 'B’s offline edit on A', 30_000)
    await waitForText(edB, (t) => t === merged, 'B converged with A', 30_000)
    expect(merged).toContain('Rekent sterk.')
    await waitForSyncState(b.page, 'synced', 30_000)
    await screenshot(b.page, 'offline-b-back')
  }, 60_000)

  it('reloads while offline: the app comes from the service worker and the plan from IndexedDB', async () => {
    // start from a fresh, connected page whatever the test before left behind
    await b.context.setOffline(false)
    await b.page.reload()
    await unlockAfterReload(b.page) // a reload locks the device
    await waitForSyncState(b.page, 'synced', 30_000)
    const planUrl = b.page.url()
    // the service worker controls the page once it has installed
    await b.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 })
    const edB = voiceEditor(b.page, 'Vraag', 'Ouders')
    await typeAtEnd(b.page, edB, 'Hoe houden we het rustig thuis?')
    await waitForSyncState(b.page, 'synced', 20_000)

    await b.context.setOffline(true)
    await typeAtEnd(b.page, edB, ' (offline)')
    await b.page.waitForTimeout(300) // let the bridge seal it into IndexedDB
    await b.page.reload()
    await unlockAfterReload(b.page) // offline too: the keyring is on the device
    expect(b.page.url()).toBe(planUrl)
    await b.page.getByRole('heading', { level: 1, name: 'Plan van Noor' }).waitFor({ timeout: 20_000 })
    await waitForText(
      voiceEditor(b.page, 'Vraag', 'Ouders'),
      (t) => t === 'Hoe houden we het rustig thuis? (offline)',
      'the plan from IndexedDB after an offline reload',
    )
    await waitForSyncState(b.page, 'saved-local')
    await screenshot(b.page, 'offline-reload')

    // and the offline edit reaches A once B is back
    await b.context.setOffline(false)
    await waitForText(voiceEditor(a.page, 'Vraag', 'Ouders'), (t) => t.endsWith('(offline)'), 'offline edit on A after reconnect', 30_000)
    expect(b.errors).toEqual([])
  }, 60_000)
})
