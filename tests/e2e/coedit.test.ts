/**
 * Moment 1 of the design: co-editing during a meeting. Two devices (two browser contexts), the
 * real relay serving the built PWA: A creates a plan and invites B as editor through the share
 * dialog; B accepts; both type into the same voices field and see each other's text and name.
 */
import { describe, expect, it } from 'vitest'
import { createInvite, createProfile, hasChromium, screenshot, typeAtEnd, useApp, voiceEditor, waitForSyncState, waitForText, type Person } from './helpers'

describe.skipIf(!hasChromium)('e2e: co-editing a plan on two devices', () => {
  const app = useApp()
  let a: Person

  it('invites an editor by link and both see each other typing, with names', async () => {
    // A: first run, a new plan
    a = await app.person('Anna (IB)', { plan: 'Sam' })

    // A: invite B as editor (Bewerken)
    const link = await createInvite(a.page, 'editor', '1 dag', 'Bram')
    expect(link).toMatch(new RegExp(`^${app.relay.url}/#/join/[A-Za-z0-9_-]{43}/[A-Za-z0-9_-]{43}$`))

    // B: opens the link, names themselves, sees what they are invited to, accepts
    const b = await app.device('B')
    await b.page.goto(link)
    await createProfile(b.page, 'Bram (mentor)')
    await b.page.getByText('plan van Sam').waitFor({ timeout: 20_000 })
    await b.page.getByText('Bewerken (bewerker)', { exact: true }).waitFor()
    await screenshot(b.page, 'coedit-join')
    await b.page.getByRole('button', { name: 'Uitnodiging accepteren' }).click()
    await b.page.getByRole('heading', { level: 1, name: 'Plan van Sam' }).waitFor({ timeout: 20_000 })
    expect(b.page.url()).not.toContain('/join/') // the spent secret left the address bar
    await waitForSyncState(b.page, 'synced')
    await b.page.getByText('Jouw rol: Bewerken (bewerker)').waitFor()

    // both in the same field
    const edA = voiceEditor(a.page, 'Zorgen', 'Kind')
    const edB = voiceEditor(b.page, 'Zorgen', 'Kind')
    await typeAtEnd(a.page, edA, 'Slaapt slecht. ')
    await waitForText(edB, (t) => t.includes('Slaapt slecht.'), 'A’s text on B')
    await typeAtEnd(b.page, edB, 'Is vaak moe op maandag.')
    await waitForText(edA, (t) => t.includes('Is vaak moe op maandag.'), 'B’s text on A')
    // at the same time
    await Promise.all([typeAtEnd(a.page, edA, ' (A)'), typeAtEnd(b.page, edB, ' (B)')])
    // typed at once, the two may interleave letter by letter: what counts is that every letter of
    // both is there, after the text both had before
    const before = 'Slaapt slecht. Is vaak moe op maandag.'
    const letters = (s: string) => [...s].sort().join('')
    const both = (t: string) => t.startsWith(before) && letters(t.slice(before.length)) === letters(' (A) (B)')
    const final = await waitForText(edA, both, 'both concurrent edits on A')
    await waitForText(edB, (t) => t === final, 'B equal to A')

    // B's cursor, with B's name, shows in A's editor; and the who-is-here lists name each other
    await a.page.locator('[data-testid="voice-kind-zorgen"] .ql-cursor-name', { hasText: 'Bram (mentor)' }).waitFor({ state: 'attached', timeout: 10_000 })
    await a.page.locator('.presence__list', { hasText: 'Bram (mentor)' }).waitFor({ timeout: 10_000 })
    await b.page.locator('.presence__list', { hasText: 'Anna (IB)' }).waitFor({ timeout: 10_000 })
    await screenshot(a.page, 'coedit-a')
    await screenshot(b.page, 'coedit-b')

    // an invite link works once: a third device is refused with a clear message. The relay
    // refuses a spent invite key's connection, which the access layer reports today as
    // 'invite-invalid'; 'invite-used' is the better message and is accepted too. A device with
    // a profile reads it on the invite page (a fresh browser reads it before making a profile:
    // tests/e2e/invite.test.ts)
    const c = await app.person('Chris', { device: 'C' })
    await c.page.goto(link)
    const refusal = c.page.getByRole('alert').filter({ hasText: /al gebruikt|Deze link werkt niet/ })
    await refusal.waitFor({ timeout: 20_000 })
    await c.page.getByRole('button', { name: 'Uitnodiging accepteren' }).waitFor({ state: 'detached' })
    await screenshot(c.page, 'coedit-used-invite')
    await c.context.close()

    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
  }, 90_000)

  it('a reader sees the plan live but gets read-only editors and no share button', async () => {
    const r = await app.invitee(a, 'reader', 'Rita (ouder)', { expiry: '1 uur', unnamed: true })
    await r.page.getByText('Jouw rol: Meelezen (lezer)').waitFor()
    await r.page.getByText('Je kunt dit plan lezen, maar niet wijzigen.').waitFor()
    const edR = voiceEditor(r.page, 'Zorgen', 'Kind')
    const edA = voiceEditor(a.page, 'Zorgen', 'Kind')
    await waitForText(edR, async () => true, 'editor present')
    expect(await edR.getAttribute('aria-readonly')).toBe('true')
    expect(await edR.getAttribute('contenteditable')).toBe('false')
    expect(await r.page.getByRole('button', { name: 'Delen', exact: true }).count()).toBe(0)
    await typeAtEnd(a.page, edA, ' Nieuw.')
    const text = await waitForText(edR, (t) => t.endsWith('Nieuw.'), 'A’s edit on the reader')
    expect(text).toBe((await edA.innerText()).replace(/\n+$/, ''))
    await screenshot(r.page, 'coedit-reader')
    expect(r.errors).toEqual([])
    await r.context.close()
  }, 60_000)
})
