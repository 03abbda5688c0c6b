/**
 * WCAG 1.4.10 reflow, measured: a view at 320 × 640 (a small phone) and at 640 × 400 (what a
 * 1280 × 800 window shows at 200 % zoom) has no sideways scroll. Shared by limits.test.ts (the
 * main views) and reflow.test.ts (the views one reaches by a link, the lock, meeting mode).
 */
import type { Page } from 'playwright-core'
import { screenshot } from './helpers'

/** The two sizes every view must reflow at. */
export const REFLOW_SIZES = [
  { width: 320, height: 640 },
  { width: 640, height: 400 },
] as const

/** The innermost elements that reach past the right edge, for the failure message. */
export const tooWide = (page: Page) =>
  page.evaluate(() => {
    const w = document.documentElement.clientWidth
    // inside a box that scrolls sideways on its own (a wide table) is fine
    const inScroller = (el: HTMLElement) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return true
      return false
    }
    const over = [...document.querySelectorAll<HTMLElement>('body *')].filter(
      (el) => el.getBoundingClientRect().right > w + 0.5 && el.getClientRects().length > 0 && !inScroller(el),
    )
    // text can run out of its box without the box growing: look at the text too
    const texts: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n && texts.length < 3; n = walker.nextNode()) {
      const range = document.createRange()
      range.selectNodeContents(n)
      const right = Math.max(0, ...[...range.getClientRects()].map((r) => r.right))
      if (right > w + 0.5 && !inScroller(n.parentElement!))
        texts.push(
          `"${n.textContent!.trim().slice(0, 30)}" in ${n.parentElement!.tagName.toLowerCase()}.${[...n.parentElement!.classList].join('.')} (${Math.round(right)}px)`,
        )
    }
    return [
      ...over
        .filter((el) => !over.some((o) => o !== el && el.contains(o)))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}#${el.id} (${Math.round(el.getBoundingClientRect().right)}px)`),
      ...texts,
    ]
  })

/** How far the page scrolls sideways: 0 when everything reflows into the viewport. */
export const sidewaysScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)

/**
 * The view on `page` at both reflow sizes: what scrolls sideways, as "view at w×h: n px: elements"
 * ([] when it reflows). A screenshot of each size is kept; the viewport is put back afterwards.
 */
export async function reflowProblems(page: Page, view: string): Promise<string[]> {
  const before = page.viewportSize()
  const problems: string[] = []
  for (const size of REFLOW_SIZES) {
    await page.setViewportSize(size)
    // one frame for the layout to follow the new width
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))
    const over = await sidewaysScroll(page)
    if (over > 0) problems.push(`${view} at ${size.width}×${size.height}: ${over}px: ${(await tooWide(page)).join(', ')}`)
    await screenshot(page, `reflow-${size.width}-${view}`)
  }
  if (before) await page.setViewportSize(before)
  return problems
}
