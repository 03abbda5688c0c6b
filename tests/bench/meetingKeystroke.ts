/**
 * Issue 10: a meeting of 90 minutes with three writers stays responsive. Three devices (the IB as
 * chair, an admin; a care worker, an editor; a mother with gezag, a contributor who writes the
 * notes by P9) are the real client on fake-indexeddb, in this process, on one real relay process.
 * They type into the notes of an MDO's agenda items, item after item, each on a line of their own.
 * Every keystroke is timed from its insert on the writer's device until the plan doc of each other
 * device holds it (what that device's editor then shows): one sample per keystroke and receiver.
 *
 * Baseline in the same run, on the same devices and relay: the same measure while the plan is
 * still empty (the team and this meeting), one writer alone, each keystroke after a quiet moment
 * (latency.ts's spacing), so the difference is what 90 minutes of three people typing add.
 *
 * Which keystroke a device holds is read from Yjs' state vector: a writer's keystroke is the item
 * at (its client id, clock), and a receiver holds it once its state for that client passes the
 * clock (Yjs integrates a client's items in clock order, so nothing is counted before it shows).
 */
import os from 'node:os'
import * as Y from 'yjs'
import type { OpenPlanSession } from '../../src/access/planSession'
import { createMeetings, createOrganisations, meetingNotesName } from '../../src/plan'
import { decodeBlob } from '../../src/sync/blob'
import { addedToLog } from '../../src/sync/bridge'
import { createDevice, type Device } from '../helpers/nodeDevice'
import { sentence, seededRng, type Rng } from './dutchText'
import { percentile, round, sleep, waitUntil } from './stats'

/** DESIGN §8: an edit on one device visible on another via a local relay, p99. */
export const SYNC_P99_BUDGET_MS = 150

/** ~1 keystroke per second per writer over 90 minutes (DESIGN's meeting, issue 10's figure). */
const MEETING_MINUTES = 90
const KEYS_PER_WRITER_PER_MINUTE = 60

/**
 * The pacing. A real meeting's typing comes in bursts (a word at 5–8 keys/s) between long
 * pauses (listening, talking); 90 minutes at ~1 key/s per writer is 16,200 keystrokes. We keep
 * every keystroke and cut the pauses: each writer types one key every 28 ms, the three
 * interleaved (~100 keys/s together, the meeting in ~2.5 minutes on free cores). Each writer waits for its own
 * key to be inserted before the next is due, so a slow machine stretches the run instead of
 * queueing keys: the load offered never outruns the devices.
 *
 * What that changes, and which way: 28 ms is faster than anyone types, so the bridge's 50 ms
 * flush window bundles a writer's keys now and then (at most 20 records/s per writer, 60/s
 * through the relay: ~3× the peak of three people typing at once, far below the relay's
 * 200 messages/s per connection and the hundreds of updates/s it sustains, relayScale.ts), and a
 * key waits up to 50 ms in the window where a slower typist's key goes out at once. The figure
 * is pessimistic by that wait, which is reported apart (`_window_wait_p99_ms`: keystroke to
 * sealed; `_after_seal_p99_ms`: sealed to visible). The compactions are those of the whole
 * meeting: an editor's device folds the log past 500 records, as in use.
 */
const KEY_SPACING_MS = 28
/** latency.ts: longer than the flush window, each edit the first after a quiet moment */
const BASELINE_SPACING_MS = 70

interface Key {
  client: number
  /** the clock of the inserted character */
  clock: number
  at: number
  sealedAt: number
}

interface Writer {
  name: string
  session: OpenPlanSession
  /** member key */
  key: string
}

/**
 * Times every keystroke of the writers until each other writer's device holds it. `key` records a
 * keystroke just inserted on writer w; `stop` detaches and returns the samples.
 */
