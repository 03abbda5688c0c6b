/**
 * Finding your way in a plan (issue 14): every section has its own address, a sticky section menu
 * (a row of links on a desktop, one button on a phone) is always there to jump, the back button
 * returns to the section one came from, and "Voor jou" at the top of the plan and on the home
 * screen leads a parent to the consent decision that waits on her, whose two choices look equal and
 * each say what they mean. axe over the plan with the menu and Voor jou.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { RESULTS, hasChromium, screenshot, unlockAfterReload, useApp, waitForSyncState, type Person } from './helpers'
import { seriousAxeViolations } from './sectionHelpers'

const SCHOOL = 'Basisschool De Linde'

function menu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Onderdelen van het plan' })
}

/** The section's top is in the upper half of the view (below the sticky menu), so it is what one sees. */
async function shown(page: Page, region: string): Promise<boolean> {
  return page.getByRole('region', { name: region, exact: true }).evaluate((el) => {
    const top = el.getBoundingClientRect().top
    return top >= 0 && top < window.innerHeight / 2
  })
}

/** The menu is wholly on screen (once scrolled to, it sticks at the top of the view). */
async function menuInView(page: Page): Promise<boolean> {
  return menu(page).evaluate((el) => {
    const r = el.getBoundingClientRect()
    return r.top >= 0 && r.bottom <= window.innerHeight && getComputedStyle(el).position === 'sticky'
  })
}

/** The menu sits at the very top of the view (stuck there). */
async function menuAtTop(page: Page): Promise<boolean> {
  return menu(page).evaluate((el) => el.getBoundingClientRect().top < 20)
}

/** Scrolls through the whole plan, a screen at a time, and checks the menu is in view at each stop; returns the page's height. */
async function measure(page: Page, view: string): Promise<number> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  const screen = await page.evaluate(() => window.innerHeight)
  // eslint-disable-next-line no-console
  console.log(`${view}: the plan is ${height} px long, ${(height / screen).toFixed(1)} screens of ${screen} px`)
  for (let y = screen; y < height; y += screen) {
    await page.evaluate((top) => window.scrollTo(0, top), y)
    const where = await menu(page).evaluate((el) =>
      JSON.stringify([el.getBoundingClientRect().top, el.getBoundingClientRect().bottom, window.innerHeight, window.scrollY]),
    )
    expect(await menuInView(page), `${view}: the menu at ${y} px: ${where}`).toBe(true)
  }
  expect(await menuAtTop(page), `${view}: the menu is stuck at the top at the end`).toBe(true)
  await page.evaluate(() => window.scrollTo(0, 0))
  return height
}

/** The names of the menu's links marked as where the reader is. */
function marked(page: Page): Promise<string[]> {
  return menu(page).locator('a[aria-current="location"]').allInnerTexts()
}

/** Scrolls by hand (the mouse wheel) until the region's top is an eighth of the view down, below the sticky menu. */
async function wheelTo(page: Page, region: string): Promise<void> {
  const by = await page.getByRole('region', { name: region, exact: true }).evaluate((el) => el.getBoundingClientRect().top - window.innerHeight / 8)
  await page.mouse.move(200, 400)
  await page.mouse.wheel(0, by)
}

function hashOf(page: Page): string {
  return new URL(page.url()).hash
}

