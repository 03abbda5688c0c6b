/**
 * Quill 2 bound to a Y.Text with y-quill, with remote cursors and names from presence. Loaded
 * lazily with the plan view.
 *
 * Plain editors keep plain paragraphs (pasted formatting is dropped). Rich editors allow a small
 * set of formats — heading, bulleted and numbered lists, bold, italic — stored by y-quill as
 * Y.Text formatting attributes, so they reach every device like the text itself.
 *
 * Undo: Quill's own history is replaced by one that delegates to a Y.UndoManager scoped to this
 * text and tracking only this editor's binding, so Ctrl+Z undoes one's own typing and formatting
 * and never a colleague's (their changes arrive through the binding's observer, not as its own).
 */
import Quill from 'quill/core'
import History from 'quill/modules/history'
import Bold from 'quill/formats/bold'
import Italic from 'quill/formats/italic'
import Header from 'quill/formats/header'
import ListItem from 'quill/formats/list'
import * as quillCursorsModule from 'quill-cursors/core'
import { QuillBinding } from 'y-quill'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { createTextUndo, type Undo } from '../../plan/undo'
import { HEADING_LEVEL, NONE_ACTIVE, SHORTCUTS, type ActiveTools, type Tool } from './editorTools'
import 'quill/dist/quill.core.css'
import 'quill-cursors/css'

// quill-cursors ships a webpack UMD bundle: depending on the bundler's CommonJS interop the class
// arrives as the default export or one level deeper
type CursorsClass = typeof import('quill-cursors/core').default
function unwrapDefault(mod: unknown): CursorsClass {
  let value = mod as { default?: unknown }
  while (typeof value !== 'function' && value && 'default' in value) value = value.default as { default?: unknown }
  return value as unknown as CursorsClass
}

type DeltaOps = { ops: Array<{ insert?: unknown; delete?: number; retain?: unknown; attributes?: unknown }> }

/** Where a change ends (after the last insert, at the last delete or format), or null for none. */
function changeEnd(delta: DeltaOps): number | null {
  let index = 0
  let end: number | null = null
  for (const op of delta.ops) {
    if (typeof op.retain === 'number') {
      index += op.retain
      if (op.attributes) end = index
    } else if (op.insert !== undefined) {
      index += typeof op.insert === 'string' ? op.insert.length : 1
      end = index
    } else if (op.delete !== undefined) end = index
  }
  return end
}

/** Quill's history module, with the stack kept by a Y.UndoManager instead (see the top). */
class SharedHistory extends History {
  target: Undo | null = null
  override record(): void {}
  override transform(): void {}
  override undo(): void {
    this.cursorToChange(() => this.target?.undo())
  }
  override redo(): void {
    this.cursorToChange(() => this.target?.redo())
  }
  /** as in any editor, the cursor goes to where the undone (or redone) change was */
  private cursorToChange(step: () => void): void {
    let at: number | null = null
    // the binding applies the step to Quill synchronously, inside the Yjs transaction
    const onChange = (delta: DeltaOps) => {
      at = changeEnd(delta) ?? at
    }
    this.quill.on('text-change', onChange)
    try {
      step()
    } finally {
      this.quill.off('text-change', onChange)
    }
    if (at !== null && this.quill.hasFocus()) this.quill.setSelection(Math.min(at, this.quill.getLength() - 1), 0, 'user')
  }
  override cutoff(): void {
    this.target?.stopCapturing()
  }
  override clear(): void {}
}

Quill.register(
  {
    'modules/cursors': unwrapDefault(quillCursorsModule),
    'modules/history': SharedHistory,
    'formats/bold': Bold,
    'formats/italic': Italic,
    'formats/header': Header,
    'formats/list': ListItem,
  },
  true,
)

/** The Quill formats a rich editor allows; anything else pasted in is dropped. */
const RICH_FORMATS = ['header', 'list', 'bold', 'italic']
export interface CollaborativeEditor {
  quill: Quill
  /** this text's own undo (one's own typing and formatting only) */
  undo: Undo
  setReadOnly(readOnly: boolean): void
  setLabel(label: string, placeholder: string): void
  focus(): void
  /** the formats at the cursor (or the last cursor, when focus is in the toolbar) */
  activeTools(): ActiveTools
  /** turns a format on or off at the cursor or selection; puts focus back in the text */
  toggle(tool: Tool): void
  /** fires when the formats at the cursor may have changed */
  onActiveTools(listener: (active: ActiveTools) => void): () => void
  destroy(): void
}

