/**
 * No plaintext of a plan on the browser's disk: after typing into a plan in the built PWA, a
 * canary (and the child's name) is searched for in every IndexedDB database, every Cache
 * Storage entry, localStorage and sessionStorage of that origin. The home screen's summary (next
 * meeting, open afspraken) is stored too, sealed: the home screen shows it after a reload, and
 * neither its date nor its encoding is found in the clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { createPlan, createProfile, hasChromium, unlockAfterReload, launchBrowser, newDevice, startApp, typeAtEnd, voiceEditor, waitForSyncState, type Device, type Relay } from './helpers'

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
      else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1))
      else if (typeof v === 'object') Object.values(v as object).forEach((x) => walk(x, depth + 1))
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
            (req) => new Promise<unknown[]>((resolve, reject) => {
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

describe.skipIf(!hasChromium)('e2e: the browser\'s disk holds ciphertext only', () => {
  let relay: Relay
  let browser: Browser
  let a: Device

  beforeAll(async () => {
    relay = await startApp()
    browser = await launchBrowser()
    a = await newDevice(browser, 'A', relay.url)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await relay?.stop()
  })

  it('a canary typed into the plan and the child\'s name appear nowhere in storage', async () => {
    await a.page.goto('/')
    await createProfile(a.page, 'Ouder')
    await createPlan(a.page, CHILD)
    await waitForSyncState(a.page, 'synced')
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
    await a.page.getByRole('heading', { name: new RegExp(CHILD) }).waitFor({ timeout: 20_000 }).catch(() => undefined)
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
