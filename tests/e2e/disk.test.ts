/**
 * No plaintext of a plan on the browser's disk: after typing into a plan in the built PWA, a
 * canary (and the child's name) is searched for in every IndexedDB database, every Cache
 * Storage entry, localStorage and sessionStorage of that origin. The home screen's summary (next
 * meeting, open afspraken) is stored too, sealed: the home screen shows it after a reload, and
 * neither its date nor its encoding is found in the clear.
 *
 * The browser's profile is more than the origin's storage: Chromium keeps what is typed into plain
 * inputs in its autofill table (`Web Data`), the username it would save with a password (`Login
 * Data`) and the state of a page's form fields (`Sessions/`). The second test types a canary into
 * every kind of field that holds plan content, shuts Chromium down cleanly and searches every file
 * of the profile directory for each canary in UTF-8, UTF-16LE and UTF-16BE.
 */
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  createPlan,
  createProfile,
  filesHolding,
  filesUnder,
  hasChromium,
  launchKeptProfile,
  typeAtEnd,
  unlockAfterReload,
  useApp,
  voiceEditor,
  waitForSyncState,
} from './helpers'

const CANARY = 'KANARIE-e2e-91c4'
const CHILD = 'Kanariekind'
const ACTION_CANARY = 'AFSPRAAK-e2e-5b7d'
/** the next meeting's date: a distinctive one, so finding it on disk can only mean the summary leaked */
const NEXT_MEETING = '2031-07-19'
/** how the home summary's plaintext begins (encodeHomeSummary) */
const SUMMARY_PLAINTEXT = `[1,"${CHILD}"`

/** Runs in the page: every stored byte of this origin, searched for each needle. */
async function storedContains(page: Page, needles: string[]): Promise<{ bytes: number; found: string[] }> {
  return page.evaluate(async (needles) => {
    const chunks: Uint8Array[] = []
    const enc = new TextEncoder()
    const walk = (v: unknown, depth = 0): void => {
      if (depth > 20 || v === null || v === undefined) return
      if (v instanceof Uint8Array) chunks.push(v)
      else if (v instanceof ArrayBuffer) chunks.push(new Uint8Array(v))
      else if (ArrayBuffer.isView(v)) chunks.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
      else if (typeof v === 'string') chunks.push(enc.encode(v))
      else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1)
      else if (typeof v === 'object') for (const x of Object.values(v as object)) walk(x, depth + 1)
      else chunks.push(enc.encode(String(v)))
    }
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!)
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      for (const name of Array.from(db.objectStoreNames)) {
        const store = db.transaction(name, 'readonly').objectStore(name)
        const [values, keys] = await Promise.all(
          [store.getAll(), store.getAllKeys()].map(
            (req) =>
              new Promise<unknown[]>((resolve, reject) => {
                req.onsuccess = () => resolve(req.result as unknown[])
                req.onerror = () => reject(req.error)
              }),
          ),
        )
        walk(values)
        walk(keys)
      }
      db.close()
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const req of await cache.keys()) {
        const res = await cache.match(req)
        if (res) chunks.push(new Uint8Array(await res.arrayBuffer()))
        walk(req.url)
      }
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) walk([storage.key(i), storage.getItem(storage.key(i)!)])
    }
    const total = chunks.reduce((n, c) => n + c.length, 0)
    const all = new Uint8Array(total)
    let offset = 0
    for (const c of chunks) {
      all.set(c, offset)
      offset += c.length
    }
    const found: string[] = []
    for (const needle of needles) {
      const n = enc.encode(needle)
      outer: for (let i = 0; i + n.length <= all.length; i++) {
        for (let j = 0; j < n.length; j++) if (all[i + j] !== n[j]) continue outer
        found.push(needle)
        break
      }
    }
    return { bytes: total, found }
  }, needles)
}

