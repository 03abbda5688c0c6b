import { Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { CollaborativeEditor } from './quillEditor'
import { EditorToolbar } from './EditorToolbar'
import { t } from '../i18n'
import '../sections/sections.css'
import './editor.css'

export interface CollabEditorProps {
  id: string
  text: Y.Text
  awareness: Awareness
  readOnly: boolean
  /** visible label */
  label: string
  /** accessible name; starts with the visible label */
  ariaLabel?: string
  placeholder: string
  /** a title: Enter does not start a new line */
  singleLine?: boolean
  /** a limit in characters (src/plan/limits.ts): typing and pasting stop there */
  maxLength?: number
  /** height; none: the voices' default */
  size?: 'line' | 'small' | 'large'
  /** a long text: headings, lists, bold and italic, with a toolbar (none when read-only) */
  rich?: boolean
  onReady?: (editor: CollaborativeEditor) => void
}

/**
 * A collaborative text field (Quill + y-quill, remote cursors and names from presence): the
 * voices, goal texts and meeting notes all use it.
 */
export function CollabEditor(props: CollabEditorProps) {
  let host!: HTMLDivElement
  const [editor, setEditor] = createSignal<CollaborativeEditor | null>(null)
  let disposed = false
  const name = () => props.ariaLabel ?? props.label
  const placeholder = () => (props.readOnly ? '' : props.placeholder)

  const blockEnter = (e: KeyboardEvent) => {
    // captured on the host before Quill sees it: a title stays one line
    if (props.singleLine && e.key === 'Enter') {
      e.preventDefault()
      e.stopPropagation()
    }
  }

  const [loadFailed, setLoadFailed] = createSignal(false)
  const start = async () => {
    host.addEventListener('keydown', blockEnter, true)
    const { createEditor } = await import('./quillEditor')
    if (disposed) return
    const e = createEditor(host, {
      text: props.text,
      awareness: props.awareness,
      readOnly: props.readOnly,
      label: name(),
      placeholder: placeholder(),
      rich: props.rich === true,
      maxLength: props.maxLength,
    })
    setEditor(e)
    props.onReady?.(e)
  }
  // the editor's code is a chunk of its own: if it cannot load (an old cache, a full disk), say so
  onMount(() => void start().catch(() => setLoadFailed(true)))

  createEffect(() => editor()?.setReadOnly(props.readOnly))
  createEffect(() => editor()?.setLabel(name(), placeholder()))

  onCleanup(() => {
    disposed = true
    editor()?.destroy()
  })

  return (
    <div class="voice-field sp-editor" data-field={props.id}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: the editor itself is in the tab order and named by this label; a click on the label is the mouse's shortcut to it, as a <label> would be */}
      <div class="field__label voice-field__label" id={`${props.id}-label`} onClick={() => editor()?.focus()}>
        {props.label}
      </div>
      <div class="voice-field__editor" classList={{ 'voice-field__editor--readonly': props.readOnly }}>
        <Show when={!editor()}>
          <p class="muted voice-field__loading" role={loadFailed() ? 'alert' : undefined}>
            {loadFailed() ? t('voices.editorFailed') : t('voices.editorLoading')}
          </p>
        </Show>
        <Show when={props.rich && !props.readOnly && editor()}>{(e) => <EditorToolbar editor={e()} field={name()} controls={`${props.id}-host`} />}</Show>
        <div
          ref={host}
          id={`${props.id}-host`}
          class={props.size ? `voice-field__host sp-editor--${props.size}` : 'voice-field__host'}
          classList={{ 'sp-editor--rich': props.rich === true }}
          data-testid={props.id}
        />
      </div>
    </div>
  )
}
