/**
 * DESIGN §8 in the browser: the built app (dist/) in Chromium, served by the real relay, opening
 * a plan of five years' use. The plan is written into the page's IndexedDB by a bench-only page
 * (render/seed.ts, built with vite's API into a temp dir next to a copy of dist/, never into the
 * app's build) through the app's own modules. Then the app's lock screen is unlocked and the
 * page times, with performance.now(), until the plan view is interactive: the title with the
 * child's name, the voices and every section present, and the first input taking the focus.
 * `BENCH_PROFILE=<dir>` writes a CPU profile of each timed run there.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { CDPSession } from 'playwright-core'
import { build } from 'vite'
import { startRelay } from '../helpers/relayProcess'
import { DIST, ROOT, ensureBuilt, launchBrowser, newDevice, PASSPHRASE } from '../e2e/helpers'
import { FIVE_YEARS, type PlanSize } from './largePlan'
import type { SeedResult } from './render/seed'
import { percentile, round } from './stats'

export const SEED_BASE = '/bench-seed/'
const SECTIONS = ['sp-observations', 'sp-goals', 'sp-actions', 'sp-meetings']

interface RenderTiming {
  /** Ontgrendelen pressed → lock screen gone (Argon2id and the keyring) */
  unlockMs: number
  /** lock screen gone → plan view interactive */
  renderMs: number
  /** lock screen gone → the twelve voice editors loaded (Quill, y-quill) */
  editorsMs: number | null
  /** the page's main thread CPU time from the click until interactive, unlock included */
  busyMs: number
}

/**
 * CPU time of the page's main thread so far (CDP ThreadTime; TaskDuration, the tasks' wall time,
 * where Chromium lacks it): what the render costs when the machine is not shared.
 */
async function mainThreadBusyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  const of = (name: string) => metrics.find((m) => m.name === name)?.value
  return (of('ThreadTime') ?? of('TaskDuration') ?? 0) * 1000
}

/** dist/ plus the seed page, in a temp dir the relay serves: the app's own build stays untouched. */
export async function buildStaticDir(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'samenplan-bench-render-'))
  if (process.env.BENCH_PROFILE) {
    // readable names in the profiles: the app built again, unminified, into the temp dir
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), root: ROOT, logLevel: 'warn', build: { outDir: dir, emptyOutDir: true, minify: false } })
  } else {
    ensureBuilt()
    cpSync(DIST, dir, { recursive: true })
  }
  await build({
    configFile: false,
    root: ROOT,
    base: SEED_BASE,
    logLevel: 'warn',
    build: {
      outDir: path.join(dir, SEED_BASE),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: path.join(ROOT, 'tests/bench/render/seed.html') },
    },
  })
  return dir
}

