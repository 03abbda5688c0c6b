/**
 * R20 and retention: once the open plan is deleted from this device, its view goes too. What was
 * shown came from the closed session's memory; leaving it on screen would show a plan the person
 * was just told is gone. In its place: why it went (no content) and the way home.
 */
import { Show, createSignal, onCleanup, type JSX } from 'solid-js'
import { loadClient } from '../client'
import { t } from '../i18n'
import { erasedText } from '../sections/EraseBlock'

type ErasedNote = Parameters<typeof erasedText>[0]

export function UnlessErased(props: { planId: string; children: JSX.Element }) {
  const [erased, setErased] = createSignal<ErasedNote | null>(null)
  let stop = () => {}
  let gone = false
  onCleanup(() => {
    gone = true
    stop()
  })
  void loadClient().then((client) => {
    if (gone) return
    stop = client.onPlanErased((note) => {
      if (note.planId === props.planId) setErased(note)
    })
  })
  return (
    <Show when={erased()} keyed fallback={props.children}>
      {(note) => (
        <div class="notice notice--error" role="alert">
          <p>{erasedText(note)}</p>
          <p>
            <a href="#/">{t('plan.back')}</a>
          </p>
        </div>
      )}
    </Show>
  )
}