function trackVisibility(writers: Writer[]) {
  const n = writers.length
  // per writer, per receiver: the keys that receiver does not hold yet, in clock order
  const pending: Key[][][] = writers.map(() => writers.map(() => []))
  const heads: number[][] = writers.map(() => writers.map(() => 0))
  const unsealed: Key[][] = writers.map(() => [])
  const unsealedHead = writers.map(() => 0)
  const visible: number[] = []
  const windowWait: number[] = []
  const afterSeal: number[] = []
  const offs: Array<() => void> = []

  writers.forEach((receiver, r) => {
    const onUpdate = () => {
      const now = performance.now()
      for (let w = 0; w < n; w++) {
        if (w === r) continue
        const queue = pending[w]![r]!
        let h = heads[w]![r]!
        while (h < queue.length && Y.getState(receiver.session.doc.store, queue[h]!.client) > queue[h]!.clock) {
          const k = queue[h]!
          visible.push(now - k.at)
          afterSeal.push(now - k.sealedAt)
          h += 1
        }
        heads[w]![r] = h
      }
    }
    receiver.session.doc.on('update', onUpdate)
    offs.push(() => receiver.session.doc.off('update', onUpdate))
  })
  // sealed: the writer's bridge pushed its record into the envelope (a local transaction; what
  // arrives from the relay is applied as a remote one)
  writers.forEach((writer, w) => {
    const onEnvelope = (_u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => {
      if (!tr.local) return
      const now = performance.now()
      const queue = unsealed[w]!
      let h = unsealedHead[w]!
      while (h < queue.length && Y.getState(writer.session.doc.store, queue[h]!.client) > queue[h]!.clock) {
        queue[h]!.sealedAt = now
        windowWait.push(now - queue[h]!.at)
        h += 1
      }
      unsealedHead[w] = h
    }
    writer.session.envelope.on('update', onEnvelope)
    offs.push(() => writer.session.envelope.off('update', onEnvelope))
  })

  return {
    key(w: number, k: Key) {
      unsealed[w]!.push(k)
      for (let r = 0; r < n; r++) if (r !== w) pending[w]![r]!.push(k)
    },
    /** writer→receiver: keys not held yet (for a failure's message) */
    missing(): string {
      const out: string[] = []
      for (let w = 0; w < n; w++)
        for (let r = 0; r < n; r++) if (r !== w) out.push(`${writers[w]!.name}→${writers[r]!.name} ${pending[w]![r]!.length - heads[w]![r]!}`)
      return out.join(', ')
    },
    /** every keystroke held everywhere */
    done(): boolean {
      for (let w = 0; w < n; w++) for (let r = 0; r < n; r++) if (r !== w && heads[w]![r]! < pending[w]![r]!.length) return false
      return true
    },
    stop() {
      for (const off of offs) off()
      return { visible, windowWait, afterSeal }
    },
  }
}

/**
 * One writer's cursor in the notes: each line it starts goes at the end of the item's text, and
 * its keys follow its own last character wherever the others' lines push it (as an editor's caret).
 */
class Typist {
  private cursor: Y.RelativePosition | null = null
  private text: Y.Text | null = null
  private line = ''
  private lineAt = 0

  constructor(
    private readonly writer: Writer,
    private readonly rng: Rng,
  ) {}

  /** moves to another item's notes: the next key starts a new line there */
  moveTo(text: Y.Text): void {
    this.text = text
    this.cursor = null
    this.line = ''
    this.lineAt = 0
  }

  /**
   * Types one character. `pressed` gets it as a Key just before the insert: the insert itself may
   * seal and send it at once (the first key after a quiet moment), so the clock starts here.
   */
  press(pressed: (key: Key) => void): void {
    const text = this.text!
    const doc = this.writer.session.doc
    if (this.lineAt >= this.line.length) {
      this.line = `${text.length > 0 || this.cursor !== null ? '\n' : ''}- ${sentence(this.rng)}`
      this.lineAt = 0
      this.cursor = null
    }
    const char = this.line[this.lineAt++]!
    const index = this.cursor === null ? text.length : Y.createAbsolutePositionFromRelativePosition(this.cursor, doc)!.index
    // the character's clock is the writer's next one
    pressed({ client: doc.clientID, clock: Y.getState(doc.store, doc.clientID), at: performance.now(), sealedAt: Number.NaN })
    text.insert(index, char)
    // stick to the character just typed (assoc -1: the one to the left of the next index)
    this.cursor = Y.createRelativePositionFromTypeIndex(text, index + 1, -1)
  }
}

async function threeAtTable(relayUrl: string): Promise<{ writers: Writer[]; devices: Device[]; meetingId: string; items: string[] }> {
  const ib = await createDevice({ url: relayUrl }, 'bench-meeting-ib')
  const mother = await createDevice({ url: relayUrl }, 'bench-meeting-moeder')
  const care = await createDevice({ url: relayUrl }, 'bench-meeting-zorg')
  const planId = await ib.client.createPlan({ childName: 'Sam', party: 'professional', organisationName: 'De Regenboog' })
  const si = await ib.client.openPlan(planId)
  await si.whenSynced()
  await mother.client.acceptInvite(await si.createInvite({ role: 'contributor', party: 'gezag', expiresInHours: 1, name: 'Petra (moeder)' }))
  const sm = await mother.client.openPlan(planId)
  await sm.whenSynced()
  // R12: the mother's consent lets the care worker's organisation in
  const careOrg = await sm.giveConsent({ organisationName: 'Wijkteam Oost', purpose: 'Het MDO over Sam', expiresAt: Date.now() + 3_600_000 })
  await waitUntil(
    // the invite names an organisation the plan doc lists (the consent record alone names no one)
    () =>
      createOrganisations(si.doc)
        .list()
        .some((o) => o.id === careOrg) && si.consents().some((c) => c.organisationId === careOrg && c.status === 'live'),
    15_000,
    'the consent reaches the IB',
  )
  const careLink = await si.createInvite({ role: 'editor', party: 'professional', organisationId: careOrg, expiresInHours: 1, name: 'Karim' })
  await si.whenSynced()
  await care.client.acceptInvite(careLink)
  const sc = await care.client.openPlan(planId)
  const sessions = [si, sc, sm]
  await waitUntil(() => sessions.every((s) => s.members().length === 3), 15_000, 'everyone is a member everywhere')
  const [IB, CARE, MUM] = await Promise.all([ib, care, mother].map(async (d) => (await d.client.profile())!.memberKey))
  const meetings = createMeetings(si.doc)
  const meetingId = meetings.add(
    {
      type: 'MDO',
      date: new Date().toISOString().slice(0, 10),
      chair: IB!,
      noteTaker: IB!,
      // the chair confirms everyone: P9 opens the notes to the mother
      attendees: [IB!, CARE!, MUM!].map((memberKey) => ({ kind: 'member' as const, memberKey })),
    },
    IB!,
  )
  await waitUntil(
    () => sessions.every((s) => createMeetings(s.doc).get(meetingId)?.attendees.length === 3),
    15_000,
    'the meeting and who is present reach everyone',
  )
  const items = meetings.get(meetingId)!.agenda.map((i) => i.id)
  const writers: Writer[] = [
    { name: 'ib', session: si, key: IB! },
    { name: 'zorg', session: sc, key: CARE! },
    { name: 'moeder', session: sm, key: MUM! },
  ]
  return { writers, devices: [ib, care, mother], meetingId, items }
}

function refusedRecords(writers: Writer[]): string[] {
  return writers.flatMap((w) => w.session.quarantined().map((q) => `${w.name}: ${q.reason}`))
}

export async function benchMeetingKeystroke(options: { relayUrl: string; quick: boolean; log: (line: string) => void }) {
  const { log } = options
  const minutes = options.quick ? 10 : MEETING_MINUTES
  const keysPerWriter = minutes * KEYS_PER_WRITER_PER_MINUTE
  const baselineKeys = options.quick ? 60 : 200
  const { writers, devices, meetingId, items } = await threeAtTable(options.relayUrl)
  const notes = (w: Writer, item: string) => w.session.doc.getText(meetingNotesName(meetingId, item))
  try {
    // baseline: the plan still empty, the IB alone in the first item, one key after a quiet moment
    const base = trackVisibility(writers)
    {
      const typist = new Typist(writers[0]!, seededRng(1))
      typist.moveTo(notes(writers[0]!, items[0]!))
      for (let i = 0; i < baselineKeys; i++) {
        typist.press((k) => base.key(0, k))
        await sleep(BASELINE_SPACING_MS)
      }
      await waitUntil(() => base.done(), 30_000, 'the baseline keys everywhere')
    }
    const baseline = base.stop()

    // the meeting: snapshots written during it, by any editor's device (the IB's envelope sees them all)
    let snapshots = 0
    const countSnapshots = (event: Y.YArrayEvent<Uint8Array>, tx: Y.Transaction) => {
      // not event.changes: it walks the whole log, tombstones included, and would load the devices
      for (const item of addedToLog(event, tx)) {
        const bytes = item.content.getContent()[0]
        if (!(bytes instanceof Uint8Array)) continue
        try {
          const blob = decodeBlob(bytes)
          if (blob.kind === 'snapshot' && blob.part === 0) snapshots += 1
        } catch {
          // not a blob: nothing to count
        }
      }
    }
    const log0 = writers[0]!.session.envelope.getArray<Uint8Array>('log')
    log0.observe(countSnapshots)
    const track = trackVisibility(writers)
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    await Promise.all(
      writers.map(async (writer, w) => {
        const typist = new Typist(writer, seededRng(100 + w))
        let item = -1
        await sleep((w * KEY_SPACING_MS) / writers.length) // interleaved, not in step
        for (let i = 0; i < keysPerWriter; i++) {
          const now = Math.floor((i * items.length) / keysPerWriter)
          if (now !== item) {
            item = now
            typist.moveTo(notes(writer, items[item]!))
            // the chair takes a decision in the item before it moves on, as the method asks
            if (w === 0 && item > 0)
              createMeetings(writer.session.doc).addDecision(meetingId, sentence(seededRng(item)), writer.key, Date.now(), items[item - 1]!)
          }
          typist.press((k) => track.key(w, k))
          await sleep(KEY_SPACING_MS)
        }
      }),
    )
    await waitUntil(() => track.done(), 60_000, 'every key of the meeting everywhere').catch((err: Error) => {
      const state = writers.map((w) => `${w.name}: ${w.session.status().state}${w.session.relayErrorCode() ? ` (${w.session.relayErrorCode()})` : ''}`)
      // what each device's plan holds of each writer, and whether anything waits in Yjs for a gap
      const held = writers.map((w) => {
        const sv = [...Y.decodeStateVector(Y.encodeStateVector(w.session.doc))].map(([c, k]) => `${c}:${k}`).join(' ')
        const waiting = w.session.doc.store.pendingStructs || w.session.envelope.store.pendingStructs ? 'structs waiting for a gap' : 'nothing waiting'
        return `${w.name} (client ${w.session.doc.clientID}): ${sv}; ${waiting}`
      })
      throw new Error(
        `${err.message}; missing ${track.missing()}; ${state.join(', ')}; refused ${refusedRecords(writers).slice(0, 3).join('; ')}\n${held.join('\n')}`,
      )
    })
    const runMs = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    log0.unobserve(countSnapshots)
    const meeting = track.stop()

    const refused = refusedRecords(writers)
    if (refused.length > 0) throw new Error(`bench: ${refused.length} records refused, first ${refused[0]}`)
    // the three ended with the same notes: what was timed is what was typed
    const noteTexts = (w: Writer) => items.map((i) => notes(w, i).toString()).join('\u0000')
    if (!writers.every((w) => noteTexts(w) === noteTexts(writers[0]!))) throw new Error('bench: the meeting notes differ between devices')

    // the verslag of this meeting, at its end (the one a parent says "klopt" to)
    const verslagRuns: number[] = []
    for (let i = -2; i < 20; i++) {
      const v0 = performance.now()
      if (writers[0]!.session.verslag(meetingId) === null) throw new Error('bench: no verslag')
      if (i >= 0) verslagRuns.push(performance.now() - v0)
    }

    const summary = {
      meeting_keystroke_p50_ms: round(percentile(meeting.visible, 50)),
      meeting_keystroke_p99_ms: round(percentile(meeting.visible, 99)),
      meeting_keystroke_max_ms: round(meeting.visible.reduce((a, b) => Math.max(a, b), 0)),
      meeting_keystroke_baseline_p50_ms: round(percentile(baseline.visible, 50)),
      meeting_keystroke_baseline_p99_ms: round(percentile(baseline.visible, 99)),
      meeting_keystroke_p99_extra_ms: round(percentile(meeting.visible, 99) - percentile(baseline.visible, 99)),
      meeting_keystroke_window_wait_p99_ms: round(percentile(meeting.windowWait, 99)),
      meeting_keystroke_after_seal_p50_ms: round(percentile(meeting.afterSeal, 50)),
      meeting_keystroke_after_seal_p99_ms: round(percentile(meeting.afterSeal, 99)),
      meeting_keystroke_budget_ms: SYNC_P99_BUDGET_MS,
      meeting_minutes_simulated: minutes,
      meeting_keys: keysPerWriter * writers.length,
      meeting_samples: meeting.visible.length,
      meeting_run_s: round(runMs / 1000, 1),
      /** CPU of this process (the three devices) over the run, per wall second */
      meeting_devices_cpu_share: round((cpu.user + cpu.system) / 1000 / runMs, 2),
      /** the machine's 1-minute load average at the end (2 cores here): how far wall time is waiting for a core */
      meeting_loadavg_1m: round(os.loadavg()[0]!, 1),
      meeting_snapshots: snapshots,
      meeting_notes_chars: items.reduce((sum, i) => sum + notes(writers[0]!, i).length, 0),
      meeting_verslag_compile_p50_ms: round(percentile(verslagRuns, 50)),
    }
    log(
      `${summary.meeting_keys} keys (${minutes} min at ~1/s per writer, 3 writers) in ${summary.meeting_run_s} s: keystroke to remote visible ` +
        `p50 ${summary.meeting_keystroke_p50_ms} p99 ${summary.meeting_keystroke_p99_ms} ms (of which in the flush window p99 ${summary.meeting_keystroke_window_wait_p99_ms}; ` +
        `sealed to visible p99 ${summary.meeting_keystroke_after_seal_p99_ms}); empty plan, one writer: p50 ${summary.meeting_keystroke_baseline_p50_ms} ` +
        `p99 ${summary.meeting_keystroke_baseline_p99_ms} ms; ${snapshots} compactions, ${summary.meeting_notes_chars} characters of notes; ` +
        `devices' CPU ${summary.meeting_devices_cpu_share} of a core, load average ${summary.meeting_loadavg_1m}; ` +
        `goal p99 ≤ ${SYNC_P99_BUDGET_MS} ms: ${summary.meeting_keystroke_p99_ms <= SYNC_P99_BUDGET_MS ? 'met' : 'NOT met'}`,
    )
    return summary
  } finally {
    for (const d of devices) await d.client.close()
  }
}
