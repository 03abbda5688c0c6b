import { For, createSignal, onCleanup } from 'solid-js'
import type { CollaborativeEditor } from './quillEditor'
import { TOOLS, shortcutOf, type ActiveTools, type Tool } from './editorTools'
import { tEditor, type EditorKey } from '../i18n/editor'
import './editor.css'

/**
 * What a button shows and is called: the accessible name starts with the visible word. The list
 * buttons' marks (• and 1.) are CSS decoration (editor.css), so they are not part of the text.
 */
const LOOK: Record<Tool, { visible: EditorKey; name: EditorKey }> = {
  heading: { visible: 'toolbar.heading', name: 'toolbar.heading' },
  bullet: { visible: 'toolbar.bullet.visible', name: 'toolbar.bullet' },
  ordered: { visible: 'toolbar.ordered.visible', name: 'toolbar.ordered' },
  bold: { visible: 'toolbar.bold', name: 'toolbar.bold' },
  italic: { visible: 'toolbar.italic', name: 'toolbar.italic' },
}

/**
 * The formatting toolbar of a rich editor: one Tab stop (roving tabindex), arrow keys, Home and
 * End between the buttons, Escape back to the text. Buttons say with aria-pressed whether the
 * format is on at the cursor. A mouse click keeps the focus in the text.
 */
export function EditorToolbar(props: {
  editor: CollaborativeEditor
  /** the field's accessible name */
  field: string
  /** id of the element the toolbar formats */
  controls: string
}) {
  const [active, setActive] = createSignal<ActiveTools>(props.editor.activeTools())
  onCleanup(props.editor.onActiveTools(setActive))
  const [current, setCurrent] = createSignal(0)
  const buttons: HTMLButtonElement[] = []

  const move = (to: number) => {
    const n = TOOLS.length
    const i = ((to % n) + n) % n
    setCurrent(i)
    buttons[i]?.focus()
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(current() + 1)
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(current() - 1)
    else if (e.key === 'Home') move(0)
    else if (e.key === 'End') move(TOOLS.length - 1)
    else if (e.key === 'Escape') props.editor.focus()
    else return
    e.preventDefault()
  }

  return (
    <div class="sp-toolbar" role="toolbar" aria-label={tEditor('toolbar.label', { field: props.field })} aria-controls={props.controls} onKeyDown={onKeyDown}>
      <For each={TOOLS}>
        {(tool, i) => {
          const look = LOOK[tool]
          return (
            <button
              ref={(el) => (buttons[i()] = el)}
              type="button"
              class={`sp-toolbar__button sp-toolbar__button--${tool}`}
              data-tool={tool}
              tabindex={current() === i() ? 0 : -1}
              aria-pressed={active()[tool]}
              aria-label={look.name === look.visible ? undefined : tEditor(look.name)}
              aria-keyshortcuts={shortcutOf(tool).aria}
              title={tEditor('toolbar.shortcut', { label: tEditor(look.name), key: shortcutOf(tool).shown })}
              onFocus={() => setCurrent(i())}
              // a click must not take the focus (and the cursor) out of the text
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.editor.toggle(tool)}
            >
              <span class="sp-toolbar__word">{tEditor(look.visible)}</span>
            </button>
          )
        }}
      </For>
    </div>
  )
}
