/**
 * A plan after five years of use, written the way real use writes it: four people (the IB'er on
 * the device under test, a teacher, a care worker, a parent) each on their own device, editing
 * through the src/plan accessors, one blob per edit, syncing once a simulated week through the
 * device under test as the relay would (`validateUpdate`, then apply, then commit, exactly as
 * src/sync/connection.ts does). Every device's bridge compacts when it would (past 500 blobs or
 * 1 MiB since the last snapshot, editors only), so the envelope ends as it does in real use:
 * snapshots plus the records written since, from several authors.
 *
 * Browser-safe (no Node imports): the render benchmark runs it in the page too.
 */
import * as Y from 'yjs'
import type { OpenPlanSession } from '../../src/access/planSession'
import { contributorContentPolicy } from '../../src/access/contentPolicy'
import type { Role } from '../../src/access/types'
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/crypto'
import { decodeBlob, roleAtLeast } from '../../src/sync/blob'
import { EnvelopeBridge } from '../../src/sync/bridge'
import { toHex } from '../../src/sync/bytes'
import { EpochKeys } from '../../src/sync/epochKeys'
import { createLockbox, createMemberRecord, createWriter } from '../../src/sync/records'
import { liveBlobs, loadRoomState, type RoomState } from '../../src/sync/roomState'
import { validateUpdate } from '../../src/sync/validateUpdate'
import {
  EVALUATION_DECISIONS,
  EVALUATION_RESULTS,
  FACTOR_DOMAINS,
  FACTOR_KINDS,
  GOAL_DOMAINS,
  ROUTE_LEVELS,
  VOICE_FIELDS,
  createActions,
  createChild,
  createFactors,
  createGoals,
  createMeetings,
  createMeta,
  createObservations,
  createRoute,
  createSocialMap,
  createTeam,
  createVoices,
  type Perspective,
} from '../../src/plan'
import { WHENS, actionWhat, goalTitle, noteWords, observationText, pick, seededRng, sentence } from './dutchText'

export interface PlanSize {
  observations: number
  goals: number
  meetings: number
  actions: number
  routeSteps: number
  factors: number
  contacts: number
  /** agenda items with notes per meeting */
  noteItemsPerMeeting: number
  wordsPerNoteItem: number
  /**
   * Words per blob while typing notes. Slow typing seals about one keystroke per blob; that would
   * be a million blobs for this much text, which compaction folds into snapshots anyway (what is
   * opened is the last snapshot plus at most ~500 records since). A sentence or two per blob
   * keeps the generator well under a minute (every blob is signed once and verified by three
   * other devices, ~0.2 ms each here) while the envelope still sees thousands of blobs and
   * a dozen compactions.
   */
  wordsPerNoteBlob: number
  weeks: number
  /** records since the last snapshot at the end (compaction comes at 500) */
  tailRecords: number
}

/** DESIGN §8: five years of use. */
export const FIVE_YEARS: PlanSize = {
  observations: 2000,
  goals: 200,
  meetings: 100,
  actions: 300,
  routeSteps: 12,
  factors: 40,
  contacts: 10,
  noteItemsPerMeeting: 4,
  wordsPerNoteItem: 250,
  wordsPerNoteBlob: 40,
  weeks: 5 * 52,
  tailRecords: 400,
}

export interface GeneratedPlan {
  /** blobs written, all authors (snapshots not counted) */
  blobsWritten: number
  byAuthor: Record<string, number>
  /** blobs in the device's envelope now, by kind */
  liveByKind: Record<string, number>
  /** distinct authors of the live update and snapshot blobs */
  liveAuthors: number
  snapshotsWritten: number
  generateMs: number
}

/** Another member's device: its own envelope, plan doc, room state and bridge (the real ones). */
class PeerDevice {
  readonly identity: SigningKeyPair = generateSigningKeyPair()
  readonly key = toHex(this.identity.publicKey)
  readonly envelope = new Y.Doc()
  readonly doc = new Y.Doc()
  room!: RoomState
  private bridge!: EnvelopeBridge
  written = 0

  constructor(
    readonly name: string,
    readonly role: Role,
  ) {}

  /** after the first sync brought genesis, membership and its lockbox */
  start(planId: Uint8Array): void {
    const keys = new EpochKeys()
    this.bridge = new EnvelopeBridge({
      planId,
      writer: createWriter(this.identity),
      envelope: this.envelope,
      plan: this.doc,
      room: this.room,
      keys,
      recipients: () => [this.identity],
      canWrite: () => roleAtLeast(this.role, 'contributor'),
      canCompact: () => roleAtLeast(this.role, 'editor'),
      contentPolicy: contributorContentPolicy(() => this.room),
      flushWindowMs: 1e9, // sealed by flush() after every edit: one blob per edit
    })
    this.bridge.start()
  }

