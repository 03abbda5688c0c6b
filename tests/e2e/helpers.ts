/**
 * Browser tests drive the built PWA (dist/) served by the real relay, in the system Chromium.
 * Two browser contexts are two devices with separate storage.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { startRelay, type RelayOptions } from '../helpers/relayProcess'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const DIST = path.join(ROOT, 'dist')
export const RESULTS = path.join(ROOT, 'test-results')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** what Chromium needs here: root (no sandbox), no GPU, and no reaching for outside hosts */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Browser tests skip on a machine without Chromium, except in CI: there a missing browser would
 * turn every browser test into a silent skip, so it fails the run instead.
 */
export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium && process.env.CI === 'true') {
  throw new Error(`CI=true but no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium); browser tests must not skip in CI`)
}

export type Relay = Awaited<ReturnType<typeof startRelay>>

/** Builds the PWA unless dist/ is already there (npm test builds before it runs the tests). */
export function ensureBuilt(): void {
  if (existsSync(path.join(DIST, 'index.html')) && existsSync(path.join(DIST, 'sw.js'))) return
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
}

/** The real relay serving the built app (unless told another staticDir), with a fresh data directory. */
export async function startApp(options: RelayOptions = {}): Promise<Relay> {
  ensureBuilt()
  return startRelay({ staticDir: DIST, ...options })
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

/** A browser with its own fresh profile directory (for tests that need a persistent context). */
export async function launchPersistent(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'samenplan-chromium-'))
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  return {
    context,
    async close() {
      await context.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface Device {
  name: string
  context: BrowserContext
  page: Page
  /** console errors and page errors seen so far (CSP violations show up here) */
  errors: string[]
}

/** For a failed test's log: where the page was, its open dialogs, what it said and its errors. */
async function describePage(device: Device): Promise<string> {
  const seen = await device.page
    .evaluate(() => ({
      url: location.href,
      dialogs: [...document.querySelectorAll('dialog[open]')].map((d) => d.querySelector('h2')?.textContent ?? '?'),
      text: document.body.innerText.replace(/\s+/g, ' ').slice(0, 1500),
    }))
    .catch((e: Error) => ({ url: device.page.url(), dialogs: [], text: `(page not readable: ${e.message})` }))
  return [
    `--- ${device.name}: ${seen.url}`,
    `open dialogs: ${seen.dialogs.join(', ') || 'none'}`,
    `text: ${seen.text}`,
    `errors: ${device.errors.join(' | ') || 'none'}`,
  ].join('\n')
}

/** A phone's viewport (the sections' tests lay a plan out on it). */
export const PHONE = { width: 390, height: 844 } as const

/** A fresh browser context (a device with its own storage) on a laptop, or on a phone with touch. */
export async function newDevice(browser: Browser, name: string, baseUrl: string, options: { phone?: boolean } = {}): Promise<Device> {
  const context = options.phone
    ? await browser.newContext({ baseURL: baseUrl, viewport: PHONE, isMobile: true, hasTouch: true, locale: 'nl-NL' })
    : await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })
  if (!options.phone) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl }).catch(() => {})
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    // the relay being unreachable while offline is expected noise, not an error of the app
    if (m.type() === 'error' && !/WebSocket connection|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text())) errors.push(m.text())
  })
  return { name, context, page, errors }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true })
  const file = path.join(RESULTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

// ---- flows through the UI ----

/** The passphrase every test device chooses. */
export const PASSPHRASE = 'fiets wolk appel trein'

/** First run: "Hoe heet je?", a passphrase twice; resolves once the profile exists (the device is unlocked). */
export async function createProfile(page: Page, name: string, options: { passphrase?: string; sharedComputer?: boolean } = {}): Promise<void> {
  const passphrase = options.passphrase ?? PASSPHRASE
  await page.getByLabel('Hoe heet je?').fill(name)
  await page.getByLabel('Kies een wachtwoord').fill(passphrase)
  await page.getByLabel('Herhaal het wachtwoord').fill(passphrase)
  if (options.sharedComputer) await page.getByLabel('Dit is een gedeelde computer').check()
  await page.getByRole('button', { name: 'Verder' }).click()
  await page.getByRole('button', { name: 'Vergrendelen' }).waitFor({ timeout: 20_000 })
}

/** The lock screen: fills the passphrase and presses "Ontgrendelen". */
export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Wachtwoord', { exact: true }).fill(passphrase)
  await page.getByRole('button', { name: 'Ontgrendelen' }).click()
}

/** After a reload the device is locked: unlock it and wait until the app is back. */
export async function unlockAfterReload(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 20_000 })
  await unlock(page, passphrase)
  await page.getByRole('button', { name: 'Vergrendelen' }).waitFor({ timeout: 20_000 })
}

