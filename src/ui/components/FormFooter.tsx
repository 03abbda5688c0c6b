/**
 * The foot of every add/edit form: the form's error (one not tied to a field, announced when it
 * appears, shown as the NL Design System form field error message beside our own class), the
 * submit button, cancel, and, when `onRemove` is given, a remove that asks once more. A form that
 * waits on the network says so on its button, which cannot be pressed again meanwhile.
 */
import { Show, createSignal } from 'solid-js'
import { tPlan } from '../i18n/plan'

/** A form's general error, announced when it appears; focusable, so a failed submit can move focus to it (focusFirstError). */
export function FormError(props: { message: string | null | undefined }) {
  return (
    <Show when={props.message}>
      <p class="field__error utrecht-form-field-error-message form-error" role="alert" tabindex="-1">
        {props.message}
      </p>
    </Show>
  )
}

export function FormFooter(props: {
  error: string | null | undefined
  submitLabel: string
  /** while the form waits (closing, handing over, sharing): the button is disabled and says `busyLabel` */
  busy?: boolean
  busyLabel?: string
  /** a submit that cannot be undone in one step (closing a plan) */
  danger?: boolean
  /** without it the form has no cancel button (a form that is not in a dialog) */
  onCancel?: () => void
  /** "Annuleren" unless given */
  cancelLabel?: string
  onRemove?: () => void
  removeLabel?: string
}) {
  const [asking, setAsking] = createSignal(false)
  let removeButton: HTMLButtonElement | undefined
  const stopAsking = () => {
    setAsking(false)
    // back on the button that asked, not lost on the page
    queueMicrotask(() => removeButton?.focus())
  }
  return (
    <>
      <FormError message={props.error} />
      <div class="actions">
        <button type="submit" class={props.danger ? 'button button--danger' : 'button'} disabled={props.busy}>
          {props.busy && props.busyLabel ? props.busyLabel : props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="button button--secondary" onClick={() => props.onCancel?.()}>
            {props.cancelLabel ?? tPlan('common.cancel')}
          </button>
        </Show>
        <Show when={props.onRemove && !asking()}>
          <button type="button" ref={removeButton} class="button button--secondary ps-remove" aria-label={props.removeLabel} onClick={() => setAsking(true)}>
            {tPlan('common.remove')}
          </button>
        </Show>
      </div>
      <Show when={asking()}>
        <div class="notice notice--warning ps-confirm" role="group" aria-labelledby="ps-confirm-text">
          <p id="ps-confirm-text">{tPlan('common.removeAsk')}</p>
          <div class="actions">
            <button
              type="button"
              class="button button--danger"
              data-autofocus
              ref={(el) => queueMicrotask(() => el.focus())}
              onClick={() => props.onRemove?.()}
            >
              {tPlan('common.removeConfirm')}
            </button>
            <button type="button" class="button button--secondary" onClick={stopAsking}>
              {tPlan('common.cancel')}
            </button>
          </div>
        </div>
      </Show>
    </>
  )
}
