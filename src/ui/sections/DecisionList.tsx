/** The decisions of a meeting as a list, each with a remove button for someone who edits the meeting. */
import { For, Show } from 'solid-js'
import type { Decision } from '../../plan'
import type { SectionsModel } from './model'

export function DecisionList(props: {
  model: SectionsModel
  meetingId: string
  decisions: readonly Decision[]
  /** the list's own class beside sp-list */
  class?: string
  /** the remove button's name, which says which decision it removes */
  removeLabel: (text: string) => string
}) {
  const m = props.model
  return (
    <ul class={props.class ? `sp-list ${props.class}` : 'sp-list'}>
      <For each={props.decisions}>
        {(d) => (
          <li class="sp-item sp-item__head">
            <span>{d.text}</span>
            <Show when={m.canEdit()}>
              <button
                type="button"
                class="button button--secondary button--small"
                aria-label={props.removeLabel(d.text)}
                onClick={() => m.meetings.removeDecision(props.meetingId, d.id)}
              >
                ×
              </button>
            </Show>
          </li>
        )}
      </For>
    </ul>
  )
}