describe.skipIf(!hasChromium)('e2e: section addresses, the section menu and Voor jou', () => {
  const app = useApp()

  it('a parent with a consent decision pending sees it in Voor jou, at the top and on the home screen, and follows it to equal choices', async () => {
    const school: Person = await app.person('Ilse (IB)', { plan: 'Noa', who: { party: 'professional', organisation: SCHOOL } })
    const mum = await app.invitee(school, 'editor', 'Moeder', { who: { party: 'gezag' } })
    const p = mum.page
    const planId = school.planId!

    // at the top of the plan: above the section menu and every section
    const forYou = p.getByRole('region', { name: 'Voor jou' })
    const ask = forYou.getByRole('link', { name: `Beslis over delen met ${SCHOOL}: toestemming geven of weigeren` })
    await ask.waitFor({ timeout: 20_000 })
    const top = async (l: Locator) => (await l.boundingBox())!.y
    expect(await top(forYou)).toBeLessThan(await top(menu(p)))
    expect(await top(menu(p))).toBeLessThan(await top(p.getByRole('region', { name: 'Planstatus' })))
    // the IB is asked nothing of the kind
    await school.page.getByRole('region', { name: 'Voor jou' }).getByText('Er wacht nu niets op jou in dit plan.').waitFor()

    // an afspraak for the mother: hers to do, and the afspraken now wait for her instemming
    const actions = school.page.getByRole('region', { name: 'Afspraken (handelingsdeel)' })
    await actions.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const ad = school.page.getByRole('dialog', { name: 'Nieuwe afspraak' })
    await ad.getByLabel('Wat spreken we af?').fill('Dagritmekaart ophangen')
    await ad.getByLabel('Wie doet het?').selectOption({ label: 'Moeder' })
    await ad.getByLabel(/Wanneer of hoe vaak/).fill('voor maandag')
    await ad.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await ad.waitFor({ state: 'hidden' })
    await forYou.getByRole('link', { name: 'Jouw afspraak: Dagritmekaart ophangen (voor maandag)' }).waitFor({ timeout: 20_000 })
    const agree = forYou.getByRole('link', { name: 'Lees de afspraken en geef je instemming' })
    // decisions first: consent, instemming, then the afspraak
    expect(await forYou.getByRole('listitem').allInnerTexts()).toEqual([
      `Beslis over delen met ${SCHOOL}: toestemming geven of weigeren`,
      'Lees de afspraken en geef je instemming',
      'Jouw afspraak: Dagritmekaart ophangen (voor maandag)',
    ])
    await agree.click()
    await p.waitForURL(`**/#/plan/${planId}/afspraken`)
    await expect.poll(() => shown(p, 'Afspraken (handelingsdeel)')).toBe(true)
    await p.goBack()
    await p.waitForURL(`**/#/plan/${planId}`)
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'nav-for-you')

    await ask.click()
    await p.waitForURL(`**/#/plan/${planId}/toestemmingen`)
    await expect.poll(() => shown(p, 'Toestemmingen')).toBe(true)
    await expect.poll(() => menu(p).getByRole('link', { name: 'Toestemmingen' }).getAttribute('aria-current')).toBe('location')
    // the two choices look the same, and each says what it means
    const consent = p.getByRole('region', { name: 'Toestemmingen' })
    const give = consent.getByRole('button', { name: `Toestemming geven voor ${SCHOOL}` })
    const refuse = consent.getByRole('button', { name: `Delen met ${SCHOOL} weigeren` })
    const look = (b: Locator) =>
      b.evaluate((el) => {
        const s = getComputedStyle(el)
        return [el.className, s.backgroundColor, s.color, s.borderColor, s.fontWeight].join(' | ')
      })
    expect(await look(refuse)).toBe(await look(give))
    const description = (b: Locator) =>
      b.evaluate((el) =>
        el
          .getAttribute('aria-describedby')!
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      )
    expect(await description(give)).toMatch(/Mensen van Basisschool De Linde kunnen dan in het plan blijven werken/)
    expect(await description(refuse)).toMatch(/Mensen van Basisschool De Linde kunnen het plan daarna niet meer openen/)
    await screenshot(p, 'nav-consent-choices')

    // back: where she was, at Voor jou
    await p.goBack()
    await p.waitForURL(`**/#/plan/${planId}`)
    await expect
      .poll(() =>
        ask.evaluate((el) => {
          const r = el.getBoundingClientRect()
          return r.top >= 0 && r.bottom <= window.innerHeight
        }),
      )
      .toBe(true)

    // the home screen says the same, per plan, and leads there too
    await p.getByRole('link', { name: 'Terug naar mijn plannen' }).click()
    const home = p.getByRole('region', { name: 'Voor jou' })
    await home.getByRole('heading', { name: 'Plan van Noa' }).waitFor({ timeout: 20_000 })
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'nav-home-for-you')
    await home.getByRole('link', { name: `Beslis over delen met ${SCHOOL}: toestemming geven of weigeren` }).click()
    await p.waitForURL(`**/#/plan/${planId}/toestemmingen`)
    await expect.poll(() => shown(p, 'Toestemmingen')).toBe(true)
    // the same item again while the address already names the section: it still jumps there
    await p.evaluate(() => window.scrollTo(0, 0))
    await p
      .getByRole('region', { name: 'Voor jou' })
      .getByRole('link', { name: `Beslis over delen met ${SCHOOL}: toestemming geven of weigeren` })
      .click()
    await expect.poll(() => shown(p, 'Toestemmingen')).toBe(true)
    expect(mum.errors).toEqual([])
  }, 120_000)

  it('desktop: an address opens its section, the menu jumps and back returns to the previous section; the menu stays in view all the way down', async () => {
    const ib: Person = await app.person('Ilse', { plan: 'Sem', who: { party: 'professional', organisation: SCHOOL } })
    const p = ib.page
    await p.setViewportSize({ width: 1280, height: 800 })
    const planId = ib.planId!

    // a section's address, opened directly (after a reload the device asks for its passphrase first)
    await p.goto(`/#/plan/${planId}/afspraken`)
    await p.reload() // a fresh start of the app on this address, not a hash change
    await unlockAfterReload(p)
    await p.getByRole('heading', { level: 1, name: 'Plan van Sem' }).waitFor()
    await expect.poll(() => shown(p, 'Afspraken (handelingsdeel)')).toBe(true)
    expect(await menu(p).getByRole('link', { name: 'Afspraken' }).getAttribute('aria-current')).toBe('location')
    await expect.poll(() => p.evaluate(() => document.activeElement?.textContent)).toBe('Afspraken (handelingsdeel)')

    // the menu by keyboard: focus a link, Enter
    await menu(p).getByRole('link', { name: 'Doelen' }).focus()
    await p.keyboard.press('Enter')
    await p.waitForURL(`**/#/plan/${planId}/doelen`)
    await expect.poll(() => shown(p, 'Doelen')).toBe(true)
    await menu(p).getByRole('link', { name: 'Activiteit' }).click()
    await p.waitForURL(`**/#/plan/${planId}/activiteit`)
    await expect
      .poll(() => p.getByRole('region', { name: 'Activiteit', exact: true }).evaluate((el) => el.getBoundingClientRect().top < window.innerHeight))
      .toBe(true)
    expect(await menuInView(p)).toBe(true)
    expect(await menuAtTop(p)).toBe(true)

    // back: the previous section, shown and marked
    await p.goBack()
    await p.waitForURL(`**/#/plan/${planId}/doelen`)
    await expect.poll(() => shown(p, 'Doelen')).toBe(true)
    expect(await menu(p).getByRole('link', { name: 'Doelen' }).getAttribute('aria-current')).toBe('location')
    expect(await menu(p).getByRole('link', { name: 'Activiteit' }).getAttribute('aria-current')).toBeNull()
    await p.goBack()
    await p.waitForURL(`**/#/plan/${planId}/afspraken`)
    await expect.poll(() => shown(p, 'Afspraken (handelingsdeel)')).toBe(true)

    await measure(p, 'desktop 1280×800')
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'nav-desktop')
    expect(hashOf(p)).toBe(`#/plan/${planId}/afspraken`)
    expect(ib.errors).toEqual([])
  }, 120_000)

  it('phone 390×844: what is asked of a parent and the menu button are on the first screen; the header is compact, every control still there and labelled', async () => {
    const school: Person = await app.person('Ilse (IB)', { plan: 'Lina', who: { party: 'professional', organisation: SCHOOL } })
    // a parent as parents are invited by default: a contributor, here with gezag (so a decision waits on her)
    const mum = await app.invitee(school, 'contributor', 'Moeder', { who: { party: 'gezag' }, phone: true })
    const p = mum.page
    expect(p.viewportSize()).toEqual({ width: 390, height: 844 })
    const forYou = p.getByRole('region', { name: 'Voor jou' })
    const ask = forYou.getByRole('link', { name: `Beslis over delen met ${SCHOOL}: toestemming geven of weigeren` })
    await ask.waitFor({ timeout: 20_000 })
    await p.evaluate(() => window.scrollTo(0, 0))
    // the first screen as she sees it (not the whole page)
    await p.screenshot({ path: path.join(RESULTS, 'nav-phone-first-screen.png') })
    const onFirstScreen = (l: Locator) =>
      l.evaluate((el) => {
        const r = el.getBoundingClientRect()
        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
      })
    // without scrolling: the plan's name, its status as a small line, what is asked of her, the way to every section
    expect(await onFirstScreen(p.getByRole('heading', { level: 1, name: 'Plan van Lina' }))).toBe(true)
    expect(await onFirstScreen(p.locator('.sync-status'))).toBe(true)
    expect(await onFirstScreen(forYou.getByRole('heading', { name: 'Voor jou' }))).toBe(true)
    expect(await onFirstScreen(ask)).toBe(true)
    expect(await onFirstScreen(menu(p).getByText('Naar onderdeel'))).toBe(true)

    // every control of the header is still there and labelled: the status says what it is ...
    await waitForSyncState(p, 'synced')
    expect(await p.locator('.sync-status').getAttribute('role')).toBe('status')
    // ... undo, in the group of her own changes ...
    const own = p.getByRole('group', { name: 'Je eigen aanpassingen' })
    await own.getByRole('button', { name: 'Ongedaan maken' }).waitFor()
    // ... and search and who is here, behind one button that says so
    const more = p.getByRole('button', { name: 'Zoeken en wie er is' })
    expect(await more.getAttribute('aria-expanded')).toBe('false')
    expect(await p.getByRole('searchbox', { name: 'Zoeken in dit plan' }).isVisible()).toBe(false)
    await more.click()
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    const search = p.getByRole('searchbox', { name: 'Zoeken in dit plan' })
    await search.fill('Lina')
    await search.press('Enter')
    await p.getByRole('region', { name: 'Nu in dit plan' }).getByText('Moeder').first().waitFor()
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'nav-phone-tools-open')
    await more.click()
    expect(await search.isVisible()).toBe(false)
    expect(mum.errors).toEqual([])
  }, 120_000)

  it('scrolling by hand: the menu marks the section being read, and the address stays as it was (desktop and phone)', async () => {
    const ib: Person = await app.person('Iris', { plan: 'Ties', who: { party: 'professional', organisation: SCHOOL } })
    const p = ib.page
    await p.setViewportSize({ width: 1280, height: 800 })
    const planId = ib.planId!
    await menu(p).getByRole('link', { name: 'Doelen' }).click()
    await p.waitForURL(`**/#/plan/${planId}/doelen`)
    await expect.poll(() => shown(p, 'Doelen')).toBe(true)
    await expect.poll(() => marked(p)).toEqual(['Doelen'])

    // down to the meetings by hand: they are marked, the address still names Doelen
    await wheelTo(p, 'Overleggen')
    await expect.poll(() => shown(p, 'Overleggen')).toBe(true)
    await expect.poll(() => marked(p)).toEqual(['Overleggen'])
    expect(hashOf(p)).toBe(`#/plan/${planId}/doelen`)
    // and back up to the afspraken
    await wheelTo(p, 'Afspraken (handelingsdeel)')
    await expect.poll(() => marked(p)).toEqual(['Afspraken'])
    expect(hashOf(p)).toBe(`#/plan/${planId}/doelen`)
    // a jump marks its section again
    await menu(p).getByRole('link', { name: 'Basisgegevens' }).click()
    await p.waitForURL(`**/#/plan/${planId}/gegevens`)
    await expect.poll(() => marked(p)).toEqual(['Basisgegevens'])

    // a phone: the compact button says where one is reading
    await p.setViewportSize({ width: 390, height: 844 })
    await menu(p).getByText('Naar onderdeel').waitFor()
    await wheelTo(p, 'Observaties')
    await menu(p).getByText('Naar onderdeel: Observaties').waitFor()
    expect(hashOf(p)).toBe(`#/plan/${planId}/gegevens`)
    expect(await seriousAxeViolations(p)).toEqual([])
    expect(ib.errors).toEqual([])
  }, 120_000)

  it('phone: one compact button opens the list, which jumps; it stays in view all the way down', async () => {
    const mum = await app.person('Fatima', { plan: 'Mees', phone: true })
    const p = mum.page
    const planId = mum.planId!
    const compact = menu(p)
    // compact: the links are behind one button until it is opened
    await expect.poll(() => compact.getByRole('link', { name: 'Toestemmingen' }).isVisible()).toBe(false)
    await compact.getByText('Naar onderdeel').click()
    await compact.getByRole('link', { name: 'Toestemmingen' }).click()
    await p.waitForURL(`**/#/plan/${planId}/toestemmingen`)
    await expect.poll(() => shown(p, 'Toestemmingen')).toBe(true)
    // closed again after the jump, saying where one is
    await expect.poll(() => compact.getByRole('link', { name: 'Toestemmingen' }).isVisible()).toBe(false)
    await compact.getByText('Naar onderdeel: Toestemmingen').waitFor()
    expect(await menuInView(p)).toBe(true)
    expect(await menuAtTop(p)).toBe(true)
    await p.goBack()
    await p.waitForURL(`**/#/plan/${planId}`)

    await measure(p, 'phone 390×844')
    expect(await seriousAxeViolations(p)).toEqual([])
    await screenshot(p, 'nav-phone')
    expect(mum.errors).toEqual([])
  }, 120_000)
})