describe.skipIf(!hasChromium)("e2e: the browser's disk holds ciphertext only", () => {
  const app = useApp()

  it("a canary typed into the plan and the child's name appear nowhere in storage", async () => {
    const a = await app.person('Ouder', { plan: CHILD })
    await typeAtEnd(a.page, voiceEditor(a.page, 'Zorgen', 'Ouders'), `${CANARY} slaapt slecht`)
    // what the home summary is made of: an open afspraak and a next meeting
    await a.page.getByRole('region', { name: 'Afspraken (handelingsdeel)' }).getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const dialog = a.page.getByRole('dialog', { name: 'Nieuwe afspraak' })
    await dialog.getByLabel('Wat spreken we af?').fill(ACTION_CANARY)
    await dialog.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await a.page.getByRole('button', { name: 'Overleg starten' }).click()
    await a.page.getByLabel('Datum van het volgende overleg').fill(NEXT_MEETING)
    await a.page.getByRole('button', { name: 'Terug naar het plan' }).click()
    await waitForSyncState(a.page, 'synced')
    await a.page.getByRole('link', { name: 'Terug naar mijn plannen' }).click()
    await a.page.locator('.plan-card', { hasText: 'Volgend overleg: 19 juli 2031' }).waitFor({ timeout: 20_000 })
    await a.page.locator('.plan-card', { hasText: CHILD }).click()
    await a.page.reload() // the service worker has cached the app; the plan reopens from IndexedDB
    await unlockAfterReload(a.page)
    await a.page
      .getByRole('heading', { name: new RegExp(CHILD) })
      .waitFor({ timeout: 20_000 })
      .catch(() => undefined)
    // a control: bytes this test stores itself must be found, so a miss means absence
    await a.page.evaluate(async () => {
      const req = indexedDB.open('control-db', 1)
      req.onupgradeneeded = () => req.result.createObjectStore('s')
      const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)))
      const tx = db.transaction('s', 'readwrite')
      tx.objectStore('s').put(new TextEncoder().encode('CONTROL-7d2e'), 'k')
      await new Promise((resolve) => (tx.oncomplete = resolve))
      db.close()
    })
    const result = await storedContains(a.page, [CANARY, CHILD, ACTION_CANARY, NEXT_MEETING, SUMMARY_PLAINTEXT, 'CONTROL-7d2e'])
    expect(result.bytes).toBeGreaterThan(1000)
    expect(result.found).toEqual(['CONTROL-7d2e'])
    expect(await a.page.locator('body').innerText()).toContain(CHILD)
    // the summary is kept on disk, sealed: the home screen reads it back after the reload
    await a.page.getByRole('link', { name: 'Terug naar mijn plannen' }).click()
    const card = a.page.locator('.plan-card', { hasText: CHILD })
    await card.waitFor()
    expect(await card.innerText()).toContain('Volgend overleg: 19 juli 2031')
    expect(await card.innerText()).toContain('1 open afspraak')
  })
})

/**
 * One canary per field that holds plan content, so a hit names the field. Letters only (names are
 * checked), and no word the app itself contains.
 */
const FIELD_CANARIES = {
  memberName: 'Qzorgouder Vinkenhof',
  childName: 'Qzkind Merelhof',
  voice: 'QZSTEM-3f8a',
  actionWhat: 'QZAFSPRAAK-9c21',
  actionWho: 'QZWIE-77d0',
  actionWhen: 'QZWANNEER-e5b4',
  observation: 'QZWAARNEMING-1a6c',
  decision: 'QZBESLUIT-0d93',
  /** typed and left in the field when the page moves on: what session restore would keep */
  draftDecision: 'QZCONCEPTBESLUIT-4e1f',
  draftWhen: 'QZCONCEPTWANNEER-b2c8',
} as const

/** typed into a plain field this test adds to the page: it must be found, so a miss means absence */
const CONTROL = 'QZCONTROLE-6b0e'

