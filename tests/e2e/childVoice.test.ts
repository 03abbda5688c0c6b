/**
 * "Hoe denk jij erover?" in the built PWA with the real relay, on a phone (390×844): a mother with
 * gezag fills in the child's form with her child, one question a screen: faces as a radio group
 * (by touch and by the arrow keys), then the open questions. What they answer is the child's voice:
 * the voices section shows it under "Kind", with the faces and who helps. A youth (under 16)
 * invited on its own phone answers too, and the mother sees it. Before a meeting, "Voor jou" asks
 * the mother to prepare it; her answers (P10: hers) show to the youth on the meeting's preparation
 * page, and open the meeting's "Wat gaat goed?" and "Zorgen". axe-core over every step's kind, the
 * preparation page and the meeting.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { hasChromium, screenshot, typeAtEnd, useApp, voiceEditor, waitForText, type Device, type Person } from './helpers'
import { dutchDate, seriousAxeViolations, todayIso } from './sectionHelpers'

const kindCard = (page: Page) => page.getByTestId('voice-card-kind')
const next = (page: Page) => page.getByRole('button', { name: 'Volgende', exact: true })
const faces = (page: Page, question: string) => page.getByRole('radiogroup', { name: question })

async function openChildForm(page: Page): Promise<void> {
  await kindCard(page).getByRole('link', { name: 'Hoe denk jij erover? Vragen voor het kind' }).click()
  await page.getByRole('heading', { level: 2, name: 'Hoe denk jij erover?' }).waitFor()
}

async function answer(page: Page, question: string, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: question })
  await editor.waitFor({ timeout: 20_000 })
  await typeAtEnd(page, editor, text)
  await waitForText(editor, (t) => t.includes(text), question)
}

describe.skipIf(!hasChromium)('e2e: the child’s own voice, on a phone', () => {
  const app = useApp()
  let mum: Person
  let youth: Device

  beforeAll(async () => {
    mum = await app.person('Fatima (moeder)', { plan: 'Sam', phone: true })
  }, 120_000)

  it('a mother and her child of 8 answer one question a screen; the answers are the child’s voice', async () => {
    const p = mum.page
    expect(p.viewportSize()).toEqual({ width: 390, height: 844 })
    await openChildForm(p)
    await p.getByText('Vraag 1 van 7').waitFor()
    // she is a parent: the form says how to fill it in together
    await p.getByText('Schrijf op wat je kind zegt').waitFor()

    // faces: a radio group with a word under every face, big enough for a finger
    const school = faces(p, 'Hoe gaat het op school?')
    await school.waitFor()
    expect(await school.getByRole('radio').count()).toBe(5)
    for (const label of ['Heel slecht', 'Niet zo goed', 'Gaat wel', 'Goed', 'Heel goed']) {
      const tile = p.locator('label.child-face').filter({ has: p.getByRole('radio', { name: label, exact: true }) })
      const box = (await tile.boundingBox())!
      expect(box.height, label).toBeGreaterThanOrEqual(44)
      expect(box.width, label).toBeGreaterThanOrEqual(44)
    }
    await p
      .locator('label.child-face')
      .filter({ has: p.getByRole('radio', { name: 'Goed', exact: true }) })
      .tap()
    expect(await school.getByRole('radio', { name: 'Goed', exact: true }).isChecked()).toBe(true)
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'child-voice-faces-phone')
    await next(p).tap()

    // the keyboard works as in any radio group: arrows move the choice
    const home = faces(p, 'Hoe gaat het thuis?')
    await home.getByRole('radio', { name: 'Goed', exact: true }).check()
    await p.keyboard.press('ArrowDown')
    expect(await home.getByRole('radio', { name: 'Heel goed', exact: true }).isChecked()).toBe(true)
    await next(p).tap()
    // a question may be skipped
    await faces(p, 'Hoe gaat het met je vrienden?').waitFor()
    await next(p).tap()

    await answer(p, 'Wat gaat goed op school?', 'Gym en tekenen')
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'child-voice-question-phone')
    await next(p).tap()
    await answer(p, 'Wat vind je moeilijk?', 'Lezen en stil zitten')
    await next(p).tap()
    await answer(p, 'Wat wil je dat anders wordt?', 'Meer pauze')
    await next(p).tap()
    await answer(p, 'Wie helpt jou?', 'Juf Anne en opa')
    await p.getByText('Vraag 7 van 7').waitFor()
    await p.getByRole('button', { name: 'Klaar', exact: true }).tap()

    await p.getByText('Dank je wel!').waitFor()
    await p.getByText('Hoe gaat het op school?: Goed').waitFor()
    expect(await seriousAxeViolations(p)).toEqual([])
    await p.getByRole('link', { name: 'Terug naar het plan' }).last().tap()

    // the child's voice, in the voices section: its own fields, the faces and who helps
    await waitForText(voiceEditor(p, 'Krachten', 'Kind'), (t) => t.includes('Gym en tekenen'), 'the child’s strengths')
    await waitForText(voiceEditor(p, 'Zorgen', 'Kind'), (t) => t.includes('Lezen en stil zitten'), 'the child’s worries')
    await waitForText(voiceEditor(p, 'Vraag', 'Kind'), (t) => t.includes('Meer pauze'), 'the child’s question')
    const summary = kindCard(p).getByTestId('child-voice-summary')
    await summary.getByText('Hoe gaat het thuis?: Heel goed').waitFor()
    await summary.getByText('Juf Anne en opa').waitFor()
    expect(await summary.getByText(/vrienden/).count()).toBe(0)
    await screenshot(p, 'child-voice-in-plan-phone')
    expect(await seriousAxeViolations(p)).toEqual([])
    expect(mum.errors).toEqual([])
  }, 120_000)

  it('a youth invited on its own phone answers in its own voice; the mother sees it', async () => {
    youth = await app.invitee(mum, 'contributor', 'Sam', { who: { party: 'youth' }, phone: true })
    const p = youth.page
    await openChildForm(p)
    // not a parent: no line about filling it in together
    expect(await p.getByText('Schrijf op wat je kind zegt').count()).toBe(0)
    await faces(p, 'Hoe gaat het op school?').getByRole('radio', { name: 'Heel goed', exact: true }).check()
    await p
      .locator('label.child-face')
      .filter({ has: p.getByRole('radio', { name: 'Heel goed', exact: true }) })
      .waitFor()
    await kindCard(mum.page).getByTestId('child-voice-summary').getByText('Hoe gaat het op school?: Heel goed').waitFor({ timeout: 20_000 })
    expect(youth.errors).toEqual([])
  }, 120_000)

  it('Voor jou asks the mother to prepare the meeting; her answers show to the others', async () => {
    const p = mum.page
    await p.goto(`/#/plan/${mum.planId}`)
    await p.getByRole('button', { name: 'Overleg starten' }).click()
    await p.waitForURL(/\/overleg\//)
    const meetingId = /\/overleg\/([0-9a-f]+)/.exec(p.url())![1]!
    await p.goto(`/#/plan/${mum.planId}`)
    const ask = p.getByRole('region', { name: 'Voor jou' }).getByRole('link', { name: `Bereid het overleg van ${dutchDate(todayIso())} voor` })
    await ask.tap({ timeout: 20_000 })
    await p.getByRole('heading', { level: 2, name: `Voorbereiding: overleg van ${dutchDate(todayIso())}` }).waitFor()
    await answer(p, 'Wat gaat goed?', 'Hij leest elke avond voor')
    await answer(p, 'Waar maak ik me zorgen over?', 'Hij slaapt slecht')
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'prep-form-phone')
    // prepared: no longer asked
    await p.getByRole('link', { name: 'Terug naar het plan' }).tap()
    await p.getByRole('region', { name: 'Voor jou' }).waitFor()
    expect(await p.getByRole('link', { name: /Bereid het overleg van/ }).count()).toBe(0)
    // the list of meetings still links to the preparation of a meeting ahead
    const prepare = p.locator('#meetings-list').getByRole('link', { name: /^Voorbereiden: / })
    expect(await prepare.getAttribute('href')).toBe(`#/plan/${mum.planId}/voorbereiden/${meetingId}`)

    // in the meeting, "Wat gaat goed?" and "Zorgen" open with what she wrote, each its own answer
    await p.goto(`/#/plan/${mum.planId}/overleg/${meetingId}`)
    const parentsWrote = (kind: string) => p.locator(`[data-agenda-kind="${kind}"]`).getByRole('region', { name: 'Wat ouders vooraf schreven' })
    await parentsWrote('gaat goed').getByText('Hij leest elke avond voor').waitFor({ timeout: 20_000 })
    await parentsWrote('zorgen').getByText('Hij slaapt slecht').waitFor()
    await parentsWrote('zorgen').getByText('Van Fatima (moeder)').waitFor()
    expect(await parentsWrote('gaat goed').getByText('Hij slaapt slecht').count()).toBe(0)
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'meeting-opens-with-preparation-phone')

    // someone else in the plan reads them on the meeting's preparation page, under her name
    const y = youth.page
    await y.goto(`/#/plan/${mum.planId}/voorbereiden/${meetingId}`)
    const others = y.getByRole('region', { name: 'Wat anderen hebben voorbereid' })
    await others.getByText('Van Fatima (moeder)').waitFor({ timeout: 20_000 })
    await others.getByText('Hij slaapt slecht').waitFor({ timeout: 20_000 })
    // and its own form, empty, beside them
    await y.getByRole('textbox', { name: 'Wat wil ik bespreken?' }).waitFor()
    expect(await seriousAxeViolations(y)).toEqual([])
    expect(mum.errors).toEqual([])
    expect(youth.errors).toEqual([])
  }, 120_000)
})
