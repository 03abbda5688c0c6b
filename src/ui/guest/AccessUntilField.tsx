import { For, Show } from 'solid-js'
import { tGuest } from '../i18n/guest'
import { ACCESS_CHOICES, type AccessChoice } from './accessChoice'
import './guest.css'

/** "Toegang" for an invite: no end, the end of today, a week, or a chosen date and time (R13). */
export function AccessUntilField(props: {
  choice: AccessChoice
  onChoice: (c: AccessChoice) => void
  custom: string
  onCustom: (value: string) => void
  error: string | null
}) {
  return (
    <div class="field guest-access">
      <label for="invite-access" class="field__label">
        {tGuest('guest.access')}
      </label>
      <p id="invite-access-hint" class="field__hint">
        {tGuest('guest.access.hint')}
      </p>
      <select
        id="invite-access"
        class="input select"
        aria-describedby="invite-access-hint"
        onChange={(e) => props.onChoice(e.currentTarget.value as AccessChoice)}
      >
        <For each={ACCESS_CHOICES}>
          {(c) => (
            <option value={c} selected={props.choice === c}>
              {tGuest(`guest.access.${c}` as const)}
            </option>
          )}
        </For>
      </select>
      <Show when={props.choice === 'custom'}>
        <label for="invite-access-until" class="field__label guest-access__until">
          {tGuest('guest.access.until')}
        </label>
        <input
          autocomplete="off"
          id="invite-access-until"
          type="datetime-local"
          class="input"
          value={props.custom}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? 'invite-access-error' : undefined}
          onInput={(e) => props.onCustom(e.currentTarget.value)}
        />
        <Show when={props.error}>
          <p id="invite-access-error" class="field__error" role="alert">
            {props.error}
          </p>
        </Show>
      </Show>
      <Show when={props.choice !== 'none'}>
        <p class="field__hint">{tGuest('guest.access.inviteNote')}</p>
      </Show>
    </div>
  )
}