/** From home: "Nieuw plan" with the child's name; resolves on the plan view, returning the plan id. */
/** Labels of who someone is to the child (src/ui/i18n/consent.nl.ts), for plan creation and invites. */
export const PARTY_LABELS = {
  gezag: 'Ouder met gezag',
  parent: 'Ouder of verzorger zonder gezag',
  youth: 'Jongere (jonger dan 16)',
  youth16: 'Jongere vanaf 16 jaar',
  professional: 'Professional (school, zorg, gemeente)',
} as const

export interface Who {
  party: keyof typeof PARTY_LABELS
  organisation?: string
}

/** A new plan; its maker says who they are to the child (default: a parent with gezag). */
export async function createPlan(page: Page, childName: string, who: Who = { party: 'gezag' }): Promise<string> {
  await page.getByRole('button', { name: 'Nieuw plan' }).click()
  await page.getByLabel('Naam van het kind').fill(childName)
  await page.getByLabel('Wie ben jij voor het kind?').selectOption({ label: PARTY_LABELS[who.party] })
  if (who.organisation) await page.getByLabel('Organisatie', { exact: true }).fill(who.organisation)
  await page.getByRole('button', { name: 'Plan maken' }).click()
  await page.getByRole('heading', { level: 1, name: `Plan van ${childName}` }).waitFor()
  const match = /#\/plan\/([A-Za-z0-9_-]+)/.exec(page.url())
  if (!match) throw new Error(`not on a plan page: ${page.url()}`)
  return match[1]!
}

export const ROLE_LABELS = {
  reader: 'Meelezen (lezer)',
  contributor: 'Meeschrijven (bijdrager)',
  editor: 'Bewerken (bewerker)',
  admin: 'Beheren (beheerder)',
} as const

