import { Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { t } from '../i18n'
import type { CollaborativeEditor } from './quillEditor'

export interface VoiceEditorProps {
  id: string
  text: Y.Text
  awareness: Awareness
  readOnly: boolean
  /** visible label, e.g. "Zorgen" */
  label: string
  /** full accessible name, e.g. "Zorgen – Kind" (starts with the visible label) */
  ariaLabel: string
}

export function VoiceEditor(props: VoiceEditorProps) {
  let host!: HTMLDivElement
  const [editor, setEditor] = createSignal<CollaborativeEditor | null>(null)
  let disposed = false

  onMount(async () => {
    const { createEditor } = await import('./quillEditor')
    if (disposed) return
    setEditor(
      createEditor(host, {
        text: props.text,
        awareness: props.awareness,
        readOnly: props.readOnly,
        label: props.ariaLabel,
        placeholder: props.readOnly ? '' : t('voices.placeholder'),
      }),
    )
  })

  createEffect(() => editor()?.setReadOnly(props.readOnly))
  createEffect(() => editor()?.setLabel(props.ariaLabel, props.readOnly ? '' : t('voices.placeholder')))

  onCleanup(() => {
    disposed = true
    editor()?.destroy()
  })

  return (
    <div class="voice-field" data-field={props.id}>
      <div class="field__label voice-field__label" id={`${props.id}-label`} onClick={() => editor()?.focus()}>
        {props.label}
      </div>
      <div class="voice-field__editor" classList={{ 'voice-field__editor--readonly': props.readOnly }}>
        <Show when={!editor()}>
          <p class="muted voice-field__loading">{t('voices.editorLoading')}</p>
        </Show>
        <div ref={host} class="voice-field__host" data-testid={props.id} />
      </div>
    </div>
  )
}