/** Runs in the page: presses Ontgrendelen and watches each frame until the plan view is usable. */
function timeUnlockToInteractive(args: { sections: string[]; childName: string }): Promise<{ unlockMs: number; renderMs: number }> {
  return new Promise((resolve, reject) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Ontgrendelen')
    if (!button) return reject(new Error('no Ontgrendelen button'))
    const t0 = performance.now()
    let unlockedAt = 0
    button.click()
    const frame = () => {
      const now = performance.now()
      if (!unlockedAt && !document.getElementById('lock-title')) unlockedAt = now
      if (unlockedAt) {
        const title = document.getElementById('plan-title')
        const input = document.getElementById('obs-text')
        if (
          title?.textContent?.includes(args.childName) &&
          document.querySelector('.voices') &&
          args.sections.every((id) => document.getElementById(id)) &&
          input
        ) {
          input.focus()
          if (document.activeElement === input) {
            ;(globalThis as { benchUnlockedAt?: number }).benchUnlockedAt = unlockedAt
            return resolve({ unlockMs: unlockedAt - t0, renderMs: now - unlockedAt })
          }
        }
      }
      if (now - t0 > 120_000) return reject(new Error('plan view not interactive within 120 s'))
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
}

/** Runs in the page after that: until the twelve voice editors are loaded, or null after 5 s more. */
function timeEditorsReady(): Promise<number | null> {
  return new Promise((resolve) => {
    const unlockedAt = (globalThis as { benchUnlockedAt?: number }).benchUnlockedAt ?? 0
    const start = performance.now()
    const frame = () => {
      const now = performance.now()
      if (document.querySelectorAll('.voices .ql-editor').length >= 12 && !document.querySelector('.voices .voice-field__loading'))
        return resolve(now - unlockedAt)
      if (now - start > 5000) return resolve(null)
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
}

export async function benchRenderLarge(options: { runs: number; size?: PlanSize; log?: (line: string) => void }) {
  const log = options.log ?? (() => {})
  const staticDir = await buildStaticDir()
  const relay = await startRelay({
    staticDir,
    env: { RELAY_MAX_MESSAGES_PER_S: '100000', RELAY_MAX_ROOMS_PER_HOUR: '100000', RELAY_MAX_UPGRADES_PER_S: '100000' },
  })
  const browser = await launchBrowser()
  try {
    const device = await newDevice(browser, 'bench-render', relay.url)
    const page = device.page
    await page.goto(`${relay.url}${SEED_BASE}tests/bench/render/seed.html`)
    await page.locator('#state', { hasText: 'klaar' }).waitFor({ timeout: 60_000 })
    const seedStart = Date.now()
    const seeded = (await page.evaluate((o) => window.seedLargePlan(o), {
      name: 'Ilse Bakker',
      passphrase: PASSPHRASE,
      childName: 'Sam',
      size: options.size ?? FIVE_YEARS,
    } as const)) as SeedResult
    log(`seeded in the page in ${Date.now() - seedStart} ms: ${seeded.generated.blobsWritten} blobs, ${JSON.stringify(seeded.generated.liveByKind)}`)

    const timings: RenderTiming[] = []
    for (let run = 0; run < options.runs; run++) {
      // a fresh load of the app is locked: the lock screen, then the plan the link names
      if (run === 0) await page.goto(`${relay.url}/#/plan/${seeded.planId}`)
      else await page.reload() // the same URL: only a reload loads the app afresh
      await page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 60_000 })
      await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSPHRASE)
      // tsx keeps function names with a helper the page does not have
      await page.evaluate('globalThis.__name ??= (f) => f')
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      if (process.env.BENCH_PROFILE) {
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.start')
      }
      const busyBefore = await mainThreadBusyMs(cdp)
      const interactive = await page.evaluate(timeUnlockToInteractive, { sections: SECTIONS, childName: 'Sam' })
      const busyMs = (await mainThreadBusyMs(cdp)) - busyBefore
      if (process.env.BENCH_PROFILE) {
        const { profile } = await cdp.send('Profiler.stop')
        writeFileSync(path.join(process.env.BENCH_PROFILE, `render-${run}.cpuprofile`), JSON.stringify(profile))
      }
      await cdp.detach()
      const timing: RenderTiming = { ...interactive, busyMs, editorsMs: await page.evaluate(timeEditorsReady) }
      timings.push(timing)
      log(
        `render run ${run + 1}: unlock ${round(timing.unlockMs)} ms, then interactive after ${round(timing.renderMs)} ms, editors after ${timing.editorsMs === null ? '-' : round(timing.editorsMs)} ms; ` +
          `main thread CPU ${round(timing.busyMs)} ms from the click to interactive`,
      )
    }
    if ((await page.locator('.sp-observation').count()) === 0) throw new Error('bench: the plan view shows no observations')
    // the unlock alone, on the home screen: its CPU time, to tell it apart from the plan's
    await page.goto(`${relay.url}/#/`)
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Samenplan is vergrendeld' }).waitFor({ timeout: 60_000 })
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSPHRASE)
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const before = await mainThreadBusyMs(cdp)
    await page.getByRole('button', { name: 'Ontgrendelen' }).click()
    await page.getByRole('button', { name: 'Vergrendelen' }).waitFor({ timeout: 60_000 })
    const unlockCpuMs = (await mainThreadBusyMs(cdp)) - before
    await cdp.detach()
    log(`unlock alone (home screen): main thread CPU ${round(unlockCpuMs)} ms`)
    if (device.errors.length > 0) log(`page errors: ${device.errors.slice(0, 3).join(' | ')}`)
    const render = timings.map((t) => t.renderMs)
    const editors = timings.map((t) => t.editorsMs).filter((t): t is number => t !== null)
    return {
      render_large_plan_ms: round(percentile(render, 50)),
      render_large_plan_ms_max: round(Math.max(...render)),
      render_large_plan_editors_ms: editors.length ? round(percentile(editors, 50)) : null,
      render_large_plan_unlock_ms: round(
        percentile(
          timings.map((t) => t.unlockMs),
          50,
        ),
      ),
      render_large_plan_main_cpu_ms: round(
        percentile(
          timings.map((t) => t.busyMs),
          50,
        ),
      ),
      render_large_plan_unlock_main_cpu_ms: round(unlockCpuMs),
      render_large_plan_runs: timings.length,
    }
  } finally {
    await browser.close()
    await relay.stop()
    rmSync(staticDir, { recursive: true, force: true })
  }
}

// `npx tsx tests/bench/renderLarge.ts`: this part alone
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchRenderLarge({ runs: Number(process.env.RUNS ?? 3), log: (l) => console.log(`# ${l}`) })
  console.log(JSON.stringify(result))
  process.exit(0)
}