/** The share dialog: returns the invite link shown. */
export async function createInvite(
  page: Page,
  role: keyof typeof ROLE_LABELS,
  expiry = '1 dag',
  name?: string,
  who: Who = { party: 'parent' },
): Promise<string> {
  await page.getByRole('button', { name: 'Delen', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Iemand uitnodigen' })
  await dialog.getByLabel('Wie nodig je uit?').selectOption({ label: PARTY_LABELS[who.party] })
  if (who.organisation) await dialog.getByLabel('Organisatie', { exact: true }).fill(who.organisation)
  await dialog.getByRole('radio', { name: ROLE_LABELS[role] }).check()
  await dialog.getByLabel('Link geldig').selectOption({ label: expiry })
  if (name) await dialog.getByLabel('Naam (optioneel)').fill(name)
  await dialog.getByRole('button', { name: 'Link maken' }).click()
  const link = await dialog.getByLabel('Uitnodigingslink').inputValue({ timeout: 20_000 })
  await dialog.getByRole('button', { name: 'Sluiten' }).click()
  return link
}

/** Opens an invite link on a device without a profile, makes one, and accepts. */
export async function acceptInvite(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await createProfile(page, name)
  await page.getByRole('button', { name: 'Uitnodiging accepteren' }).click({ timeout: 20_000 })
  await page.waitForURL(/#\/plan\//, { timeout: 20_000 })
}

/** The collaborative editor of one voice field, by its accessible name ("Zorgen – Kind"). */
export function voiceEditor(page: Page, field: string, perspective: string): Locator {
  return page.getByRole('textbox', { name: `${field} – ${perspective}` })
}

export function syncStatus(page: Page): Locator {
  return page.locator('.sync-status')
}

export async function waitForSyncState(page: Page, state: 'saved-local' | 'connecting' | 'pending' | 'synced' | 'error', timeout = 20_000): Promise<void> {
  try {
    await page.locator(`.sync-status[data-state="${state}"]`).waitFor({ timeout })
  } catch (err) {
    const now = await page
      .locator('.sync-status')
      .innerText()
      .catch(() => '(no status shown)')
    throw new Error(`sync state did not become ${state} in ${timeout} ms; it shows: ${now.replace(/\s+/g, ' ')}`, { cause: err })
  }
}

/** Types at the end of an editor. */
export async function typeAtEnd(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

export async function waitForText(editor: Locator, check: (text: string) => boolean | Promise<boolean>, what: string, timeout = 20_000): Promise<string> {
  const start = Date.now()
  let last = ''
  while (Date.now() - start < timeout) {
    last = (await editor.innerText()).replace(/\n+$/, '')
    if (await check(last)) return last
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}; editor holds ${JSON.stringify(last)}`)
}

// ---- the fixture: a relay with the built app, a browser, people with plans ----

export interface Person extends Device {
  /** the plan this person made, when asked for one */
  planId?: string
}

export interface App {
  /** the relay serving the app (started before the suite's first test) */
  readonly relay: Relay
  /** the browser every device of the suite is a context of */
  readonly browser: Browser
  /** A fresh device on the app: no profile yet. */
  device(name: string, options?: { phone?: boolean }): Promise<Device>
  /**
   * A device on which `name` has made a profile; with `plan` (the child's name) also a new plan,
   * made as `who` (default: a parent with gezag) and synced.
   */
  person(name: string, options?: { plan?: string; who?: Who; device?: string; phone?: boolean }): Promise<Person>
  /**
   * `from` invites someone as `role` (the invite named after them unless `unnamed`); a fresh
   * device opens the link, makes a profile as `name`, accepts, and is synced.
   */
  invitee(
    from: Device,
    role: keyof typeof ROLE_LABELS,
    name: string,
    options?: { expiry?: string; unnamed?: boolean; who?: Who; device?: string; phone?: boolean },
  ): Promise<Device>
}

/**
 * The setup of a browser suite: registers a beforeAll that starts the relay with the built app
 * (`relay` gives other relay options, read when the suite starts) and, unless `browser: false`, a
 * browser; and an afterAll that closes both. Call it inside the `describe`.
 */
export function useApp(options: { relay?: () => RelayOptions | Promise<RelayOptions>; browser?: boolean } = {}): App {
  let relay: Relay | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    relay = await startApp(options.relay ? await options.relay() : {})
    if (options.browser !== false) browser = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
  })
  // a failure that happens only under CI's load: what each page showed, in the log
  const devices: Device[] = []
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') for (const d of devices) console.error(await describePage(d))
    devices.length = 0
  })
  const app: App = {
    get relay() {
      if (!relay) throw new Error("useApp: the relay is not started (only inside the suite's hooks and tests)")
      return relay
    },
    get browser() {
      if (!browser) throw new Error("useApp: no browser (only inside the suite's hooks and tests, and not with browser: false)")
      return browser
    },
    async device(name, deviceOptions = {}) {
      const device = await newDevice(app.browser, name, app.relay.url, deviceOptions)
      devices.push(device)
      return device
    },
    async person(name, personOptions = {}) {
      const device: Person = await app.device(personOptions.device ?? name, { phone: personOptions.phone })
      await device.page.goto('/')
      await createProfile(device.page, name)
      if (personOptions.plan !== undefined) {
        device.planId = await createPlan(device.page, personOptions.plan, personOptions.who)
        await waitForSyncState(device.page, 'synced')
      }
      return device
    },
    async invitee(from, role, name, inviteOptions = {}) {
      const link = await createInvite(from.page, role, inviteOptions.expiry, inviteOptions.unnamed ? undefined : name, inviteOptions.who)
      const device = await app.device(inviteOptions.device ?? name, { phone: inviteOptions.phone })
      await acceptInvite(device.page, link, name)
      await waitForSyncState(device.page, 'synced')
      return device
    },
  }
  return app
}

// ---- the browser profile on disk ----

/**
 * A browser whose profile directory the test keeps: `close()` shuts Chromium down cleanly (so it
 * writes out Web Data, Login Data, Sessions, Preferences…) and leaves the directory for the test
 * to search; `remove()` deletes it.
 */
export async function launchKeptProfile(baseUrl: string): Promise<{ dir: string; device: Device; close(): Promise<void>; remove(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'samenplan-profile-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  return {
    dir,
    device: { name: 'profile', context, page, errors },
    close: () => context.close(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Every regular file under dir, recursively (symlinks are not followed). */
export function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...filesUnder(full))
    else if (entry.isFile()) out.push(full)
  }
  return out
}

/** The byte patterns a string is stored as: UTF-8 (ASCII for these), UTF-16LE and UTF-16BE. */
export function encodingsOf(needle: string): { encoding: string; bytes: Buffer }[] {
  const le = Buffer.from(needle, 'utf16le')
  const be = Buffer.from(le).swap16()
  return [
    { encoding: 'utf8', bytes: Buffer.from(needle, 'utf8') },
    { encoding: 'utf16le', bytes: le },
    { encoding: 'utf16be', bytes: be },
  ]
}

/** Each file under dir (relative path) holding one of the needles in any of its encodings, with which. */
export function filesHolding(dir: string, needles: readonly string[]): { file: string; needle: string; encoding: string }[] {
  const hits: { file: string; needle: string; encoding: string }[] = []
  for (const file of filesUnder(dir)) {
    const content = readFileSync(file)
    for (const needle of needles) {
      for (const { encoding, bytes } of encodingsOf(needle)) {
        if (content.includes(bytes)) hits.push({ file: path.relative(dir, file), needle, encoding })
      }
    }
  }
  return hits
}