export function createEditor(
  host: HTMLElement,
  options: { text: Y.Text; awareness: Awareness; readOnly: boolean; label: string; placeholder: string; rich?: boolean; maxLength?: number },
): CollaborativeEditor {
  const rich = options.rich === true
  let undoRef: Undo | null = null
  const quill = new Quill(host, {
    formats: rich ? RICH_FORMATS : [],
    placeholder: options.placeholder,
    readOnly: options.readOnly,
    modules: {
      cursors: { transformOnTextChange: true, hideDelayMs: 3000, hideSpeedMs: 300 },
      keyboard: {
        bindings: {
          // Tab moves focus out of the editor (no keyboard trap); nothing here needs a tab character
          tab: false,
          indent: false,
          outdent: false,
          // Quill binds Ctrl+Y to redo on Windows only; the plan's buttons say Ctrl+Y everywhere
          redoY: { key: 'y', shortKey: true, handler: () => void undoRef?.redo() },
        },
      },
    },
  })
  const root = quill.root
  root.setAttribute('role', 'textbox')
  root.setAttribute('aria-multiline', 'true')
  const binding = new QuillBinding(options.text, quill, options.awareness)
  const undo = createTextUndo(options.text, binding)
  undoRef = undo
  ;(quill.getModule('history') as SharedHistory).target = undo

  // a title's limit (src/plan/limits.ts): what one types or pastes past it is taken back at once,
  // before it reaches the others; a longer text from someone else is left alone (readers clip it)
  const max = options.maxLength
  if (max !== undefined) {
    quill.on('text-change', (_delta: unknown, _old: unknown, source: string) => {
      if (source !== 'user') return
      const excess = quill.getLength() - 1 - max // Quill's text always ends in one newline
      if (excess <= 0) return
      const end = quill.getSelection()?.index ?? quill.getLength() - 1
      const from = Math.max(0, end - excess)
      quill.deleteText(from, Math.min(excess, end - from), 'user')
      if (quill.getLength() - 1 > max) quill.deleteText(max, quill.getLength() - 1 - max, 'user')
    })
  }

  // focus moves to a toolbar button: remember where the cursor was
  let lastRange: { index: number; length: number } | null = null
  const activeTools = (): ActiveTools => {
    if (!rich) return NONE_ACTIVE
    const range = quill.getSelection() ?? lastRange
    if (!range) return NONE_ACTIVE
    const f = quill.getFormat(range.index, range.length)
    return { heading: f.header === HEADING_LEVEL, bullet: f.list === 'bullet', ordered: f.list === 'ordered', bold: f.bold === true, italic: f.italic === true }
  }
  const listeners = new Set<(active: ActiveTools) => void>()
  const notify = () => {
    const a = activeTools()
    for (const l of listeners) l(a)
  }
  quill.on('editor-change', (event: string, range: unknown) => {
    if (event === 'selection-change' && range) lastRange = range as { index: number; length: number }
    notify()
  })
  // a format on a collapsed cursor (Ctrl+B before typing) fires no Quill event
  root.addEventListener('keyup', notify)

  const toggle = (tool: Tool) => {
    if (!rich || !quill.isEnabled()) return
    const a = activeTools()
    if (lastRange && !quill.hasFocus()) quill.setSelection(lastRange, 'silent')
    if (tool === 'heading') quill.format('header', a.heading ? false : HEADING_LEVEL, 'user')
    else if (tool === 'bullet') quill.format('list', a.bullet ? false : 'bullet', 'user')
    else if (tool === 'ordered') quill.format('list', a.ordered ? false : 'ordered', 'user')
    else quill.format(tool, !a[tool], 'user')
    notify()
  }

  const onShortcut = (e: KeyboardEvent) => {
    // AltGr reports as Ctrl+Alt on Windows: AltGr+2 types '@' or '²' on some layouts, never a heading
    if (!rich || !(e.ctrlKey || e.metaKey) || e.getModifierState('AltGraph')) return
    const s = SHORTCUTS.find((x) => x.code === e.code && x.shift === e.shiftKey && x.alt === e.altKey)
    if (!s) return
    e.preventDefault()
    toggle(s.tool)
  }
  root.addEventListener('keydown', onShortcut)

  const setReadOnly = (readOnly: boolean) => {
    quill.enable(!readOnly)
    if (readOnly) {
      root.setAttribute('aria-readonly', 'true')
      root.setAttribute('tabindex', '0') // still reachable to read
    } else {
      root.removeAttribute('aria-readonly')
      root.removeAttribute('tabindex')
    }
  }
  const setLabel = (label: string, placeholder: string) => {
    root.setAttribute('aria-label', label)
    root.setAttribute('data-placeholder', placeholder)
  }
  setReadOnly(options.readOnly)
  setLabel(options.label, options.placeholder)

  return {
    quill,
    undo,
    setReadOnly,
    setLabel,
    focus: () => quill.focus(),
    activeTools,
    toggle,
    onActiveTools(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy: () => {
      listeners.clear()
      root.removeEventListener('keyup', notify)
      root.removeEventListener('keydown', onShortcut)
      undo.destroy()
      binding.destroy()
    },
  }
}
