import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { REMOTE_ORIGIN } from '../../src/sync/bridge'
import {
  createConsents,
  createGoals,
  createInstemming,
  createObservations,
  createPlanUndo,
  createTeam,
  createTextUndo,
  createVoices,
  SIGNED_ACT_ORIGIN,
} from '../../src/plan'

const ALICE = 'a'.repeat(64)
const BOB = 'b'.repeat(64)

/**
 * Two devices: each local update reaches the other as the bridge delivers it, with REMOTE_ORIGIN.
 * While `offline`, updates queue (concurrent edits); `deliver()` sends them.
 */
function pair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  let offline = false
  const queue: Array<() => void> = []
  const forward = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE_ORIGIN) return
    const send = () => Y.applyUpdate(to, update, REMOTE_ORIGIN)
    if (offline) queue.push(send)
    else send()
  }
  a.on('update', forward(b))
  b.on('update', forward(a))
  return {
    a,
    b,
    goOffline: () => void (offline = true),
    deliver() {
      offline = false
      for (const send of queue.splice(0)) send()
    },
  }
}

/** stands in for a y-quill binding: the origin an editor writes with */
const editorBinding = { name: 'binding' }

describe('plan-level undo', () => {
  it("undoes my new goal on both devices and leaves the colleague's goal", () => {
    const { a, b } = pair()
    const undoA = createPlanUndo(a)
    const mine = createGoals(a).add({ title: 'Lezen', domain: 'leren' }, ALICE)
    const theirs = createGoals(b).add({ title: 'Rekenen', domain: 'leren' }, BOB)
    expect(
      createGoals(a)
        .list()
        .map((g) => g.id)
        .sort(),
    ).toEqual([mine, theirs].sort())
    expect(undoA.state()).toEqual({ canUndo: true, canRedo: false })

    expect(undoA.undo()).toBe(true)
    for (const doc of [a, b]) {
      expect(
        createGoals(doc)
          .list()
          .map((g) => g.id),
      ).toEqual([theirs])
      expect(createGoals(doc).get(theirs)?.title).toBe('Rekenen')
    }
    expect(undoA.undo()).toBe(false) // the colleague's goal is never on my stack

    expect(undoA.redo()).toBe(true)
    for (const doc of [a, b]) expect(createGoals(doc).get(mine)?.title).toBe('Lezen')
  })

  it('undoes only my observation when both wrote one at the same time (offline, then synced)', () => {
    const net = pair()
    const undoA = createPlanUndo(net.a)
    const undoB = createPlanUndo(net.b)
    net.goOffline()
    const mine = createObservations(net.a).add({ date: '2024-10-01', text: 'Thuis goed geslapen', context: 'thuis' }, ALICE)
    const theirs = createObservations(net.b).add({ date: '2024-10-01', text: 'Op school rustig', context: 'school' }, BOB)
    net.deliver()
    expect(createObservations(net.a).list()).toHaveLength(2)

    undoA.undo()
    for (const doc of [net.a, net.b])
      expect(
        createObservations(doc)
          .list()
          .map((o) => o.id),
      ).toEqual([theirs])
    expect(undoB.state().canUndo).toBe(true) // B's own step is still B's to undo
    undoB.undo()
    for (const doc of [net.a, net.b]) expect(createObservations(doc).list()).toEqual([])
    undoA.redo()
    for (const doc of [net.a, net.b])
      expect(
        createObservations(doc)
          .list()
          .map((o) => o.id),
      ).toEqual([mine])
  })

  it("reverts my field change but keeps a colleague's later change to another field of the same goal", () => {
    const { a, b } = pair()
    const id = createGoals(a).add({ title: 'Lezen', domain: 'leren' }, ALICE)
    const undoA = createPlanUndo(a)
    createGoals(a).update(id, { status: 'deels' })
    createGoals(b).update(id, { domain: 'communicatie' })
    undoA.undo()
    for (const doc of [a, b]) expect(createGoals(doc).get(id)).toMatchObject({ status: 'open', domain: 'communicatie' })
  })

  it("leaves the team alone: an invite's entry that the invitee fills in is not undone with Ctrl+Z", () => {
    const { a, b } = pair()
    const undoA = createPlanUndo(a)
    const entry = createTeam(a).add({ memberKey: '', name: 'Bram (IB)', role: 'editor', organisation: '' }, ALICE)
    createTeam(b).update(entry, { memberKey: BOB })
    expect(undoA.state().canUndo).toBe(false)
    expect(undoA.undo()).toBe(false)
    for (const doc of [a, b]) expect(createTeam(doc).findByKey(BOB)?.name).toBe('Bram (IB)')
    // other sections in the same session stay undoable
    createGoals(a).add({ title: 'Lezen', domain: 'leren' }, ALICE)
    undoA.undo()
    expect(createGoals(b).list()).toEqual([])
    expect(createTeam(b).list()).toHaveLength(1)
  })

  it('groups edits within the capture window into one step, and starts a new one after stopCapturing', () => {
    const { a } = pair()
    const undoA = createPlanUndo(a, { captureTimeout: 60_000 })
    const goals = createGoals(a)
    const id = goals.add({ title: 'Lezen', domain: 'leren' }, ALICE)
    goals.update(id, { status: 'deels' })
    undoA.stopCapturing()
    goals.update(id, { owner: BOB })
    undoA.undo()
    expect(goals.get(id)).toMatchObject({ status: 'deels', owner: '' })
    undoA.undo()
    expect(goals.list()).toEqual([])
  })

  it('does not track what a text editor writes, nor a remote change: the two managers never undo the same edit', () => {
    const { a, b } = pair()
    const textA = createVoices(a).text('kind', 'zorgen')
    const planUndo = createPlanUndo(a)
    const textUndo = createTextUndo(textA, editorBinding)
    a.transact(() => textA.insert(0, 'Ik ben moe. '), editorBinding)
    createVoices(b).text('kind', 'zorgen').insert(0, 'Bob: ')
    expect(planUndo.state().canUndo).toBe(false)
    expect(textUndo.state().canUndo).toBe(true)
    createGoals(a).add({ title: 'Lezen', domain: 'leren' }, ALICE)
    expect(planUndo.state().canUndo).toBe(true)
    planUndo.undo()
    expect(textA.toString()).toBe('Bob: Ik ben moe. ')
    expect(createGoals(a).list()).toEqual([])
  })
})