  flush(): void {
    this.bridge.flush()
  }

  stop(): void {
    this.bridge.destroy()
    this.doc.destroy()
    this.envelope.destroy()
  }
}

/** What the validating connection does with an update from elsewhere: check, apply, commit. */
function deliver(from: Y.Doc, to: Y.Doc, toRoom: RoomState, origin: unknown): void {
  const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to))
  const result = validateUpdate(to, toRoom, update, { now: Date.now(), historicContent: true })
  if (!result.ok) throw new Error(`bench: sync refused ${result.error.rule} ${result.error.code}: ${result.error.message}`)
  Y.applyUpdate(to, update, origin)
  result.commit()
}

interface Author {
  name: string
  key: string
  doc: Y.Doc
  flush(): void
  count(): void
}

/**
 * Writes five years of plan into the open session (the device under test, admin of the plan)
 * and the devices of three other members. Leaves the session open; the peers are gone after.
 */
export function writeLargePlan(session: OpenPlanSession, size: PlanSize = FIVE_YEARS, seed = 2026): GeneratedPlan {
  const started = performance.now()
  const rng = seededRng(seed)
  const planId = session.room.planId
  const newest = session.keys.newest()
  if (!newest) throw new Error('bench: the session has no plan key')
  const teacher = new PeerDevice('Anja de Vries', 'editor')
  const care = new PeerDevice('Karim El Amrani', 'editor')
  const parent = new PeerDevice('Petra Jansen', 'contributor')
  const peers = [teacher, care, parent]
  const byAuthor: Record<string, number> = { ib: 0, leerkracht: 0, zorg: 0, ouder: 0 }
  let written = 0

  // the admin adds each member and seals the plan key to them, as an accepted invite ends up
  session.pushOwnRecords(
    peers.flatMap((p) => [
      // R12: a new member names its party; 'parent' needs no organisation's consent record, and the
      // bench measures the plan's content, not who signed it
      createMemberRecord(session.writer, planId, { op: 'add', subject: p.identity.publicKey, role: p.role, party: 'parent' }),
      createLockbox(session.writer, planId, newest.epoch, p.identity.publicKey, newest.key),
    ]),
  )
  for (const p of peers) {
    p.room = loadRoomState(planId, p.envelope)
    deliver(session.envelope, p.envelope, p.room, 'bench:hub')
    p.start(planId)
  }
  let snapshotsWritten = 0
  const countSnapshots = (event: Y.YArrayEvent<Uint8Array>) => {
    for (const item of event.changes.added) {
      const bytes = item.content.getContent()[0]
      if (!(bytes instanceof Uint8Array)) continue
      try {
        const blob = decodeBlob(bytes)
        if (blob.kind === 'snapshot' && blob.part === 0) snapshotsWritten += 1
      } catch {
        // not a blob: nothing to count
      }
    }
  }
  const hubLog = session.envelope.getArray<Uint8Array>('log')
  hubLog.observe(countSnapshots)
  const me = toHex(session.writer.identity.publicKey)
  const ib: Author = { name: 'ib', key: me, doc: session.doc, flush: () => session.flush(), count: () => void (byAuthor.ib! += 1) }
  const asAuthor = (p: PeerDevice, label: string): Author => ({
    name: label,
    key: p.key,
    doc: p.doc,
    flush: () => p.flush(),
    count: () => void (byAuthor[label]! += 1),
  })
  const leerkracht = asAuthor(teacher, 'leerkracht')
  const zorg = asAuthor(care, 'zorg')
  const ouder = asAuthor(parent, 'ouder')
  /** one edit, one blob */
  const edit = (a: Author, change: () => void) => {
    change()
    a.flush()
    a.count()
    written += 1
  }
  const syncAll = () => {
    for (const p of peers) deliver(p.envelope, session.envelope, session.room, 'bench:peer')
    for (const p of peers) deliver(session.envelope, p.envelope, p.room, 'bench:hub')
  }

  const start = Date.UTC(2021, 8, 1)
  const DAY = 86_400_000
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10)

  // the first weeks: who is who, the child, the voices
  edit(ib, () => createChild(ib.doc).set({ dateOfBirth: '2014-03-12', school: 'De Regenboog', group: 'groep 4' }))
  edit(ib, () => createMeta(ib.doc).set({ status: 'vastgesteld', supportLevel: 'extra ondersteuning', careLevel: 'vrij toegankelijk', casusregisseur: me }))
  const people: Array<[Author, string, 'editor' | 'contributor', string]> = [
    [leerkracht, 'Anja de Vries', 'editor', 'De Regenboog'],
    [zorg, 'Karim El Amrani', 'editor', 'Wijkteam Oost'],
    [ouder, 'Petra Jansen', 'contributor', ''],
  ]
  for (const [a, name, role, organisation] of people)
    edit(ib, () => createTeam(ib.doc).add({ memberKey: a.key, name, role, organisation, callFor: 'vragen over Sam' }, me, start))
  // each voice by someone P4 lets write it: the peers are all added as parents (no consent records
  // needed, see above), so the parent writes the child's words on its behalf and the parents' own;
  // the school's and care's voices are the IB's, whose party the log does not name (its role decides)
  const voiceWriters: Record<Perspective, Author> = { kind: ouder, ouders: ouder, school: ib, zorg: ib }
  const reviseVoice = (perspective: Perspective) => {
    const a = voiceWriters[perspective]
    const field = pick(rng, VOICE_FIELDS)
    const text = createVoices(a.doc).text(perspective, field)
    if (text.length > 400) edit(a, () => text.delete(0, Math.min(text.length, 150 + rng(150))))
    for (let i = 0; i < 3; i++) edit(a, () => text.insert(text.length, `${sentence(rng)} `))
  }

  const goalIds: string[] = []
  const openGoals = () =>
    createGoals(session.doc)
      .open()
      .map((g) => g.id)
  let meetingsLeft = size.meetings
  let goalsLeft = size.goals
  let actionsLeft = size.actions
  const perWeek = (total: number, week: number) => Math.floor(((week + 1) * total) / size.weeks) - Math.floor((week * total) / size.weeks)

  for (let week = 0; week < size.weeks; week++) {
    const t = start + week * 7 * DAY
    // observations: school most, home often, care sometimes; half about an open goal (everyone
    // synced last week, so this week's open goals are the same on every device)
    const goalsThisWeek = openGoals()
    for (let i = 0; i < perWeek(size.observations, week); i++) {
      const r = rng(100)
      const [a, context] = r < 45 ? ([leerkracht, 'school'] as const) : r < 80 ? ([ouder, 'thuis'] as const) : ([zorg, 'zorg'] as const)
      const goalIdsForObs = goalsThisWeek.length > 0 && rng(2) === 0 ? [pick(rng, goalsThisWeek)] : []
      edit(a, () => createObservations(a.doc).add({ date: iso(t + rng(7) * DAY), text: observationText(rng), context, goalIds: goalIdsForObs }, a.key, t + i))
    }
    if (week % 13 === 0) for (const p of ['kind', 'ouders', 'school', 'zorg'] as const) reviseVoice(p)
    for (let i = 0; i < perWeek(size.factors, week); i++) {
      const a = pick(rng, [ib, leerkracht, zorg])
      edit(a, () =>
        createFactors(a.doc).add(
          { domain: pick(rng, FACTOR_DOMAINS), kind: pick(rng, FACTOR_KINDS), text: sentence(rng), date: iso(t), sourceKey: a.key },
          a.key,
          t,
        ),
      )
    }
    for (let i = 0; i < perWeek(size.routeSteps, week); i++) {
      edit(zorg, () =>
        createRoute(zorg.doc).add(
          {
            level: pick(rng, ROUTE_LEVELS),
            provider: pick(rng, ['Wijkteam Oost', 'Kinderfysio Noord', 'GGZ Jeugd', 'Sociale vaardigheidstraining']),
            from: iso(t),
            effect: sentence(rng),
          },
          zorg.key,
          t,
        ),
      )
    }
    for (let i = 0; i < perWeek(size.contacts, week); i++) {
      edit(ib, () =>
        createSocialMap(ib.doc).add(
          { name: pick(rng, ['Huisarts Bakker', 'Sportcoach Lisa', 'Buurtteam', 'Logopedie De Klank']), callFor: sentence(rng), reach: '010-1234567' },
          me,
          t,
        ),
      )
    }
    // an afspraak done now and then, ticked off by the teacher
    if (week % 3 === 1) {
      const open = createActions(leerkracht.doc)
        .list()
        .filter((x) => !x.done)
      if (open.length > 0) edit(leerkracht, () => createActions(leerkracht.doc).setDone(pick(rng, open).id, true))
    }

    // a meeting every two to three weeks: live notes, goals and afspraken from note lines, evaluations
    if (meetingsLeft > 0 && perWeek(size.meetings, week) > 0) {
      meetingsLeft -= 1
      syncAll() // everyone is in the meeting: start from the same plan
      const host = rng(4) === 0 ? zorg : ib
      const meetings = createMeetings(host.doc)
      let id = ''
      edit(host, () => {
        id = meetings.add(
          {
            type: pick(rng, ['Kans!overleg', 'MDO', 'OT', 'evaluatie'] as const),
            date: iso(t),
            attendees: [ib, leerkracht, zorg, ouder].map((a) => ({ kind: 'member' as const, memberKey: a.key })),
          },
          host.key,
          t,
        )
      })
      const items = meetings.get(id)!.agenda.slice(0, size.noteItemsPerMeeting)
      for (const item of items) {
        const text = meetings.notes(id, item.id)
        const words = noteWords(rng, size.wordsPerNoteItem)
        for (let w = 0; w < words.length; w += size.wordsPerNoteBlob) {
          const chunk = words.slice(w, w + size.wordsPerNoteBlob).join(' ')
          edit(host, () => text.insert(text.length, (w === 0 ? '' : ' ') + chunk))
        }
      }
      for (const goalId of openGoals().slice(0, 6)) {
        edit(host, () =>
          createGoals(host.doc).addEvaluation(
            goalId,
            { date: iso(t), result: pick(rng, EVALUATION_RESULTS), seen: sentence(rng), decision: pick(rng, EVALUATION_DECISIONS), meetingId: id },
            host.key,
            t,
          ),
        )
        const goal = createGoals(host.doc).get(goalId)
        if (goal && goal.evaluations.length >= 2 + rng(3))
          edit(host, () => createGoals(host.doc).update(goalId, { status: pick(rng, ['behaald', 'deels', 'gestopt'] as const) }))
      }
      const goalsNow = Math.min(goalsLeft, Math.ceil(goalsLeft / (meetingsLeft + 1)))
      for (let i = 0; i < goalsNow; i++, goalsLeft--) {
        edit(host, () =>
          goalIds.push(
            meetings.noteLineToGoal(
              id,
              `- ${goalTitle(rng)}`,
              { domain: pick(rng, GOAL_DOMAINS), owner: pick(rng, [me, leerkracht.key, zorg.key]), targetDate: iso(t + 90 * DAY) },
              host.key,
              t,
            ),
          ),
        )
        edit(host, () =>
          createGoals(host.doc)
            .text(goalIds.at(-1)!, 'description')
            .insert(0, `${sentence(rng)} ${sentence(rng)}`),
        )
      }
      const actionsNow = Math.min(actionsLeft, Math.ceil(actionsLeft / (meetingsLeft + 1)))
      const open = openGoals()
      for (let i = 0; i < actionsNow; i++, actionsLeft--) {
        edit(host, () =>
          meetings.noteLineToAction(
            id,
            `- ${actionWhat(rng)}`,
            {
              who: pick(rng, ['ouders', 'leerkracht', "IB'er", 'wijkteam']),
              when: pick(rng, WHENS),
              goalId: open.length ? pick(rng, open) : '',
              fundedBy: pick(rng, ['onderwijs', 'Jeugdwet', 'gezamenlijk'] as const),
            },
            host.key,
            t,
          ),
        )
      }
      for (let i = 0; i < 2; i++) edit(host, () => meetings.addDecision(id, sentence(rng), host.key, t))
      edit(host, () => meetings.update(id, { nextDate: iso(t + 42 * DAY) }))
    }
    syncAll() // everyone's device is online at some point in the week
  }
  syncAll()
  // Whether the last compaction came just before the end is chance (here anywhere from 0 to 499
  // records since). The benchmark takes the costly end: the last weeks' notes from everyone, up
  // to `tailRecords` records on top of the last snapshot, as a device opens it just before the
  // next compaction.
  const recordsSinceSnapshot = () => {
    let n = 0
    for (const { blob } of liveBlobs(session.envelope)) if (blob.kind === 'update') n += 1
    return n
  }
  for (let round = 0; recordsSinceSnapshot() < size.tailRecords && round < 300; round++) {
    const t = start + (size.weeks + round / 7) * 7 * DAY
    for (const [a, context] of [
      [leerkracht, 'school'],
      [ouder, 'thuis'],
      [zorg, 'zorg'],
      [ib, 'school'],
    ] as const) {
      edit(a, () => createObservations(a.doc).add({ date: iso(t), text: observationText(rng), context }, a.key, t))
    }
    syncAll()
  }
  hubLog.unobserve(countSnapshots)
  for (const p of peers) p.stop()
  session.flush()
  // a refused record would leave a different plan than the one written, and measure that
  const refused = session.quarantined()
  if (refused.length > 0) throw new Error(`bench: the device under test refused ${refused.length} records, first: ${refused[0]!.reason}`)

  const liveByKind: Record<string, number> = {}
  const authors = new Set<string>()
  for (const { blob } of liveBlobs(session.envelope)) {
    liveByKind[blob.kind] = (liveByKind[blob.kind] ?? 0) + 1
    if (blob.kind === 'update' || blob.kind === 'snapshot') authors.add(toHex(blob.author))
  }
  return {
    blobsWritten: written,
    byAuthor,
    liveByKind,
    liveAuthors: authors.size,
    snapshotsWritten,
    generateMs: Math.round(performance.now() - started),
  }
}
