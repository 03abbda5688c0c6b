/**
 * Quill 2 (core only: plain paragraphs, no toolbar) bound to a Y.Text with y-quill, with remote
 * cursors and names from presence. Loaded lazily with the plan view.
 */
import Quill from 'quill/core'
import * as quillCursorsModule from 'quill-cursors/core'
import { QuillBinding } from 'y-quill'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
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
Quill.register('modules/cursors', unwrapDefault(quillCursorsModule), true)

export interface CollaborativeEditor {
  quill: Quill
  setReadOnly(readOnly: boolean): void
  setLabel(label: string, placeholder: string): void
  focus(): void
  destroy(): void
}

export function createEditor(host: HTMLElement, options: { text: Y.Text; awareness: Awareness; readOnly: boolean; label: string; placeholder: string }): CollaborativeEditor {
  const quill = new Quill(host, {
    formats: [], // plain paragraphs for now: pasted formatting is dropped
    placeholder: options.placeholder,
    readOnly: options.readOnly,
    modules: {
      cursors: { transformOnTextChange: true, hideDelayMs: 3000, hideSpeedMs: 300 },
      history: { userOnly: true }, // undo only one's own edits, never a colleague's
      keyboard: {
        bindings: {
          // Tab moves focus out of the editor (no keyboard trap); nothing here needs a tab character
          tab: false,
          indent: false,
          outdent: false,
        },
      },
    },
  })
  const root = quill.root
  root.setAttribute('role', 'textbox')
  root.setAttribute('aria-multiline', 'true')
  const binding = new QuillBinding(options.text, quill, options.awareness)

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
    setReadOnly,
    setLabel,
    focus: () => quill.focus(),
    destroy: () => binding.destroy(),
  }
}