describe('text undo', () => {
  it("undoes only my typing in a shared text; the colleague's typing stays on both devices", () => {
    const { a, b } = pair()
    const textA = createVoices(a).text('ouders', 'krachten')
    const textB = createVoices(b).text('ouders', 'krachten')
    const undoA = createTextUndo(textA, editorBinding)
    a.transact(() => textA.insert(0, 'Sam helpt graag.'), editorBinding)
    textB.insert(textB.length, ' Hij tekent mooi.')
    expect(textA.toString()).toBe('Sam helpt graag. Hij tekent mooi.')
    undoA.undo()
    for (const t of [textA, textB]) expect(t.toString()).toBe(' Hij tekent mooi.')
    undoA.redo()
    for (const t of [textA, textB]) expect(t.toString()).toBe('Sam helpt graag. Hij tekent mooi.')
  })

  it("a colleague's typing between two of mine ends my step: undo takes back only my last words (regression: both went)", () => {
    const { a, b } = pair()
    const textA = createVoices(a).text('kind', 'krachten')
    const textB = createVoices(b).text('kind', 'krachten')
    // a capture window longer than the whole exchange: only the colleague's change can split it
    const undoA = createTextUndo(textA, editorBinding, { captureTimeout: 60_000 })
    a.transact(() => textA.insert(0, 'Sam is lief.'), editorBinding)
    textB.insert(textB.length, ' Hij tekent graag.')
    a.transact(() => textA.insert(textA.length, ' Hij fietst.'), editorBinding)
    undoA.undo()
    for (const t of [textA, textB]) expect(t.toString()).toBe('Sam is lief. Hij tekent graag.')
    undoA.undo()
    for (const t of [textA, textB]) expect(t.toString()).toBe(' Hij tekent graag.')
  })

  it("a colleague's record between two of my form edits ends my plan-level step", () => {
    const { a, b } = pair()
    const undoA = createPlanUndo(a, { captureTimeout: 60_000 })
    const goals = createGoals(a)
    const first = goals.add({ title: 'Lezen', domain: 'leren' }, ALICE)
    createObservations(b).add({ date: '2026-12-01', context: 'thuis', text: 'Las een boek.' }, BOB)
    const second = goals.add({ title: 'Rekenen', domain: 'leren' }, ALICE)
    undoA.undo()
    expect(goals.list().map((g) => g.id)).toEqual([first])
    expect(goals.get(second)).toBeNull()
  })

  it('undoes my formatting (stored as Y.Text attributes) without touching the text', () => {
    const { a, b } = pair()
    const textA = createVoices(a).text('school', 'zorgen')
    a.transact(() => textA.insert(0, 'Belangrijk\n'), editorBinding)
    const undoA = createTextUndo(textA, editorBinding)
    a.transact(() => textA.format(0, 10, { bold: true }), editorBinding)
    const textB = createVoices(b).text('school', 'zorgen')
    expect(textB.toDelta()[0]).toEqual({ insert: 'Belangrijk', attributes: { bold: true } })
    undoA.undo()
    expect(textB.toDelta()).toEqual([{ insert: 'Belangrijk\n' }])
  })

  it("[issue 14] nothing of mine to undo: a fresh manager and a colleague's change leave undo and redo off", () => {
    const { a, b } = pair()
    const undoA = createPlanUndo(a)
    expect(undoA.state()).toEqual({ canUndo: false, canRedo: false })
    createGoals(b).add({ title: 'Rekenen', domain: 'leren' }, BOB)
    expect(undoA.state()).toEqual({ canUndo: false, canRedo: false })
    // a transaction of mine that changed nothing (regression: Yjs stacked an empty step)
    a.transact(() => {})
    expect(undoA.state()).toEqual({ canUndo: false, canRedo: false })
    createGoals(a).add({ title: 'Lezen', domain: 'leren' }, ALICE)
    expect(undoA.state()).toEqual({ canUndo: true, canRedo: false })
  })

  it('[issue 14] a signed instemming is never undone, and undo does not reach past it (regression: undo withdrew it)', () => {
    const { a, b } = pair()
    const undoA = createPlanUndo(a)
    const goal = createGoals(a).add({ title: 'Lezen', domain: 'leren' }, ALICE)
    const signed = { memberKey: ALICE, actionsHash: 'ab'.repeat(32), signedAt: 10, signature: 'cd'.repeat(64) }
    a.transact(() => createInstemming(a).append(signed), SIGNED_ACT_ORIGIN)
    // the goal was there when she signed: undoing it would change what was signed
    expect(undoA.state()).toEqual({ canUndo: false, canRedo: false })
    expect(undoA.undo()).toBe(false)
    for (const doc of [a, b]) {
      expect(createInstemming(doc).list()).toHaveLength(1)
      expect(createGoals(doc).get(goal)?.title).toBe('Lezen')
    }
    // edits after it are undoable again; the instemming stays
    const later = createGoals(a).add({ title: 'Rekenen', domain: 'leren' }, ALICE)
    expect(undoA.undo()).toBe(true)
    expect(createGoals(b).get(later)).toBeNull()
    expect(createInstemming(b).list()).toHaveLength(1)
  })

  it('[issue 14] signed roots are not undone even when written without the signed origin (an older caller)', () => {
    const { a, b } = pair()
    const undoA = createPlanUndo(a)
    createInstemming(a).append({ memberKey: ALICE, actionsHash: 'ab'.repeat(32), signedAt: 10, signature: 'cd'.repeat(64) })
    const details = {
      organisationId: 'ab'.repeat(32),
      organisationName: 'De Linde',
      purpose: 'Lezen',
      givenBy: ALICE,
      givenAt: 1,
      expiresAt: 2,
      salt: '01'.repeat(16),
      recordHash: 'ef'.repeat(32),
    }
    createConsents(a).add(details, ALICE, 1)
    expect(undoA.state().canUndo).toBe(false)
    expect(undoA.undo()).toBe(false)
    expect(createInstemming(b).list()).toHaveLength(1)
    expect(createConsents(b).list()).toHaveLength(1)
  })
})
