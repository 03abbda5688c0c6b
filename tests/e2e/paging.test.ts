/**
 * Long lists a page at a time (src/ui/sections/paging.tsx) in the built PWA: a plan with more
 * goals, afspraken and meetings than one page, written into the page's IndexedDB by the bench's
 * seed page (tests/bench/render/seed.ts: the app's own modules, the real relay), then opened by
 * the app. Each list shows its first page and "Toon meer (N over)", which shows the rest and puts
 * the focus on the first new item; the plan search finds a goal on a later page of a fresh view,
 * shows it and focuses it. The activity view keeps its rows while new edits fold into the newest
 * line (it no longer rebuilds every row on each status event). axe-core finds no serious or
 * critical violations.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { FIVE_YEARS, type PlanSize } from '../bench/largePlan'
import { SEED_BASE, buildStaticDir } from '../bench/renderLarge'
import type { SeedResult } from '../bench/render/seed'
import { PAGE_SIZE } from '../../src/ui/sections/paging'
import { PASSPHRASE, hasChromium, screenshot, unlockAfterReload, useApp, type Device } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

// a little more than one page of each paged list; the generator makes goals and afspraken from
// meeting note lines, so the meetings come first
const SIZE: PlanSize = {
  ...FIVE_YEARS,
  observations: 30,
  goals: PAGE_SIZE + 5,
  meetings: PAGE_SIZE + 3,
  actions: PAGE_SIZE + 7,
  routeSteps: 2,
  factors: 2,
  contacts: 2,
  noteItemsPerMeeting: 1,
  wordsPerNoteItem: 12,
  wordsPerNoteBlob: 12,
  weeks: 52,
  tailRecords: 5,
}

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement)

async function openPlan(page: Page, baseUrl: string, planId: string): Promise<void> {
  await page.goto(`${baseUrl}/#/plan/${planId}`)
  await unlockAfterReload(page)
  await page.locator('#plan-title', { hasText: 'Sam' }).waitFor({ timeout: 30_000 })
}

describe.skipIf(!hasChromium)('e2e: long lists a page at a time', () => {
  let staticDir: string
  const app = useApp({
    async relay() {
      staticDir = await buildStaticDir()
      // the seed writes a few hundred records at once: beyond a person's typing rate
      return { staticDir, env: { RELAY_MAX_MESSAGES_PER_S: '100000', RELAY_MAX_ROOMS_PER_HOUR: '100000' } }
    },
  })
  let d: Device
  let planId: string
  let view: SeedResult['view']

  beforeAll(async () => {
    d = await app.device('paging')
    await d.page.goto(`${app.relay.url}${SEED_BASE}tests/bench/render/seed.html`)
    await d.page.locator('#state', { hasText: 'klaar' }).waitFor({ timeout: 30_000 })
    await d.page.evaluate('globalThis.__name ??= (f) => f') // tsx keeps function names with a helper the page lacks
    const seeded = (await d.page.evaluate((o) => window.seedLargePlan(o), {
      name: 'Ilse Bakker',
      passphrase: PASSPHRASE,
      childName: 'Sam',
      size: SIZE,
      waitForMerge: false,
    } as const)) as SeedResult
    expect(seeded.view.goals).toBeGreaterThan(PAGE_SIZE)
    expect(seeded.view.actions).toBeGreaterThan(PAGE_SIZE)
    expect(seeded.view.meetings).toBeGreaterThan(PAGE_SIZE)
    planId = seeded.planId
    view = seeded.view
  }, 120_000)

  afterAll(() => {
    if (staticDir) rmSync(staticDir, { recursive: true, force: true })
  })

  it('goals, afspraken and meetings show one page and "Toon meer", which shows the rest and focuses the first new item', async () => {
    const page = d.page
    await openPlan(page, app.relay.url, planId)
    const lists = [
      { list: page.locator('#goals-list'), item: '.sp-goal', total: view.goals },
      { list: page.locator('#actions-list'), item: '.sp-action', total: view.actions },
      { list: page.locator('#meetings-list'), item: '.sp-meeting-item', total: view.meetings },
    ]
    for (const { list, item, total } of lists) {
      await expect.poll(() => list.locator(`:scope > ${item}`).count()).toBe(PAGE_SIZE)
      const more = page.locator(`button[aria-controls="${await list.getAttribute('id')}"]`)
      expect(await more.textContent()).toBe(`Toon meer (${total - PAGE_SIZE} over)`)
      if (item === '.sp-goal') {
        expect(await seriousAxeViolations(page)).toEqual([])
        await screenshot(page, 'paging-goals-first-page')
      }
      await more.focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => list.locator(`:scope > ${item}`).count()).toBe(total)
      expect(await more.count()).toBe(0) // nothing left
      expect(await isFocused(list.locator(`:scope > ${item}`).nth(PAGE_SIZE))).toBe(true)
    }
    expect(await seriousAxeViolations(page)).toEqual([])
    expect(d.errors).toEqual([])
  }, 60_000)

  it('the plan search finds a goal on a later page, shows it and focuses it', async () => {
    const page = d.page
    const last = page.locator('#goals-list > .sp-goal').last() // all shown after the first test
    const goalId = (await last.getAttribute('data-goal-id')) ?? ''
    const title = ((await last.locator('.sp-item__title').textContent()) ?? '').trim()
    expect(goalId).not.toBe('')
    await page.reload() // a fresh view: the first page again
    await unlockAfterReload(page)
    await page.locator('#plan-title', { hasText: 'Sam' }).waitFor({ timeout: 30_000 })
    const card = page.locator(`[data-goal-id="${goalId}"]`)
    await expect.poll(() => page.locator('#goals-list > .sp-goal').count()).toBe(PAGE_SIZE)
    expect(await card.count()).toBe(0)

    await page.getByRole('searchbox', { name: 'Zoeken in dit plan' }).fill(title)
    const hit = page.locator(`.sp-search__hit[data-section="goals"][data-id="${goalId}"]`).first()
    await hit.waitFor({ timeout: 10_000 })
    await hit.click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-goal-id') ?? '')).toBe(goalId)
    expect(await card.isVisible()).toBe(true)
    // the page it is on, whole: "Toon meer" goes on from there
    expect(await page.locator('#goals-list > .sp-goal').count()).toBe(view.goals)
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'paging-search-reveals-goal')
    expect(d.errors).toEqual([])
  }, 60_000)

  it('the activity view keeps its rows while new edits fold into the newest line', async () => {
    const page = d.page
    const rows = page.getByRole('region', { name: 'Activiteit' }).locator('.activity__list > li')
    await expect.poll(() => rows.count()).toBeGreaterThan(1)
    const second = await rows.nth(1).elementHandle()
    for (const text of ['Sam las vandaag zelf voor.', 'Sam vroeg om hulp bij rekenen.']) {
      await page.locator('#obs-text').fill(text)
      await page.getByRole('button', { name: 'Observatie opslaan' }).click()
    }
    await expect.poll(() => rows.first().textContent(), { timeout: 10_000 }).toMatch(/Ilse Bakker paste Observaties aan \(2×\)/)
    // the rows are updated in place, not made anew for each change
    expect(await second!.evaluate((el) => el.isConnected)).toBe(true)
    expect(d.errors).toEqual([])
  }, 30_000)
})
