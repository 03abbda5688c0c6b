import { Show, createSignal, onCleanup } from 'solid-js'
import type { SectionsModel } from '../sections/model'
import { tEditor } from '../i18n/editor'
import { isMac } from './platform'
import './editor.css'

/** inputs one types in, which have the browser's own undo; a checkbox or radio has none */
const TYPED_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week'])

/** Where the browser's or an editor's own undo applies: the plan-level shortcut stays out. */
export function inTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target.closest('textarea, [contenteditable="true"], .ql-editor') !== null) return true
  return target instanceof HTMLInputElement && TYPED_INPUTS.has(target.type)
}

/**
 * "Ongedaan maken" / "Opnieuw" for the plan's structured edits (goals, afspraken, observations,
 * meetings), one's own only. Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y do the same when the focus
 * is not in a text: inside a text field or editor they undo that text instead.
 */
export function UndoButtons(props: { model: SectionsModel }) {
  const undo = props.model.undo
  const [state, setState] = createSignal(undo.state())
  const [message, setMessage] = createSignal('')
  onCleanup(undo.onChange(setState))

  const doUndo = () => setMessage(undo.undo() ? tEditor('undo.done') : tEditor('undo.nothing'))
  const doRedo = () => {
    if (undo.redo()) setMessage(tEditor('undo.redone'))
  }
  // aria-disabled, not disabled: the button keeps the focus after its last undo

  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || inTextEntry(e.target)) return
    if (!props.model.canContribute()) return
    const key = e.key.toLowerCase()
    if (key === 'z' && !e.shiftKey) doUndo()
    else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)) doRedo()
    else return
    e.preventDefault()
  }
  document.addEventListener('keydown', onKeyDown)
  onCleanup(() => document.removeEventListener('keydown', onKeyDown))

  const mod = isMac() ? '⌘' : 'Ctrl'
  return (
    <Show when={props.model.canContribute()}>
      <div class="sp-undo" role="group" aria-label={tEditor('undo.group')}>
        <button
          type="button"
          class="button button--secondary button--small"
          data-undo="undo"
          aria-disabled={!state().canUndo}
          aria-keyshortcuts={isMac() ? 'Meta+Z' : 'Control+Z'}
          title={`${tEditor('undo.hint')} (${mod}+Z)`}
          onClick={doUndo}
        >
          {tEditor('undo.undo')}
        </button>
        <button
          type="button"
          class="button button--secondary button--small"
          data-undo="redo"
          aria-disabled={!state().canRedo}
          aria-keyshortcuts={isMac() ? 'Meta+Shift+Z' : 'Control+Shift+Z Control+Y'}
          title={`${mod}+Shift+Z`}
          onClick={doRedo}
        >
          {tEditor('undo.redo')}
        </button>
        <p class="sp-undo__message" role="status" aria-live="polite">
          {message()}
        </p>
      </div>
    </Show>
  )
}
