/**
 * Issue 14, limits, errors and the look, in the browser: a title stops at its limit with a
 * counter; a form's error is tied to its field and takes the focus; a passphrase that is not
 * repeated the same is said on the second field; every main view reflows at 320 px wide and at
 * 200 % zoom without sideways scrolling (WCAG 1.4.10); the editor's toolbar stays one row.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { LINE_MAX, NAME_MAX, SHORT_TEXT_MAX, TITLE_MAX } from '../../src/plan/limits'
import { createPlan, createProfile, hasChromium, screenshot, typeAtEnd, useApp, voiceEditor, waitForSyncState, waitForText, type Device } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'
import { sidewaysScroll, tooWide } from './reflowHelpers'

/** The id the focused element has, or '' */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

describe.skipIf(!hasChromium)('e2e: limits, errors and reflow', () => {
  const app = useApp()
  let a: Device
  let planUrl = ''

  beforeAll(async () => {
    a = await app.device('A')
    await a.page.goto('/')
    await createProfile(a.page, 'Anna')
    await createPlan(a.page, 'Daan')
    planUrl = a.page.url()
    await waitForSyncState(a.page, 'synced')
  }, 60_000)

  it('an empty goal title is refused on its field, which is described by the message and gets the focus', async () => {
    const page = a.page
    await page.getByRole('button', { name: 'Doel toevoegen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nieuw doel' })
    await dialog.getByRole('button', { name: 'Doel toevoegen' }).click()
    const title = dialog.getByLabel('Doel', { exact: true })
    expect(await title.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await title.getAttribute('aria-describedby'))!.split(' ')
    const error = page.locator(`#${describedBy[0]}`)
    expect(await error.innerText()).toBe('Vul dit in.')
    expect(await error.getAttribute('class')).toContain('utrecht-form-field-error-message')
    await expect.poll(() => focusedId(page)).toBe(await title.getAttribute('id'))
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('typing a goal title past its limit is stopped, with a counter near the limit', async () => {
    const page = a.page
    const dialog = page.getByRole('dialog', { name: 'Nieuw doel' })
    const title = dialog.getByLabel('Doel', { exact: true })
    const id = (await title.getAttribute('id'))!
    const counter = page.locator(`#${id}-count`)
    await title.fill('Sam leest')
    expect(await counter.innerText()).toBe('') // far from the limit: no noise
    await title.fill('x'.repeat(TITLE_MAX - 10))
    expect(await counter.innerText()).toBe(`Nog 10 van ${TITLE_MAX} tekens`)
    expect(await title.getAttribute('aria-describedby')).toContain(`${id}-count`)
    await title.press('End')
    await page.keyboard.type('y'.repeat(25))
    expect(await title.inputValue()).toHaveLength(TITLE_MAX)
    expect(await counter.innerText()).toBe(`Maximaal ${TITLE_MAX} tekens: meer past er niet in`)
    // an 11,600-character paste is cut at the limit too
    await title.fill('')
    await title.evaluate((el: HTMLInputElement, text) => {
      el.focus()
      document.execCommand('insertText', false, text)
    }, 'Sam leest. '.repeat(1055))
    expect(await title.inputValue()).toHaveLength(TITLE_MAX)
    await dialog.getByRole('button', { name: 'Doel toevoegen' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const heading = page.locator('.sp-goal .sp-item__title').first()
    expect((await heading.innerText()).length).toBeLessThanOrEqual(TITLE_MAX)
  })

  it('a passphrase repeated differently is said on the second field, which gets the focus; the first stays valid', async () => {
    const b = await app.device('B')
    const page = b.page
    await page.goto('/')
    await page.getByLabel('Hoe heet je?').fill('Bram')
    await page.getByLabel('Kies een wachtwoord').fill('fiets wolk appel trein')
    await page.getByLabel('Herhaal het wachtwoord').fill('fiets wolk appel tram')
    await page.getByRole('button', { name: 'Verder' }).click()
    const first = page.getByLabel('Kies een wachtwoord')
    const repeat = page.getByLabel('Herhaal het wachtwoord')
    await expect.poll(() => focusedId(page)).toBe(await repeat.getAttribute('id'))
    expect(await repeat.getAttribute('aria-invalid')).toBe('true')
    expect(await first.getAttribute('aria-invalid')).toBeNull()
    const message = page.locator(`#${await repeat.getAttribute('aria-describedby')}`)
    expect(await message.innerText()).toBe('De twee wachtwoorden zijn niet gelijk.')
    expect(await first.getAttribute('aria-describedby')).not.toContain('error')
    expect(await seriousAxeViolations(page)).toEqual([])
    await b.context.close()
  })

  /** Every main view: home, the plan (with team and activity), its onderbouwing and print view, settings, accessibility. */
  async function eachView(page: Page, check: (view: string) => Promise<void>): Promise<void> {
    const planId = /#\/plan\/([A-Za-z0-9_-]+)/.exec(planUrl)![1]!
    const views: [string, string, () => Promise<unknown>][] = [
      ['home', '#/', () => page.getByRole('heading', { level: 1, name: 'Plannen op dit apparaat' }).waitFor()],
      ['plan', `#/plan/${planId}`, () => voiceEditor(page, 'Zorgen', 'Kind').waitFor()],
      [
        'onderbouwing',
        `#/plan/${planId}/onderbouwing`,
        () =>
          page
            .getByRole('heading', { name: /Aanvraag bij de gemeente/ })
            .first()
            .waitFor(),
      ],
      [
        'afdrukken',
        `#/plan/${planId}/afdrukken`,
        () =>
          page
            .getByRole('heading', { name: /Ondersteuningsplan/ })
            .first()
            .waitFor(),
      ],
      ['settings', '#/instellingen', () => page.getByRole('heading', { level: 1, name: 'Instellingen' }).waitFor()],
      ['accessibility', '#/toegankelijkheid', () => page.getByRole('heading', { level: 1 }).waitFor()],
    ]
    for (const [view, hash, ready] of views) {
      await page.evaluate((h) => (location.hash = h), hash)
      await ready()
      await check(view)
    }
  }

  it('every main view at 320 × 640 has no sideways scroll', async () => {
    const page = a.page
    await page.setViewportSize({ width: 320, height: 640 })
    const wide: string[] = []
    await eachView(page, async (view) => {
      const over = await sidewaysScroll(page)
      if (over > 0) wide.push(`${view}: ${over}px: ${(await tooWide(page)).join(', ')}`)
      await screenshot(page, `reflow-320-${view}`)
      // the views whose narrow layout changed (stacked facts and tables, smaller headings)
      if (view === 'plan' || view === 'onderbouwing' || view === 'afdrukken') expect(await seriousAxeViolations(page), view).toEqual([])
    })
    expect(wide).toEqual([])
    // the plan's summary keeps "Basisondersteuning" whole (it broke as "Basisondersteu-/ning" mid-word)
    await page.evaluate((h) => (location.hash = h), new URL(planUrl).hash)
    const level = page.locator('dd', { hasText: /^Basisondersteuning$/ }).first()
    await level.waitFor()
    const lines = await level.evaluate((dd) => {
      const range = document.createRange()
      range.selectNodeContents(dd)
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
    })
    expect(lines).toBe(1)
  })

  it('at 200 % zoom (a 1280 × 800 window seen as 640 × 400 CSS px) no view scrolls sideways', async () => {
    // what a 1280 px window shows at 200 %: 640 CSS px wide (the same layout as zooming the page)
    const page = a.page
    await page.setViewportSize({ width: 640, height: 400 })
    const wide: string[] = []
    await eachView(page, async (view) => {
      const over = await sidewaysScroll(page)
      if (over > 0) wide.push(`${view}: ${over}px: ${(await tooWide(page)).join(', ')}`)
    })
    expect(wide).toEqual([])
  })

  it("the rich editor's toolbar stays one row at its usual widths, and no word in the plan summary breaks inside", async () => {
    const page = a.page
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.evaluate((h) => (location.hash = h), new URL(planUrl).hash)
      const toolbar = page.getByRole('toolbar', { name: /Opmaak van/ }).first()
      await toolbar.waitFor()
      const rows = await toolbar.locator('button').evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size)
      const sizes = await toolbar.evaluate(
        (t) =>
          `${Math.round(t.getBoundingClientRect().width)}px for ${[...t.querySelectorAll('button')].map((b) => Math.round(b.getBoundingClientRect().width)).join('+')}`,
      )
      expect(rows, `toolbar rows at ${width}px: ${sizes}`).toBe(1)
      // each button's label on one line: "Schuin" does not wrap
      const tall = await toolbar
        .locator('button')
        .evaluateAll((buttons) => buttons.filter((b) => b.scrollHeight > b.clientHeight + 1 || b.getClientRects().length > 1).map((b) => b.textContent))
      expect(tall).toEqual([])
    }
    await page.setViewportSize({ width: 1280, height: 900 })
  })
  /** What the field with `id` says is wrong, through its aria-describedby (the error comes first). */
  const errorOf = async (page: Page, id: string) => {
    const first = (await page.locator(`#${id}`).getAttribute('aria-describedby'))?.split(' ')[0]
    return first?.endsWith('-error') ? page.locator(`#${first}`).innerText() : ''
  }

  it('the uitstroom: a refused value sent takes the focus to its error on the field; leaving the field shows it without pulling the focus back', async () => {
    const page = a.page
    await page.evaluate((h) => (location.hash = h), new URL(planUrl).hash)
    const field = page.locator('#opp-uitstroom')
    await field.waitFor()
    // the field stops typing at the limit; past it (an older client's form, a script) the model refuses
    await field.evaluate((el) => el.removeAttribute('maxlength'))
    await field.fill('v'.repeat(SHORT_TEXT_MAX + 1))
    await field.press('Enter')
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    expect(await errorOf(page, 'opp-uitstroom')).toBe(`Dit is te lang: maximaal ${SHORT_TEXT_MAX} tekens.`)
    await expect.poll(() => focusedId(page)).toBe('opp-uitstroom')
    // the error does not hold the focus: Tab moves on, and the field stays marked
    await field.fill('v'.repeat(SHORT_TEXT_MAX + 2))
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedId(page)).not.toBe('opp-uitstroom')
    await page.waitForTimeout(100)
    expect(await focusedId(page)).not.toBe('opp-uitstroom')
    expect(await field.getAttribute('aria-invalid')).toBe('true')
  })

  it("meeting mode: the guest's name and a decision stop at their limits with a counter; an empty one is said on its field, which gets the focus", async () => {
    const page = a.page
    await page.getByRole('radio', { name: /^MDO/ }).check()
    await page.getByRole('button', { name: 'Overleg starten' }).click()
    await page.getByRole('heading', { level: 2, name: /^MDO op / }).waitFor()
    for (const [id, label, button, max] of [
      ['meeting-guest', 'Naam van een gast', 'Gast toevoegen', NAME_MAX],
      ['meeting-decision', 'Nieuw besluit of advies', 'Besluit toevoegen', LINE_MAX],
    ] as const) {
      const field = page.getByLabel(label)
      expect(await field.getAttribute('id')).toBe(id)
      await page.getByRole('button', { name: button }).click()
      expect(await field.getAttribute('aria-invalid'), label).toBe('true')
      expect(await errorOf(page, id), label).toBe('Vul dit in.')
      await expect.poll(() => focusedId(page)).toBe(id)
      await field.fill('y'.repeat(max - 5))
      expect(await page.locator(`#${id}-count`).innerText(), label).toBe(`Nog 5 van ${max} tekens`)
      await field.press('End')
      await page.keyboard.type('z'.repeat(10))
      expect(await field.inputValue(), label).toHaveLength(max)
      expect(await page.locator(`#${id}-count`).innerText(), label).toBe(`Maximaal ${max} tekens: meer past er niet in`)
      await page.getByRole('button', { name: button }).click()
      await expect.poll(() => field.inputValue()).toBe('')
      expect(await field.getAttribute('aria-invalid'), label).toBeNull()
    }
    expect(await page.locator('.sp-guests li').first().innerText()).toContain('y'.repeat(NAME_MAX - 5))
    expect(await page.locator('.doc-decisions__list li').first().innerText()).toContain('y'.repeat(LINE_MAX - 5))
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Terug naar het plan' }).click()
  })

  describe('with a second device', () => {
    let b: Device

    beforeAll(async () => {
      await a.page.evaluate((h) => (location.hash = h), new URL(planUrl).hash)
      b = await app.invitee(a, 'editor', 'Bram')
    }, 60_000)

    it("a remote cursor's name label lets clicks through to the text under it", async () => {
      const editorA = voiceEditor(a.page, 'Zorgen', 'Ouders')
      const editorB = voiceEditor(b.page, 'Zorgen', 'Ouders')
      const first = 'Eerste regel: Daan slaapt slecht en is vaak moe'
      await typeAtEnd(a.page, editorA, `${first}\nTweede regel`)
      await waitForText(editorB, (t) => t.includes('Tweede regel'), "A's text on B")
      // B's caret at the start of the second line: its label sits over the start of the first
      await editorB.click()
      await b.page.keyboard.press('Control+End')
      await b.page.keyboard.press('Home')
      const hostA = editorA.locator('xpath=..')
      const cursor = hostA.locator('.ql-cursor', { has: a.page.locator('.ql-cursor-name', { hasText: 'Bram' }) })
      await cursor.waitFor({ state: 'attached', timeout: 20_000 })
      // the label shows for a few seconds after each move (and on hover): shown for good here, so the check does not race it
      await cursor.locator('.ql-cursor-caret-container').evaluate((el) => el.classList.add('hover'))
      const flag = cursor.locator('.ql-cursor-flag')
      await flag.waitFor({ state: 'visible' })
      await expect.poll(async () => (await flag.boundingBox())?.y ?? -1).toBeGreaterThan(0)
      await a.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      const box = (await flag.boundingBox())!
      const x = box.x + box.width / 2
      const y = box.y + box.height / 2
      // what is under the label's middle is the text, not the label
      expect(await a.page.evaluate(([px, py]) => !!document.elementFromPoint(px!, py!)?.closest('.ql-editor'), [x, y])).toBe(true)
      await a.page.mouse.click(x, y)
      expect(await editorA.evaluate((el) => el === document.activeElement)).toBe(true)
      // the caret went into the first line, where the click was
      const caretLine = await a.page.evaluate(() => window.getSelection()?.anchorNode?.textContent ?? '')
      expect(caretLine).toContain('Eerste regel')
      await screenshot(a.page, 'limits-cursor-click-through')
    })

    it('the goal title edited together stops at its limit, on both devices', async () => {
      const page = a.page
      await page.getByRole('button', { name: 'Doel toevoegen' }).click()
      const dialog = page.getByRole('dialog', { name: 'Nieuw doel' })
      const start = 'Daan leest elke dag'
      await dialog.getByLabel('Doel', { exact: true }).fill(start)
      await dialog.getByRole('button', { name: 'Doel toevoegen' }).click()
      await dialog.waitFor({ state: 'hidden' })
      const card = (p: Page) => p.locator('.sp-goal', { hasText: start })
      await card(page)
        .getByRole('button', { name: /^Details/ })
        .click()
      const title = card(page).locator('[data-testid$="-title"] .ql-editor')
      await title.waitFor()
      // typed to the limit and past it: what is past it is taken back at once
      await typeAtEnd(page, title, ` ${'t'.repeat(TITLE_MAX - start.length - 1 - 3)}`)
      await waitForText(title, (t) => t.length === TITLE_MAX - 3, 'the title three short of the limit')
      await page.keyboard.type('abcdefgh')
      const full = await waitForText(title, (t) => t.length === TITLE_MAX, 'the title at its limit')
      expect(full.endsWith('tabc')).toBe(true)
      // a long paste is cut at the limit too
      await page.keyboard.press('Control+Home')
      await page.evaluate((text) => document.execCommand('insertText', false, text), 'Sam leest. '.repeat(1055))
      await page.waitForTimeout(300)
      const final = (await title.innerText()).replace(/\n+$/, '')
      expect(final).toHaveLength(TITLE_MAX)
      // the other device gets the title as it stands: at the limit
      await card(b.page)
        .getByRole('button', { name: /^Details/ })
        .click({ timeout: 20_000 })
      const titleB = card(b.page).locator('[data-testid$="-title"] .ql-editor')
      const onB = await waitForText(titleB, (t) => t === final, "A's title on B")
      expect(onB).toHaveLength(TITLE_MAX)
    })
  })
})
