/**
 * Undo and redo of one's own changes, never a colleague's.
 *
 * Two kinds of manager, which never track the same transaction, so one Ctrl+Z never undoes a
 * change twice:
 * - `createPlanUndo(doc)`: the plan's structured edits (goals, afspraken, observations, meetings,
 *   … through the src/plan accessors). Those run in `doc.transact()` without an origin (`null`),
 *   and only those are tracked. Remote records arrive with the bridge's REMOTE_ORIGIN and a
 *   collaborative editor writes with its binding as origin: neither is `null`, so neither is
 *   undone here.
 * - `createTextUndo(text, origin)`: one collaborative text, tracking only what its own editor
 *   binding wrote (the editor's typing and formatting).
 *
 * Yjs' UndoManager reverts only the items a tracked transaction inserted or deleted, so a
 * colleague's concurrent change stays, on every device.
 *
 * A signed act (an instemming, a consent given or withdrawn) is never an undo step: it is written
 * under SIGNED_ACT_ORIGIN, which no manager tracks, in roots no manager captures, and it clears
 * the plan-level stack: undoing an edit from before it would change what was signed. It is
 * withdrawn only by its own action, with a confirmation.
 */
import * as Y from 'yjs'
import { CONSENTS } from './consent'
import { INSTEMMING } from './instemming'
import { VASTSTELLING } from './vaststelling'
import { TEAM } from './team'

/** The origin a signed act is written under (src/access/session/instemming.ts, consent.ts). */
export const SIGNED_ACT_ORIGIN = 'samenplan:signed-act'

/** Edits within this window are one undo step: a burst of typing or a form's several fields. */
export const UNDO_CAPTURE_MS = 500

export interface UndoState {
  canUndo: boolean
  canRedo: boolean
}

export interface Undo {
  /** reverts the newest own step; false when there was none */
  undo(): boolean
  redo(): boolean
  state(): UndoState
  /** the next change starts a new step, even within the capture window */
  stopCapturing(): void
  /** fires whenever canUndo or canRedo may have changed */
  onChange(listener: (state: UndoState) => void): () => void
  destroy(): void
  /** the Yjs manager, for stack metadata (e.g. an editor's selection) */
  readonly manager: Y.UndoManager
}

/**
 * A colleague's change between two of mine ends my current step: otherwise typing, a remote
 * sentence, and typing again within the capture window would be one step, and undo would take
 * back more than my last words.
 */
function splitStepsAtOthersChanges(manager: Y.UndoManager, doc: Y.Doc): () => void {
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin !== manager && !manager.trackedOrigins.has(tr.origin) && tr.changed.size > 0) manager.stopCapturing()
  }
  doc.on('afterTransaction', onTransaction)
  return () => doc.off('afterTransaction', onTransaction)
}

function wrap(manager: Y.UndoManager, doc: Y.Doc): Undo {
  const stopSplitting = splitStepsAtOthersChanges(manager, doc)
  const listeners = new Set<(state: UndoState) => void>()
  const state = (): UndoState => ({ canUndo: manager.canUndo(), canRedo: manager.canRedo() })
  const notify = () => {
    const s = state()
    for (const l of listeners) l(s)
  }
  manager.on('stack-item-added', notify)
  manager.on('stack-item-popped', notify)
  manager.on('stack-cleared', notify)
  return {
    undo: () => manager.undo() !== null,
    redo: () => manager.redo() !== null,
    state,
    stopCapturing: () => manager.stopCapturing(),
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy() {
      stopSplitting()
      listeners.clear()
      manager.destroy()
    },
    manager,
  }
}

/**
 * Who is on the plan is not an edit to take back with Ctrl+Z: an invite writes a team entry that
 * the invitee fills in later, and undoing its creation would delete the invitee's part too. The
 * team view has its own, confirmed, actions. Nor is a signed act (see the top): the instemming,
 * vaststelling and consent views have their own.
 */
export const NOT_UNDOABLE_ROOTS = [TEAM, INSTEMMING, CONSENTS, VASTSTELLING] as const

/** A signed act ends what the plan-level manager may take back: the steps before it were signed. */
function clearAtSignedActs(manager: Y.UndoManager, doc: Y.Doc): () => void {
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === SIGNED_ACT_ORIGIN && tr.changed.size > 0) manager.clear()
  }
  doc.on('afterTransaction', onTransaction)
  return () => doc.off('afterTransaction', onTransaction)
}

/**
 * The plan-level manager: every root type of the plan doc, including texts made later (a new
 * goal's title), local transactions without an origin only, none touching NOT_UNDOABLE_ROOTS.
 * Create it after any migration so the migration is not an undo step.
 */
export function createPlanUndo(doc: Y.Doc, options: { captureTimeout?: number } = {}): Undo {
  const excluded = NOT_UNDOABLE_ROOTS.map((name) => doc.getArray(name))
  const manager = new Y.UndoManager(doc, {
    trackedOrigins: new Set([null]),
    captureTimeout: options.captureTimeout ?? UNDO_CAPTURE_MS,
    // A transaction that changed nothing is no step: Yjs would stack an empty one for a doc-wide
    // manager, and undo stayed enabled with nothing to undo (issue 14). changedParentTypes holds
    // every type up to the root that saw a change, nested ones included.
    captureTransaction: (tr) => tr.changed.size > 0 && !excluded.some((root) => tr.changedParentTypes.has(root)),
  })
  const stopClearing = clearAtSignedActs(manager, doc)
  const undo = wrap(manager, doc)
  return {
    ...undo,
    destroy() {
      stopClearing()
      undo.destroy()
    },
  }
}

/** One collaborative text's manager: only what `origin` (its editor binding) wrote. */
export function createTextUndo(text: Y.Text, origin: unknown, options: { captureTimeout?: number } = {}): Undo {
  return wrap(new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: options.captureTimeout ?? UNDO_CAPTURE_MS }), text.doc!)
}
