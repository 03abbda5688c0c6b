/**
 * [issue 10 §3] The service worker's push handler in the built PWA, a push delivered through
 * Chromium's DevTools protocol (ServiceWorker.deliverPushMessage) as a push service would: it
 * carries only the plan's tag; an unlocked window names the child, a locked one does not; the
 * settings offer the choice per plan: all new things, only my afspraken and meetings, or nothing.
 */
import { describe, expect, it } from 'vitest'
import { hasChromium, unlock, useApp } from './helpers'

const TAG = 'tag-voor-noor-0123456789'

describe.skipIf(!hasChromium)('e2e: Web Push in the service worker', () => {
  const app = useApp()

  it('an unlocked window names the child in the notification; a locked one says only that something is new', async () => {
    const anna = await app.person('Anna', { plan: 'Noor van Dijk' })
    const page = anna.page
    await anna.context.grantPermissions(['notifications'], { origin: app.relay.url })
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 })
    // what enabling push stores on this device: the tag that stands for the plan
    await page.evaluate(([planId, tag]) => localStorage.setItem(`samenplan-push-tag:${planId}`, tag!), [anna.planId!, TAG])

    const cdp = await anna.context.newCDPSession(page)
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; isDeleted: boolean }[] }) => {
        const live = e.registrations.find((r) => !r.isDeleted)
        if (live) resolve(live.registrationId)
      })
    })
    await cdp.send('ServiceWorker.enable')
    const deliver = async () =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: new URL(app.relay.url).origin,
        registrationId: await registrationId,
        data: JSON.stringify({ t: TAG }),
      })
    const titles = () => page.evaluate(async () => (await (await navigator.serviceWorker.getRegistration())!.getNotifications()).map((n) => n.title))

    await deliver()
    await expect.poll(titles, { timeout: 10_000 }).toEqual(['Er is iets nieuws in het plan van Noor'])

    // locked: the same push, and the notification names nobody
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 20_000 })
    await deliver()
    await expect.poll(titles, { timeout: 10_000 }).toEqual(['Er is iets nieuws in een plan'])

    // the settings offer the choice for this plan on this device, as labelled radio buttons; off until chosen
    await unlock(page)
    await page.getByRole('button', { name: 'Vergrendelen' }).waitFor({ timeout: 20_000 })
    await page.goto('/#/instellingen')
    await page.getByRole('heading', { name: 'Meldingen op dit apparaat' }).waitFor()
    const choice = page.getByRole('group', { name: 'Meldingen voor het plan van Noor van Dijk' })
    await choice.waitFor()
    expect(await choice.getByRole('radio').count()).toBe(3)
    await choice.getByRole('radio', { name: /^Alle nieuwe dingen/ }).waitFor()
    await choice.getByRole('radio', { name: /^Alleen mijn afspraken en overleggen/ }).waitFor()
    expect(await choice.getByRole('radio', { name: /^Niets/ }).isChecked()).toBe(true)
    expect(anna.errors).toEqual([])
  }, 120_000)
})
