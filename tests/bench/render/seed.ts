/**
 * Bench-only page (never in the app's build): writes a plan of five years' use into this
 * origin's IndexedDB through the app's own modules (the access client, the plan accessors), so
 * the built app can then be timed opening it. Built separately into a temp dir by renderLarge.ts.
 */
import { createClient } from '../../../src/access'
import { envelopeDbName } from '../../../src/access/planSession'
import { FIVE_YEARS, writeLargePlan, type GeneratedPlan, type PlanSize } from '../largePlan'
import { readPlanView, type PlanViewData } from '../planView'
import { storedUpdates } from '../../helpers/storedUpdates'

export interface SeedResult {
  planId: string
  generated: GeneratedPlan
  view: PlanViewData
}

declare global {
  interface Window {
    seedLargePlan(options: { name: string; passphrase: string; childName: string; size?: PlanSize; waitForMerge?: boolean }): Promise<SeedResult>
  }
}

window.seedLargePlan = async ({ name, passphrase, childName, size, waitForMerge = true }) => {
  // the app's defaults: namespace, relay at this origin, Argon2id at its interactive limits
  const client = await createClient()
  await client.createProfile(name, passphrase)
  const planId = await client.createPlan({ childName })
  const session = await client.openPlan(planId)
  const generated = writeLargePlan(session, size ?? FIVE_YEARS)
  // a device in steady use: the relay holds everything, so opening it later syncs nothing new
  await session.whenSynced(180_000)
  // and idle for a moment, as in use: y-indexeddb merges its stored updates (see openLargePlan.ts)
  // (a small plan never reaches y-indexeddb's merge size: tests that only need the content skip this)
  if (waitForMerge) await storeMerged(envelopeDbName('samenplan', planId))
  const view = readPlanView(session.doc)
  await client.close()
  return { planId, generated, view }
}

async function storeMerged(dbName: string, timeoutMs = 120_000): Promise<void> {
  const start = Date.now()
  for (;;) {
    const { count } = await storedUpdates(dbName)
    if (count <= 10) return
    if (Date.now() - start > timeoutMs) throw new Error(`y-indexeddb still holds ${count} updates`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

document.getElementById('state')!.textContent = 'klaar'