/** Runs in the page: the form and text fields shown now that lack autocomplete (RULES.md D1). */
async function fieldsWithoutAutocomplete(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('form, textarea, input:not([type=checkbox], [type=radio], [type=file], [type=hidden])'))
      .filter((el) => !el.hasAttribute('autocomplete'))
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}`),
  )
}

/** Runs in the page: a plain form, as any site has, filled and submitted the way the app's forms are. */
async function submitControlForm(page: Page, value: string): Promise<void> {
  await page.evaluate(() => {
    const form = document.createElement('form')
    form.id = 'control-form'
    form.innerHTML = '<label for="control-field">Controle</label><input id="control-field" name="controle"><button type="submit">Controle opslaan</button>'
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      form.remove()
    })
    document.body.append(form)
  })
  await page.getByLabel('Controle', { exact: true }).fill(value)
  await page.getByRole('button', { name: 'Controle opslaan' }).click()
  await page.locator('#control-form').waitFor({ state: 'detached' })
}

describe.skipIf(!hasChromium)('e2e: the browser profile directory holds no plan text', () => {
  const app = useApp({ browser: false })
  let profile: Awaited<ReturnType<typeof launchKeptProfile>> | undefined

  afterAll(async () => {
    await profile?.close().catch(() => undefined)
    profile?.remove()
  })

  it('[D1] canaries typed into names, a voice, an afspraak (Wanneer), an observation and a besluit are in no file of the profile', async () => {
    profile = await launchKeptProfile(app.relay.url)
    const page = profile.device.page
    const c = FIELD_CANARIES
    await page.goto('/')
    await createProfile(page, c.memberName)
    await createPlan(page, c.childName)
    await waitForSyncState(page, 'synced')
    await typeAtEnd(page, voiceEditor(page, 'Zorgen', 'Ouders'), c.voice)

    await page.getByRole('region', { name: 'Afspraken (handelingsdeel)' }).getByRole('button', { name: 'Afspraak toevoegen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Nieuwe afspraak' })
    await dialog.getByLabel('Wat spreken we af?').fill(c.actionWhat)
    await dialog.getByLabel('Iemand anders').check()
    await dialog.getByLabel('Wie (in woorden)').fill(c.actionWho)
    await dialog.getByLabel('Wanneer of hoe vaak?').fill(c.actionWhen)
    expect(await fieldsWithoutAutocomplete(page)).toEqual([])
    await dialog.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const quick = page.getByRole('region', { name: 'Observatie toevoegen' })
    await quick.getByLabel('Wat zag je?').fill(c.observation)
    await quick.getByRole('button', { name: 'Observatie opslaan' }).click()
    await page.locator('.sp-observation', { hasText: c.observation }).waitFor()

    await page.getByRole('button', { name: 'Overleg starten' }).click()
    await page.getByLabel('Nieuw besluit of advies').fill(c.decision)
    await page.getByRole('button', { name: 'Besluit toevoegen' }).click()
    await page.locator('.doc-decisions').getByText(c.decision).waitFor()
    await page.getByLabel('Nieuw besluit of advies').fill(c.draftDecision)
    expect(await fieldsWithoutAutocomplete(page)).toEqual([])
    await page.getByRole('button', { name: 'Terug naar het plan' }).click()
    await waitForSyncState(page, 'synced')
    // a draft left in an open dialog when the page is reloaded (the device locks on a reload)
    await page.getByRole('region', { name: 'Afspraken (handelingsdeel)' }).getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await page.getByRole('dialog', { name: 'Nieuwe afspraak' }).getByLabel('Wanneer of hoe vaak?').fill(c.draftWhen)
    await page.reload()
    await unlockAfterReload(page)
    await submitControlForm(page, CONTROL)
    expect(profile.device.errors).toEqual([])

    // a clean shutdown: Chromium writes out its databases and session files on exit
    await profile.close()
    const files = filesUnder(profile.dir)
    // expected to be big: Default/IndexedDB (the plan, sealed), Default/Service Worker/CacheStorage
    // (the app's code), Default/Code Cache and GPUCache; all of them are searched all the same
    expect(files.map((f) => path.relative(profile!.dir, f))).toEqual(
      expect.arrayContaining([path.join('Default', 'Web Data'), path.join('Default', 'Login Data')]),
    )
    expect(files.some((f) => f.includes(`${path.sep}Sessions${path.sep}`))).toBe(true)
    const hits = filesHolding(profile.dir, [...Object.values(c), CONTROL])
    expect(hits.filter((h) => h.needle === CONTROL).map((h) => h.file)).toContain(path.join('Default', 'Web Data'))
    expect(hits.filter((h) => h.needle !== CONTROL)).toEqual([])
  }, 120_000)
})
