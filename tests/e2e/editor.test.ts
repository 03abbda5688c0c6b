/**
 * Rich text, undo of one's own changes and search within a plan, in the built PWA on two devices
 * (two browser contexts) with the real relay: A makes a heading, lists and bold text in a voice
 * field through the toolbar (by click and by keyboard) and B's editor shows the same structure;
 * both type in one field and A's Ctrl+Z takes away only A's last typing, on both devices; the
 * plan's "Ongedaan maken" and Ctrl+Z revert A's new observation and goal but not B's; search finds
 * a goal and an observation and moves the focus to them. axe-core finds no serious or critical
 * violations with the toolbar shown; a reader sees the formatting without toolbar or undo; no
 * console errors (the relay's CSP included).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { hasChromium, screenshot, useApp, voiceEditor, waitForText, type Device } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

/** the structure of an editor's content: tag (and list kind) with the text of each block and bold run */
async function structure(editor: Locator): Promise<string[]> {
  return editor.evaluate((root) => {
    const out: string[] = []
    for (const block of Array.from(root.children)) {
      if (block.tagName === 'OL') for (const li of Array.from(block.children)) out.push(`li.${li.getAttribute('data-list')}: ${li.textContent}`)
      else out.push(`${block.tagName.toLowerCase()}: ${block.textContent}`)
      for (const s of Array.from(block.querySelectorAll('strong'))) out.push(`strong: ${s.textContent}`)
      for (const s of Array.from(block.querySelectorAll('em'))) out.push(`em: ${s.textContent}`)
    }
    // a remote device's Quill may show one more empty paragraph at the end: Yjs pads a format
    // past the end of a Y.Text with a newline, and Quill keeps its own final one (y-quill's known quirk)
    while (out.at(-1) === 'p: ') out.pop()
    return out
  })
}

async function waitForStructure(editor: Locator, expected: string[], what: string, timeout = 20_000): Promise<void> {
  const start = Date.now()
  let last: string[] = []
  while (Date.now() - start < timeout) {
    last = await structure(editor)
    if (JSON.stringify(last) === JSON.stringify(expected)) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}; editor holds ${JSON.stringify(last)}`)
}

/** what A writes in "Zorgen – Kind" through the toolbar and shortcuts */
const FORMATTED = [
  'h2: Slapen',
  'li.bullet: Moe na school',
  'li.bullet: Huilt bij het naar bed gaan',
  'li.ordered: Eerst rust',
  'li.ordered: Dan eten',
  'p: Dit is belangrijk en dringend',
  'strong: belangrijk',
  'em: dringend',
]

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))

async function addGoal(page: Page, title: string): Promise<void> {
  await page.getByRole('region', { name: 'Doelen', exact: true }).getByRole('button', { name: 'Doel toevoegen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Nieuw doel' })
  await dialog.getByLabel('Doel', { exact: true }).fill(title)
  await dialog.getByRole('button', { name: 'Doel toevoegen' }).click()
  await dialog.waitFor({ state: 'hidden' })
}

async function addObservation(page: Page, text: string): Promise<void> {
  const quick = page.getByRole('region', { name: 'Observatie toevoegen' })
  await quick.getByLabel('Wat zag je?').fill(text)
  await quick.getByRole('button', { name: 'Observatie opslaan' }).click()
  await page.locator('.sp-observation', { hasText: text }).waitFor()
}

describe.skipIf(!hasChromium)('e2e: rich text, own undo, search within a plan', () => {
  const app = useApp()
  let a: Device // Anna, parent; she made the plan
  let b: Device // Bram, the school's IB'er

  beforeAll(async () => {
    a = await app.person('Anna (moeder)', { plan: 'Sam' })
    b = await app.invitee(a, 'editor', 'Bram (IB)')
  }, 90_000)

  it('A formats a voice field through the toolbar (click and keyboard); B sees heading, lists and bold', async () => {
    const editorA = voiceEditor(a.page, 'Zorgen', 'Kind')
    const toolbar = a.page.getByRole('toolbar', { name: 'Opmaak van Zorgen – Kind' })
    await toolbar.waitFor()
    const button = (name: string) => toolbar.getByRole('button', { name, exact: true })

    // a heading by click: the click keeps the focus (and cursor) in the text
    await editorA.click()
    await a.page.keyboard.type('Slapen')
    await button('Kop').click()
    expect(await isFocused(editorA)).toBe(true)
    expect(await button('Kop').getAttribute('aria-pressed')).toBe('true')
    await a.page.keyboard.press('End')
    await a.page.keyboard.press('Enter')
    expect(await button('Kop').getAttribute('aria-pressed')).toBe('false') // Enter after a heading: a paragraph

    // a bulleted list by keyboard: Shift+Tab into the toolbar (one stop), arrows, Enter; focus back in the text
    await a.page.keyboard.type('Moe na school')
    await a.page.keyboard.press('Shift+Tab')
    expect(await isFocused(toolbar)).toBe(true)
    expect(await button('Kop').evaluate((el) => el === document.activeElement)).toBe(true)
    await a.page.keyboard.press('ArrowRight')
    expect(await button('Lijst met bolletjes').evaluate((el) => el === document.activeElement)).toBe(true)
    await a.page.keyboard.press('Enter')
    expect(await isFocused(editorA)).toBe(true)
    expect(await button('Lijst met bolletjes').getAttribute('aria-pressed')).toBe('true')
    await a.page.keyboard.press('End')
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.type('Huilt bij het naar bed gaan')
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.press('Enter') // an empty list item ends the list

    // Escape from the toolbar goes back to the text
    await a.page.keyboard.press('Shift+Tab')
    expect(await isFocused(toolbar)).toBe(true)
    await a.page.keyboard.press('Escape')
    expect(await isFocused(editorA)).toBe(true)

    // a numbered list by shortcut (Ctrl+Shift+7), bold by Ctrl+B, italic by click
    await a.page.keyboard.press('Control+Shift+7')
    await a.page.keyboard.type('Eerst rust')
    expect(await button('Lijst met nummers').getAttribute('aria-pressed')).toBe('true')
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.type('Dan eten')
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.type('Dit is ')
    await a.page.keyboard.press('Control+b')
    await a.page.keyboard.type('belangrijk')
    expect(await button('Vet').getAttribute('aria-pressed')).toBe('true')
    await a.page.keyboard.press('Control+b')
    await a.page.keyboard.type(' en ')
    expect(await button('Vet').getAttribute('aria-pressed')).toBe('false')
    await button('Schuin').click()
    await a.page.keyboard.type('dringend')

    const expected = FORMATTED
    await waitForStructure(editorA, expected, 'the formatting on A')
    // Quill 2 renders both kinds of list as <ol> with li[data-list]; the formats are Y.Text attributes
    const editorB = voiceEditor(b.page, 'Zorgen', 'Kind')
    await waitForStructure(editorB, expected, 'A’s formatting on B')
    expect(await editorB.locator('h2').count()).toBe(1)
    expect(await editorB.locator('ol > li[data-list="bullet"]').count()).toBe(2)
    expect(await editorB.locator('ol > li[data-list="ordered"]').count()).toBe(2)
    expect(await editorB.locator('strong').innerText()).toBe('belangrijk')

    // short one-line fields stay plain: a goal title has no toolbar (checked below); read-only has none either
    await screenshot(a.page, 'editor-rich-a')
    await screenshot(b.page, 'editor-rich-b')
    expect(await seriousAxeViolations(a.page)).toEqual([])
  }, 90_000)

  it('both type in one field; A’s Ctrl+Z removes only A’s last typing, on both devices; Ctrl+Shift+Z brings it back', async () => {
    const editorA = voiceEditor(a.page, 'Krachten', 'Kind')
    const editorB = voiceEditor(b.page, 'Krachten', 'Kind')
    await editorA.click()
    await a.page.keyboard.type('Sam is lief.')
    await waitForText(editorB, (t) => t === 'Sam is lief.', 'A’s first typing on B')
    await editorB.click()
    await b.page.keyboard.press('Control+End')
    await b.page.keyboard.type(' Hij tekent graag.')
    await waitForText(editorA, (t) => t === 'Sam is lief. Hij tekent graag.', 'B’s typing on A')
    await a.page.keyboard.press('Control+End')
    await a.page.keyboard.type(' Hij fietst.')
    await waitForText(editorB, (t) => t === 'Sam is lief. Hij tekent graag. Hij fietst.', 'A’s last typing on B')

    await a.page.keyboard.press('Control+z')
    for (const e of [editorA, editorB]) await waitForText(e, (t) => t === 'Sam is lief. Hij tekent graag.', 'A’s undo')
    // B's own undo stack is untouched by A: B can still take back its own typing
    await a.page.keyboard.press('Control+Shift+z')
    for (const e of [editorA, editorB]) await waitForText(e, (t) => t === 'Sam is lief. Hij tekent graag. Hij fietst.', 'A’s redo')
    await editorB.click()
    await b.page.keyboard.press('Control+z')
    for (const e of [editorA, editorB]) await waitForText(e, (t) => t === 'Sam is lief. Hij fietst.', 'B’s own undo')

    // the cursor goes to where the undone change was: A writes at the start, moves to the end, undoes, types
    await a.page.keyboard.press('Control+Home')
    await a.page.keyboard.type('Echt: ')
    await waitForText(editorB, (t) => t === 'Echt: Sam is lief. Hij fietst.', 'A’s new start on B')
    await a.page.keyboard.press('Control+End')
    await a.page.keyboard.press('Control+z')
    await waitForText(editorA, (t) => t === 'Sam is lief. Hij fietst.', 'the second undo on A')
    await a.page.keyboard.type('Ja, ')
    for (const e of [editorA, editorB]) await waitForText(e, (t) => t === 'Ja, Sam is lief. Hij fietst.', 'typing where the undo was')
  }, 90_000)

  it('plan-level undo reverts A’s new observation and goal, never B’s', async () => {
    await addGoal(a.page, 'Sam leest elke dag tien minuten')
    await addGoal(b.page, 'Sam rekent met blokjes tot twintig')
    await addObservation(b.page, 'Na het zwembad was Sam heel rustig.')
    await addObservation(a.page, 'Sam vond zijn gymschoenen zelf.')
    for (const d of [a, b]) {
      await d.page.locator('.sp-goal', { hasText: 'Sam leest elke dag tien minuten' }).waitFor({ timeout: 20_000 })
      await d.page.locator('.sp-goal', { hasText: 'Sam rekent met blokjes tot twintig' }).waitFor({ timeout: 20_000 })
      await d.page.locator('.sp-observation', { hasText: 'Sam vond zijn gymschoenen zelf.' }).waitFor({ timeout: 20_000 })
      await d.page.locator('.sp-observation', { hasText: 'Na het zwembad was Sam heel rustig.' }).waitFor({ timeout: 20_000 })
    }
    const undoButton = a.page.getByRole('button', { name: 'Ongedaan maken' })
    expect(await undoButton.getAttribute('aria-disabled')).toBe('false')
    await undoButton.click()
    await a.page.getByRole('status').filter({ hasText: 'Jouw laatste aanpassing is ongedaan gemaakt.' }).waitFor()
    for (const d of [a, b])
      await d.page.locator('.sp-observation', { hasText: 'Sam vond zijn gymschoenen zelf.' }).waitFor({ state: 'detached', timeout: 20_000 })

    // Ctrl+Z with the focus outside any text: the plan-level undo again, now A's goal
    expect(await undoButton.evaluate((el) => el === document.activeElement)).toBe(true)
    await a.page.keyboard.press('Control+z')
    for (const d of [a, b]) await d.page.locator('.sp-goal', { hasText: 'Sam leest elke dag tien minuten' }).waitFor({ state: 'detached', timeout: 20_000 })
    for (const d of [a, b]) {
      expect(await d.page.locator('.sp-goal', { hasText: 'Sam rekent met blokjes tot twintig' }).count()).toBe(1)
      expect(await d.page.locator('.sp-observation', { hasText: 'Na het zwembad was Sam heel rustig.' }).count()).toBe(1)
    }
    // nothing of A's left to undo: B's goal and observation are not on A's stack
    await a.page.keyboard.press('Control+z')
    await a.page.getByRole('status').filter({ hasText: 'Er is niets meer om ongedaan te maken.' }).waitFor()
    expect(await undoButton.getAttribute('aria-disabled')).toBe('true')
    expect(await a.page.locator('.sp-goal', { hasText: 'Sam rekent met blokjes tot twintig' }).count()).toBe(1)

    // "Opnieuw" brings A's goal back on both devices
    await a.page.getByRole('button', { name: 'Opnieuw' }).click()
    for (const d of [a, b]) await d.page.locator('.sp-goal', { hasText: 'Sam leest elke dag tien minuten' }).waitFor({ timeout: 20_000 })
    await screenshot(a.page, 'editor-undo-a')
  }, 90_000)

  it('search finds a goal and an observation; activating a hit moves the focus there; no hits says so', async () => {
    const search = a.page.getByRole('searchbox', { name: 'Zoeken in dit plan' })
    await search.fill('blokjes')
    await a.page.getByRole('status').filter({ hasText: '1 resultaat voor "blokjes"' }).waitFor()
    const goalHit = a.page.getByRole('button', { name: /^Doelen .*blokjes/ })
    await goalHit.waitFor()
    // keyboard: arrow down from the field to the first hit, Enter
    await search.press('ArrowDown')
    expect(await goalHit.evaluate((el) => el === document.activeElement)).toBe(true)
    await a.page.keyboard.press('Enter')
    const goal = a.page.locator('.sp-goal', { hasText: 'Sam rekent met blokjes tot twintig' })
    expect(await goal.evaluate((el) => el === document.activeElement)).toBe(true)
    await screenshot(a.page, 'editor-search-goal')

    await search.fill('ZWEMBAD')
    const obsHit = a.page.getByRole('button', { name: /^Observaties .*zwembad/ })
    await obsHit.waitFor()
    await obsHit.click()
    const obs = a.page.locator('.sp-observation', { hasText: 'Na het zwembad was Sam heel rustig.' })
    expect(await obs.evaluate((el) => el === document.activeElement)).toBe(true)

    // a word in a voice field: the hit leads into the editor itself
    await search.fill('gymschoenen fietst')
    await a.page.getByRole('status').filter({ hasText: 'Geen resultaten voor "gymschoenen fietst".' }).waitFor()
    await search.fill('fietst')
    await a.page.getByRole('button', { name: /^Stem van kind.*fietst/ }).click()
    expect(await isFocused(voiceEditor(a.page, 'Krachten', 'Kind'))).toBe(true)

    await search.fill('xyzzy')
    await a.page.getByRole('status').filter({ hasText: 'Geen resultaten voor "xyzzy".' }).waitFor()
    expect(await a.page.locator('.sp-search__hit').count()).toBe(0)
    await search.fill('rustig')
    await obsHit.waitFor()
    await screenshot(a.page, 'editor-search')
    expect(await seriousAxeViolations(a.page)).toEqual([])
    expect(await seriousAxeViolations(b.page)).toEqual([])

    // a goal title is a one-line field: plain, no toolbar
    const goalCard = a.page.locator('.sp-goal', { hasText: 'Sam rekent met blokjes tot twintig' })
    await goalCard.getByRole('button', { name: /^Details/ }).click()
    await goalCard.getByRole('toolbar', { name: /^Opmaak van Uitleg/ }).waitFor()
    expect(await goalCard.getByRole('toolbar', { name: /^Opmaak van Doel/ }).count()).toBe(0)
  }, 90_000)

  it('a reader sees the formatting, but no toolbar and no undo buttons', async () => {
    const c = await app.invitee(a, 'reader', 'Opa Kees')
    const voiceC = voiceEditor(c.page, 'Zorgen', 'Kind')
    await waitForStructure(voiceC, FORMATTED, 'A’s formatting on the reader’s device')
    expect(await voiceC.getAttribute('aria-readonly')).toBe('true')
    expect(await c.page.getByRole('toolbar').count()).toBe(0)
    expect(await c.page.getByRole('button', { name: 'Ongedaan maken' }).count()).toBe(0)
    // search works for a reader too
    await c.page.getByRole('searchbox', { name: 'Zoeken in dit plan' }).fill('blokjes')
    await c.page.getByRole('button', { name: /^Doelen .*blokjes/ }).waitFor()
    await screenshot(c.page, 'editor-reader')
    expect(await seriousAxeViolations(c.page)).toEqual([])
    expect(c.errors).toEqual([])
    await c.context.close()

    // nothing in the consoles: no CSP refusals, no errors
    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
  }, 90_000)
})
